package verify_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hookscan/hookscan/internal/scantest"
	"github.com/hookscan/hookscan/internal/verifytest"
	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/verify"
)

// Synthetic credentials, assembled so this file holds nothing
// secret-shaped.
var (
	slackLive     = "Live" + strings.Repeat("k9Q", 6) + "abcd12"
	slackRevoked  = "Gone" + strings.Repeat("m4T", 6) + "wxyz34"
	discordLive   = "Live" + strings.Repeat("Dx7_", 16)
	discordGone   = "Gone" + strings.Repeat("Qz3-", 16)
	telegramLive  = "123456789" + ":" + "AA" + strings.Repeat("Hk2", 11)
	stripePrefix  = "sk" + "_" + "live" + "_"
	whsec         = "whsec" + "_" + strings.Repeat("Zq4Lr8Tn", 4)
	zapierHook    = "https://hooks.zapier.com/hooks/catch/" + "1234567/abcdefg/"
	internalHook  = "https://hooks.internal.test/notify?token=" + strings.Repeat("f00d", 8)
	slackTeamPath = "T" + "03HGAZYX9/B" + "0DOWG5M4RX/"
)

func slackURL(token string) string {
	return "https://hooks.slack.com/services/" + slackTeamPath + token
}

func discordURL(token string) string {
	return "https://discord.com/api/webhooks/" + "123456789012345678/" + token
}

func ruleSet(t *testing.T) func(string) *rules.Rule {
	t.Helper()
	return scantest.Defaults(t).Rule
}

func finding(rule, secret string) scanner.Finding {
	return scanner.Finding{RuleID: rule, Secret: secret, Severity: "high", Fingerprint: scanner.Fingerprint(rule, secret)}
}

func newVerifier(p *verifytest.Providers, cache *verify.Cache) *verify.Verifier {
	return verify.New(verify.Options{Transport: p.Transport(), UserAgent: "hookscan/test", Rate: 1000, Cache: cache})
}

// The tree of the issue: each status right, and nothing posted or fired.
func TestVerifyStatuses(t *testing.T) {
	t.Parallel()
	p := verifytest.Start(t, slackLive, discordLive, telegramLive)
	findings := []scanner.Finding{
		finding("slack-incoming-webhook-url", slackURL(slackLive)),
		finding("slack-incoming-webhook-url", slackURL(slackRevoked)),
		finding("discord-webhook-url", discordURL(discordLive)),
		finding("discord-webhook-url", discordURL(discordGone)),
		finding("telegram-bot-token", telegramLive),
		finding("zapier-catch-hook-url", zapierHook),
		finding("stripe-webhook-signing-secret", whsec),
		finding("generic-webhook-url-token-param", internalHook),
	}
	want := []string{"live", "revoked", "live", "revoked", "live", "unsupported", "unsupported", "unsupported"}
	v := newVerifier(p, nil)
	v.Verify(context.Background(), findings, ruleSet(t))
	for i, f := range findings {
		if f.Verification == nil || f.Verification.Status != want[i] {
			t.Errorf("%s: verification %+v, want %s", f.RuleID, f.Verification, want[i])
			continue
		}
		if strings.Contains(f.Verification.Detail, f.Secret) {
			t.Errorf("%s: detail %q holds the secret", f.RuleID, f.Verification.Detail)
		}
		wantSev := "high"
		if want[i] == "revoked" {
			wantSev = "low"
		}
		if f.Severity != wantSev {
			t.Errorf("%s (%s): severity %s, want %s", f.RuleID, want[i], f.Severity, wantSev)
		}
	}
	reqs := p.Requests()
	if len(reqs) != 5 {
		t.Errorf("%d requests, want 5 (two Slack, two Discord, one Telegram): %+v", len(reqs), reqs)
	}
	for _, r := range reqs {
		if r.SideEffect != "" {
			t.Errorf("%s %s%s would have %s", r.Method, r.Host, r.Path, r.SideEffect)
		}
		if r.Host == "hooks.zapier.com" || r.Host == "hooks.internal.test" {
			t.Errorf("request sent to %s", r.Host)
		}
		if !strings.Contains(r.UserAgent, "hookscan") {
			t.Errorf("User-Agent %q does not name hookscan", r.UserAgent)
		}
		if r.Method == http.MethodPost && r.Host == "hooks.slack.com" && strings.HasPrefix(r.Body, "{") {
			t.Errorf("Slack probe body %q is JSON: it could post", r.Body)
		}
	}
	for _, h := range p.Connects() {
		if !strings.HasSuffix(h, ":443") {
			t.Errorf("proxy asked for %s: not HTTPS", h)
		}
	}
	if s := v.Stats(); s.Requests != 5 || s.Secrets != 5 {
		t.Errorf("stats %+v, want 5 secrets and 5 requests", s)
	}
}

