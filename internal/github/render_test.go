package github

import (
	"strings"
	"testing"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

func TestStepSummaryGolden(t *testing.T) {
	fs := historyFindings()
	dir := finding("stripe-webhook-signing-secret", stripeKey, "pkg/pay|ments.go", 9, 0, nil)
	dir.Commit, dir.Author, dir.Email, dir.Date = "", "", "", dir.Date.AddDate(-1, 0, 0)
	fs = append(fs, dir)
	got := StepSummary("hookscan", fs, Links{ServerURL: "https://github.example", Owner: testOwner, Repo: testRepo}, testCommits[3])
	golden(t, "step_summary", got)
	if !strings.Contains(got, "`pkg/pay\\|ments.go:9`") {
		t.Error("a | in a path was not escaped in the table")
	}
	if got := StepSummary("hookscan", nil, Links{}, ""); got != "### hookscan: 0 hard-coded secrets\n\n" {
		t.Errorf("empty summary %q", got)
	}
}

func TestReviewCommentFromShippedRule(t *testing.T) {
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	var r *rules.Rule
	for _, x := range rs {
		if x.Guidance.Rotate != "" && x.Guidance.URL != "" {
			r = x
			break
		}
	}
	if r == nil {
		t.Fatal("no shipped rule has rotation guidance and a link")
	}
	f := finding("slack-incoming-webhook-url", slackURL, "config/notify.yml", 3, 1, yes())
	f.RuleID, f.Provider, f.Description = r.ID, r.Provider, r.Description
	body := ReviewComment(f, r)
	for _, want := range []string{strings.TrimSpace(strings.SplitN(r.Guidance.Rotate, "\n", 2)[0]), r.Guidance.URL, "Rotate it now", f.Advice} {
		if !strings.Contains(body, want) {
			t.Errorf("comment lacks %q:\n%s", want, body)
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	if got := code("a`b"); got != "``a`b``" {
		t.Errorf("code %q", got)
	}
	if got := code("`x"); got != "`` `x ``" {
		t.Errorf("code %q", got)
	}
	if got := text("@team *bold* <b>"); got != `\@team \*bold\* \<b\>` {
		t.Errorf("text %q", got)
	}
	f := scanner.Finding{RuleID: "r", File: "evil -->\n<script>", Secret: "s3cr3tvalue"}
	body := ReviewComment(f, nil)
	if first, _, _ := strings.Cut(body, "\n"); strings.Count(first, "-->") != 1 || !strings.HasSuffix(first, " -->") {
		t.Errorf("a file name closed the marker early:\n%s", body)
	}
	v, ok := findMarker(body, markFinding)
	if !ok || fields(v)["file"] != f.File {
		t.Errorf("marker round trip: %q %v", v, ok)
	}
}
