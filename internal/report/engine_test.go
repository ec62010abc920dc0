package report

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// randomToken returns n pseudo-random characters from a mixed alphabet:
// the entropy of a real secret, never one that was issued, and the same
// on every run so the test cannot flake on a value the detector's
// placeholder filters happen to drop.
func randomToken(rng *rand.Rand, n int) string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(b)
}

// TestWithDetector runs the real detector and default rules over a file
// holding random secrets, and checks every format on what comes out: no
// full secret unless asked for, valid SARIF whose help is the rule's own
// guidance.
func TestWithDetector(t *testing.T) {
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	d, err := scanner.Compile(rs, scanner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	secrets := []string{randomToken(rng, 32), randomToken(rng, 40)}
	src := "WEBHOOK_SECRET=" + secrets[0] + "\n" +
		"name: billing\n" +
		"  signing_secret: \"" + secrets[1] + "\"\n"
	fs := d.Scan(scanner.Fragment{Path: "config/app settings.yaml", Raw: []byte(src)})
	if len(fs) != len(secrets) {
		t.Fatalf("detector found %d secrets, want %d", len(fs), len(secrets))
	}
	// Check the output against what the detector reports as the secret,
	// which is a part of what was planted.
	for i := range fs {
		if !strings.Contains(secrets[i], fs[i].Secret) || len(fs[i].Secret) < 16 {
			t.Fatalf("finding %d: secret %s is not part of the planted %s", i, Redact(fs[i].Secret), Redact(secrets[i]))
		}
		secrets[i] = fs[i].Secret
	}

	sch := sarifValidator(t)
	for _, format := range Formats() {
		for _, noRedact := range []bool{false, true} {
			out := render(t, fs, Options{Format: format, NoRedact: noRedact, Rules: d.Rule, ToolVersion: "0.0.0-test"})
			for _, s := range secrets {
				shown := strings.Contains(out, s)
				want := noRedact && (format == "text" || format == "json")
				if shown != want {
					t.Errorf("%s (NoRedact=%v): shows the full secret = %v, want %v", format, noRedact, shown, want)
				}
				if !strings.Contains(out, Redact(s)) && !want {
					t.Errorf("%s (NoRedact=%v): the redacted secret %q is missing", format, noRedact, Redact(s))
				}
			}
			if format == "sarif" {
				validateSARIF(t, sch, out)
			}
		}
	}

	var log sarifDoc
	if err := json.Unmarshal([]byte(render(t, fs, Options{Format: "sarif", Rules: d.Rule})), &log); err != nil {
		t.Fatal(err)
	}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		rule := d.Rule(r.ID)
		if rule == nil {
			t.Fatalf("sarif names rule %q, which the detector does not have", r.ID)
		}
		if !strings.HasPrefix(r.Help.Markdown, strings.TrimSpace(rule.Guidance.Rotate)) || r.HelpURI != rule.Guidance.URL {
			t.Errorf("rule %s: help is not the rule's guidance:\n%s\n%s", r.ID, r.Help.Markdown, r.HelpURI)
		}
	}
	if uri := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "config/app%20settings.yaml" {
		t.Errorf("artifact uri = %q", uri)
	}
}
