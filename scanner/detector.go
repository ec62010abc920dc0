package scanner

import (
	"github.com/hookscan/hookscan/rules"
)

// Options tune a Detector.
type Options struct {
	// Allow applies to every rule (the config's global allowlist).
	Allow rules.Allowlist
	// MaxDecodeDepth bounds nested decoding; 0 means the default, 2, and a
	// negative value turns decoding off.
	MaxDecodeDepth int
	// IgnoreInlineAllow reports findings on lines marked hookscan:allow.
	IgnoreInlineAllow bool
}

// Detector finds secrets in text. It is safe for concurrent use.
type Detector struct {
	rules []*rules.Rule
}

// Compile builds a Detector from the enabled rules.
func Compile(rs []*rules.Rule, opts Options) (*Detector, error) {
	return &Detector{rules: rs}, nil
}

// Scan returns the findings in one fragment, ordered by position.
func (d *Detector) Scan(f Fragment) []Finding {
	return nil
}

// Rule returns the rule with the given id, or nil.
func (d *Detector) Rule(id string) *rules.Rule {
	for _, r := range d.rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Rules returns the rules the detector runs.
func (d *Detector) Rules() []*rules.Rule { return d.rules }

// PathAllowed reports whether a path is allowlisted for every rule, so a
// source can skip the file without reading it.
func (d *Detector) PathAllowed(path string) bool { return false }
