package report

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Synthetic secrets, assembled at run time so that no token-shaped literal
// sits in this file.
var (
	slackURL     = "https://hooks.slack" + ".com/services/" + "T0HKSCAN1" + "/B0FAKE7QX2" + "/" + "Qm9ckTestV8mWzR4nLpYJxKu"
	stripeSecret = "whsec" + "_" + "Zq7LmN3pR8tVx2Ky5Wb9Hc4Dj6Fg1As0"
	githubSecret = "Gh7hK2mQ9v" + "X4pL8sRtYw"
	discordToken = "XkQ3vB9mPz" + "Lw5RtN8cJy" + "-Hd2GfT7sKq"
	shortSecret  = "Qz9#" + "Kw"
)

func truth(b bool) *bool { return &b }

// fixtures are findings of every shape the writers handle: a plain file
// finding, history findings still in HEAD and gone from it, a decoded one,
// one on a line with non-ASCII text before the secret, and one whose rule
// the lookup does not know.
func fixtures() []scanner.Finding {
	day := time.Date(2024, 5, 1, 12, 30, 0, 0, time.UTC)
	fs := []scanner.Finding{
		{
			RuleID: "slack-incoming-webhook-url", Provider: "Slack", Kind: "webhook-url", Severity: "high",
			Description: "Slack incoming webhook URL", File: "deploy/app.env",
			Line: 3, Column: 19, EndLine: 3, EndColumn: 18 + len(slackURL),
			Secret: slackURL, Match: slackURL, LineText: "SLACK_WEBHOOK_URL=" + slackURL,
			Entropy: 4.61, Advice: "Keep it in the CI secret store and read it from an environment variable.",
		},
		{
			RuleID: "stripe-webhook-signing-secret", Provider: "Stripe", Kind: "signing-secret", Severity: "critical",
			Description: "Stripe webhook signing secret", File: "billing/handler.go",
			Line: 12, Column: 20, EndLine: 12, EndColumn: 19 + len(stripeSecret),
			Secret: stripeSecret, Match: `"` + stripeSecret + `"`, LineText: `const signingKey = "` + stripeSecret + `"`,
			Entropy: 5.0,
			Commit:  "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b", Author: "Ada Lovelace", Email: "ada@example.com",
			Date: day, InHead: truth(true),
		},
		{
			RuleID: "github-webhook-secret", Provider: "GitHub", Kind: "signing-secret", Severity: "medium",
			Description: "GitHub webhook secret", File: "old config/hooks:prod#1.yaml",
			Line: 7, Column: 17, EndLine: 7, EndColumn: 16 + len(githubSecret),
			Secret: githubSecret, LineText: "webhook_secret: " + githubSecret,
			Entropy: 4.1, DecodedFrom: "base64",
			Commit: "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", Author: "Grace Hopper", Email: "grace@example.com",
			Date: day.AddDate(0, 1, 0), InHead: truth(false),
		},
		{
			RuleID: "discord-webhook-url", Provider: "Discord", Kind: "webhook-url", Severity: "low",
			Description: "Discord webhook token", File: "docs/notes.md",
			Line: 40, EndLine: 40,
			Secret: discordToken, LineText: "Café ☕ token: " + discordToken,
			Entropy: 4.4,
		},
		{
			RuleID: "acme-hook-key", Severity: "medium", Description: "Acme hook key", File: "main.go",
			Line: 5, Column: 9, EndLine: 6, EndColumn: 3,
			Secret: shortSecret, LineText: "key := `" + shortSecret[:4],
			Entropy: 2.6,
		},
	}
	// The Discord secret starts after "Café ☕ token: ": 14 characters but
	// 18 bytes, which the SARIF columns must count in UTF-16 units.
	i := strings.Index(fs[3].LineText, discordToken)
	fs[3].Column, fs[3].EndColumn = i+1, i+len(discordToken)
	return fs
}

// plantedSecrets are the full secrets in fixtures.
func plantedSecrets() []string {
	return []string{slackURL, stripeSecret, githubSecret, discordToken, shortSecret}
}

