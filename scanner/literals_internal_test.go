package scanner

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// checkPassLiterals fails unless both ways of finding the pass literals
// (their own automaton, and the detector's case-folding search) find
// exactly what bytes.Index finds: every occurrence, overlapping ones
// included, and the same lines as linesWith.
// passLiteralIndex is an automaton of the pass literals alone, for tests
// that make up lines without the detector's search.
var passLiteralIndex = sync.OnceValue(func() *keywordIndex {
	return newKeywordIndex(passLiterals())
})

// findPassLiterals returns where the pass literals occur in text, found
// apart from the detector's search; give it back with release.
func findPassLiterals(text []byte) *literalHits {
	h := newLiteralHits()
	for _, hit := range passLiteralIndex().findAll(text) {
		h.at[hit.pattern] = append(h.at[hit.pattern], hit.start)
	}
	return h
}

func checkPassLiterals(t *testing.T, d *Detector, text []byte) {
	t.Helper()
	own := findPassLiterals(text)
	defer own.release()
	searched := newLiteralHits()
	defer searched.release()
	d.scanText("a.txt", text, 0, searched)
	for i := range passLiterals() {
		l := passLiteral(i)
		var want []int
		for at := 0; at < len(text); at++ {
			if bytes.HasPrefix(text[at:], []byte(l.text())) {
				want = append(want, at)
			}
		}
		for name, got := range map[string]*literalHits{"own automaton": own, "detector": searched} {
			if !slices.Equal(got.at[l], want) && (len(got.at[l]) > 0 || len(want) > 0) {
				t.Fatalf("%q: %s finds %q at %v, want %v", text, name, l.text(), got.at[l], want)
			}
			if got.has(l) != bytes.Contains(text, []byte(l.text())) {
				t.Fatalf("%q: %s: has(%q) = %v", text, name, l.text(), got.has(l))
			}
			if lines, want := got.lines(text, l), linesWith(text, []byte(l.text())); !slices.Equal(lines, want) {
				t.Fatalf("%q: %s: lines with %q %v, want %v", text, name, l.text(), lines, want)
			}
		}
	}
}

// passLiteralPieces builds texts out of: the pass literals in every case,
// their prefixes, a keyword and line ends.
func passLiteralPieces() []string {
	pieces := []string{"\n", " ", "\t", "#", "x", "webhook", "\"", "'", "=", ":", "(", "["}
	for _, l := range passLiterals() {
		pieces = append(pieces, l, strings.ToUpper(l), strings.ToLower(l), l[:len(l)/2+1], l[len(l)/2:])
	}
	return pieces
}

func TestPassLiteralsFound(t *testing.T) {
	d, _ := compileDefaults(t)
	pieces := passLiteralPieces()
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for range 1 + r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		checkPassLiterals(t, d, []byte(b.String()))
	}
	for _, s := range []string{"", `""""""`, "''''", "setsetenv\n set x", "  # define X\n#define", "ENVenvEnveNv${${"} {
		checkPassLiterals(t, d, []byte(s))
	}
}

func FuzzPassLiterals(f *testing.F) {
	d, _ := compileDefaults(f)
	for _, s := range []string{"settings[\"hook\"] = x\n", `a -> "b" to c`, "SetEnv HOOK abc\n  proxy_set_header X y;", `getProperty("a", "b") ${A:-b} config("x")`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		checkPassLiterals(t, d, text)
	})
}
