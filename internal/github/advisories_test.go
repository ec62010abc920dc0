package github

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestAdvisoriesRefusedNamesATokenThatCan: a workflow's GITHUB_TOKEN
// cannot be given the advisories permission, so a refusal points to
// another token, not to the workflow's permissions block.
func TestAdvisoriesRefusedNamesATokenThatCan(t *testing.T) {
	srv := newServer(t)
	srv.ForbidAdvisories(true)
	c := newClient(t, srv)
	_, err := c.ReportAdvisories(context.Background(), historyFindings(), testRules())
	if !errors.Is(err, ErrAdvisoriesRefused) {
		t.Fatalf("error %v, want it refused", err)
	}
	msg := err.Error()
	for _, want := range []string{"403 Forbidden", "a workflow's GITHUB_TOKEN cannot be given it", "--token-env"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "add it to the workflow's permissions") {
		t.Errorf("error %q sends the user to the workflow's permissions, which cannot grant it", msg)
	}
}
