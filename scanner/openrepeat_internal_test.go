package scanner

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/rules"
)

func TestOpenRepeat(t *testing.T) {
	for _, c := range []struct {
		expr string
		max  int // 0: not opened
	}{
		{`key=(?P<secret>[a-z0-9]{10,20})(?:['"\s]|$)`, 20},
		{`(?i)token:\s*(?P<secret>[A-Z]{32})\b`, 0},     // \b may match inside nothing: not proven
		{`k=(?P<secret>[a-z]{8,16})[a-z0-9]`, 0},        // what follows can be a class character
		{`k=(?P<secret>[a-z]{8,16})`, 0},                // nothing follows: the bound cuts the run
		{`k=(?P<secret>[a-z]{8,})"`, 0},                 // already open
		{`(?i)k=(?P<secret>[0-9]{8,16})(?:x|"|$)`, 16},  // X folds to x, outside the digits
		{`(?i)k=(?P<secret>[0-9a-w]{8,16})(?:x|")`, 16}, // x and X outside [0-9a-wA-W]
		{`(?i)k=(?P<secret>[0-9a-x]{8,16})(?:X|")`, 0},  // X folds to x, inside
		{`(?m)k=(?P<secret>[a-z]{8,16})$`, 16},          // before a newline or at the end
		{`(?m)k=(?P<secret>[a-z\n]{8,16})$`, 0},         // the newline is in the class
		{`k=(?P<secret>[a-z]{8,16})(?:"|[0-9]*;)`, 0},   // a branch may start with nothing
		{`k=(?P<secret>[a-z]{8,16}?)(?:"|;)`, 16},       // lazy: the same argument
		{`(?:a|b(?P<secret>[a-f]{4,6})[g-z]+)`, 6},      // inside an alternation
	} {
		orig := regexp.MustCompile(c.expr)
		re, max := openRepeat(c.expr, orig, orig.SubexpIndex("secret"))
		if (re != nil) != (c.max > 0) || max != c.max {
			t.Errorf("%s: opened %v with bound %d, want bound %d", c.expr, re, max, c.max)
		}
	}
}

// TestOpenRepeatSameMatches runs every default rule whose expression gets
// an open repeat over texts built from its examples, with runs longer than
// the bound spliced in, and checks that findAll finds what the bounded
// expression alone finds.
func TestOpenRepeatSameMatches(t *testing.T) {
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 8))
	opened := 0
	for _, rule := range rs {
		c := (&compiledRule{rule: rule}).load()
		if c.err != nil || c.open == nil {
			continue
		}
		opened++
		t.Logf("%s: bound %d", rule.ID, c.openMax)
		bounded := (&compiledRule{rule: rule}).load()
		bounded.open = nil
		texts := slices.Clone(rule.Examples.Match)
		texts = append(texts, rule.Examples.NoMatch...)
		for range 300 {
			if len(rule.Examples.Match) == 0 {
				break
			}
			ex := rule.Examples.Match[r.IntN(len(rule.Examples.Match))]
			// Lengthen or cut a run of letters and digits somewhere, or
			// join two examples.
			i := r.IntN(len(ex) + 1)
			switch r.IntN(4) {
			case 0:
				ex = ex[:i] + strings.Repeat("aZ9", 1+r.IntN(80)) + ex[i:]
			case 1:
				ex = ex[:i] + ex[min(len(ex), i+1+r.IntN(8)):]
			case 2:
				ex = ex + " " + rule.Examples.Match[r.IntN(len(rule.Examples.Match))]
			default:
				ex = ex[:i] + string("\"' ;,\n="[r.IntN(7)]) + ex[i:]
			}
			texts = append(texts, ex)
		}
		for _, text := range texts {
			win := []byte(text)
			if got, want := c.findAll(win), bounded.findAll(win); !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("%s on %q: open finds %v, bounded %v", rule.ID, text, got, want)
			}
		}
	}
	if opened < 20 {
		t.Fatalf("only %d default rules get an open repeat", opened)
	}
	t.Logf("%d default rules get an open repeat", opened)
}

// TestOpenedExpr checks that the edited expression parses to the opened
// tree, that the edit is found where the bound's spelling occurs more
// than once, and that every default rule with an open repeat gets the
// edit rather than the slow String.
func TestOpenedExpr(t *testing.T) {
	t.Parallel()
	open := func(expr string) (string, *syntax.Regexp) {
		orig := regexp.MustCompile(expr)
		tree := parsed(expr)
		rep := openableRepeat(tree, orig.SubexpIndex("secret"))
		if rep == nil {
			t.Fatalf("%s: no open repeat", expr)
		}
		lo, hi := rep.Min, rep.Max
		rep.Max = -1
		return openedExpr(expr, tree, lo, hi), tree
	}
	for expr, want := range map[string]string{
		`a{3}b=(?P<secret>[a-z]{3})"`:            `a{3}b=(?P<secret>[a-z]{3,})"`,
		`x{2,9}k=(?P<secret>[a-z]{2,9})(?:"|$)`:  `x{2,9}k=(?P<secret>[a-z]{2,})(?:"|$)`,
		`k=(?P<secret>[^\s"']{8,16})["']`:        `k=(?P<secret>[^\s"']{8,})["']`,
		`k=(?P<secret>[a-z]{8,8})"`:              "", // not spelled {8}: String
		`(?i)k=(?P<secret>[0-9]{8,16})(?:x|"|$)`: `(?i)k=(?P<secret>[0-9]{8,})(?:x|"|$)`,
	} {
		got, tree := open(expr)
		if want != "" && got != want {
			t.Errorf("openedExpr(%s) = %s, want %s", expr, got, want)
		}
		if p := parsed(got); p == nil || !p.Equal(tree) {
			t.Errorf("openedExpr(%s) = %s, which does not parse to %s", expr, got, tree)
		}
	}
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range rs {
		c := (&compiledRule{rule: r}).load()
		if c.open == nil {
			continue
		}
		n++
		if c.open.String() == r.Regex {
			t.Errorf("%s: open expression is the rule's own", r.ID)
		}
		got, _ := open2(r.Regex, c.group)
		if l := len(got); l != len(r.Regex)-len(strconv.Itoa(c.openMax)) && l != len(r.Regex)+1 {
			t.Errorf("%s: open expression %s is not the rule's with its bound dropped", r.ID, got)
		}
	}
	if n == 0 {
		t.Fatal("no default rule has an open repeat")
	}
}

// open2 returns the opened spelling of expr's group's repeat.
func open2(expr string, group int) (string, bool) {
	tree := parsed(expr)
	rep := openableRepeat(tree, group)
	if rep == nil {
		return "", false
	}
	lo, hi := rep.Min, rep.Max
	rep.Max = -1
	return openedExpr(expr, tree, lo, hi), true
}
