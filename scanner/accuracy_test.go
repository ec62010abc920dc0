package scanner_test

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/hookscan/hookscan/internal/corpus"
	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// Accuracy targets on the generated corpus.
const (
	minRecall         = 0.99
	maxFalsePositives = 0
)

// accuracySeeds are the corpora the test scans; each draws fresh values.
// HOOKSCAN_ACCURACY_SEEDS replaces them, to measure on held-out seeds:
// a comma-separated list of seeds or ranges ("101-120,7").
var accuracySeeds = []int64{1, 2, 3}

// seedsToRun returns the seeds from HOOKSCAN_ACCURACY_SEEDS, or
// accuracySeeds when it is unset.
func seedsToRun(t *testing.T) []int64 {
	spec := os.Getenv("HOOKSCAN_ACCURACY_SEEDS")
	if spec == "" {
		return accuracySeeds
	}
	seeds, err := parseSeeds(spec)
	if err != nil {
		t.Fatalf("HOOKSCAN_ACCURACY_SEEDS: %v", err)
	}
	return seeds
}

// parseSeeds reads "1,5-7" as 1, 5, 6, 7.
func parseSeeds(spec string) ([]int64, error) {
	var out []int64
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.ParseInt(lo, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("parse seed %q: %w", part, err)
		}
		b := a
		if isRange {
			if b, err = strconv.ParseInt(hi, 10, 64); err != nil || b < a || b-a > 10000 {
				return nil, fmt.Errorf("parse seed range %q: want LOW-HIGH with LOW <= HIGH", part)
			}
		}
		for s := a; s <= b; s++ {
			out = append(out, s)
		}
	}
	return out, nil
}

// TestAccuracy scans generated corpora with the default rules and checks
// recall and false positives against the corpus manifest.
//
// A planted secret is found when a finding on its line holds the planted
// value, or, for a secret written encoded, when a finding on its line was
// decoded. A finding is a false positive when it is on no planted line, or
// its secret neither holds a planted value nor is part of one (or of its
// encoded form).
func TestAccuracy(t *testing.T) {
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatalf("load default rules: %v", err)
	}
	d, err := scanner.Compile(rs, scanner.Options{})
	if err != nil {
		t.Fatalf("compile default rules: %v", err)
	}
	for _, seed := range seedsToRun(t) {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			dir := t.TempDir()
			m, err := corpus.Generate(dir, seed)
			if err != nil {
				t.Fatalf("generate corpus: %v", err)
			}
			if err := m.Verify(dir); err != nil {
				t.Fatalf("corpus manifest is inconsistent: %v", err)
			}
			r := measure(t, d, dir, m)
			r.log(t)
			recall := float64(len(m.Secrets)-len(r.misses)) / float64(len(m.Secrets))
			t.Logf("seed %d: %d files, %d planted secrets, %d baits: recall %.4f (%d missed), %d false positives",
				seed, len(m.Files), len(m.Secrets), len(m.Baits), recall, len(r.misses), len(r.falsePositives))
			if recall < minRecall {
				t.Errorf("recall %.4f is below %.2f: %d of %d planted secrets missed", recall, minRecall, len(r.misses), len(m.Secrets))
			}
			if len(r.falsePositives) > maxFalsePositives {
				t.Errorf("%d false positives, want at most %d", len(r.falsePositives), maxFalsePositives)
			}
		})
	}
}

