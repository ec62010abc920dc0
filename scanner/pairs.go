package scanner

import (
	"bytes"
	"path"
	"regexp"
	"strings"
)

// A name and its literal on one line, joined by something rules do not
// read as an assignment: an ECS task definition's or a HAR header's
// {"name": "X", "value": "…"}, Python's X = """…""", Rust's
// X: &str = r#"…"#, a builder's .webhookSecret("…"), a Dockerfile's
// legacy ENV X …, a Markdown table row | X | … |. As for fallbacks
// (fallback.go), the detector writes each pair out as a made-up line,
// "X = <literal>", and scans it with the file's other made-up lines.

// pairNameValue is a name/value object on one line: group 1 the name,
// group 2 the value with its quotes.
var pairNameValue = regexp.MustCompile(`["']?(?:[nN]ame|[kK]ey|ParameterKey)["']?\s*[:=]\s*["']([A-Za-z_][\w.:-]{2,100})["']\s*,\s*["']?(?:[vV]alue|ParameterValue)["']?\s*[:=]\s*("[^"\n]+"|'[^'\n]+')`)

// pairIndexer is an assignment to an index named after a secret,
// settings["webhook_secret"] = "…", $config['hook_token'] = '…',
// new() { ["WebhookSecret"] = "…" }: group 1 the name, group 2 the
// literal with its quotes.
var pairIndexer = regexp.MustCompile(`\[\s*["']([A-Za-z_][\w.:-]{2,100})["']\s*\]\s*(?:=|:=|\?\?=|\|\|=)\s*[@rbu]?("[^"\n]+"|'[^'\n]+')`)

// pairRawLiteral is an assignment of a triple-quoted (Python, Kotlin,
// Swift, Java text block on one line) or raw (Rust r#"…"#, Python r"…")
// string: group 1 the name, group 2 the literal without its quotes.
var pairRawLiteral = regexp.MustCompile(`([A-Za-z_][\w.]*)\s*(?::\s*&(?:'static\s+)?str\s*)?=\s*(?:[rRbBuU]{0,2}(?:"""|''')([^"'\n]+)(?:"""|''')|r#+"([^"\n]+)"#+)`)

// pairDockerEnv is a Dockerfile's legacy ENV NAME value (no "="): group
// 1 the name, group 2 the value to the end of the line.
var pairDockerEnv = regexp.MustCompile(`(?m)^[ \t]*ENV[ \t]+([A-Za-z_]\w*)[ \t]+([^=\s][^\n]*?)[ \t]*$`)

// pairTableRow is a Markdown table row whose first cell is a name and
// second its value, either in backquotes or bare: group 1 the name,
// group 2 the value.
var pairTableRow = regexp.MustCompile("(?m)^[ \\t]*\\|[ \\t]*`?([A-Za-z_][\\w.-]{2,80})`?[ \\t]*\\|[ \\t]*`?([^|`\\s]{8,})`?[ \\t]*\\|")

// pairPass writes a made-up line for each such pair whose name may hold
// a secret.
func pairPass(v *virtualText, p string, text []byte) {
	// Source code spells name/value objects rarely and says "value"
	// everywhere: only data files get this expression.
	if !isSourceCode(p) && bytes.Contains(text, []byte("alue")) {
		for _, l := range linesWith(text, []byte("alue")) {
			line := text[l[0]:l[1]]
			if !bytes.Contains(line, []byte("ame")) && !bytes.Contains(line, []byte("ey")) {
				continue // neither name nor key
			}
			for _, m := range pairNameValue.FindAllSubmatchIndex(line, -1) {
				addPair(v, text, string(line[m[2]:m[3]]), " = ", l[0]+m[4], l[0]+m[5])
			}
		}
	}
	for _, lit := range [][]byte{[]byte(`"]`), []byte(`']`)} {
		if !bytes.Contains(text, lit) {
			continue
		}
		for _, l := range linesWith(text, lit) {
			line := text[l[0]:l[1]]
			for _, m := range pairIndexer.FindAllSubmatchIndex(line, -1) {
				addPair(v, text, string(line[m[2]:m[3]]), " = ", l[0]+m[4], l[0]+m[5])
			}
		}
	}
	for _, lit := range [][]byte{[]byte(`"""`), []byte(`'''`), []byte(`#"`)} {
		if !bytes.Contains(text, lit) {
			continue
		}
		for _, l := range linesWith(text, lit) {
			line := text[l[0]:l[1]]
			for _, m := range pairRawLiteral.FindAllSubmatchIndex(line, -1) {
				g := 4
				if m[g] < 0 {
					g = 6
				}
				addPair(v, text, string(line[m[2]:m[3]]), ` = "`, l[0]+m[g], l[0]+m[g+1])
			}
		}
	}
	if isSourceCode(p) {
		setterCalls(v, text)
	}
	base := path.Base(p)
	if strings.HasPrefix(base, "Dockerfile") || strings.HasPrefix(base, "Containerfile") || strings.HasSuffix(base, ".dockerfile") {
		for _, m := range pairDockerEnv.FindAllSubmatchIndex(text, -1) {
			sep := ` = "`
			if c := text[m[4]]; c == '"' || c == '\'' {
				sep = " = "
			}
			addPair(v, text, string(text[m[2]:m[3]]), sep, m[4], m[5])
		}
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".properties":
		propertiesPass(v, text)
	case ".md", ".markdown", ".mdx":
		for _, m := range pairTableRow.FindAllSubmatchIndex(text, -1) {
			addPair(v, text, string(text[m[2]:m[3]]), ` = "`, m[4], m[5])
		}
	}
}

