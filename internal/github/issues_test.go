package github

import (
	"context"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
)

func historyFindings() []scanner.Finding {
	return []scanner.Finding{
		finding("slack-incoming-webhook-url", slackURL, "config/notify.yml", 3, 0, yes()),
		finding("slack-incoming-webhook-url", slackURL, "deploy/values.yaml", 12, 1, no()),
		finding("stripe-webhook-signing-secret", stripeKey, ".env", 2, 1, yes()),
	}
}

func TestIssuesOnePerSecret(t *testing.T) {
	srv := newServer(t)
	other := srv.AddIssue("Rotate keys yearly", "A person's issue, no marker.", "security")
	c := newClient(t, srv)
	ctx := context.Background()
	rf := testRules()

	// First run: the label is made once, then one issue per secret.
	res, err := c.ReportIssues(ctx, historyFindings(), rf)
	if err != nil {
		t.Fatal(err)
	}
	equalLines(t, "first run", requestLines(srv.Requests()), []string{
		"GET /repos/acme/shop/issues",
		"GET /repos/acme/shop/labels/hookscan",
		"POST /repos/acme/shop/labels",
		"POST /repos/acme/shop/issues",
		"POST /repos/acme/shop/issues",
	})
	if q := srv.Requests()[0].Query; q != "labels=hookscan&per_page=100&state=all" {
		t.Errorf("listing query %q", q)
	}
	if res.Created != 2 || len(res.Issues) != 2 {
		t.Fatalf("result %+v", res)
	}
	issues := srv.Issues()
	if len(issues) != 3 {
		t.Fatalf("%d issues, want 3", len(issues))
	}
	slack, stripe := issues[1], issues[2]
	if slack.Title != "Leaked Slack incoming webhook URL in config/notify.yml" || stripe.Title != "Leaked Stripe webhook signing secret in .env" {
		t.Errorf("titles %q, %q", slack.Title, stripe.Title)
	}
	if len(slack.Labels) != 1 || slack.Labels[0] != "hookscan" {
		t.Errorf("labels %q", slack.Labels)
	}
	golden(t, "issue_slack", slack.Body)
	for _, want := range []string{
		"https://github.example/acme/shop/blob/" + testCommits[0] + "/config/notify.yml#L3",
		"https://github.example/acme/shop/blob/" + testCommits[1] + "/deploy/values.yaml#L12",
		"| Still in HEAD | yes, in `config/notify.yml` |",
		"| Author | `Dana Dev <dana@example.com>` |",
		"- [ ] Revoke or regenerate the secret at Slack",
		"api.slack.com/apps",
		"existingSecret",
	} {
		if !strings.Contains(slack.Body, want) {
			t.Errorf("Slack issue lacks %q", want)
		}
	}

	// Re-run, listing one issue a page: nothing is written, and the label
	// is not looked up again.
	srv.MaxPerPage = 1
	srv.Reset()
	res, err = c.ReportIssues(ctx, historyFindings(), rf)
	if err != nil {
		t.Fatal(err)
	}
	if w := srv.Writes(); len(w) != 0 {
		t.Errorf("re-run wrote %q", requestLines(w))
	}
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("re-run made %d requests, want 2 pages of the listing", n)
	}
	if res.Unchanged != 2 || res.Created != 0 {
		t.Errorf("re-run result %+v", res)
	}
	srv.MaxPerPage = 0

	// The Slack URL turns up in a new place: the issue gets it, and a
	// comment says so; no second issue.
	fs := append(historyFindings(), finding("slack-incoming-webhook-url", slackURL, "scripts/notify.sh", 5, 2, yes()))
	srv.Reset()
	res, err = c.ReportIssues(ctx, fs, rf)
	if err != nil {
		t.Fatal(err)
	}
	equalLines(t, "new place", requestLines(srv.Writes()), []string{
		"PATCH /repos/acme/shop/issues/" + itoa(int64(slack.Number)),
		"POST /repos/acme/shop/issues/" + itoa(int64(slack.Number)) + "/comments",
	})
	if res.Updated != 1 || res.Created != 0 || res.Reopened != 0 {
		t.Errorf("result %+v", res)
	}
	cs := srv.Comments(slack.Number)
	if len(cs) != 1 {
		t.Fatalf("%d comments on the Slack issue", len(cs))
	}
	golden(t, "issue_new_location", cs[0].Body)
	if !strings.Contains(srv.Issues()[1].Body, "scripts/notify.sh") {
		t.Error("issue body lacks the new place")
	}

	// A person closes the Stripe issue after removing the secret from
	// HEAD: the body follows, the issue stays closed.
	srv.CloseIssue(stripe.Number)
	fs[2].InHead = no()
	srv.Reset()
	if _, err := c.ReportIssues(ctx, fs, rf); err != nil {
		t.Fatal(err)
	}
	for _, w := range srv.Writes() {
		if strings.Contains(string(w.Body), `"state"`) || strings.HasSuffix(w.Path, "/comments") {
			t.Errorf("closed issue touched: %s %s", w, w.Body)
		}
	}
	if got := srv.Issues()[2]; got.State != "closed" || !strings.Contains(got.Body, "| Still in HEAD | no,") {
		t.Errorf("closed issue now %q, body:\n%s", got.State, got.Body)
	}
	srv.Reset()
	if _, err := c.ReportIssues(ctx, fs, rf); err != nil {
		t.Fatal(err)
	}
	if w := srv.Writes(); len(w) != 0 {
		t.Errorf("re-run after the close wrote %q", requestLines(w))
	}

	// The Stripe secret comes back in a new commit: reopened, once.
	fs = append(fs, finding("stripe-webhook-signing-secret", stripeKey, "app/settings.py", 8, 3, yes()))
	srv.Reset()
	res, err = c.ReportIssues(ctx, fs, rf)
	if err != nil {
		t.Fatal(err)
	}
	if res.Reopened != 1 || res.Created != 0 {
		t.Errorf("result %+v", res)
	}
	if got := srv.Issues()[2]; got.State != "open" {
		t.Errorf("issue state %q after the secret came back", got.State)
	}
	cs = srv.Comments(stripe.Number)
	if len(cs) != 1 || !strings.Contains(cs[0].Body, "open again") || !strings.Contains(cs[0].Body, "app/settings.py") {
		t.Errorf("reopen comment %+v", cs)
	}
	if len(srv.Issues()) != 3 || srv.Issues()[0].Number != other || len(srv.Labels()) != 2 {
		t.Errorf("issues %+v, labels %q", srv.Issues(), srv.Labels())
	}
}

func TestIssuesLabelExists(t *testing.T) {
	srv := newServer(t)
	srv.AddIssue("unrelated", "x", "hookscan")
	c := newClient(t, srv)
	if _, err := c.ReportIssues(context.Background(), historyFindings()[:1], testRules()); err != nil {
		t.Fatal(err)
	}
	equalLines(t, "requests", requestLines(srv.Requests()), []string{
		"GET /repos/acme/shop/issues",
		"GET /repos/acme/shop/labels/hookscan",
		"POST /repos/acme/shop/issues",
	})
}
