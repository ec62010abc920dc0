package main

import (
	"strings"
	"testing"
)

func TestExplain(t *testing.T) {
	out, _, code := run(t, t.TempDir(), "explain", "slack-incoming-webhook-url")
	if code != 0 {
		t.Fatalf("explain: exit %d", code)
	}
	for _, want := range []string{"slack-incoming-webhook-url: Slack incoming webhook URL", "  1. Open api.slack.com/apps", "  3. Store it", "staged: Not committed yet", "Guide: https://api.slack.com/messaging/webhooks"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q:\n%s", want, out)
		}
	}
	_, stderr, code := run(t, t.TempDir(), "explain", "slack-incoming")
	if code != 2 || !strings.Contains(stderr, "did you mean ") || !strings.Contains(stderr, "slack-incoming-webhook-url") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("unknown rule: exit %d, stderr %q", code, stderr)
	}
}

// TestExplainCustomRule: a rule whose guidance is one sentence of what to
// do shows it under Rotation only, not as what the secret allows.
func TestExplainCustomRule(t *testing.T) {
	dir := writeTree(t, map[string]string{".hookscan.yaml": "rules:\n  - id: acme-token\n    description: Acme API token\n    keywords: [acme_]\n" +
		"    regex: '\\b(?P<secret>acme_[A-Za-z0-9]{32})\\b'\n    guidance: {rotate: \"Regenerate it in Acme's console.\", url: https://acme.example/docs}\n"})
	out, errOut, code := run(t, dir, "explain", "acme-token")
	if code != 0 || strings.Contains(out, "What it allows") || strings.Count(out, "Regenerate it in Acme's console.") != 1 || !strings.Contains(out, "Rotation\n  Regenerate it in Acme's console.\n") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
}

// TestStagedWording checks that the pre-commit path speaks of a commit it
// just blocked, not of git history, and that -v shows every step.
func TestStagedWording(t *testing.T) {
	t.Setenv("GIT_INDEX_FILE", "")
	dir := newRepo(t)
	writeFile(t, dir, "hook.env", "STRIPE_WEBHOOK_SECRET="+planted+"\n")
	gitCmd(t, dir, "add", "-A")
	out, _, code := run(t, dir, "staged")
	if code != 1 || !strings.Contains(out, "Not committed yet: unstage it (git restore --staged hook.env; before the first commit, git rm --cached hook.env)") {
		t.Fatalf("staged: exit %d\n%s", code, out)
	}
	if strings.Contains(out, "git history") {
		t.Errorf("staged output speaks of git history:\n%s", out)
	}
	if !strings.Contains(out, "whsec_Zq4L…") || strings.Contains(out, planted[:12]) {
		t.Errorf("staged output: want the prefix and 4 characters of the secret:\n%s", out)
	}
	verbose, _, _ := run(t, dir, "staged", "-v")
	if strings.Contains(verbose, "more step") || strings.Count(verbose, "\n            - ")+strings.Count(verbose, "\n            2. ") == 0 {
		t.Errorf("staged -v does not show every step:\n%s", verbose)
	}
	gitCmd(t, dir, "commit", "-qm", "add hook")
	hist, _, _ := run(t, dir, "git")
	if !strings.Contains(hist, "Rotate first: it is in git history") {
		t.Errorf("history output:\n%s", hist)
	}
}
