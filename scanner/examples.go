package scanner

import (
	"fmt"
	"strings"

	"github.com/hookscan/hookscan/rules"
)

// ExampleFailure is one rule example that did not behave as the rule says.
type ExampleFailure struct {
	// RuleID is the rule whose example failed.
	RuleID string
	// Source is where the rule is defined, "file:line".
	Source string
	// Example is the example text.
	Example string
	// Problem says what went wrong.
	Problem string
}

func (e ExampleFailure) Error() string {
	return fmt.Sprintf("%s: rule %q: %s: %q", e.Source, e.RuleID, e.Problem, e.Example)
}

// CheckExamples runs every rule's examples through the detector: each match
// example must yield exactly one finding, of its rule, and each noMatch
// example none at all. Only rules the detector runs are checked.
func (d *Detector) CheckExamples() []ExampleFailure {
	// The examples themselves are allowed in scans (allowOwnExamples),
	// not here.
	own := d.allow.values
	d.allow.values = nil
	defer func() { d.allow.values = own }()
	var out []ExampleFailure
	for _, c := range d.compiled {
		r := c.rule
		fail := func(ex, problem string) {
			out = append(out, ExampleFailure{RuleID: r.ID, Source: r.Source, Example: ex, Problem: problem})
		}
		if err := c.load().err; err != nil {
			// Embedded rules are compiled only here and when a keyword
			// hits: this is where a broken one shows.
			fail(r.Regex, err.Error())
			continue
		}
		frag := func(ex string) Fragment { return exampleFragment(r, ex) }
		for _, ex := range r.Examples.Match {
			fs := d.Scan(frag(ex))
			switch {
			case len(fs) == 0:
				fail(ex, "match example not found")
			case len(fs) > 1:
				fail(ex, fmt.Sprintf("match example gave %d findings (%s)", len(fs), findingRules(fs)))
			case fs[0].RuleID != r.ID:
				fail(ex, fmt.Sprintf("match example found by rule %q instead", fs[0].RuleID))
			}
		}
		for _, ex := range r.Examples.NoMatch {
			if fs := d.Scan(frag(ex)); len(fs) > 0 {
				fail(ex, fmt.Sprintf("noMatch example was found (%s)", findingRules(fs)))
			}
		}
	}
	return out
}

func findingRules(fs []Finding) string {
	ids := make([]string, len(fs))
	for i, f := range fs {
		ids[i] = f.RuleID
	}
	return strings.Join(ids, ", ")
}

// exampleFragment is one of r's examples as a file r runs on.
func exampleFragment(r *rules.Rule, ex string) Fragment {
	name := r.ID + ".txt"
	if len(r.Paths) > 0 {
		// A scoped rule's examples are files it runs on.
		name = strings.ReplaceAll(strings.ReplaceAll(r.Paths[0], "**/", ""), "*", r.ID)
	}
	return Fragment{Path: "examples/" + name, Raw: []byte(ex)}
}

// allowOwnExamples allows, as they are, the secrets in the match examples
// of the user's own rules (and of the rules a config overrides). A
// custom rule's examples must look real for the rule to find them, and
// they are written in the config the scan reads: reported, a scan of the
// repository would flag its own config, and --verify would send them out.
// Only those exact values are allowed, from the rules the scan trusts (a
// pull request's scan takes them from its base commit).
func (d *Detector) allowOwnExamples() {
	for _, c := range d.compiled {
		r := c.rule
		if r.Embedded() || len(r.Examples.Match) == 0 {
			continue
		}
		for _, ex := range r.Examples.Match {
			for _, f := range d.Scan(exampleFragment(r, ex)) {
				if d.allow.values == nil {
					d.allow.values = map[string]bool{}
				}
				d.allow.values[f.Secret] = true
			}
		}
	}
}
