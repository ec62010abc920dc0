package github

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
)

var prPatches = map[string]string{
	"config/notify.yml": "@@ -0,0 +1,4 @@\n+notify:\n+  channel: ops\n+  url: (redacted in this test)\n+  retries: 3",
	".env":              "@@ -1,2 +1,3 @@\n PORT=8080\n+STRIPE_WEBHOOK_SECRET=(redacted)\n DEBUG=0",
}

func diffOf(t *testing.T, patches map[string]string) DiffLines {
	t.Helper()
	d := DiffLines{}
	for p, patch := range patches {
		if err := d.AddPatch(p, patch); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

func prFindings() []scanner.Finding {
	return []scanner.Finding{
		finding("slack-incoming-webhook-url", slackURL, "config/notify.yml", 3, 1, yes()),
		finding("stripe-webhook-signing-secret", stripeKey, ".env", 2, 1, yes()),
		finding("github-webhook-secret", githubHook, "docs/setup.md", 40, 0, yes()),
		finding("stripe-webhook-signing-secret", stripeKey, "old/legacy.env", 1, 0, no()),
	}
}

func TestPullRequestReviewSummaryAndReruns(t *testing.T) {
	srv := newServer(t)
	head := testCommits[1]
	srv.AddPullRequest(7, head, prPatches)
	c := newClient(t, srv)
	ctx := context.Background()
	pr := PullRequest{Number: 7, Head: head, Findings: prFindings(), Diff: diffOf(t, prPatches), Rules: testRules()}

	// First run: one review with the two secrets on diff lines, one
	// summary comment.
	res, err := c.ReportPullRequest(ctx, pr)
	if err != nil {
		t.Fatal(err)
	}
	equalLines(t, "first run", requestLines(srv.Requests()), []string{
		"GET /repos/acme/shop/pulls/7/comments",
		"GET /repos/acme/shop/issues/7/comments",
		"POST /repos/acme/shop/pulls/7/reviews",
		"POST /repos/acme/shop/issues/7/comments",
	})
	if res.Comments != 2 || res.Summary != "created" || res.Rejected {
		t.Errorf("result %+v", res)
	}
	reviews := srv.Reviews(7)
	if len(reviews) != 1 || reviews[0].Event != "COMMENT" || reviews[0].CommitID != head || reviews[0].Comments != 2 {
		t.Fatalf("reviews %+v", reviews)
	}
	rcs := srv.ReviewComments(7)
	if len(rcs) != 2 || rcs[0].Path != "config/notify.yml" || rcs[0].Line != 3 || rcs[0].Side != "RIGHT" ||
		rcs[1].Path != ".env" || rcs[1].Line != 2 {
		t.Fatalf("review comments %+v", rcs)
	}
	golden(t, "review_comment_slack", rcs[0].Body)
	comments := srv.Comments(7)
	if len(comments) != 1 {
		t.Fatalf("%d conversation comments, want 1", len(comments))
	}
	golden(t, "summary_first", comments[0].Body)
	for _, want := range []string{"docs/setup.md", "old/legacy.env", "gone from the branch, still in its history", "see the review comment"} {
		if !strings.Contains(comments[0].Body, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	q := srv.Requests()[0].Query
	if !strings.Contains(q, "per_page=100") {
		t.Errorf("listing asked %q, want per_page=100", q)
	}

	// Same head again: nothing new is written.
	srv.Reset()
	res, err = c.ReportPullRequest(ctx, pr)
	if err != nil {
		t.Fatal(err)
	}
	if w := srv.Writes(); len(w) != 0 {
		t.Errorf("re-run on the same head wrote %q", requestLines(w))
	}
	if res.Comments != 0 || res.Summary != "unchanged" {
		t.Errorf("re-run result %+v", res)
	}

	// A later push removes the Slack URL from the branch: the summary is
	// edited in place and says it is gone but still in history.
	head2 := testCommits[2]
	srv.SetHead(7, head2, map[string]string{".env": prPatches[".env"]})
	fs := prFindings()
	fs[0].InHead = no()
	srv.Reset()
	res, err = c.ReportPullRequest(ctx, PullRequest{Number: 7, Head: head2, Findings: fs, Diff: diffOf(t, map[string]string{".env": prPatches[".env"]}), Rules: testRules()})
	if err != nil {
		t.Fatal(err)
	}
	equalLines(t, "after the push", requestLines(srv.Writes()), []string{"PATCH /repos/acme/shop/issues/comments/" + itoa(comments[0].ID)})
	if res.Summary != "updated" || res.Comments != 0 {
		t.Errorf("after the push: %+v", res)
	}
	comments = srv.Comments(7)
	if len(comments) != 1 || len(srv.Reviews(7)) != 1 {
		t.Fatalf("after the push: %d comments, %d reviews; want 1 and 1", len(comments), len(srv.Reviews(7)))
	}
	golden(t, "summary_removed", comments[0].Body)
	row := rowFor(comments[0].Body, "config/notify.yml")
	if !strings.Contains(row, "gone from the branch, still in its history") || !strings.Contains(row, "must still be rotated") {
		t.Errorf("removed secret's row: %q", row)
	}

	// A force-push rewrites the secret out of the branch's history: the
	// summary still names it and still asks for rotation.
	srv.Reset()
	_, err = c.ReportPullRequest(ctx, PullRequest{Number: 7, Head: head2, Findings: fs[1:], Diff: DiffLines{}, Rules: testRules()})
	if err != nil {
		t.Fatal(err)
	}
	body := srv.Comments(7)[0].Body
	row = rowFor(body, "config/notify.yml")
	if !strings.Contains(row, "no longer in the branch's history") || !strings.Contains(row, "must still be rotated") {
		t.Errorf("rewritten secret's row: %q", row)
	}
	if n := len(srv.Comments(7)); n != 1 {
		t.Errorf("%d summary comments, want 1", n)
	}
}

func rowFor(body, file string) string {
	for l := range strings.SplitSeq(body, "\n") {
		if strings.HasPrefix(l, "|") && strings.Contains(l, file) {
			return l
		}
	}
	return ""
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestPullRequestLineOutsideDiff(t *testing.T) {
	srv := newServer(t)
	head := testCommits[1]
	srv.AddPullRequest(8, head, prPatches)
	c := newClient(t, srv)
	// The local diff wrongly says line 9 is in the diff: GitHub answers
	// 422, and the summary takes the finding instead.
	f := finding("slack-incoming-webhook-url", slackURL, "config/notify.yml", 9, 1, yes())
	res, err := c.ReportPullRequest(context.Background(), PullRequest{
		Number: 8, Head: head, Findings: []scanner.Finding{f},
		Diff: DiffLines{"config/notify.yml": {9: true}}, Rules: testRules(),
	})
	if err != nil {
		t.Fatal(err)
	}
	var statuses []int
	for _, r := range srv.Requests() {
		statuses = append(statuses, r.Status)
	}
	equalLines(t, "requests", requestLines(srv.Requests()), []string{
		"GET /repos/acme/shop/pulls/8/comments",
		"GET /repos/acme/shop/issues/8/comments",
		"POST /repos/acme/shop/pulls/8/reviews",
		"POST /repos/acme/shop/issues/8/comments",
	})
	if statuses[2] != 422 {
		t.Errorf("review answered %d, want 422", statuses[2])
	}
	if !res.Rejected || res.Comments != 0 || res.Summary != "created" {
		t.Errorf("result %+v", res)
	}
	if len(srv.Reviews(8)) != 0 {
		t.Error("a review was created")
	}
	body := srv.Comments(8)[0].Body
	if !strings.Contains(body, "How to rotate it") || !strings.Contains(body, "api.slack.com/apps") {
		t.Errorf("summary lacks the rotation steps of the refused comment:\n%s", body)
	}
	if !strings.Contains(c.log.String(), "must be part of the diff") {
		t.Errorf("log does not say why: %q", c.log.String())
	}
}

func TestPullRequestPagination(t *testing.T) {
	srv := newServer(t)
	srv.MaxPerPage = 1
	head := testCommits[1]
	srv.AddPullRequest(9, head, prPatches)
	for i := range 3 {
		srv.AddComment(9, "reviewer", "looks fine "+itoa(int64(i)))
	}
	c := newClient(t, srv)
	ctx := context.Background()
	pr := PullRequest{Number: 9, Head: head, Findings: prFindings(), Diff: diffOf(t, prPatches), Rules: testRules()}
	if _, err := c.ReportPullRequest(ctx, pr); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		srv.AddComment(9, "reviewer", "more talk "+itoa(int64(i)))
	}
	// The summary is now the 4th of 7 comments and the review comments
	// span two pages, one item a page.
	srv.Reset()
	pr.Findings[2].InHead = no()
	res, err := c.ReportPullRequest(ctx, pr)
	if err != nil {
		t.Fatal(err)
	}
	var gets []string
	for _, r := range srv.Requests() {
		if !r.Write() {
			gets = append(gets, r.Path+"?"+r.Query)
		}
	}
	equalLines(t, "listing pages", gets, []string{
		"/repos/acme/shop/pulls/9/comments?per_page=100",
		"/repos/acme/shop/pulls/9/comments?page=2&per_page=100",
		"/repos/acme/shop/issues/9/comments?per_page=100",
		"/repos/acme/shop/issues/9/comments?page=2&per_page=100",
		"/repos/acme/shop/issues/9/comments?page=3&per_page=100",
		"/repos/acme/shop/issues/9/comments?page=4&per_page=100",
		"/repos/acme/shop/issues/9/comments?page=5&per_page=100",
		"/repos/acme/shop/issues/9/comments?page=6&per_page=100",
		"/repos/acme/shop/issues/9/comments?page=7&per_page=100",
	})
	if res.Summary != "updated" || res.Comments != 0 {
		t.Errorf("result %+v", res)
	}
	if len(srv.Comments(9)) != 7 || len(srv.Reviews(9)) != 1 {
		t.Errorf("%d comments, %d reviews; want 7 and 1", len(srv.Comments(9)), len(srv.Reviews(9)))
	}
}

func TestBodiesStayUnderGitHubsLimit(t *testing.T) {
	srv := newServer(t)
	srv.AddPullRequest(5, testCommits[1], prPatches)
	c := newClient(t, srv)
	var fs []scanner.Finding
	for i := range 400 {
		f := finding("stripe-webhook-signing-secret", stripeKey, "gen/file"+strconv.Itoa(i)+".env", 1, 1, yes())
		f.Fingerprint = scanner.Fingerprint(f.RuleID, f.Secret+strconv.Itoa(i))
		fs = append(fs, f)
	}
	if _, err := c.ReportPullRequest(context.Background(), PullRequest{Number: 5, Head: testCommits[1], Findings: fs, Rules: testRules()}); err != nil {
		t.Fatal(err)
	}
	body := srv.Comments(5)[0].Body
	if len(body) > 65536 || !strings.Contains(body, "…and 300 more") {
		t.Errorf("summary of %d bytes:\n%s", len(body), body[len(body)-500:])
	}
	if _, ok := findMarker(body, markState); !ok {
		t.Error("the state marker was cut off")
	}
	// One secret in 400 places: the issue still fits, and a re-run finds
	// nothing new although the issue lists only some of the places.
	for i := range fs {
		fs[i].Fingerprint = ""
	}
	if _, err := c.ReportIssues(context.Background(), fs, testRules()); err != nil {
		t.Fatal(err)
	}
	iss := srv.Issues()
	if len(iss) != 1 || len(iss[0].Body) > 65536 {
		t.Fatalf("%d issues", len(iss))
	}
	if _, ok := findMarker(iss[0].Body, markLocations); !ok {
		t.Error("the locations marker was cut off")
	}
	srv.Reset()
	if _, err := c.ReportIssues(context.Background(), fs, testRules()); err != nil {
		t.Fatal(err)
	}
	if w := srv.Writes(); len(w) != 0 {
		t.Errorf("re-run wrote %q", requestLines(w))
	}
}