// TestAccuracyMatching checks the matching rules themselves on a hand-made
// manifest, so a broken matcher cannot report perfect accuracy.
func TestAccuracyMatching(t *testing.T) {
	plants := []corpus.Secret{
		{File: "a.env", Line: 2, Value: "plain-secret-value", Encoding: corpus.Plain},
		{File: "b.yaml", Line: 5, Value: "decoded-value", Encoding: corpus.Base64, Encoded: "ZGVjb2RlZC12YWx1ZQ=="},
	}
	fs := []placedFinding{
		{file: "a.env", f: scanner.Finding{Line: 2, Secret: "plain-secret-value"}},       // found
		{file: "a.env", f: scanner.Finding{Line: 3, Secret: "plain-secret-value"}},       // wrong line: false positive
		{file: "b.yaml", f: scanner.Finding{Line: 5, Secret: "ZGVjb2RlZC12YWx1ZQ=="}},    // raw encoded text: neither
		{file: "b.yaml", f: scanner.Finding{Line: 5, Secret: "other", DecodedFrom: "x"}}, // decoded: found
		{file: "c.txt", f: scanner.Finding{Line: 1, Secret: "unrelated"}},                // false positive
	}
	r := match(&corpus.Manifest{Secrets: plants}, fs)
	if len(r.misses) != 0 {
		t.Errorf("misses = %d, want 0", len(r.misses))
	}
	if len(r.falsePositives) != 2 {
		t.Errorf("false positives = %d, want 2", len(r.falsePositives))
	}
	r = match(&corpus.Manifest{Secrets: plants}, fs[1:3])
	if len(r.misses) != 2 {
		t.Errorf("misses = %d, want 2", len(r.misses))
	}
}

func TestParseSeeds(t *testing.T) {
	got, err := parseSeeds("7, 101-103")
	if err != nil || !slices.Equal(got, []int64{7, 101, 102, 103}) {
		t.Errorf("parseSeeds = %v, %v; want [7 101 102 103]", got, err)
	}
	for _, bad := range []string{"x", "5-3", "1-"} {
		if _, err := parseSeeds(bad); err == nil {
			t.Errorf("parseSeeds(%q) gave no error", bad)
		}
	}
}

type placedFinding struct {
	file string
	f    scanner.Finding
}

type result struct {
	m              *corpus.Manifest
	misses         []corpus.Secret
	falsePositives []placedFinding
	// relabelled counts found secrets that no finding of the rule with
	// the catalog entry's id reported, by "catalog id -> rule ids".
	relabelled map[string]int
}

// measure scans every corpus file as one fragment.
func measure(t *testing.T, d *scanner.Detector, dir string, m *corpus.Manifest) result {
	t.Helper()
	var fs []placedFinding
	for _, file := range m.Files {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file.Path)))
		if err != nil {
			t.Fatalf("read corpus file: %v", err)
		}
		for _, f := range d.Scan(scanner.Fragment{Path: file.Path, Raw: data}) {
			fs = append(fs, placedFinding{file: file.Path, f: f})
		}
	}
	return match(m, fs)
}

func match(m *corpus.Manifest, fs []placedFinding) result {
	type place struct {
		file string
		line int
	}
	at := map[place][]int{}
	for i, s := range m.Secrets {
		p := place{s.File, s.Line}
		at[p] = append(at[p], i)
	}
	found := make([]bool, len(m.Secrets))
	ruleIDs := make([][]string, len(m.Secrets))
	r := result{m: m, relabelled: map[string]int{}}
	for _, pf := range fs {
		related := false
		for _, i := range at[place{pf.file, pf.f.Line}] {
			s := m.Secrets[i]
			encodedHit := s.Encoding != corpus.Plain && pf.f.DecodedFrom != ""
			if (pf.f.Secret != "" && strings.Contains(pf.f.Secret, s.Value)) || encodedHit {
				found[i], related = true, true
				ruleIDs[i] = append(ruleIDs[i], pf.f.RuleID)
				continue
			}
			// Part of a planted secret (a URL's token, the raw base64 of an
			// encoded secret, the decoded text of a base64-shaped token):
			// not found, but not a false positive either.
			if pf.f.Secret != "" && (strings.Contains(s.Value, pf.f.Secret) || s.Encoded != "" && overlaps(s.Encoded, pf.f.Secret) || decodedPart(s.Value, pf.f.Secret)) {
				related = true
			}
		}
		if !related {
			r.falsePositives = append(r.falsePositives, pf)
		}
	}
	for i, s := range m.Secrets {
		switch {
		case !found[i]:
			r.misses = append(r.misses, s)
		case !slices.Contains(ruleIDs[i], s.CatalogID):
			slices.Sort(ruleIDs[i])
			r.relabelled[s.CatalogID+" -> "+strings.Join(slices.Compact(ruleIDs[i]), ",")]++
		}
	}
	return r
}