// setterCalls writes a made-up line for each call of a function named
// after a secret with one string literal of 8 characters or more:
// .webhookSecret("…"), WithSigningSecret('…'). It looks at each "(" that
// a quote follows, which is cheaper than an expression over the file.
func setterCalls(v *virtualText, text []byte) {
	for i := 0; ; {
		j := bytes.IndexByte(text[i:], '(')
		if j < 0 {
			return
		}
		open := i + j
		i = open + 1
		q := open + 1
		for q < len(text) && (text[q] == ' ' || text[q] == '\t') {
			q++
		}
		if q >= len(text) || text[q] != '"' && text[q] != '\'' {
			continue
		}
		ns := open
		for ns > 0 && isWordByte(text[ns-1]) {
			ns--
		}
		if open-ns < 3 || open-ns > 60 || isDigit(text[ns]) {
			continue
		}
		end := q + 1
		for end < len(text) && text[end] != text[q] && text[end] != '\n' && text[end] != '\\' {
			end++
		}
		if end >= len(text) || text[end] != text[q] || end-q-1 < 8 {
			continue
		}
		c := end + 1
		for c < len(text) && (text[c] == ' ' || text[c] == '\t') {
			c++
		}
		if c >= len(text) || text[c] != ')' {
			continue
		}
		if name := string(text[ns:open]); setterName(name) {
			v.add([]string{name}, " = ", text, q, end+1)
		}
		i = end + 1
	}
}

// propertiesPass writes out the properties whose values escape a
// character (Java's Properties.store writes https\://host), without the
// backslashes, so URL rules see the URL.
func propertiesPass(v *virtualText, text []byte) {
	for _, l := range linesWith(text, []byte(`\:`)) {
		line := text[l[0]:l[1]]
		sep := bytes.IndexAny(line, "=:")
		if sep <= 0 || line[sep-1] == '\\' || isComment(bytes.TrimSpace(line)) {
			continue
		}
		name := string(bytes.TrimSpace(line[:sep]))
		var spans [][2]int
		start := l[0] + sep + 1
		for i := start; i < l[1]; i++ {
			if text[i] == '\\' && i+1 < l[1] && bytes.IndexByte([]byte(`:=#! `), text[i+1]) >= 0 {
				spans = append(spans, [2]int{start, i})
				start = i + 1
				i++
			}
		}
		spans = append(spans, [2]int{start, l[1]})
		v.addSpans([]string{name}, " = ", text, spans)
	}
}

// addPair writes name = text[vs:ve] when the name may hold a secret.
func addPair(v *virtualText, text []byte, name, sep string, vs, ve int) {
	if secretLeaf(name) {
		v.add([]string{name}, sep, text, vs, ve)
	}
}

// setterName reports whether a function's name sets a secret
// (webhookSecret, WithSigningSecret, setApiKey) rather than looks one up
// by name (getSecret, os.Getenv, readToken, verifySignature).
func setterName(name string) bool {
	lower := strings.ToLower(name)
	for _, verb := range []string{"get", "read", "load", "fetch", "lookup", "find", "env", "must", "require", "has", "is", "parse", "decode", "encode", "valid", "verify", "check", "new", "print", "log", "error", "assert", "expect", "describe", "test", "hash", "compute", "create", "make", "gen", "rotate", "revoke", "delete", "remove", "open", "resolve"} {
		if strings.HasPrefix(lower, verb) {
			return false
		}
	}
	return secretLeaf(name)
}

// linesWith returns the bounds of the lines that hold lit.
func linesWith(text, lit []byte) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		j := bytes.Index(text[i:], lit)
		if j < 0 {
			break
		}
		ls, le := lineBounds(text, i+j)
		out = append(out, [2]int{ls, le})
		i = le + 1
	}
	return out
}
