package github

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hookscan/hookscan/internal/github/githubtest"
)

// lost502 is a 502 that a proxy returns after GitHub did the work.
func lost502(method, path string) githubtest.Fault {
	return githubtest.Fault{Method: method, Path: path, Times: 1, Status: 502, Body: `{"message":"Server Error"}`, AfterProcessing: true}
}

func TestLostAnswersMakeNoDuplicates(t *testing.T) {
	srv := newServer(t)
	head := testCommits[1]
	srv.AddPullRequest(7, head, prPatches)
	srv.AddFault(lost502("POST", "/repos/acme/shop/pulls/7/reviews"))
	srv.AddFault(lost502("POST", "/repos/acme/shop/issues/7/comments"))
	srv.AddFault(lost502("POST", "/repos/acme/shop/issues"))
	srv.AddFault(lost502("POST", "/repos/acme/shop/labels"))
	c := newClient(t, srv)
	ctx := context.Background()

	res, err := c.ReportPullRequest(ctx, PullRequest{Number: 7, Head: head, Findings: prFindings(), Diff: diffOf(t, prPatches), Rules: testRules()})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Reviews(7)); n != 1 {
		t.Errorf("%d reviews after a lost answer, want 1", n)
	}
	if n := len(srv.ReviewComments(7)); n != 2 {
		t.Errorf("%d line comments, want 2", n)
	}
	if n := len(srv.Comments(7)); n != 1 {
		t.Errorf("%d summary comments, want 1", n)
	}
	if res.Comments != 2 || res.Summary != "created" || res.ReviewID == 0 {
		t.Errorf("result %+v", res)
	}

	issues, err := c.ReportIssues(ctx, historyFindings(), testRules())
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.Issues(); len(got) != 2 || issues.Created != 2 {
		t.Errorf("%d issues for 2 secrets (result %+v)", len(got), issues)
	}
	if l := srv.Labels(); len(l) != 1 {
		t.Errorf("labels %q", l)
	}
	posts := 0
	for _, r := range srv.Writes() {
		if r.Method == "POST" {
			posts++
		}
	}
	// label, review, summary, 2 issues: each sent once, the lost ones
	// read back instead of sent again.
	if posts != 5 {
		t.Errorf("%d POSTs, want 5: %q", posts, requestLines(srv.Writes()))
	}
	if !strings.Contains(c.log.String(), "GitHub had done it") {
		t.Errorf("log does not say a lost answer was found done:\n%s", c.log)
	}

	// A re-run writes nothing.
	srv.Reset()
	if _, err := c.ReportPullRequest(ctx, PullRequest{Number: 7, Head: head, Findings: prFindings(), Diff: diffOf(t, prPatches), Rules: testRules()}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReportIssues(ctx, historyFindings(), testRules()); err != nil {
		t.Fatal(err)
	}
	if w := srv.Writes(); len(w) != 0 {
		t.Errorf("re-run wrote %q", requestLines(w))
	}
}

func TestDuplicatesLeftBehindAreCleanedUp(t *testing.T) {
	srv := newServer(t)
	head := testCommits[1]
	srv.AddPullRequest(7, head, prPatches)
	c := newClient(t, srv)
	ctx := context.Background()
	pr := PullRequest{Number: 7, Head: head, Findings: prFindings(), Diff: diffOf(t, prPatches), Rules: testRules()}
	if _, err := c.ReportPullRequest(ctx, pr); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReportIssues(ctx, historyFindings(), testRules()); err != nil {
		t.Fatal(err)
	}
	// What an older version left after lost answers: every line comment,
	// the summary and an issue twice.
	for _, rc := range srv.ReviewComments(7) {
		srv.AddReviewComment(7, rc.Path, rc.Line, rc.Body)
	}
	summary := srv.Comments(7)[0]
	srv.AddComment(7, "github-actions[bot]", summary.Body)
	srv.AddComment(7, "dana", "> quoting the bot\n"+summary.Body) // a person's: kept
	first := srv.Issues()[0]
	dup := srv.AddIssue(first.Title, first.Body, "hookscan")

	srv.Reset()
	if _, err := c.ReportPullRequest(ctx, pr); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReportIssues(ctx, historyFindings(), testRules()); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.ReviewComments(7)); n != 2 {
		t.Errorf("%d line comments after the clean-up, want 2", n)
	}
	if cs := srv.Comments(7); len(cs) != 2 || cs[0].ID != summary.ID || cs[1].User != "dana" {
		t.Errorf("comments after the clean-up: %+v", cs)
	}
	open := 0
	for _, iss := range srv.Issues() {
		if iss.State == "open" {
			open++
		}
		if iss.Number == dup && iss.State != "open" {
			t.Logf("issue #%d closed as a duplicate", dup)
		}
	}
	if open != 2 {
		t.Errorf("%d open issues for 2 secrets", open)
	}
	var closed []string
	for _, r := range srv.Writes() {
		closed = append(closed, r.String())
	}
	for _, want := range []string{"DELETE /repos/acme/shop/pulls/comments/", "DELETE /repos/acme/shop/issues/comments/", "PATCH /repos/acme/shop/issues/"} {
		if !strings.Contains(strings.Join(closed, "\n"), want) {
			t.Errorf("clean-up did not send %s: %q", want, closed)
		}
	}
	// Once clean, a re-run writes nothing.
	srv.Reset()
	if _, err := c.ReportPullRequest(ctx, pr); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReportIssues(ctx, historyFindings(), testRules()); err != nil {
		t.Fatal(err)
	}
	if w := srv.Writes(); len(w) != 0 {
		t.Errorf("re-run after the clean-up wrote %q", requestLines(w))
	}
}

