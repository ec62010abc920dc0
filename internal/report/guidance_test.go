package report

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// packRule returns a rule of the embedded packs.
func packRule(t *testing.T, id string) *rules.Rule {
	t.Helper()
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no rule %s in the packs", id)
	return nil
}

// packFinding is a finding of a pack rule, with the rotation and guide the
// detector copies from it.
func packFinding(t *testing.T, id, secret string) scanner.Finding {
	r := packRule(t, id)
	return scanner.Finding{
		RuleID: r.ID, Provider: r.Provider, Kind: r.Kind, Severity: r.Severity, Description: r.Description,
		File: "deploy/app.env", Line: 3, Column: 19, EndLine: 3, EndColumn: 18 + len(secret), Secret: secret,
		Rotation: r.Guidance.Rotate, GuideURL: r.Guidance.URL,
	}
}

func TestSplitGuidancePacks(t *testing.T) {
	slack := SplitGuidance(packRule(t, "slack-incoming-webhook-url").Guidance.Rotate)
	if len(slack.Steps) != 3 || slack.Bullets || !strings.HasPrefix(slack.Steps[0], "Open api.slack.com/apps") {
		t.Errorf("slack steps = %q", slack.Steps)
	}
	if slack.Risk != "" {
		t.Errorf("slack risk = %q: the rule's lead only says it is in history", slack.Risk)
	}
	// Continuation lines belong to their step.
	if !strings.Contains(slack.Steps[0], "Custom Integrations") {
		t.Errorf("slack step 1 lost its continuation: %q", slack.Steps[0])
	}
	stripe := SplitGuidance(packRule(t, "stripe-webhook-signing-secret").Guidance.Rotate)
	if len(stripe.Steps) < 2 || !stripe.Bullets {
		t.Errorf("stripe bullets = %q (bullets %v)", stripe.Steps, stripe.Bullets)
	}
	for _, r := range []*rules.Rule{packRule(t, "discord-webhook-url"), packRule(t, "github-webhook-secret"), packRule(t, "sentry-auth-token")} {
		g := SplitGuidance(r.Guidance.Rotate)
		if g.Risk == "" || strings.Contains(g.Risk, "git history") {
			t.Errorf("%s: risk %q should say what the secret allows, without history", r.ID, g.Risk)
		}
	}
}

