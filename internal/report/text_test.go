package report

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
)

func TestTextGolden(t *testing.T) {
	golden(t, "findings.txt", render(t, fixtures(), Options{Format: "text", Rules: testRules()}))
}

func TestTextEmpty(t *testing.T) {
	for _, fs := range [][]scanner.Finding{nil, {}} {
		if got := render(t, fs, Options{Format: "text"}); got != "No secrets found.\n" {
			t.Errorf("text of no findings = %q", got)
		}
	}
}

func TestTextColor(t *testing.T) {
	plain := render(t, fixtures(), Options{Format: "text", Rules: testRules()})
	if strings.Contains(plain, "\x1b") {
		t.Errorf("text without Color holds escape sequences:\n%q", plain)
	}
	colored := render(t, fixtures(), Options{Format: "text", Color: true, Rules: testRules()})
	if !strings.Contains(colored, "\x1b[1;35mCRITICAL\x1b[0m") {
		t.Errorf("text with Color does not colour the severity:\n%q", colored)
	}
	if got := stripANSI(colored); got != plain {
		t.Errorf("text with colours removed differs from plain text:\n%s\nwant\n%s", got, plain)
	}
}

func stripANSI(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			return b.String() + s
		}
		b.WriteString(s[:i])
		s = s[i:]
		s = s[strings.IndexByte(s, 'm')+1:]
	}
}

// TestTextEscapesTerminalControls checks that a crafted path cannot send
// escape sequences, carriage returns or bidi overrides to the terminal.
func TestTextEscapesTerminalControls(t *testing.T) {
	fs := fixtures()[:1]
	fs[0].File = "a\x1b]0;pwned\x07\rb\u202ec.env"
	fs[0].Author = "x\ny"
	out := render(t, fs, Options{Format: "text"})
	for _, bad := range []string{"\x1b", "\x07", "\r", "\u202e"} {
		if strings.Contains(out, bad) {
			t.Errorf("text output holds %q:\n%q", bad, out)
		}
	}
	if !strings.Contains(out, `a\x1b]0;pwned\x07\x0db\u202ec.env:3:19`) {
		t.Errorf("text output does not show the escaped path:\n%s", out)
	}
}

func TestTextSummary(t *testing.T) {
	out := render(t, fixtures(), Options{Format: "text"})
	want := "5 findings (1 critical, 1 high, 2 medium, 1 low) in 5 files from 2 commits.\n"
	if !strings.HasSuffix(out, want) {
		t.Errorf("summary: got %q, want suffix %q", out[strings.LastIndexByte(strings.TrimSuffix(out, "\n"), '\n')+1:], want)
	}
	one := render(t, fixtures()[:1], Options{Format: "text"})
	if !strings.HasSuffix(one, "1 finding (1 high) in 1 file.\n") {
		t.Errorf("summary of one finding: %q", one)
	}
}

func TestRotationHint(t *testing.T) {
	long := strings.Repeat("word ", 50)
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Roll the secret. Then deploy it.", "Roll the secret. Then deploy it."},
		{"**Rotate first**: open [the settings](https://example.com/s), e.g. the `Webhooks` tab, then *Secrets*.",
			"Rotate first: open the settings (https://example.com/s), e.g. the Webhooks tab, then Secrets."},
		{"Keep SLACK_WEBHOOK_URL and my_var_name as they are.", "Keep SLACK_WEBHOOK_URL and my_var_name as they are."},
		{"## Steps\n\n1. Revoke it\n   in the console.\n2. Issue a new one.", "Steps"},
		{"- Revoke it in v1.2 of the console\n- Issue a new one", "Revoke it in v1.2 of the console Issue a new one"},
		// Whole sentences while they fit, then stop.
		{"Revoke it now. Then " + long + "end. Done.", "Revoke it now."},
		// One sentence longer than the limit is cut.
		{long, strings.TrimSpace(truncate(long, hintMax-1)) + "…"},
	} {
		if got := rotationHint(tc.in); got != tc.want {
			t.Errorf("rotationHint(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	in := "## Rotate\n\n* Open [Settings](https://example.com/s) and click **Roll**.\n  1. Keep `OLD` for a day.\n> Note: see <https://example.com/n>."
	want := "Rotate\n\n- Open Settings (https://example.com/s) and click Roll.\n  1. Keep OLD for a day.\nNote: see https://example.com/n."
	if got := plainText(in); got != want {
		t.Errorf("plainText:\n got %q\nwant %q", got, want)
	}
}

func TestJSONGolden(t *testing.T) {
	out := render(t, fixtures(), Options{Format: "json"})
	golden(t, "findings.json", out)

	var back []map[string]any
	if err := json.Unmarshal([]byte(out), &back); err != nil {
		t.Fatalf("json output does not parse: %v", err)
	}
	fs := fixtures()
	if len(back) != len(fs) {
		t.Fatalf("json holds %d findings, want %d", len(back), len(fs))
	}
	for i, m := range back {
		if m["secret"] != Redact(fs[i].Secret) {
			t.Errorf("finding %d: secret = %v, want %q", i, m["secret"], Redact(fs[i].Secret))
		}
		if m["fingerprint"] != scanner.Fingerprint(fs[i].RuleID, fs[i].Secret) {
			t.Errorf("finding %d: fingerprint = %v, want the secret's", i, m["fingerprint"])
		}
		for _, k := range []string{"Match", "match", "LineText", "lineText"} {
			if _, ok := m[k]; ok {
				t.Errorf("finding %d: json has key %q", i, k)
			}
		}
	}
	if _, ok := back[0]["commit"]; ok {
		t.Errorf("a file finding has a commit key: %v", back[0])
	}
	if back[1]["inHead"] != true || back[2]["inHead"] != false {
		t.Errorf("inHead = %v, %v; want true, false", back[1]["inHead"], back[2]["inHead"])
	}
}

func TestJSONEmpty(t *testing.T) {
	for _, fs := range [][]scanner.Finding{nil, {}} {
		if got := render(t, fs, Options{Format: "json"}); got != "[]\n" {
			t.Errorf("json of no findings = %q, want []", got)
		}
	}
}

func TestJSONNaNEntropy(t *testing.T) {
	fs := fixtures()[:1]
	fs[0].Entropy = math.NaN()
	if out := render(t, fs, Options{Format: "json"}); !strings.Contains(out, `"entropy": 0,`) {
		t.Errorf("NaN entropy not written as 0:\n%s", out)
	}
}

// TestJSONLeavesInputAlone checks that redaction works on a copy.
func TestJSONLeavesInputAlone(t *testing.T) {
	fs := fixtures()
	render(t, fs, Options{Format: "json"})
	if fs[0].Secret != slackURL {
		t.Errorf("WriteJSON changed the caller's finding: secret %q", Redact(fs[0].Secret))
	}
}
