package scanner

import (
	"fmt"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hookscan/hookscan/rules"
)

func TestRequiredLiterals(t *testing.T) {
	t.Parallel()
	cases := map[string][]string{
		`\b(?P<secret>whsec_[A-Za-z0-9+/]{32,100}={0,2})`:         {"whsec_"},
		`((?i:https?)://[^\s:/@]{1,64}:[^\s/@]{6,128}@[^\s/]+/)`:  {"http", "://", ":", "@", "/"},
		`(?i)x-Hook-Token: (\w+)`:                                 {"x-hoo", "-to", "en: "},
		`(?:https?://)?hooks\.slack\.com/(?:services|workflows)/`: {"hooks.slack.com/", "/"},
		`(?:abc|xabcx)d`: {"d"},
		`a*b?c{0,3}`:     nil,
		`[Kk]ey=[Ss]`:    {"ey="},
		`(?i)straße`:     {"tra", "e"},
		`[@]x`:           {"@x"},
		`Zürich`:         {"zürich"},
	}
	for expr, want := range cases {
		got := requiredLiterals(parsed(expr))
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("requiredLiterals(%q) = %q, want %q", expr, got, want)
		}
	}
}

// TestRequiredLiteralsInExamples checks the prefilter against every
// default rule's own examples: a text a rule matches holds every literal
// the prefilter asks for.
func TestRequiredLiteralsInExamples(t *testing.T) {
	t.Parallel()
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range rs {
		req := requiredLiterals(parsed(r.Regex))
		re, err := r.Compiled()
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range r.Examples.Match {
			loc := re.FindStringIndex(ex)
			if loc == nil {
				continue // matched after decoding
			}
			lower := []byte(ex[loc[0]:loc[1]])
			for i, c := range lower {
				lower[i] = lowerTable[c]
			}
			if !holdsAll(lower, req) {
				t.Errorf("rule %s: match %q lacks one of %q", r.ID, ex[loc[0]:loc[1]], req)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d examples checked", checked)
	}
}

// FuzzPrefixSearch checks that findAll, a findFrom after another, finds
// what each default rule's full expression finds: for the rules whose
// leading \b it strips, and for those whose matches depend on the text
// before them.
func FuzzPrefixSearch(f *testing.F) {
	rs, err := rules.Defaults()
	if err != nil {
		f.Fatal(err)
	}
	var cs []*compiledRule
	for _, r := range rs {
		c := (&compiledRule{rule: r}).load()
		if c.re != nil && (c.search != nil || c.leftContext) {
			cs = append(cs, c)
			for _, ex := range r.Examples.Match {
				f.Add([]byte(ex + " x" + ex + "/" + ex))
			}
		}
	}
	if len(cs) < 5 {
		f.Fatalf("only %d rules use a prefix search", len(cs))
	}
	f.Add([]byte("xwhsec_" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/whsec_" + "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"))
	f.Fuzz(func(t *testing.T, win []byte) {
		for _, c := range cs {
			want := c.re.FindAllSubmatchIndex(win, -1)
			got := c.findAll(win)
			if len(got) != len(want) {
				t.Fatalf("rule %s on %q: %v, want %v", c.rule.ID, win, got, want)
			}
			for i := range got {
				if !slices.Equal(got[i], want[i]) {
					t.Fatalf("rule %s on %q: %v, want %v", c.rule.ID, win, got, want)
				}
			}
			// From a start in the middle: the first start at or after
			// it where the expression, anchored, matches.
			p := len(win) / 2
			for p < len(win) && !utf8.RuneStart(win[p]) {
				p++
			}
			var first []int
			for s := p; s <= len(win) && first == nil; s++ {
				if s < len(win) && !utf8.RuneStart(win[s]) {
					continue
				}
				if first = c.matchAt(win, s, len(win)); first != nil {
					for i := range first {
						if first[i] >= 0 {
							first[i] += s
						}
					}
				}
			}
			if from := c.findFrom(win, p); !slices.Equal(from, first) {
				t.Fatalf("rule %s on %q from %d: %v, want %v", c.rule.ID, win, p, from, first)
			}
		}
	})
}

// TestRequiredBytes checks the separators a key-led rule needs, and that
// every match of every default rule holds one.
func TestRequiredBytes(t *testing.T) {
	t.Parallel()
	members := func(s *byteSet) string {
		if s == nil {
			return "<nil>"
		}
		var b []byte
		for c, in := range s {
			if in {
				b = append(b, byte(c))
			}
		}
		return string(b)
	}
	for expr, want := range map[string]string{
		`(?i)(?P<key>[\w.-]{0,50}?secret)(?:=|:|\.=|=>)(?P<secret>\w+)`: ":=",
		`(?i)(?P<key>[\w.-]{0,50}?secret)[ \t]*=?(?P<secret>\w+)`:       "<nil>", // no separator needed
		`(?i)(?P<key>[\w.-]{0,50}?secret)(?:=|value)\w+`:                "<nil>", // value is name characters
		`(?i)(?P<key>\w+)(?:=|#)\w+`:                                    "#=",
		`(?i)(?P<key>\w+)x\w+`:                                          "<nil>",
	} {
		if got := members(requiredBytes(parsed(expr))); got != want {
			t.Errorf("requiredBytes(%q) = %q, want %q", expr, got, want)
		}
	}
	if got := members(requiredBytes(parsed(`(?i)k`))); got != "<nil>" {
		t.Errorf("(?i)k also matches the Kelvin sign: got %q", got)
	}
	_, rs := compileDefaults(t)
	n := 0
	for _, r := range rs {
		c := (&compiledRule{rule: r}).load()
		if c.sep == nil {
			continue
		}
		n++
		for _, ex := range r.Examples.Match {
			for _, loc := range c.re.FindAllStringIndex(ex, -1) {
				if !slices.ContainsFunc([]byte(ex[loc[0]:loc[1]]), func(b byte) bool { return c.sep[b] }) {
					t.Errorf("rule %s: match %q holds none of %q", r.ID, ex[loc[0]:loc[1]], members(c.sep))
				}
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d rules have separators", n)
	}
}

// TestNonSecretKeyGate checks that the gate lets through the keys the
// expression matches and keeps names of secrets out.
func TestNonSecretKeyGate(t *testing.T) {
	t.Parallel()
	nonSecretKey.get() // makes the gate
	nonSecretKeyGate := nonSecretKey.gate
	if len(nonSecretKeyGate) < 10 {
		t.Fatalf("gate %q: too few strings", nonSecretKeyGate)
	}
	for _, k := range []string{"svc12_webhook_secret", "GITHUB_WEBHOOK_SECRET", "stripeSigningSecret", "slack_signing_secret"} {
		if nonSecretKeyGate.mayMatch(k) {
			t.Errorf("gate lets %q through", k)
		}
	}
	for _, k := range []string{"webhook_secret_id", "webhookSecretName", "PUBLIC_KEY", "jwt.kid", "hook_sha256", "nextPageToken", "WEBHOOK_URL", "smtp_user", "integrity"} {
		if !nonSecretKey.get().MatchString(k) {
			t.Fatalf("nonSecretKey does not match %q", k)
		}
		if !nonSecretKeyGate.mayMatch(k) {
			t.Errorf("gate keeps out %q, which nonSecretKey matches", k)
		}
	}
}

// gatedFilters are the filters' gated expressions, compiled.
func gatedFilters() map[string]*lazyRegexp {
	out := map[string]*lazyRegexp{"nonSecretKey": nonSecretKey, "referencePatterns": referencePatterns, "testWord": testWord, "testDataKey": testDataKey}
	for i, re := range notSecretValue {
		out[fmt.Sprint("notSecretValue", i)] = re
	}
	for _, re := range out {
		re.get()
	}
	return out
}

// FuzzGates checks that a gate never keeps out a text its expression
// matches.
func FuzzGates(f *testing.F) {
	for _, s := range []string{"webhook_secret_id", "X-Hub-Signature-Header", "ſha1", "KID", "public", "userEmail", "a.sha",
		"${{ secrets.X }}", "%APPDATA%", "process.env.X", "1.2.3", "/etc/x", "a_b_c", "x/aws4_request", "mockSecret", "FAKE_KEY", "1e5"} {
		f.Add(s)
	}
	gs := gatedFilters()
	f.Fuzz(func(t *testing.T, s string) {
		for name, g := range gs {
			if g.re.MatchString(s) && !g.gate.mayMatch(s) {
				t.Fatalf("%s: gate %q keeps out %q, which the expression matches", name, g.gate, s)
			}
		}
	})
}

// TestGatesKeepOutSecrets checks that the gates let random values, which
// none of the filters match, through to no expression but a few.
func TestGatesKeepOutSecrets(t *testing.T) {
	t.Parallel()
	passed := 0
	for name, g := range gatedFilters() {
		if g.gate == nil {
			continue
		}
		for _, v := range []string{"3f9a0c27be51d4e8a7c2f0b9", "Zk8vQ2xWm4Rt7YpN1sLd", "svc12_webhook_secret"} {
			if g.gate.mayMatch(v) {
				t.Logf("%s lets %q through", name, v)
				passed++
			}
		}
	}
	if passed > 6 {
		t.Errorf("%d values let through", passed)
	}
}

// TestEndBytes checks the bytes a key-led rule's match ends at: every
// example a default rule matches holds one of them, or spans no more
// than the rule's span, and the generic assignments have them.
func TestEndBytes(t *testing.T) {
	t.Parallel()
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	with := 0
	for _, r := range rs {
		c := (&compiledRule{rule: r}).load()
		if c.re == nil || c.end == nil {
			continue
		}
		with++
		for _, ex := range r.Examples.Match {
			for _, loc := range c.re.FindAllIndex([]byte(ex), -1) {
				m := ex[loc[0]:loc[1]]
				if !slices.ContainsFunc([]byte(m), func(b byte) bool { return c.end[b] }) && (c.span < 0 || utf8.RuneCountInString(m) > c.span) {
					t.Errorf("rule %s: match %q holds no end byte and spans more than %d", r.ID, m, c.span)
				}
			}
		}
		if strings.HasPrefix(r.ID, "generic-") && c.span < 0 {
			t.Errorf("rule %s: unbounded span", r.ID)
		}
	}
	if with < 2 {
		t.Errorf("only %d rules have end bytes", with)
	}
	re, _ := syntax.Parse(`(?i)k{2}(?:ab|c)[^"]{0,3}"?`, syntax.Perl)
	if n := maxRunes(re, &byteSet{'"': true}); n != 7 {
		t.Errorf("maxRunes = %d, want 7", n)
	}
}

// parsed is expr parsed as compile parses it, nil when it does not parse.
func parsed(expr string) *syntax.Regexp {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	return re
}

func TestRuneCost(t *testing.T) {
	t.Parallel()
	for r := rune(0); r < 0x200; r++ {
		for _, fold := range []bool{false, true} {
			s := runeSet([]rune{r}, fold)
			c, ok := runeCost(r, fold)
			if ok != (s != nil) || ok && c != setCost(s) {
				t.Errorf("runeCost(%q, %v) = %d, %v; the set costs %v", r, fold, c, ok, s)
			}
		}
	}
}
