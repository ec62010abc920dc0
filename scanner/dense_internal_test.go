package scanner

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/rules"
)

// TestDenseSameFindings puts every default rule's examples on one long
// line and checks that running key-led rules hit by hit finds the same
// secrets, at the same places, as running them over the merged windows.
func TestDenseSameFindings(t *testing.T) {
	t.Parallel()
	d, rs := compileDefaults(t)
	var parts []string
	for _, r := range rs {
		for _, ex := range slices.Concat(r.Examples.Match, r.Examples.NoMatch) {
			if !strings.ContainsAny(ex, "\r\n") {
				parts = append(parts, ex)
			}
		}
	}
	line := strings.Join(parts, " ; ")
	for _, text := range []string{line, strings.ReplaceAll(line, " ; ", ";"), strings.ReplaceAll(line, "/", `\/`)} {
		f := Fragment{Path: "config.txt", Raw: []byte(text + "\n")}
		secrets := func(span int) []string {
			d.denseSpan = span
			var out []string
			for _, fd := range d.Scan(f) {
				out = append(out, fmt.Sprintf("%d:%d %s", fd.Line, fd.Column, fd.Secret))
			}
			return out
		}
		merged, dense := secrets(1<<62), secrets(0)
		if len(merged) < len(parts)/4 {
			t.Fatalf("only %d findings in %d examples", len(merged), len(parts))
		}
		for _, s := range merged {
			if !slices.Contains(dense, s) {
				t.Errorf("hit by hit, missed %s", s)
			}
		}
		for _, s := range dense {
			if !slices.Contains(merged, s) {
				t.Errorf("hit by hit, found %s that merged windows do not", s)
			}
		}
	}
}

func TestKeyLed(t *testing.T) {
	t.Parallel()
	for expr, want := range map[string]bool{
		`(?i)(?P<key>[\w.-]{0,50}?secret)[:=](?P<secret>\w+)`:          true,
		`(?i)(?:(?P<key>okta[\w.-]{0,30}?token)|(?P<name>x-okta))=\w+`: true,
		`(?P<key>)(?P<secret>\bAC[0-9a-f]{32})`:                        false,
		`(?P<key>a*)=\w+`:                                              false,
		`\b(?P<key>secret)=\w+`:                                        false,
		`(?P<key>secret)=\w+|\bAC\w+`:                                  false,
	} {
		if got := keyLed(parsed(expr)); got != want {
			t.Errorf("keyLed(%q) = %v, want %v", expr, got, want)
		}
	}
}

// TestMatchesEmpty compares matchesEmpty with the regexp engine on
// hand-made expressions and on every part of every default rule's.
func TestMatchesEmpty(t *testing.T) {
	t.Parallel()
	exprs := []string{``, `a`, `a*`, `a+`, `(?:a*)+`, `a?b?`, `a?b`, `a{0,3}`, `a{2}`, `(?:a|)`, `(?:a|b)`,
		`\b`, `\B`, `^`, `$`, `(?m)^$`, `\A\z`, `[^\x00-\x{10FFFF}]`, `(?:)`, `x{0}`, `(a*)(b?)`, `.*`, `.`, `(?s).`}
	_, rs := compileDefaults(t)
	for _, r := range rs {
		exprs = append(exprs, r.Regex)
	}
	var walk func(re *syntax.Regexp)
	n := 0
	walk = func(re *syntax.Regexp) {
		n++
		want := regexp.MustCompile(`^(?:` + re.String() + `)$`).MatchString("")
		if got := matchesEmpty(re); got != want {
			t.Errorf("matchesEmpty(%s) = %v, want %v", re, got, want)
		}
		for _, sub := range re.Sub {
			walk(sub)
		}
	}
	for _, e := range exprs {
		walk(parsed(e))
	}
	if n < 1000 {
		t.Fatalf("checked %d expressions, want the rules' parts too", n)
	}
}

// compileDefaults compiles the default rules with default options.
func compileDefaults(t testing.TB) (*Detector, []*rules.Rule) {
	t.Helper()
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	d, err := Compile(rs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d, rs
}

// TestLooksAssignedReach checks that looksAssigned reads only as far along
// a name as the generic rules can match after a keyword, so a name made of
// a million keywords is not read once per keyword.
func TestLooksAssignedReach(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]bool{
		"secret_key=x": true,
		"secret" + strings.Repeat("_x", 20) + "=v":    true,
		"secret" + strings.Repeat("_x", 40) + "=v":    false,
		"secret" + strings.Repeat("_token", 1e5) + "": false,
	} {
		if got := looksAssigned([]byte(text), len("secret")); got != want {
			t.Errorf("looksAssigned(%.40q…) = %v, want %v", text, got, want)
		}
	}
}
