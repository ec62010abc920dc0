package scanner_test

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

func defaultDetector(t testing.TB) *scanner.Detector {
	t.Helper()
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	d, err := scanner.Compile(rs, scanner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDefaultRuleExamples runs every default rule's examples, as
// `hookscan rules test` does.
func TestDefaultRuleExamples(t *testing.T) {
	d := defaultDetector(t)
	for _, f := range d.CheckExamples() {
		t.Error(f.Error())
	}
	for _, r := range d.Rules() {
		if len(r.Examples.Match) < 2 || len(r.Examples.NoMatch) < 2 {
			t.Errorf("%s: rule %q needs at least 2 match and 2 noMatch examples (has %d and %d)",
				r.Source, r.ID, len(r.Examples.Match), len(r.Examples.NoMatch))
		}
		if r.Guidance.Rotate == "" || r.Guidance.URL == "" {
			t.Errorf("%s: rule %q has no rotation guidance or URL", r.Source, r.ID)
		}
		if r.Severity == "" || r.Kind == "" || r.Provider == "" || r.Description == "" {
			t.Errorf("%s: rule %q lacks provider, kind, severity or description", r.Source, r.ID)
		}
	}
}

type peerSamples struct {
	Rules []struct {
		ID  string `json:"id"`
		TPs []struct {
			Value string `json:"value"`
		} `json:"tps"`
		FPs []json.RawMessage `json:"fps"`
	} `json:"rules"`
}

// TestPeerSamples checks gitleaks' own samples for its webhook-related
// rules: every true positive is found, no false positive is.
func TestPeerSamples(t *testing.T) {
	f, err := os.Open("../testdata/peer/gitleaks-webhook-samples.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var samples peerSamples
	if err := json.NewDecoder(zr).Decode(&samples); err != nil {
		t.Fatal(err)
	}
	d := defaultDetector(t)
	tps, fps := 0, 0
	for _, r := range samples.Rules {
		for _, tp := range r.TPs {
			tps++
			if fs := d.Scan(scanner.Fragment{Path: "sample.txt", Raw: []byte(tp.Value)}); len(fs) == 0 {
				t.Errorf("gitleaks %s true positive not found: %q", r.ID, tp.Value)
			}
		}
		for _, raw := range r.FPs {
			fps++
			var v struct {
				Value string `json:"value"`
			}
			if err := json.Unmarshal(raw, &v); err != nil {
				var s string
				if err := json.Unmarshal(raw, &s); err != nil {
					t.Fatalf("%s: fp sample %s", r.ID, raw)
				}
				v.Value = s
			}
			if fs := d.Scan(scanner.Fragment{Path: "sample.txt", Raw: []byte(v.Value)}); len(fs) > 0 {
				t.Errorf("gitleaks %s false positive reported by %s: %q", r.ID, fs[0].RuleID, v.Value)
			}
		}
	}
	t.Logf("%d true positives, %d false positives checked", tps, fps)
	if tps < 400 || fps < 50 {
		t.Errorf("sample file looks truncated: %d tps, %d fps", tps, fps)
	}
}

// TestDefaultRuleExamplesOnConsecutiveLines puts every one-line match
// example on two lines in a row: the second is found as the first is,
// although the first match may have taken the line break as the character
// that ends its secret.
func TestDefaultRuleExamplesOnConsecutiveLines(t *testing.T) {
	d := defaultDetector(t)
	for _, r := range d.Rules() {
		name := r.ID + ".txt"
		if len(r.Paths) > 0 {
			name = strings.ReplaceAll(strings.ReplaceAll(r.Paths[0], "**/", ""), "*", r.ID)
		}
		for _, ex := range r.Examples.Match {
			if strings.ContainsAny(ex, "\r\n") {
				continue
			}
			fs := d.Scan(scanner.Fragment{Path: "examples/" + name, Raw: []byte(ex + "\n" + ex + "\n")})
			var lines [3]bool
			for _, f := range fs {
				if f.RuleID == r.ID && f.Line <= 2 {
					lines[f.Line] = true
				}
			}
			if !lines[1] || !lines[2] {
				t.Errorf("rule %s on two lines of %q: found on line 1 %v, on line 2 %v", r.ID, ex, lines[1], lines[2])
			}
		}
	}
}
