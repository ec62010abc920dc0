package github

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hookscan/hookscan/internal/github/githubtest"
	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	testOwner = "acme"
	testRepo  = "shop"
)

// testToken is assembled so the file holds nothing token-shaped.
var testToken = "ghs" + "_" + "T3stT0kenN0tRealAbCdEfGh1234567890"

// Synthetic secrets, assembled at run time so this file holds nothing a
// secret scanner (or GitHub push protection) would take for a real one.
var (
	slackURL    = "https://hooks.slack.com/services/" + "T0ACME1234" + "/" + "B0HOOK5678" + "/" + "Qw3rTy8uIo1pAs5dFg7hJk2L"
	stripeKey   = "whsec" + "_" + "Zq4Lr8Tn2Vb6Xc0Mk3Jh7Gf1Ds5Pa9We"
	githubHook  = "gh" + "whk" + "-" + "9fK2mX7qL4nR8tV1wZ5yB3cD6"
	allPlanted  = func() []string { return []string{slackURL, stripeKey, githubHook} }
	testCommits = []string{
		"1111111111111111111111111111111111111111",
		"2222222222222222222222222222222222222222",
		"3333333333333333333333333333333333333333",
		"4444444444444444444444444444444444444444",
	}
)

// testRules are rules with fixed guidance, so golden files do not follow
// edits of the shipped packs.
func testRules() RuleFunc {
	rs := map[string]*rules.Rule{
		"slack-incoming-webhook-url": {
			ID: "slack-incoming-webhook-url", Provider: "Slack", Kind: "webhook-url", Severity: "high",
			Description: "Slack incoming webhook URL",
			Guidance: rules.Guidance{
				Rotate: "Rotate first: the URL is in git history.\n1. Open api.slack.com/apps and remove the leaked webhook under **Incoming Webhooks**.\n2. Add a new webhook and copy the new URL.\n3. Store it in your secret manager.\n",
				URL:    "https://api.slack.com/messaging/webhooks",
			},
		},
		"stripe-webhook-signing-secret": {
			ID: "stripe-webhook-signing-secret", Provider: "Stripe", Kind: "signing-secret", Severity: "critical",
			Description: "Stripe webhook signing secret",
			Guidance: rules.Guidance{
				Rotate: "1. In the Stripe Dashboard, open **Developers > Webhooks**, pick the endpoint and click *Roll secret*.\n2. Deploy the new secret to every verifier before the old one expires.\n",
				URL:    "https://docs.stripe.com/webhooks#roll-endpoint-secrets",
			},
		},
		"github-webhook-secret": {
			ID: "github-webhook-secret", Provider: "GitHub", Kind: "signing-secret", Severity: "high",
			Description: "GitHub webhook secret",
			Guidance:    rules.Guidance{Rotate: "Change the secret in the webhook's settings and in the receiver at the same time.", URL: "https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries"},
		},
	}
	return func(id string) *rules.Rule { return rs[id] }
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

// finding builds a history finding as scanner.History returns them.
func finding(rule, secret, file string, line int, commit int, inHead *bool) scanner.Finding {
	r := testRules()(rule)
	f := scanner.Finding{
		RuleID: rule, Provider: r.Provider, Kind: r.Kind, Severity: r.Severity, Description: r.Description,
		File: file, Line: line, Column: 10, EndLine: line, EndColumn: 10 + len(secret),
		Secret: secret, Match: "X=" + secret, LineText: "X=" + secret, Entropy: 4.5,
		Fingerprint: scanner.Fingerprint(rule, secret),
		Advice:      scanner.Advice(file, nil),
		Commit:      testCommits[commit], Author: "Dana Dev", Email: "dana@example.com",
		Date:   time.Date(2025, 3, 1+commit, 12, 0, 0, 0, time.UTC),
		InHead: inHead,
	}
	return f
}

// waits records the waits a client asked for instead of taking them.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) sleep(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.d = append(w.d, d)
	return ctx.Err()
}

func (w *waits) all() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.d...)
}

type testClient struct {
	*Client
	srv   *githubtest.Server
	waits *waits
	log   *bytes.Buffer
}

func newServer(t *testing.T) *githubtest.Server {
	t.Helper()
	srv := githubtest.New(testOwner, testRepo, testToken)
	t.Cleanup(srv.Close)
	return srv
}

func newClient(t *testing.T, srv *githubtest.Server, mod ...func(*Options)) *testClient {
	t.Helper()
	w := &waits{}
	var log bytes.Buffer
	var mu sync.Mutex
	opts := Options{
		Sleep:         w.sleep,
		WriteInterval: -1,
		Log: func(s string) {
			mu.Lock()
			defer mu.Unlock()
			log.WriteString(s + "\n")
		},
	}
	for _, m := range mod {
		m(&opts)
	}
	c, err := NewClient(Context{
		Token: testToken, Owner: testOwner, Repo: testRepo,
		APIURL: srv.URL, ServerURL: "https://github.example",
	}, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { checkNoLeaks(t, srv, log.String()) })
	return &testClient{Client: c, srv: srv, waits: w, log: &log}
}

// checkNoLeaks scans every request the server got for the planted
// secrets (whole, or any 8 characters of them, raw, JSON-decoded and
// inside SARIF uploads) and the log for the token.
func checkNoLeaks(t *testing.T, srv *githubtest.Server, log string) {
	t.Helper()
	for _, r := range srv.Requests() {
		for _, text := range requestTexts(r.Body) {
			for _, s := range allPlanted() {
				if strings.Contains(text, s) {
					t.Errorf("%s %s sent a full planted secret", r.Method, r.Path)
				}
				if w := leakedWindow(text, privatePart(s)); w != "" {
					t.Errorf("%s %s sent %q, part of a planted secret", r.Method, r.Path, w)
				}
			}
			if strings.Contains(text, testToken) {
				t.Errorf("%s %s sent the token in its body", r.Method, r.Path)
			}
		}
	}
	if strings.Contains(log, testToken) {
		t.Errorf("log holds the token:\n%s", log)
	}
}

// privatePart is the part of a planted secret that only the secret
// holds: what follows its well-known prefix.
func privatePart(s string) string {
	for _, prefix := range []string{"https://hooks.slack.com/services/", "whsec" + "_", "gh" + "whk" + "-"} {
		if rest, ok := strings.CutPrefix(s, prefix); ok {
			return rest
		}
	}
	return s
}

// leakedWindow returns the first 8-character piece of secret found in
// text, or "".
func leakedWindow(text, secret string) string {
	const n = 8
	for i := 0; i+n <= len(secret); i++ {
		if strings.Contains(text, secret[i:i+n]) {
			return secret[i : i+n]
		}
	}
	return ""
}

// requestTexts returns a body as sent, every string in it when it is
// JSON, and a SARIF upload's decoded content.
func requestTexts(body []byte) []string {
	out := []string{string(body)}
	var v any
	if json.Unmarshal(body, &v) != nil {
		return out
	}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			out = append(out, x)
			if raw, err := base64.StdEncoding.DecodeString(x); err == nil {
				if zr, err := gzip.NewReader(bytes.NewReader(raw)); err == nil {
					if data, err := io.ReadAll(zr); err == nil {
						out = append(out, string(data))
					}
				}
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// requestLines names requests as "METHOD path".
func requestLines(rs []githubtest.Request) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.String())
	}
	return out
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it); got:\n%s", name, got)
	}
}

func equalLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got  %q\n want %q", what, got, want)
	}
}