func TestNoAnswerEndsWithinTheTimeout(t *testing.T) {
	srv := newServer(t)
	srv.AddPullRequest(7, testCommits[1], prPatches)
	srv.AddFault(githubtest.Fault{Method: "GET", Path: "/repos/acme/shop/pulls/7/comments", Times: 99, Hang: true})
	c := newClient(t, srv, func(o *Options) { o.RequestTimeout = 200 * time.Millisecond })
	start := time.Now()
	_, err := c.ReportPullRequest(context.Background(), PullRequest{Number: 7, Head: testCommits[1], Findings: prFindings(), Diff: diffOf(t, prPatches)})
	elapsed := time.Since(start)
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{"list the review comments of pull request #7", "no answer from GitHub to GET /repos/acme/shop/pulls/7/comments within 200ms"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "\n") || strings.Contains(msg, "pull-requests: write") {
		t.Errorf("error %q", msg)
	}
	// One try and one retry, each bounded by the timeout (the backoff
	// between them is recorded, not slept).
	// The server records a request when its handler returns, which for
	// a hanging one is when the client has hung up: wait for that.
	n := 0
	for wait := time.Now(); time.Since(wait) < 2*time.Second; time.Sleep(10 * time.Millisecond) {
		if n = len(srv.Requests()); n >= 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	if elapsed > 5*time.Second {
		t.Errorf("took %s with a 200ms timeout", elapsed)
	}
}

func TestAbsurdRetryAfterIsARateLimit(t *testing.T) {
	for _, ra := range []string{"999999999", "-5", "soon"} {
		t.Run(ra, func(t *testing.T) {
			srv := newServer(t)
			srv.AddIssue("x", "y", "hookscan")
			srv.AddFault(githubtest.Fault{Method: "POST", Path: "/repos/acme/shop/issues", Times: 9, Status: 403,
				Header: map[string]string{"Retry-After": ra}, Body: `{"message":"Forbidden"}`})
			c := newClient(t, srv)
			_, err := c.ReportIssues(context.Background(), historyFindings()[:1], testRules())
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, "rate limit") || !strings.Contains(msg, ra) || strings.Contains(msg, "issues: write") {
				t.Errorf("error %q: want a rate limit naming Retry-After %s, not a permission", msg, ra)
			}
			if w := c.waits.all(); len(w) != 0 {
				t.Errorf("waited %v for an absurd Retry-After", w)
			}
		})
	}
}

func TestPublicPullRequestSaysRotateNow(t *testing.T) {
	srv := newServer(t)
	srv.AddPullRequest(7, testCommits[1], prPatches)
	c := newClient(t, srv)
	if _, err := c.ReportPullRequest(context.Background(), PullRequest{Number: 7, Head: testCommits[1], Findings: prFindings(), Diff: diffOf(t, prPatches), Rules: testRules(), Public: true}); err != nil {
		t.Fatal(err)
	}
	rcs, cs := srv.ReviewComments(7), srv.Comments(7)
	if len(rcs) != 2 || len(cs) != 1 {
		t.Fatalf("%d line comments, %d summaries", len(rcs), len(cs))
	}
	for _, body := range []string{rcs[0].Body, rcs[1].Body, cs[0].Body, srv.Reviews(7)[0].Body} {
		if !strings.Contains(body, "Rotate now: this value is public.") {
			t.Errorf("body lacks the public warning:\n%s", body)
		}
	}
	if !strings.HasPrefix(rcs[0].Body, "<!-- hookscan:finding ") || !strings.HasPrefix(cs[0].Body, "<!-- hookscan:summary") {
		t.Error("the marker no longer opens the body")
	}
}
