package scanner

import (
	"regexp"
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
