package scanner

import (
	"regexp"
	"strings"
	"testing"
)

// base64ValueExpr is the expression base64Value writes out.
var base64ValueExpr = regexp.MustCompile(`[:=][ \t]*["']?([A-Za-z0-9+/_-]{16,}={0,2})(?:["'\s,;]|$)`)

// FuzzBase64Value checks that base64Value finds what its expression does.
func FuzzBase64Value(f *testing.F) {
	for _, s := range []string{
		`data: "QUJDREVGR0hJSktMTU5PUA=="`, `k=QUJDREVGR0hJSktMTU5PUA===`, `a: b: QUJDREVGR0hJSktMTU5PUA`,
		`{"u":"x","v":"QUJDREVGR0hJSktMTU5PUA=x", "w": 'QUJDREVGR0hJSktMTU5PUAxx';`, `:=:=	 'QUJDREVGR0hJSktMTU5PUA`,
		"x:QUJDREVGR0hJSktMTU5PUA\f", `=`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		vs, ve, ok := base64Value(text)
		loc := base64ValueExpr.FindSubmatchIndex(text)
		if ok != (loc != nil) || ok && (vs != loc[2] || ve != loc[3]) {
			t.Errorf("base64Value(%q) = %d, %d, %v; the expression finds %v", text, vs, ve, ok, loc)
		}
	})
}

// FuzzBase64Block checks that a wrapped block holds the run it grew from,
// stays inside the text and joins only base64 characters.
func FuzzBase64Block(f *testing.F) {
	line := strings.Repeat("QUJD", 19)
	f.Add("  .env: |\n    "+line+"\n    "+line+"\n    QUI=\n", 15)
	f.Add(line+"\r\n"+line+"\r\nQQ==", 0)
	f.Add("x: "+line, 3)
	f.Fuzz(func(t *testing.T, text string, pos int) {
		if pos < 0 || pos >= len(text) {
			return
		}
		b := []byte(text)
		start, end := base64Run(b, pos)
		bs, be, joined, ok := base64Block(b, start, end)
		if !ok {
			return
		}
		if bs > start || be < end || bs < 0 || be > len(b) {
			t.Fatalf("block %d-%d does not hold run %d-%d in %d bytes", bs, be, start, end, len(b))
		}
		for _, c := range joined {
			if !isBase64Char(c) && c != '=' {
				t.Fatalf("joined block holds %q", c)
			}
		}
	})
}
