package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
)

func verifiedFixtures() []scanner.Finding {
	fs := fixtures()[:1]
	live := fs[0]
	live.Verification = &scanner.Verification{Status: scanner.VerifyLive, Detail: "HTTP 400 from hooks.slack.com"}
	revoked := fs[0]
	revoked.Line++
	revoked.Severity = "low"
	revoked.Verification = &scanner.Verification{Status: scanner.VerifyRevoked, Detail: "HTTP 404 from hooks.slack.com"}
	none := fs[0]
	none.Line += 2
	none.Verification = &scanner.Verification{Status: scanner.VerifyUnsupported, Detail: "every request fires the Zap"}
	return []scanner.Finding{live, revoked, none}
}

func TestVerificationText(t *testing.T) {
	cases := []struct {
		v    *scanner.Verification
		want string
	}{
		{nil, ""},
		{&scanner.Verification{Status: "live", Detail: "HTTP 200 from discord.com"}, "live — rotate now (HTTP 200 from discord.com)"},
		{&scanner.Verification{Status: "revoked"}, "revoked"},
		{&scanner.Verification{Status: "error", Detail: "timed out"}, "error: timed out"},
		{&scanner.Verification{Status: "unsupported", Detail: "fires the Zap"}, "unsupported: fires the Zap"},
	}
	for _, c := range cases {
		if got := VerificationText(c.v); got != c.want {
			t.Errorf("VerificationText(%+v) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestVerificationInFormats(t *testing.T) {
	fs := verifiedFixtures()
	text := render(t, fs, Options{Format: "text"})
	for _, want := range []string{
		"verified: live — rotate now (HTTP 400 from hooks.slack.com)",
		"verified: revoked (HTTP 404 from hooks.slack.com)",
		"verified: unsupported: every request fires the Zap",
		"; verified: 1 live, 1 revoked, 1 unsupported.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if plain := render(t, fixtures(), Options{Format: "text"}); strings.Contains(plain, "verified") {
		t.Errorf("text without verification mentions it:\n%s", plain)
	}

	var js []map[string]any
	if err := json.Unmarshal([]byte(render(t, fs, Options{Format: "json"})), &js); err != nil {
		t.Fatal(err)
	}
	if v, _ := js[0]["verification"].(map[string]any); v["status"] != "live" || v["detail"] != "HTTP 400 from hooks.slack.com" {
		t.Errorf("json verification = %v", js[0]["verification"])
	}

	var sarif struct {
		Runs []struct {
			Results []struct {
				Level      string `json:"level"`
				Message    struct{ Text string }
				Properties struct {
					Verification *scanner.Verification `json:"verification"`
				} `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(render(t, fs, Options{Format: "sarif"})), &sarif); err != nil {
		t.Fatal(err)
	}
	rs := sarif.Runs[0].Results
	if v := rs[1].Properties.Verification; v == nil || v.Status != "revoked" {
		t.Errorf("sarif properties.verification = %+v, want revoked", v)
	}
	if rs[1].Level != "note" || rs[0].Level == "note" {
		t.Errorf("sarif levels %s (live), %s (revoked): the revoked one must be lower", rs[0].Level, rs[1].Level)
	}
	if !strings.Contains(rs[0].Message.Text, "Verification: live — rotate now") {
		t.Errorf("sarif message %q does not call the live secret out", rs[0].Message.Text)
	}

	gh := render(t, fs[:1], Options{Format: "github"})
	if !strings.Contains(gh, "Verification: live — rotate now") {
		t.Errorf("annotation lacks the verification:\n%s", gh)
	}
}