// testRules are the rules behind fixtures, except acme-hook-key, which the
// lookup does not know.
func testRules() func(string) *rules.Rule {
	rs := map[string]*rules.Rule{
		"slack-incoming-webhook-url": {
			ID: "slack-incoming-webhook-url", Provider: "Slack", Kind: "webhook-url", Severity: "high",
			Description: "Slack incoming webhook URL",
			Guidance: rules.Guidance{
				Rotate: "**Rotate first**: the URL stays in git history. In [the app's settings](https://api.slack.com/apps), open *Incoming Webhooks*, remove the leaked URL and add a new one. Then update every consumer.\n\n" +
					"1. Store the new URL in your secret manager.\n2. Read it from `SLACK_WEBHOOK_URL` at run time.\n",
				URL: "https://api.slack.com/messaging/webhooks",
			},
		},
		"stripe-webhook-signing-secret": {
			ID: "stripe-webhook-signing-secret", Provider: "Stripe", Kind: "signing-secret", Severity: "critical",
			Description: "Stripe webhook signing secret",
			Guidance: rules.Guidance{
				Rotate: "- Roll the endpoint's signing secret in the Stripe Dashboard (Developers > Webhooks), e.g. with a 24 hour overlap.\n- Deploy the new secret.",
				URL:    "https://docs.stripe.com/webhooks#roll-endpoint-secrets",
			},
		},
		"github-webhook-secret": {
			ID: "github-webhook-secret", Provider: "GitHub", Kind: "signing-secret", Severity: "medium",
			Description: "GitHub webhook secret",
			Guidance:    rules.Guidance{Rotate: "Set a new secret in the webhook's settings.", URL: "https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries"},
		},
		"discord-webhook-url": {
			ID: "discord-webhook-url", Provider: "Discord", Kind: "webhook-url", Severity: "low",
			Description: "Discord webhook token",
		},
	}
	return func(id string) *rules.Rule { return rs[id] }
}

// render writes findings in one format and returns the output.
func render(t *testing.T, findings []scanner.Finding, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, findings, opts); err != nil {
		t.Fatalf("Write(%s): %v", opts.Format, err)
	}
	return b.String()
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file: %v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update after checking the change):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, fixtures(), Options{Format: "xml"})
	if err == nil || !strings.Contains(err.Error(), `unknown format "xml"`) {
		t.Fatalf("Write(xml) error = %v, want unknown format", err)
	}
}

func TestWriteDefaultsToText(t *testing.T) {
	fs := fixtures()
	if a, b := render(t, fs, Options{}), render(t, fs, Options{Format: "text"}); a != b {
		t.Errorf("empty Format wrote\n%s\nwant the text format\n%s", a, b)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteReportsWriterErrors(t *testing.T) {
	for _, format := range Formats() {
		err := Write(failingWriter{}, fixtures(), Options{Format: format})
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("Write(%s) to a failing writer: error = %v, want it to carry the writer's error", format, err)
		}
	}
}

// TestNoFullSecret plants secrets (in Secret, Match and LineText) and
// checks that no format shows one, nor more of it than Redact allows,
// unless NoRedact, which only the local formats honour. The planted
// secrets hold no character that JSON or workflow-command escaping would
// change, so a plain substring search finds them in every format.
func TestNoFullSecret(t *testing.T) {
	fs := fixtures()
	for i := range fs {
		fs[i].Match = "match " + fs[i].Secret
		fs[i].LineText = "line " + fs[i].Secret
	}
	for _, format := range Formats() {
		for _, noRedact := range []bool{false, true} {
			out := render(t, fs, Options{Format: format, NoRedact: noRedact, Rules: testRules(), ToolVersion: "1.0.0"})
			showsFull := noRedact && (format == "text" || format == "json")
			for _, s := range plantedSecrets() {
				if showsFull {
					if !strings.Contains(out, s) {
						t.Errorf("%s with NoRedact does not show the secret %s", format, Redact(s))
					}
					continue
				}
				if strings.Contains(out, s) {
					t.Errorf("%s (NoRedact=%v) shows the full secret %s", format, noRedact, Redact(s))
				}
				// Nor any piece of what Redact hides.
				for _, h := range hiddenParts(s) {
					r := []rune(h.text)
					for j := 0; j+h.window <= len(r); j++ {
						if w := string(r[j : j+h.window]); strings.Contains(out, w) {
							t.Errorf("%s (NoRedact=%v) shows %q, part of the secret %s", format, noRedact, w, Redact(s))
						}
					}
				}
			}
		}
	}
}

// hidden is a part of a secret that no output may show a window of.
type hidden struct {
	text   string
	window int
}

// hiddenParts returns what Redact promises to hide of a secret: of a URL,
// each id in its path beyond its first 3 characters and the whole token
// (its last segment); of a prefixed secret, all but 4 characters after
// the prefix; of any other, all but its first 4 characters.
func hiddenParts(s string) []hidden {
	if rest, ok := strings.CutPrefix(s, "https://"); ok {
		segs := strings.Split(rest, "/")[1:]
		var out []hidden
		for i, seg := range segs {
			if isPathWord(seg) {
				continue
			}
			if i == len(segs)-1 {
				out = append(out, hidden{seg, 4})
			} else {
				out = append(out, hidden{seg, idKeep + 1})
			}
		}
		return out
	}
	for _, p := range knownPrefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return []hidden{{p + string([]rune(rest)[:redactKeep+1]), len(p) + redactKeep + 1}, {rest, redactKeep + 1}}
		}
	}
	keep := len([]rune(strings.TrimSuffix(Redact(s), "…")))
	return []hidden{{s, keep + 1}}
}
