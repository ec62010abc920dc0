package main

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/internal/github/githubtest"
)

// sarifResults reads an upload's results: rule, file and category.
func sarifResults(t *testing.T, data []byte) (category string, files []string) {
	t.Helper()
	var log struct {
		Runs []struct {
			AutomationDetails struct {
				ID string `json:"id"`
			} `json:"automationDetails"`
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("SARIF: %v", err)
	}
	for _, r := range log.Runs[0].Results {
		files = append(files, r.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
	return log.Runs[0].AutomationDetails.ID, files
}

// Two pushes, the second unrelated to the secret the first brought: the
// second upload still holds it, under the same category, so code scanning
// does not close its alert.
func TestSARIFDescribesTheWholeRef(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 7))
	secret := "whsec" + "_" + synthetic(r, "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 32)
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	actionGit(t, dir, "init", "-q")
	write("README.md", "# shop\n")
	actionGit(t, dir, "add", "-A")
	actionGit(t, dir, "commit", "-qm", "start")
	base := actionGit(t, dir, "rev-parse", "HEAD")
	write(".env.production", "STRIPE_WEBHOOK_SECRET="+secret+"\n")
	actionGit(t, dir, "add", "-A")
	actionGit(t, dir, "commit", "-qm", "production settings")
	push1 := actionGit(t, dir, "rev-parse", "HEAD")
	write("README.md", "# shop\n\nSee docs/.\n")
	actionGit(t, dir, "commit", "-qam", "readme")
	push2 := actionGit(t, dir, "rev-parse", "HEAD")

	srv := githubtest.New("acme", "shop", actionToken)
	defer srv.Close()
	srv.SetSARIFProcessing(1)
	out := t.TempDir()
	githubEnv(t, map[string]string{"GITHUB_TOKEN": actionToken, "GITHUB_REPOSITORY": "acme/shop", "GITHUB_API_URL": srv.URL,
		"GITHUB_EVENT_NAME": "push", "GITHUB_REF": "refs/heads/main"})
	for i, p := range []struct{ before, after string }{{base, push1}, {push1, push2}} {
		event := writeEvent(t, map[string]any{"ref": "refs/heads/main", "before": p.before, "after": p.after,
			"repository": map[string]any{"full_name": "acme/shop", "private": true, "visibility": "private"}})
		_, errOut, code := run(t, dir, "github", "sarif", "--event-path", event, "--sha", p.after, "-f", "json", "-o", filepath.Join(out, "r.json"))
		if code != 1 {
			t.Fatalf("push %d: exit %d, want 1\n%s", i+1, code, errOut)
		}
	}
	ups := srv.SARIFUploads()
	if len(ups) != 2 {
		t.Fatalf("%d uploads, want 2", len(ups))
	}
	for i, u := range ups {
		cat, files := sarifResults(t, u.SARIF)
		if cat != "hookscan/head/" || len(files) != 1 || files[0] != ".env.production" {
			t.Errorf("upload %d (%s): category %q, results %q; want hookscan/head/ and .env.production", i+1, shortCommit(u.CommitSHA), cat, files)
		}
	}
	if ups[1].CommitSHA != push2 {
		t.Errorf("second upload for %s, want %s", ups[1].CommitSHA, push2)
	}
	// Each upload was polled until processed.
	polls := 0
	for _, r := range srv.Requests() {
		if r.Method == "GET" && strings.Contains(r.Path, "/code-scanning/sarifs/") {
			polls++
		}
	}
	if polls != 4 {
		t.Errorf("%d polls of the uploads, want 4 (pending, then complete, twice)", polls)
	}

	// The action's push scan writes the same state into its SARIF file.
	event := writeEvent(t, map[string]any{"ref": "refs/heads/main", "before": push1, "after": push2,
		"repository": map[string]any{"full_name": "acme/shop", "private": true}})
	report := filepath.Join(out, "scan.sarif")
	if _, errOut, code := run(t, dir, "github", "scan", "--event-path", event, "-f", "sarif", "-o", report); code != 1 {
		t.Fatalf("github scan: exit %d\n%s", code, errOut)
	}
	data, _ := os.ReadFile(report)
	if cat, files := sarifResults(t, data); cat != "hookscan/head/" || len(files) != 1 {
		t.Errorf("github scan on push 2: category %q, results %q", cat, files)
	}
	// On a public repository the job summary and annotations name no place.
	public := writeEvent(t, map[string]any{"ref": "refs/heads/main", "before": push1, "after": push2,
		"repository": map[string]any{"full_name": "acme/shop", "private": false, "visibility": "public"}})
	summary := filepath.Join(out, "summary.md")
	stdout, errOut, code := run(t, dir, "github", "scan", "--event-path", public, "--annotations", "--step-summary", summary, "-f", "sarif", "-o", report)
	md, _ := os.ReadFile(summary)
	if code != 1 || strings.Contains(stdout+string(md), ".env.production") || !strings.Contains(string(md), "acme/shop is public") {
		t.Errorf("public push scan: exit %d, stdout %q, summary %q\n%s", code, stdout, md, errOut)
	}

	// Processing errors are reported, exit 2.
	srv.SetSARIFProcessing(0, "locationFromSarifResult: expected artifact location")
	_, errOut, code = run(t, dir, "github", "sarif", "--event-path", event, "--sha", push2, "-f", "json", "-o", filepath.Join(out, "r.json"))
	if code != 2 || !strings.Contains(errOut, "code scanning could not process SARIF upload") || !strings.Contains(errOut, "expected artifact location") {
		t.Errorf("failed processing: exit %d, %q", code, errOut)
	}
	// Part of the history is refused.
	if _, errOut, code := run(t, dir, "github", "sarif", "--since", base); code != 2 || !strings.Contains(errOut, "close the alerts") {
		t.Errorf("--since: exit %d, %q", code, errOut)
	}
	for _, r := range srv.Requests() {
		if strings.Contains(string(r.Body), secret[6:]) {
			t.Errorf("%s sent the secret", r)
		}
	}
	for _, u := range srv.SARIFUploads() {
		if strings.Contains(string(u.SARIF), secret[6:]) {
			t.Error("an upload holds the secret")
		}
	}
}