func TestRiskClause(t *testing.T) {
	for _, tc := range []struct {
		in     string
		plural bool
		want   string
	}{
		{", and anyone holding it can post to the channel.", false, "Anyone holding it can post to the channel."},
		{" and gives full control of the bot.", false, "It gives full control of the bot."},
		{" and give access to the licensed gems.", true, "They give access to the licensed gems."},
		{", so deleting the line does not revoke it.", false, ""},
		{", so deleting the line does not revoke it. Anyone who has it can forge.", false, "Anyone who has it can forge."},
		{"; with the client ID it mints tokens.", false, "With the client ID it mints tokens."},
		{". A bot token lets anyone run your bot.", false, "A bot token lets anyone run your bot."},
		{".", false, ""},
	} {
		if got := riskClause(tc.in, tc.plural); got != tc.want {
			t.Errorf("riskClause(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestTextWordingBySource checks that what to do first fits where the
// secret was found: a staged secret is not in history yet.
func TestTextWordingBySource(t *testing.T) {
	f := packFinding(t, "discord-webhook-url", discordURL())
	staged := render(t, []scanner.Finding{f}, Options{Source: SourceStaged})
	for _, want := range []string{"Not committed yet", "git restore --staged deploy/app.env", "Rotate it only if it was pushed or shared", "Anyone holding it can post as the webhook"} {
		if !strings.Contains(staged, want) {
			t.Errorf("staged text lacks %q:\n%s", want, staged)
		}
	}
	if strings.Contains(staged, "git history") {
		t.Errorf("staged text speaks of git history:\n%s", staged)
	}
	worktree := render(t, []scanner.Finding{f}, Options{Source: SourceWorkingTree})
	if !strings.Contains(worktree, "If this file was ever committed, pushed or shared, rotate it first") || strings.Contains(worktree, "git history") {
		t.Errorf("working-tree text:\n%s", worktree)
	}
	f.Commit = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"
	history := render(t, []scanner.Finding{f}, Options{Source: SourceStaged})
	if !strings.Contains(history, "Rotate first: it is in git history") || strings.Contains(history, "Not committed yet") {
		t.Errorf("a finding with a commit is a history finding:\n%s", history)
	}
	pr := render(t, []scanner.Finding{f}, Options{Source: SourcePR})
	if !strings.Contains(pr, "Rotate first") {
		t.Errorf("pr text:\n%s", pr)
	}
}

func TestLeadQuotesPath(t *testing.T) {
	f := scanner.Finding{File: "my dir/it's.env"}
	if got := Lead(&f, SourceStaged); !strings.Contains(got, `git restore --staged 'my dir/it'\''s.env'`) {
		t.Errorf("Lead = %q", got)
	}
}

// TestTextSteps checks that text shows the first step and how to see the
// rest, and every step with Verbose.
func TestTextSteps(t *testing.T) {
	f := packFinding(t, "slack-incoming-webhook-url", slackURL)
	g := SplitGuidance(f.Rotation)
	compact := render(t, []scanner.Finding{f}, Options{})
	if !strings.Contains(compact, "rotate:   1. "+g.Steps[0][:40]) || strings.Contains(compact, "2. ") {
		t.Errorf("compact text should show step 1 only:\n%s", compact)
	}
	if !strings.Contains(compact, "(2 more steps: hookscan explain slack-incoming-webhook-url, or -v)") {
		t.Errorf("compact text does not say how to see the rest:\n%s", compact)
	}
	if !strings.Contains(compact, "guide:    https://api.slack.com/messaging/webhooks") {
		t.Errorf("compact text lacks the guide URL:\n%s", compact)
	}
	verbose := render(t, []scanner.Finding{f}, Options{Verbose: true})
	for i, s := range g.Steps {
		if !strings.Contains(verbose, g.marker(i)+s) {
			t.Errorf("verbose text lacks step %d %q:\n%s", i+1, s, verbose)
		}
	}
	if strings.Contains(verbose, "more steps") {
		t.Errorf("verbose text still hides steps:\n%s", verbose)
	}
}

// TestJSONRotation checks that json carries the rotation steps and the
// guide URL: the finding's own, else its rule's.
func TestJSONRotation(t *testing.T) {
	fs := fixtures()[:2]
	fs[1].Rotation, fs[1].GuideURL = "Own steps.", "https://example.com/own"
	var back []map[string]any
	if err := json.Unmarshal([]byte(render(t, fs, Options{Format: "json", Rules: testRules()})), &back); err != nil {
		t.Fatal(err)
	}
	slack := testRules()("slack-incoming-webhook-url")
	if want := fitRotation(slack.Guidance.Rotate, &fs[0], ""); back[0]["rotation"] != want || back[0]["guideUrl"] != slack.Guidance.URL {
		t.Errorf("finding 0: rotation %q, guideUrl %q: want the rule's", back[0]["rotation"], back[0]["guideUrl"])
	}
	if back[1]["rotation"] != "Own steps." || back[1]["guideUrl"] != "https://example.com/own" {
		t.Errorf("finding 1: rotation %q, guideUrl %q: want its own", back[1]["rotation"], back[1]["guideUrl"])
	}
}

// TestJSONRotationWordingBySource checks that json's rotation steps open
// with what to do first where the secret was found: the rule's "in git
// history" opening only for history findings.
func TestJSONRotationWordingBySource(t *testing.T) {
	f := packFinding(t, "discord-webhook-url", discordURL())
	rotation := func(f scanner.Finding, source string) string {
		t.Helper()
		var back []scanner.Finding
		if err := json.Unmarshal([]byte(render(t, []scanner.Finding{f}, Options{Format: "json", Source: source})), &back); err != nil {
			t.Fatal(err)
		}
		return back[0].Rotation
	}
	steps := SplitGuidance(f.Rotation).Steps
	for _, source := range []string{SourceStaged, SourceWorkingTree, SourceStdin} {
		got := rotation(f, source)
		if strings.Contains(got, "git history") || !strings.HasPrefix(got, Lead(&f, source)) {
			t.Errorf("%s: rotation does not open with the %s lead:\n%s", source, source, got)
		}
		if !strings.Contains(got, "Anyone holding it can post as the webhook") {
			t.Errorf("%s: rotation lost what the secret lets someone do:\n%s", source, got)
		}
		if g := SplitGuidance(got); !slices.Equal(g.Steps, steps) {
			t.Errorf("%s: steps %q, want the rule's %q", source, g.Steps, steps)
		}
		// Fitting twice changes nothing (hookscan merge rewrites reports).
		refit := f
		refit.Rotation = got
		if again := rotation(refit, source); again != got {
			t.Errorf("%s: fitted twice:\n%s\nonce:\n%s", source, again, got)
		}
	}
	f.Commit = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"
	if got := rotation(f, SourceWorkingTree); got != f.Rotation {
		t.Errorf("a history finding keeps the rule's words:\n%s", got)
	}
}

// discordURL is a synthetic Discord webhook URL.
func discordURL() string {
	return "https://discord" + ".com/api/webhooks/" + "123456789012345678" + "/" + strings.Repeat("Tk9q", 17)
}

// TestGitHubWordingBySource checks that annotations say what to do first
// in the same words as text.
func TestGitHubWordingBySource(t *testing.T) {
	f := packFinding(t, "slack-incoming-webhook-url", slackURL)
	staged := render(t, []scanner.Finding{f}, Options{Format: "github", Source: SourceStaged})
	if !strings.Contains(staged, "%0AFirst: Not committed yet") || strings.Contains(staged, "git history") {
		t.Errorf("staged annotation:\n%s", staged)
	}
	if !strings.Contains(staged, "%0ARotation: 1. Open api.slack.com/apps") || !strings.Contains(staged, "(2 more: hookscan explain slack-incoming-webhook-url)") {
		t.Errorf("annotation lacks the first step:\n%s", staged)
	}
}
