package scanner

// quotedPrintable adds the text of an email (or a saved web page) whose
// parts are quoted-printable, decoded as far as a secret needs: a line
// longer than 76 characters is broken with "=" at its end (a soft break,
// often inside a URL) and "=" itself is written =3D (a Google Chat URL's
// key=, an HTML attribute's href=). Soft breaks are dropped and =3D read
// as "=", which the escape itself starts with, so every byte of the
// decoded text is one of the file's; other escapes (non-ASCII text) are
// dropped. The pass runs when the search found the encoding's name.
func quotedPrintable(v *virtualText, text []byte, lits *literalHits) {
	if !lits.has(litQPLower) && !lits.has(litQPTitle) && !lits.has(litQPUpper) {
		return
	}
	var spans [][2]int
	start := 0
	for i := 0; i+1 < len(text); i++ {
		if text[i] != '=' {
			continue
		}
		switch {
		case text[i+1] == '\n':
			spans = append(spans, [2]int{start, i})
			start = i + 2
		case text[i+1] == '\r' && i+2 < len(text) && text[i+2] == '\n':
			spans = append(spans, [2]int{start, i})
			start = i + 3
		case i+2 < len(text) && text[i+1] == '3' && (text[i+2] == 'D' || text[i+2] == 'd'):
			spans = append(spans, [2]int{start, i + 1})
			start = i + 3
		case i+2 < len(text) && isHex(text[i+1]) && isHex(text[i+2]):
			spans = append(spans, [2]int{start, i})
			start = i + 3
		default:
			continue
		}
		i = start - 1
	}
	if len(spans) == 0 {
		return
	}
	spans = append(spans, [2]int{start, len(text)})
	v.addSpans(nil, "", text, spans)
}

// escapedPunctuation adds the text of a LaTeX or Markdown document read
// without the backslashes that escape punctuation: LaTeX must write
// whsec\_… and a query's \&, Markdown often writes \_ too, and the
// prefix or the URL is then not the provider's. The pass runs when the
// search found such an escape.
func escapedPunctuation(v *virtualText, text []byte, lits *literalHits) {
	if !lits.has(litEscUnderscore) && !lits.has(litEscAmpersand) {
		return
	}
	var spans [][2]int
	start := 0
	for i := 0; i+1 < len(text); i++ {
		if text[i] == '\\' && (text[i+1] == '_' || text[i+1] == '&' || text[i+1] == '%' || text[i+1] == '#') {
			spans = append(spans, [2]int{start, i})
			start = i + 1
			i++
		}
	}
	if len(spans) == 0 {
		return
	}
	spans = append(spans, [2]int{start, len(text)})
	v.addSpans(nil, "", text, spans)
}
