package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/internal/verifytest"
	"github.com/hookscan/hookscan/rules"
)

// mixed returns n letters and digits that vary enough to pass the
// rules' entropy checks, different for each seed.
func mixed(seed, n int) string {
	const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[(i*17+seed*31+i*i)%len(alphabet)]
	}
	return string(b)
}

// The tree of the verification issue, scanned by the built binary behind
// a proxy that stands in for the providers (HTTPS_PROXY, SSL_CERT_FILE):
// statuses right, nothing posted or fired, nothing sent for Zapier, whsec_
// or the internal host, and nothing at all without --verify.
func TestVerifyBehindProxy(t *testing.T) {
	t.Parallel()
	// Synthetic credentials, built from pieces.
	slackLive := "Live" + mixed(1, 20)
	slackGone := "Gone" + mixed(2, 20)
	discordLive := "Live" + mixed(3, 64)
	discordGone := "Gone" + mixed(4, 64)
	telegram := "864589313" + ":" + "AA" + mixed(5, 33)
	slack := "https://hooks.slack.com/services/" + "T" + "03HGAZYX9/B" + "0DOWG5M4RX/"
	discord := "https://discord.com/api/webhooks/" + "942748442679445465/"
	env := strings.Join([]string{
		"SLACK_ALERTS=" + slack + slackLive,
		"SLACK_OLD=" + slack + slackGone,
		"DISCORD_HOOK=" + discord + discordLive,
		"DISCORD_OLD=" + discord + discordGone,
		"TELEGRAM_BOT_TOKEN=" + telegram,
		"ZAPIER_HOOK=https://hooks.zapier.com/hooks/catch/" + "5051857/cino0y/",
		"STRIPE_WEBHOOK_SECRET=" + planted,
		"DEPLOY_HOOK=https://hooks.internal.test/generic-webhook-trigger/invoke?token=" + "vVrkfyxKBoKO5Jqx" + "Zo2hKPvQ2HI5j6tK",
	}, "\n") + "\n"
	repo := newRepo(t)
	writeFile(t, repo, "deploy/.env", env)
	gitCmd(t, repo, "add", "-A")
	gitCmd(t, repo, "commit", "-q", "-m", "config")

	// 50 distinct Stripe keys, each in 20 files: 1,000 findings.
	var keys []string
	for i := range 50 {
		keys = append(keys, "sk"+"_"+"live"+"_"+mixed(100+i, 28))
	}
	p := verifytest.Start(t, append(keys, slackLive, discordLive, telegram)...)
	bin := buildHookscan(t)
	cache := t.TempDir()
	scan := func(stdin string, args ...string) []map[string]any {
		t.Helper()
		cmd := exec.Command(bin, append(args, "-f", "json", "--no-progress")...)
		cmd.Dir = repo
		cmd.Env = append(cleanGitEnv(), append(p.Env(), "XDG_CACHE_HOME="+cache, "HOME="+cache)...)
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.Output()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Fatalf("hookscan %s: %v (want exit 1)\n%s", strings.Join(args, " "), err, out)
		}
		var findings []map[string]any
		if err := json.Unmarshal(out, &findings); err != nil {
			t.Fatalf("json: %v\n%s", err, out)
		}
		return findings
	}

	for _, args := range [][]string{{"dir", "."}, {"git"}, {"stdin"}} {
		scan(env, args...)
	}
	if n := len(p.Requests()) + len(p.Connects()); n != 0 {
		t.Fatalf("without --verify: %d requests or connections, want none", n)
	}

	findings := scan("", "dir", ".", "--verify", "--verify-cache-ttl", "0")
	// By line of deploy/.env.
	want := []string{"", "live", "revoked", "live", "revoked", "live", "unsupported", "unsupported", "unsupported"}
	seen := map[int]bool{}
	for _, f := range findings {
		line := int(f["line"].(float64))
		if line < 1 || line >= len(want) || f["file"] != "deploy/.env" {
			t.Errorf("unexpected finding %v at %v:%d", f["ruleId"], f["file"], line)
			continue
		}
		seen[line] = true
		v, _ := f["verification"].(map[string]any)
		if v == nil || v["status"] != want[line] {
			t.Errorf("line %d (%s): verification %v, want %s", line, f["ruleId"], v, want[line])
		}
		if want[line] == "revoked" && f["severity"] != "low" {
			t.Errorf("line %d revoked: severity %v, want low", line, f["severity"])
		}
	}
	if len(seen) != len(want)-1 {
		t.Errorf("found %d of the %d planted secrets", len(seen), len(want)-1)
	}
	reqs := p.Requests()
	if len(reqs) != 5 {
		t.Errorf("--verify: %d requests, want 5: %+v", len(reqs), reqs)
	}
	for _, r := range reqs {
		if r.SideEffect != "" || r.Host == "hooks.zapier.com" || r.Host == "hooks.internal.test" {
			t.Errorf("%s %s%s: %q", r.Method, r.Host, r.Path, r.SideEffect)
		}
	}

	// Every other scan command takes --verify; with the cache on, the
	// second of them asks nothing.
	before := len(p.Requests())
	for _, args := range [][]string{{"git", "--verify"}, {"stdin", "--verify"}, {"github", "scan", "--all-history", "--verify"}} {
		fs := scan(env, args...)
		live := 0
		for _, f := range fs {
			if v, _ := f["verification"].(map[string]any); v != nil && v["status"] == "live" {
				live++
			}
		}
		if live != 3 {
			t.Errorf("%s: %d live findings, want 3", strings.Join(args, " "), live)
		}
	}
	if n := len(p.Requests()) - before; n != 5 {
		t.Errorf("three runs sharing a cache: %d requests, want 5 (the first run only)", n)
	}

	// 1,000 findings of 50 distinct secrets: at most 50 requests, and a
	// second run within the cache time none.
	many := t.TempDir()
	for f := range 20 {
		var b strings.Builder
		for _, k := range keys {
			b.WriteString("STRIPE_KEY=" + k + "\n")
		}
		writeFile(t, many, fmt.Sprintf("svc%02d/.env", f), b.String())
	}
	for run, want := range []string{"50 distinct secrets: 50 requests, 0 answered from the cache", "50 distinct secrets: 0 requests, 50 answered from the cache"} {
		before := len(p.Requests())
		cmd := exec.Command(bin, "dir", many, "--verify", "-v", "-f", "json", "--no-progress")
		cmd.Env = append(cleanGitEnv(), append(p.Env(), "XDG_CACHE_HOME="+cache, "HOME="+cache)...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, _ := cmd.Output()
		var fs []map[string]any
		if err := json.Unmarshal(out, &fs); err != nil || len(fs) != 1000 {
			t.Fatalf("run %d: %d findings (%v), want 1000\n%s", run+1, len(fs), err, stderr.String())
		}
		if n := len(p.Requests()) - before; n != 50*(1-run) || !strings.Contains(stderr.String(), want) {
			t.Errorf("run %d: %d requests, stderr %q, want %q", run+1, n, stderr.String(), want)
		}
		t.Logf("run %d: 1000 findings, %d requests: %s", run+1, len(p.Requests())-before, want)
	}
}

// TestReadmeVerifyTable keeps the README's verification table in step
// with the packs (run `make readme` when it fails), and checks it names
// every rule.
func TestReadmeVerifyTable(t *testing.T) {
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	table := VerifyTable(rs)
	if readmeSection(t, "verify") != table {
		t.Error("README.md verification table is stale: run `make readme`")
	}
	for _, r := range rs {
		if !strings.Contains(table, fmt.Sprintf("| `%s` | ", r.ID)) {
			t.Errorf("verification table lacks %s", r.ID)
		}
	}
	for _, row := range []string{"| `zapier-catch-hook-url` | no |", "| `stripe-webhook-signing-secret` | no |", "| `discord-webhook-url` | yes |"} {
		if !strings.Contains(table, row) {
			t.Errorf("verification table lacks %q", row)
		}
	}
}
