package scanner

import (
	"bytes"
	"encoding/base64"
	"slices"
	"strings"
	"unicode/utf8"
)

// Decoding layers. A secret can hide under base64 (Kubernetes Secret data,
// basic-auth headers, config blobs), percent-encoding (URLs inside query
// strings and HTML) and JSON escapes (`https:\/\/hooks...`). The detector
// decodes only where a keyword can hide: the Aho-Corasick automaton also
// holds each keyword's base64 shapes and escaped spellings, so plain text
// never pays for decoding.

// eachBase64Shape calls fn with each fragment of the base64 encoding of
// keyword that is the same wherever the keyword starts in the encoded data
// (three alignments), in both the standard and URL alphabets, lower-cased
// when lower is set (the case matters when the shape is itself encoded
// again). Building the detector makes thousands of them: the shape is in
// a buffer fn must not keep.
func eachBase64Shape(keyword []byte, lower bool, fn func(shape []byte)) {
	var srcBuf, encBuf [128]byte
	src := srcBuf[:0]
	if len(keyword)+2 > len(srcBuf) {
		src = make([]byte, 0, len(keyword)+2)
	}
	for off := 0; off < 3; off++ {
		src = append(src[:0], 0, 0)[:off]
		src = append(src, keyword...)
		n := base64.StdEncoding.EncodedLen(len(src))
		enc := encBuf[:0]
		if n > len(encBuf) {
			enc = make([]byte, 0, n)
		}
		enc = enc[:n]
		base64.StdEncoding.Encode(enc, src)
		// Character i covers bits [6i, 6i+6); keep those inside the keyword.
		from := (8*off + 5) / 6
		to := 8 * (off + len(keyword)) / 6
		if to-from < 5 {
			continue
		}
		emitShape(enc[from:to], lower, fn)
	}
}

// emitShape calls fn with a base64 shape, lower-cased when lower is set,
// and again in the URL alphabet when that differs. It changes s.
func emitShape(s []byte, lower bool, fn func(shape []byte)) {
	if lower {
		for i, c := range s {
			s[i] = lowerTable[c]
		}
	}
	fn(s)
	if bytes.ContainsAny(s, "+/") {
		for i, c := range s {
			switch c {
			case '+':
				s[i] = '-'
			case '/':
				s[i] = '_'
			}
		}
		fn(s)
	}
}

// valueStarts are the bytes that most often come just before a value in
// the data base64 encodes: a JSON string's quote, an assignment's equals
// sign, the space after a YAML colon, the colon of basic auth's user:token
// (a Docker config's auth, an Authorization: Basic header).
const valueStarts = `"= :`

// eachBase64ShapeAfter calls fn with the shapes of keyword when it starts
// at the second byte of a 3-byte group: eachBase64Shape leaves that place
// out for a 4-byte keyword (its shape there is 4 characters, which
// ordinary base64 holds too often), so {"ab":"AKIA…"} would go unseen one
// time in three. With the byte before it, one of valueStarts, the group is
// whole and the shape 6 characters long.
func eachBase64ShapeAfter(keyword []byte, lower bool, fn func(shape []byte)) {
	if len(keyword) != 4 {
		return
	}
	var src [5]byte
	var enc [8]byte
	copy(src[1:], keyword)
	for i := 0; i < len(valueStarts); i++ {
		src[0] = valueStarts[i]
		base64.StdEncoding.Encode(enc[:], src[:])
		emitShape(enc[:6], lower, fn)
	}
}

// eachNestedShape calls fn with the literals whose hit means a keyword
// may sit two layers down: the base64 shapes of the keyword's own base64
// shapes (base64 of base64) and of its percent-encoded spellings (base64
// of a URL-encoded value), lower-cased, maybe more than once. Nested shapes
// shorter than minNestedShape are left out: they would hit ordinary text
// too often.
func eachNestedShape(keyword []byte, fn func(shape []byte)) {
	// The standard alphabet only, both layers: the URL alphabet's shapes
	// would double the automaton for a rare case.
	outer := func(inner []byte) {
		eachBase64Shape(inner, true, func(n []byte) {
			if len(n) >= minNestedShape && !bytes.ContainsAny(n, "-_") {
				fn(n)
			}
		})
	}
	eachBase64Shape(keyword, false, func(s []byte) {
		if !bytes.ContainsAny(s, "-_") {
			outer(s)
		}
	})
	if pct := percentSpelling(string(keyword)); pct != string(keyword) {
		outer([]byte(pct))
	}
}

