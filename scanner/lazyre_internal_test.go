package scanner

import (
	"regexp"
	"testing"
)

// TestLazyExpressionsCompile compiles every package-level expression
// (they compile on first use, which a bad one would turn into a panic in
// the middle of a scan) and checks that a gated one answers as its
// expression does.
func TestLazyExpressionsCompile(t *testing.T) {
	t.Parallel()
	if len(lazyExprs) < 50 {
		t.Fatalf("%d lazy expressions: the package's are not all lazy", len(lazyExprs))
	}
	gatedSeen := 0
	for _, l := range lazyExprs {
		if _, err := regexp.Compile(l.expr); err != nil {
			t.Errorf("%.60s: %v", l.expr, err)
			continue
		}
		if l.get() == nil {
			t.Errorf("%.60s: not compiled", l.expr)
		}
		if l.gated {
			gatedSeen++
			if l.gate == nil {
				t.Logf("%.60s: gated without a gate (every text passes)", l.expr)
			}
			for _, s := range []string{"webhook_secret_id", "test", "EXAMPLE", "x-hub-signature", "${VAR}", "random Zk8vQ2xWm4Rt7YpN1sLd"} {
				if got, want := l.MatchString(s), l.re.MatchString(s); got != want {
					t.Errorf("%.60s on %q: %v, the expression says %v", l.expr, s, got, want)
				}
			}
		}
	}
	if gatedSeen < 5 {
		t.Errorf("%d gated expressions, want the filters'", gatedSeen)
	}
}
