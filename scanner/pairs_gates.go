package scanner

import "bytes"

// The expressions of pairPass that read a whole text are slow on text they
// cannot match: a source file that says "define" in a comment or holds a
// """ in a string. Each runs only where the text holds what every one of
// its matches needs around a literal, which the functions below check
// without an expression.

// headerDirectives are the words pairHeaderDirective starts a line with.
var headerDirectives = []string{"proxy_set_header", "add_header", "fastcgi_param", "uwsgi_param", "grpc_set_header", "RequestHeader", "SetEnv", "http-request", "http-response"}

// lineLeaders says which of the words some line of text starts with,
// after blanks, that the expressions anchored at a line's start need.
// One walk over the line starts costs less than a search for each word.
type lineLeaders struct {
	// define: "#", blanks and "define" (pairDefine).
	define bool
	// directive: one of headerDirectives (pairHeaderDirective).
	directive bool
	// shellSet: "set" and a blank, "setenv", "setx" or "SETX" (pairShellSet).
	shellSet bool
}

func leadersOf(text []byte, lits *literalHits) lineLeaders {
	var l lineLeaders
	for _, p := range lits.at[litDefine] {
		if k := blanksBefore(text, p); k > 0 && text[k-1] == '#' && startsLine(text, k-1) {
			l.define = true
			break
		}
	}
	for _, p := range lits.at[litSet] {
		if rest := text[p+3:]; startsLine(text, p) &&
			(bytes.HasPrefix(rest, []byte("env")) || len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t' || rest[0] == 'x')) {
			l.shellSet = true
			break
		}
	}
	for _, p := range lits.at[litSetx] {
		l.shellSet = l.shellSet || startsLine(text, p)
	}
	for i := range headerDirectives {
		for _, p := range lits.at[litDirective+passLiteral(i)] {
			if startsLine(text, p) {
				l.directive = true
				break
			}
		}
	}
	return l
}

// blanksAfter returns where the run of spaces and tabs that starts at pos
// ends.
func blanksAfter(text []byte, pos int) int {
	for pos < len(text) && (text[pos] == ' ' || text[pos] == '\t') {
		pos++
	}
	return pos
}

// opensTripleQuoted reports whether text holds "=", blanks, three double
// or three single quotes and, after an optional backslash and blanks, the
// end of the line: how every match of pairTripleNextLine begins.
func opensTripleQuoted(text []byte, lits *literalHits) bool {
	opens := func(q string) func(int) bool {
		return func(at int) bool {
			if k := blanksBefore(text, at); k == 0 || text[k-1] != '=' {
				return false
			}
			e := at + len(q)
			if e < len(text) && text[e] == '\\' {
				e++
			}
			e = blanksAfter(text, e)
			if e < len(text) && text[e] == '\r' {
				e++
			}
			return e < len(text) && text[e] == '\n'
		}
	}
	for _, q := range []passLiteral{litTripleDouble, litTripleSingle} {
		for _, at := range lits.at[q] {
			if opens(q.text())(at) {
				return true
			}
		}
	}
	return false
}

// arrowsQuoted reports whether line holds "->" or "to" with a quote
// before and after it, blanks aside: what every match of pairArrow needs.
// Most lines that say " to " are prose.
func arrowsQuoted(line []byte) bool {
	for _, op := range []string{"->", "to"} {
		if someOccurrence(line, op, func(at int) bool {
			k, e := blanksBefore(line, at), blanksAfter(line, at+len(op))
			return k > 0 && isQuote(line[k-1]) && e < len(line) && isQuote(line[e])
		}) {
			return true
		}
	}
	return false
}

// someOccurrence reports whether ok holds at one of the places lit occurs
// in text.
func someOccurrence(text []byte, lit string, ok func(at int) bool) bool {
	for i := 0; i < len(text); {
		j := bytes.Index(text[i:], []byte(lit))
		if j < 0 {
			return false
		}
		if ok(i + j) {
			return true
		}
		i += j + 1
	}
	return false
}

// assignsWrapped reports whether line holds from(" or an s", f" or raw"
// that follows ":" or "=" and blanks: what every match of
// pairWrappedLiteral needs. Most lines with s" are format strings ("%s").
func assignsWrapped(line []byte) bool {
	if bytes.Contains(line, []byte(`from("`)) {
		return true
	}
	for i := 0; i < len(line); {
		j := bytes.IndexByte(line[i:], '"')
		if j < 0 {
			return false
		}
		q := i + j
		i = q + 1
		var k int
		switch {
		case q >= 3 && string(line[q-3:q]) == "raw":
			k = q - 3
		case q >= 1 && (line[q-1] == 's' || line[q-1] == 'f'):
			k = q - 1
		default:
			continue
		}
		if k = blanksBefore(line, k); k > 0 && (line[k-1] == ':' || line[k-1] == '=') {
			return true
		}
	}
	return false
}

func isQuote(c byte) bool { return c == '"' || c == '\'' }

// blanksBefore returns where the run of spaces and tabs that ends at pos
// starts.
func blanksBefore(text []byte, pos int) int {
	for pos > 0 && (text[pos-1] == ' ' || text[pos-1] == '\t') {
		pos--
	}
	return pos
}