// minNestedShape is the shortest nested base64 shape worth a literal.
const minNestedShape = 6

// percentSpelling returns keyword with its punctuation percent-encoded in
// upper-case hex, as encoders write it.
func percentSpelling(keyword string) string {
	var b strings.Builder
	for i := 0; i < len(keyword); i++ {
		c := keyword[i]
		if isAlnum(c) || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + hex2(c))
		}
	}
	return b.String()
}

// escapedSpellings returns the keyword with its punctuation percent-encoded
// and JSON-escaped, lower-cased, when that differs from the keyword, and
// for a keyword with a slash, the slash as JavaScript's \x2f and as the
// HTML character references &#x2f; and &#47; (an attribute escaped by an
// encoder, a bundle's escaped string).
func escapedSpellings(keyword string) []string {
	var pct, js strings.Builder
	for i := 0; i < len(keyword); i++ {
		c := keyword[i]
		switch {
		case isAlnum(c) || c == '-' || c == '_' || c == '.' || c == '~':
			pct.WriteByte(c)
		default:
			pct.WriteString("%" + strings.ToLower(hex2(c)))
		}
		if c == '/' {
			js.WriteString(`\/`)
		} else {
			js.WriteByte(c)
		}
	}
	var out []string
	for _, s := range []string{pct.String(), js.String()} {
		if s != keyword {
			out = append(out, s)
		}
	}
	if strings.Contains(keyword, "/") {
		for _, slash := range []string{`\x2f`, "&#x2f;", "&#47;"} {
			out = append(out, strings.ReplaceAll(keyword, "/", slash))
		}
	}
	return out
}

func hex2(c byte) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// hasEscapes reports whether text holds what is worth decoding:
// percent-encoding, JSON escapes, or a slash or colon escaped as \x2F or
// as an HTML character reference.
func hasEscapes(text []byte) bool {
	for i := 0; i+2 < len(text); i++ {
		switch text[i] {
		case '%':
			if isHex(text[i+1]) && isHex(text[i+2]) {
				return true
			}
		case '\\':
			if text[i+1] == '/' || text[i+1] == 'u' || text[i+1] == '"' || text[i+1] == 'x' && i+3 < len(text) && hidesURL(text[i+2], text[i+3]) {
				return true
			}
		case '&':
			// &amp; and &quot; fill every HTML attribute and hide nothing
			// a rule reads; a slash or colon written as a reference does.
			if c, _, ok := htmlReference(text[i:]); ok && (c == '/' || c == ':') {
				return true
			}
		}
	}
	return false
}

// hidesURL reports whether the escape \x<a><b> is a slash or a colon: a
// bundle's escaped URL. Other \x escapes (bytes of binary data in a Go or
// C string) are decoded with them, but do not make a line worth decoding.
func hidesURL(a, b byte) bool {
	return (a == '2' && (b == 'f' || b == 'F')) || (a == '3' && (b == 'a' || b == 'A'))
}

// htmlNamed are the HTML named character references of the punctuation
// URLs and secrets hold.
var htmlNamed = map[string]byte{"amp": '&', "sol": '/', "colon": ':', "quot": '"', "apos": '\'', "lt": '<', "gt": '>', "equals": '=', "quest": '?', "percnt": '%', "num": '#', "plus": '+', "period": '.', "lowbar": '_', "commat": '@', "hyphen": '-', "dash": '-'}