// 1,000 findings of 50 distinct secrets make at most 50 requests, and a
// second run within the cache time makes none.
func TestVerifyDedupAndCache(t *testing.T) {
	t.Parallel()
	var live []string
	for i := range 50 {
		live = append(live, fmt.Sprintf("%sLive%020d", stripePrefix, i))
	}
	p := verifytest.Start(t, live...)
	var findings []scanner.Finding
	for i := range 1000 {
		f := finding("stripe-secret-or-restricted-key", live[i%50])
		f.Line = i + 1
		findings = append(findings, f)
	}
	path := filepath.Join(t.TempDir(), "hookscan", "verify.json")
	cache, err := verify.OpenCache(path, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	v := newVerifier(p, cache)
	v.Verify(context.Background(), findings, ruleSet(t))
	if err := cache.Save(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range live {
		if strings.Contains(string(data), k) || strings.Contains(string(data), k[len(stripePrefix):]) {
			t.Fatalf("the cache file holds a secret:\n%s", data)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm()&0o077 != 0 {
		t.Errorf("cache file mode %v (%v), want private to the user", fi.Mode(), err)
	}
	first := len(p.Requests())
	if first > 50 {
		t.Errorf("first run: %d requests for 50 distinct secrets", first)
	}
	for _, f := range findings {
		if f.Verification == nil || f.Verification.Status != scanner.VerifyLive {
			t.Fatalf("line %d: %+v, want live", f.Line, f.Verification)
		}
	}

	again := make([]scanner.Finding, len(findings))
	for i, f := range findings {
		again[i] = f
		again[i].Verification = nil
	}
	cache2, err := verify.OpenCache(path, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	v2 := newVerifier(p, cache2)
	v2.Verify(context.Background(), again, ruleSet(t))
	if n := len(p.Requests()) - first; n != 0 {
		t.Errorf("second run within the cache time: %d requests, want 0", n)
	}
	if s := v2.Stats(); s.Cached != 50 {
		t.Errorf("second run: %d cached, want 50", s.Cached)
	}
	if again[0].Verification == nil || again[0].Verification.Status != scanner.VerifyLive {
		t.Errorf("cached result %+v, want live", again[0].Verification)
	}

	// Expired entries are asked again.
	cache3, err := verify.OpenCache(path, time.Nanosecond)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Millisecond)
	third := []scanner.Finding{finding("stripe-secret-or-restricted-key", live[0])}
	newVerifier(p, cache3).Verify(context.Background(), third, ruleSet(t))
	if n := len(p.Requests()) - first; n != 1 {
		t.Errorf("after the cache time: %d requests, want 1", n)
	}
}

// A 429 with a short Retry-After is waited out once; a second 429 is an
// error. A 500 and a redirect off the rule's host are errors too, and no
// detail holds the secret.
func TestVerifyRateLimitAndBroken(t *testing.T) {
	t.Parallel()
	limited := stripePrefix + "Limited" + strings.Repeat("7", 16)
	twice := stripePrefix + "Twice" + strings.Repeat("8", 16)
	broken := stripePrefix + strings.Repeat("9", 16) + "Broken"
	redirect := stripePrefix + strings.Repeat("6", 16) + "Redirect"
	p := verifytest.Start(t, limited, twice)
	p.RateLimitOnce(limited, 1)
	p.RateLimitOnce(twice, 2)
	findings := []scanner.Finding{
		finding("stripe-secret-or-restricted-key", limited),
		finding("stripe-secret-or-restricted-key", twice),
		finding("stripe-secret-or-restricted-key", broken),
		finding("stripe-secret-or-restricted-key", redirect),
	}
	newVerifier(p, nil).Verify(context.Background(), findings, ruleSet(t))
	want := []struct{ status, detail string }{
		{"live", "HTTP 200"},
		{"error", "rate limited"},
		{"error", "unexpected answer from api.stripe.com: HTTP 500"},
		{"error", "HTTP 302"},
	}
	for i, f := range findings {
		got := f.Verification
		if got == nil || got.Status != want[i].status || !strings.Contains(got.Detail, want[i].detail) {
			t.Errorf("finding %d: %+v, want %s with %q", i, got, want[i].status, want[i].detail)
		}
		if got != nil && strings.Contains(got.Detail, f.Secret) {
			t.Errorf("finding %d: detail holds the secret", i)
		}
	}
	for _, r := range p.Requests() {
		if r.Host != "api.stripe.com" {
			t.Errorf("request to %s: a redirect off the rule's host was followed", r.Host)
		}
	}
}

// A network failure is an error whose detail does not quote the URL, which
// holds the secret.
func TestVerifyNetworkError(t *testing.T) {
	t.Parallel()
	dead, _ := url.Parse("http://127.0.0.1:1")
	v := verify.New(verify.Options{Transport: &http.Transport{Proxy: http.ProxyURL(dead)}, Timeout: 5 * time.Second})
	findings := []scanner.Finding{finding("telegram-bot-token", telegramLive)}
	v.Verify(context.Background(), findings, ruleSet(t))
	got := findings[0].Verification
	if got == nil || got.Status != scanner.VerifyError || !strings.Contains(got.Detail, "api.telegram.org") {
		t.Fatalf("verification %+v, want an error naming the host", got)
	}
	if strings.Contains(got.Detail, telegramLive) || strings.Contains(got.Detail, "getMe") {
		t.Errorf("detail %q quotes the URL", got.Detail)
	}
}

// A secret whose value could steer the URL is not sent.
func TestVerifyUnsafeValue(t *testing.T) {
	t.Parallel()
	p := verifytest.Start(t)
	findings := []scanner.Finding{finding("telegram-bot-token", "1234567:AA../../evil@x")}
	newVerifier(p, nil).Verify(context.Background(), findings, ruleSet(t))
	if got := findings[0].Verification; got == nil || got.Status != scanner.VerifyError {
		t.Errorf("verification %+v, want an error", got)
	}
	if n := len(p.Requests()); n != 0 {
		t.Errorf("%d requests sent for an unsafe value", n)
	}
}

// No more than PerHost requests to one host are in flight at once.
func TestVerifyPerHostLimit(t *testing.T) {
	t.Parallel()
	p := verifytest.Start(t)
	p.SlowDown(20 * time.Millisecond)
	var findings []scanner.Finding
	for i := range 12 {
		findings = append(findings, finding("stripe-secret-or-restricted-key", fmt.Sprintf("%sGone%020d", stripePrefix, i)))
	}
	v := verify.New(verify.Options{Transport: p.Transport(), Rate: 1000, PerHost: 2})
	v.Verify(context.Background(), findings, ruleSet(t))
	if n := p.MaxInFlight("api.stripe.com"); n < 1 || n > 2 {
		t.Errorf("%d requests in flight at once, want at most 2", n)
	}
	for _, f := range findings {
		if f.Verification.Status != scanner.VerifyRevoked {
			t.Errorf("%+v, want revoked", f.Verification)
		}
	}
}

// recorder answers every request with 418 and remembers it, so the
// shipped probes can be checked without a network.
type recorder struct {
	mu   sync.Mutex
	reqs []*http.Request
	body []string
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var b []byte
	if req.Body != nil {
		b, _ = io.ReadAll(req.Body)
	}
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.body = append(r.body, string(b))
	r.mu.Unlock()
	return &http.Response{StatusCode: http.StatusTeapot, Body: io.NopCloser(strings.NewReader("")), Header: http.Header{}, Request: req}, nil
}

// Every shipped probe, fed the secrets its rule finds in its own examples,
// builds an https request to its own host; only the reviewed probes POST,
// and Slack's POST carries no JSON, so nothing can be posted.
func TestShippedProbesFromExamples(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	posts := map[string]bool{"slack-incoming-webhook-url": true, "slack-incoming-webhook-path": true, "slack-bot-token": true}
	for _, r := range d.Rules() {
		if !r.Verify.Supported() {
			continue
		}
		rec := &recorder{}
		var findings []scanner.Finding
		for i, ex := range r.Examples.Match {
			for _, f := range d.Scan(scanner.Fragment{Path: fmt.Sprintf("ex%d.txt", i), Raw: []byte(ex)}) {
				if f.RuleID == r.ID {
					findings = append(findings, f)
				}
			}
		}
		verify.New(verify.Options{Transport: rec, Rate: 1000}).Verify(context.Background(), findings, d.Rule)
		if len(rec.reqs) == 0 {
			t.Errorf("%s: no request built from %d example findings", r.ID, len(findings))
		}
		for i, req := range rec.reqs {
			if req.URL.Scheme != "https" || req.URL.Host != r.Verify.Host() {
				t.Errorf("%s: request to %s", r.ID, req.URL.Redacted())
			}
			if req.Method != http.MethodGet && req.Method != http.MethodHead && !posts[r.ID] {
				t.Errorf("%s: %s probe not reviewed for side effects", r.ID, req.Method)
			}
			if strings.HasPrefix(r.ID, "slack-incoming-webhook-") && json.Valid([]byte(rec.body[i])) {
				t.Errorf("%s: body %q is JSON and could post", r.ID, rec.body[i])
			}
			if !strings.HasPrefix(req.Header.Get("User-Agent"), "hookscan") {
				t.Errorf("%s: User-Agent %q", r.ID, req.Header.Get("User-Agent"))
			}
		}
		asked := map[string]bool{}
		for _, f := range findings {
			switch v := f.Verification; {
			case v != nil && v.Status == scanner.VerifyError:
				asked[f.Fingerprint] = true
			case v != nil && v.Status == scanner.VerifyUnsupported && r.Verify.Pattern != "" && !r.Verify.Compiled().MatchString(f.Secret):
				// A form of the secret the probe does not cover.
			default:
				t.Errorf("%s: a 418 gave %+v, want error", r.ID, v)
			}
		}
		if len(asked) != len(rec.reqs) {
			t.Errorf("%s: %d requests for %d distinct secrets asked about", r.ID, len(rec.reqs), len(asked))
		}
	}
}

// A redacted secret, as merged reports hold, is never sent.
func TestVerifyRedactedSecret(t *testing.T) {
	t.Parallel()
	p := verifytest.Start(t)
	findings := []scanner.Finding{
		finding("stripe-secret-or-restricted-key", stripePrefix[:4]+"…"),
		finding("slack-incoming-webhook-url", "https://hooks.slack.com/services/T03…/B0D…/****"),
	}
	newVerifier(p, nil).Verify(context.Background(), findings, ruleSet(t))
	for _, f := range findings {
		if f.Verification == nil || f.Verification.Status != scanner.VerifyError || !strings.Contains(f.Verification.Detail, "redacted") {
			t.Errorf("%s: %+v, want an error about redaction", f.RuleID, f.Verification)
		}
	}
	if n := len(p.Requests()); n != 0 {
		t.Errorf("%d requests sent for redacted secrets", n)
	}
}
