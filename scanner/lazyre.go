package scanner

import (
	"regexp"
	"sync"
)

// lazyRegexp is one of the package's expressions, compiled the first time
// it is used. Compiling the sixty-odd of them when the program starts
// cost 8 ms of every run, an eighth of a pre-commit check of one file,
// which needs few of them.
type lazyRegexp struct {
	expr  string
	gated bool // ask gate before the expression
	once  sync.Once
	re    *regexp.Regexp
	gate  literalGate
}

// lazyExprs lists every lazyRegexp, for the test that compiles them all.
var lazyExprs []*lazyRegexp

// lazyCompile returns the expression expr, compiled when first used; it
// must compile (a test compiles every one).
func lazyCompile(expr string) *lazyRegexp {
	l := &lazyRegexp{expr: expr}
	lazyExprs = append(lazyExprs, l)
	return l
}

// get returns the compiled expression.
func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() {
		l.re = regexp.MustCompile(l.expr)
		if l.gated {
			l.gate = newLiteralGate(l.expr)
		}
	})
	return l.re
}

func (l *lazyRegexp) String() string { return l.expr }

// Match reports whether b holds a match.
func (l *lazyRegexp) Match(b []byte) bool {
	re := l.get()
	return (!l.gated || mayMatchIn(l.gate, b)) && re.Match(b)
}

// MatchString reports whether s holds a match.
func (l *lazyRegexp) MatchString(s string) bool {
	re := l.get()
	return (!l.gated || mayMatchIn(l.gate, s)) && re.MatchString(s)
}

func (l *lazyRegexp) FindSubmatchIndex(b []byte) []int { return l.get().FindSubmatchIndex(b) }

func (l *lazyRegexp) FindStringSubmatch(s string) []string { return l.get().FindStringSubmatch(s) }

func (l *lazyRegexp) FindAllSubmatchIndex(b []byte, n int) [][]int {
	return l.get().FindAllSubmatchIndex(b, n)
}