// htmlReference decodes the HTML character reference that text starts
// with (&#47;, &#x2F;, &sol;) to one ASCII byte, and says how long it is.
func htmlReference(text []byte) (c byte, n int, ok bool) {
	end := bytes.IndexByte(text[:min(len(text), 10)], ';')
	if len(text) < 4 || text[0] != '&' || end < 3 {
		return 0, 0, false
	}
	body := text[1:end]
	if body[0] != '#' {
		c, ok := htmlNamed[string(body)]
		return c, end + 1, ok
	}
	v, base := 0, 10
	digits := body[1:]
	if digits[0] == 'x' || digits[0] == 'X' {
		base, digits = 16, digits[1:]
	}
	if len(digits) == 0 {
		return 0, 0, false
	}
	for _, d := range digits {
		switch {
		case base == 10 && isDigit(d), base == 16 && isHex(d):
			v = v*base + int(unhex(d))
		default:
			return 0, 0, false
		}
	}
	if v == 0 || v >= utf8.RuneSelf {
		return 0, 0, false
	}
	return byte(v), end + 1, true
}

// unescape decodes percent-encoding, JSON escapes (\/, \uXXXX, \\, \"),
// JavaScript's and Python's \xHH and HTML character references of ASCII
// (&#x2F;, &#47;, &sol;, &amp;) in text. It returns the decoded text, for each decoded byte the offset of
// the text byte it came from (plus one final entry for the end), and which
// encodings it undid. It returns nil when nothing changed, or when text
// is 2 GiB or more (offsets are 32-bit: half the memory of a hostile
// line's decoding).
func unescape(text []byte) (out []byte, offsets []int32, kind string) {
	if len(text) >= 1<<31-1 {
		return nil, nil, ""
	}
	var pct, js, html bool
	out = make([]byte, 0, len(text))
	offsets = make([]int32, 0, len(text)+1)
	for i := 0; i < len(text); {
		c := text[i]
		if c == '%' && i+2 < len(text) && isHex(text[i+1]) && isHex(text[i+2]) {
			out = append(out, unhex(text[i+1])<<4|unhex(text[i+2]))
			offsets = append(offsets, int32(i))
			i += 3
			pct = true
			continue
		}
		if c == '\\' && i+1 < len(text) {
			switch n := text[i+1]; n {
			case '/', '\\', '"':
				out = append(out, n)
				offsets = append(offsets, int32(i))
				i += 2
				js = true
				continue
			case 'x':
				if i+3 < len(text) && isHex(text[i+2]) && isHex(text[i+3]) {
					out = append(out, unhex(text[i+2])<<4|unhex(text[i+3]))
					offsets = append(offsets, int32(i))
					i += 4
					js = true
					continue
				}
			case 'u':
				if i+5 < len(text) && isHex(text[i+2]) && isHex(text[i+3]) && isHex(text[i+4]) && isHex(text[i+5]) {
					r := rune(unhex(text[i+2]))<<12 | rune(unhex(text[i+3]))<<8 | rune(unhex(text[i+4]))<<4 | rune(unhex(text[i+5]))
					var buf [4]byte
					n := utf8.EncodeRune(buf[:], r)
					for k := 0; k < n; k++ {
						out = append(out, buf[k])
						offsets = append(offsets, int32(i))
					}
					i += 6
					js = true
					continue
				}
			}
		}
		if c == '&' {
			if b, n, ok := htmlReference(text[i:]); ok {
				out = append(out, b)
				offsets = append(offsets, int32(i))
				i += n
				html = true
				continue
			}
		}
		out = append(out, c)
		offsets = append(offsets, int32(i))
		i++
	}
	offsets = append(offsets, int32(len(text)))
	var kinds []string
	for _, k := range []struct {
		done bool
		name string
	}{{pct, "percent"}, {js, "json-escape"}, {html, "html-entity"}} {
		if k.done {
			kinds = append(kinds, k.name)
		}
	}
	if len(kinds) == 0 {
		return nil, nil, ""
	}
	return out, offsets, strings.Join(kinds, "+")
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// isBase64Char reports whether c belongs to the standard or URL alphabet.
func isBase64Char(c byte) bool {
	return isAlnum(c) || c == '+' || c == '/' || c == '-' || c == '_'
}

// base64Run returns the run of base64 characters (with trailing padding)
// around pos.
func base64Run(text []byte, pos int) (start, end int) {
	start, end = pos, pos
	for start > 0 && isBase64Char(text[start-1]) {
		start--
	}
	for end < len(text) && isBase64Char(text[end]) {
		end++
	}
	for end < len(text) && text[end] == '=' && end-start < 1<<30 {
		end++
	}
	return start, end
}

// base64Block widens a run of base64 that fills a wrapped line (64
// characters as PEM and openssl write them, 76 as base64 and MIME do) to
// the whole block: the full lines above and below it at the same indent
// and the shorter last line. It returns the block's bounds and its text
// without line breaks and indents, or ok false when the run is not such a
// line.
func base64Block(text []byte, start, end int) (bs, be int, joined []byte, ok bool) {
	width := end - start
	if width != 64 && width != 76 {
		return start, end, nil, false
	}
	ls := start
	for ls > 0 && (text[ls-1] == ' ' || text[ls-1] == '\t') {
		ls--
	}
	if ls > 0 && text[ls-1] != '\n' {
		return start, end, nil, false
	}
	indent := text[ls:start]
	// fullLine reports the bounds of the base64 run of the line at i when
	// the line is indent and the run, then a line break or the end.
	line := func(i int) (int, int, bool) {
		if !bytes.HasPrefix(text[i:], indent) {
			return 0, 0, false
		}
		rs := i + len(indent)
		re := rs
		for re < len(text) && isBase64Char(text[re]) {
			re++
		}
		for re < len(text) && text[re] == '=' && re-rs < width {
			re++
		}
		if re == rs || re-rs > width {
			return 0, 0, false
		}
		if re < len(text) && text[re] == '\r' {
			if re+1 < len(text) && text[re+1] == '\n' {
				return rs, re, true
			}
			return 0, 0, false
		}
		return rs, re, re == len(text) || text[re] == '\n'
	}
	if _, _, full := line(ls); !full {
		return start, end, nil, false
	}
	var spans [][2]int
	// Up: whole lines only.
	for i := ls; i > 0; {
		ps := bytes.LastIndexByte(text[:i-1], '\n') + 1
		rs, re, full := line(ps)
		if !full || re-rs != width || len(spans) >= maxBase64Lines {
			break
		}
		spans = append(spans, [2]int{rs, re})
		i = ps
	}
	slices.Reverse(spans)
	spans = append(spans, [2]int{start, end})
	// Down: whole lines, then one shorter line.
	for i := end; len(spans) < maxBase64Lines; {
		nl := bytes.IndexByte(text[i:], '\n')
		if nl < 0 {
			break
		}
		rs, re, full := line(i + nl + 1)
		if !full {
			break
		}
		spans = append(spans, [2]int{rs, re})
		i = re
		if re-rs < width {
			break
		}
	}
	if len(spans) == 1 {
		return start, end, nil, false
	}
	for _, sp := range spans {
		joined = append(joined, text[sp[0]:sp[1]]...)
	}
	return spans[0][0], spans[len(spans)-1][1], joined, true
}

// maxBase64Lines bounds how many wrapped lines one block is read over
// (1,000 lines of 76 characters hold 57 KB).
const maxBase64Lines = 1000

// decodeBase64 decodes a run in whichever alphabet fits, with or without
// padding, and returns the text only when it is mostly printable: decoded
// binary (images, keys, compressed data) is not worth scanning.
func decodeBase64(run []byte) []byte {
	return decodeBase64Min(string(run), 16)
}

// decodeBase64Value decodes a value a name already marks as a secret: a
// shorter run will do there (c3VwZXJzZWNyZXQ= is "supersecret"); random
// bytes of that length are seldom printable text.
func decodeBase64Value(s string) []byte {
	return decodeBase64Min(s, 12)
}

func decodeBase64Min(run string, minLen int) []byte {
	s := strings.TrimRight(run, "=")
	if len(s) < minLen || len(s)%4 == 1 {
		return nil
	}
	enc := base64.RawStdEncoding
	if strings.ContainsAny(s, "-_") {
		if strings.ContainsAny(s, "+/") {
			return nil
		}
		enc = base64.RawURLEncoding
	}
	out, err := enc.DecodeString(s)
	if err != nil || !mostlyPrintable(out) {
		return nil
	}
	return out
}

// mostlyPrintable reports whether at least 95% of b is printable text.
func mostlyPrintable(b []byte) bool {
	if len(b) == 0 || !utf8.Valid(b) {
		return false
	}
	bad := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f {
			bad++
		}
	}
	return bad*20 <= len(b)
}
