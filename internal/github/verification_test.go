package github

import (
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
)

// A live secret is called out first in a review comment; a revoked one is
// marked as such; without --verify nothing is said.
func TestReviewCommentVerification(t *testing.T) {
	f := finding("slack-incoming-webhook-url", slackURL, "config/notify.yml", 3, 1, yes())
	if body := ReviewComment(f, nil); strings.Contains(body, "Live") || strings.Contains(body, "Verification") {
		t.Errorf("unverified comment mentions verification:\n%s", body)
	}
	f.Verification = &scanner.Verification{Status: scanner.VerifyLive, Detail: "HTTP 400 from hooks.slack.com"}
	body := ReviewComment(f, nil)
	_, rest, _ := strings.Cut(body, "\n")
	if !strings.HasPrefix(rest, "**Live — rotate now:**") {
		t.Errorf("live secret is not called out first:\n%s", body)
	}
	f.Verification = &scanner.Verification{Status: scanner.VerifyRevoked, Detail: "HTTP 404 from hooks.slack.com"}
	if body := ReviewComment(f, nil); !strings.Contains(body, "Verification: revoked (HTTP 404 from hooks.slack.com).") {
		t.Errorf("revoked secret is not marked:\n%s", body)
	}
}
