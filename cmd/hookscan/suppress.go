package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"

	"github.com/hookscan/hookscan/internal/gitleaks"
	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// suppressions are what silences findings beyond the detector's own
// filters and the baseline: commit allowlists, and what a repository that
// used gitleaks carries (.gitleaksignore).
type suppressions struct {
	allow  rules.Allowlist
	ignore *gitleaks.Ignore
	root   string
}

// withMigration returns the global allowlist with gitleaks' inline
// marker added, so a line marked gitleaks:allow stays silent.
func withMigration(a rules.Allowlist) rules.Allowlist {
	a.LineRegexes = append(slices.Clip(a.LineRegexes), regexp.QuoteMeta(gitleaks.AllowMarker))
	return a
}

// loadSuppressions reads .gitleaksignore at the scan root, when there is
// one.
func loadSuppressions(root string, cfg *rules.Config) (*suppressions, error) {
	s := &suppressions{allow: cfg.Allow, root: filepath.ToSlash(root)}
	dir := root
	if fi, err := os.Stat(root); err == nil && !fi.IsDir() {
		dir = filepath.Dir(root)
		s.root = filepath.ToSlash(dir)
	}
	p := filepath.Join(dir, gitleaks.IgnoreFile)
	if _, err := os.Lstat(p); err != nil {
		// Absent, or the root itself cannot be read (a directory that
		// may not be searched, a loop of links): the scan names the
		// root, which is the problem, and nothing in it is read.
		return s, nil
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // p is named already
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	if s.ignore, err = gitleaks.ParseIgnore(p, data); err != nil {
		return nil, err
	}
	return s, nil
}

// filter drops the findings a commit allowlist (global or the rule's) or
// a .gitleaksignore fingerprint names, handing each to dropped (when not
// nil) with what named it.
func (s *suppressions) filter(d *scanner.Detector, findings []scanner.Finding, dropped func(f *scanner.Finding, why string)) []scanner.Finding {
	if s == nil {
		return findings
	}
	return slices.DeleteFunc(findings, func(f scanner.Finding) bool {
		why := s.why(d, &f)
		if why != "" && dropped != nil {
			dropped(&f, why)
		}
		return why != ""
	})
}

// why names what suppresses f (allow.commits, a rule's allow.commits,
// .gitleaksignore), or "".
func (s *suppressions) why(d *scanner.Detector, f *scanner.Finding) string {
	switch {
	case s.allow.CommitAllowed(f.Commit):
		return "allow.commits"
	case s.ignore.Matches(f, s.root):
		return gitleaks.IgnoreFile
	}
	if r := d.Rule(f.RuleID); r != nil && r.Allow.CommitAllowed(f.Commit) {
		return "rule's allow.commits"
	}
	return ""
}