func overlaps(a, b string) bool { return strings.Contains(a, b) || strings.Contains(b, a) }

// decodedPart reports whether part is in the decoding of a secret that
// is itself base64 or percent-encoded text (an Intercom token is base64).
func decodedPart(value, part string) bool {
	for _, enc := range []string{corpus.Base64, corpus.Percent} {
		if d, err := corpus.Decode(enc, value); err == nil && d != value && strings.Contains(d, part) {
			return true
		}
	}
	return false
}

// redact keeps the first 4 characters, as the report writers do.
func redact(s string) string {
	if len(s) <= 4 {
		return strings.Repeat("*", len(s))
	}
	return s[:4] + "…"
}

// log prints the tables a rule author needs: misses per format, per
// catalog entry and per syntax, then each miss and false positive.
func (r result) log(t *testing.T) {
	t.Helper()
	var b strings.Builder
	if testing.Verbose() && len(r.relabelled) > 0 {
		// Informational: found, but not by the rule named after the
		// catalog entry (overlapping rules, generic rules winning).
		var keys []string
		for k := range r.relabelled {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		fmt.Fprintf(&b, "\nfound under another rule id:\n")
		for _, k := range keys {
			fmt.Fprintf(&b, "  %3d  %s\n", r.relabelled[k], k)
		}
	}
	table := func(title string, key func(corpus.Secret) string) {
		planted, missed := map[string]int{}, map[string]int{}
		for _, s := range r.m.Secrets {
			planted[key(s)]++
		}
		for _, s := range r.misses {
			missed[key(s)]++
		}
		var keys []string
		for k := range missed {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(missed[b], missed[a]), cmp.Compare(a, b)) })
		fmt.Fprintf(&b, "\nmisses by %s:\n", title)
		w := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		fmt.Fprintf(w, "  %s\tmissed\tplanted\n", title)
		for _, k := range keys {
			fmt.Fprintf(w, "  %s\t%d\t%d\n", k, missed[k], planted[k])
		}
		w.Flush()
	}
	if len(r.misses) > 0 {
		table("format", func(s corpus.Secret) string { return s.Format })
		table("catalog id", func(s corpus.Secret) string { return s.CatalogID })
		table("syntax", func(s corpus.Secret) string { return s.Syntax + "/" + s.Encoding })
		fmt.Fprintf(&b, "\nmissed secrets:\n")
		for _, s := range r.misses {
			fmt.Fprintf(&b, "  %s:%d %s (%s, %s) %s\n", s.File, s.Line, s.CatalogID, s.Syntax, s.Encoding, redact(s.Value))
		}
	}
	if len(r.falsePositives) > 0 {
		fmt.Fprintf(&b, "\nfalse positives:\n")
		for _, pf := range r.falsePositives {
			why := ""
			for _, bt := range r.m.Baits {
				if bt.File == pf.file && bt.Line == pf.f.Line {
					why += fmt.Sprintf(" [bait %s: %s]", bt.Kind, bt.Reason)
				}
			}
			dec := ""
			if pf.f.DecodedFrom != "" {
				dec = " decoded from " + pf.f.DecodedFrom
			}
			fmt.Fprintf(&b, "  %s:%d %s %s%s%s\n", pf.file, pf.f.Line, pf.f.RuleID, redact(pf.f.Secret), dec, why)
		}
	}
	if b.Len() > 0 {
		t.Log(b.String())
	}
}
