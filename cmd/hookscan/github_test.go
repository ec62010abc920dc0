package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/internal/github/githubtest"
)

// githubEnv clears what a GitHub Actions runner would set, so the tests
// run the same inside a workflow, then sets vars.
func githubEnv(t *testing.T, vars map[string]string) {
	t.Helper()
	for _, k := range []string{"GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH", "GITHUB_API_URL",
		"GITHUB_SERVER_URL", "GITHUB_SHA", "GITHUB_REF", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_ACTIONS"} {
		t.Setenv(k, "")
	}
	for k, v := range vars {
		t.Setenv(k, v)
	}
}

func TestGitHubIssuesFlagsOverrideEnv(t *testing.T) {
	rp := newActionRepo(t)
	srv := githubtest.New("acme", "shop", actionToken)
	defer srv.Close()
	dir := t.TempDir()
	summary, outputs := filepath.Join(dir, "summary.md"), filepath.Join(dir, "outputs")
	githubEnv(t, map[string]string{
		"GITHUB_TOKEN": actionToken, "GITHUB_REPOSITORY": "someone/else", "GITHUB_API_URL": "http://127.0.0.1:9",
		"GITHUB_SERVER_URL": "https://wrong.example", "GITHUB_STEP_SUMMARY": filepath.Join(dir, "not-this.md"),
	})
	out, errOut, code := run(t, rp.dir, "github", "issues", "--repository", "acme/shop", "--api-url", srv.URL,
		"--server-url", "https://ghe.example", "--step-summary", summary, "--github-output", outputs, "-f", "json", "-o", filepath.Join(dir, "report.json"))
	if code != 1 {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	issues := srv.Issues()
	if len(issues) != 3 {
		t.Fatalf("%d issues, want 3", len(issues))
	}
	if !strings.Contains(issues[0].Body, "https://ghe.example/acme/shop/blob/") {
		t.Errorf("--server-url not used for links:\n%s", issues[0].Body)
	}
	if data, _ := os.ReadFile(outputs); string(data) != "findings=3\n" {
		t.Errorf("step outputs %q", data)
	}
	if data, _ := os.ReadFile(summary); !strings.Contains(string(data), "3 hard-coded secrets") {
		t.Errorf("job summary %q", data)
	}
	if _, err := os.Stat(filepath.Join(dir, "not-this.md")); err == nil {
		t.Error("GITHUB_STEP_SUMMARY was written although --step-summary overrides it")
	}
	if !strings.Contains(errOut, "issues: 3 opened, 0 updated, 0 reopened, 0 unchanged") {
		t.Errorf("stderr %q", errOut)
	}
	rp.checkNoLeaks(t, srv, actionRun{stdout: out, stderr: errOut})
}

func TestGitHubErrorsAreOneLineWithoutToken(t *testing.T) {
	rp := newActionRepo(t)
	srv := githubtest.New("acme", "shop", actionToken)
	defer srv.Close()
	wrong := "ghp" + "_" + "Wr0ngT0kenWr0ngT0kenWr0ngT0ken12"
	githubEnv(t, map[string]string{"GITHUB_TOKEN": wrong, "GITHUB_REPOSITORY": "acme/shop", "GITHUB_API_URL": srv.URL})
	out, errOut, code := run(t, rp.dir, "github", "issues", "-q")
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "401 Unauthorized (Bad credentials)") || !strings.Contains(lines[0], "expired or revoked") {
		t.Errorf("stderr %q", errOut)
	}
	if strings.Contains(out+errOut, wrong) {
		t.Error("the token was printed")
	}

	githubEnv(t, map[string]string{"GITHUB_REPOSITORY": "acme/shop", "GITHUB_API_URL": srv.URL, "MY_TOKEN": ""})
	_, errOut, code = run(t, rp.dir, "github", "issues", "--token-env", "MY_TOKEN")
	if code != 2 || !strings.Contains(errOut, "no GitHub token") {
		t.Errorf("no token: exit %d, %q", code, errOut)
	}
	_, errOut, code = run(t, rp.dir, "github", "pr")
	if code != 2 || !strings.Contains(errOut, "no pull request in the context") {
		t.Errorf("pr without a pull request: exit %d, %q", code, errOut)
	}
}

func TestGitHubPRFromFork(t *testing.T) {
	rp := newActionRepo(t)
	srv := githubtest.New("acme", "shop", actionToken)
	defer srv.Close()
	summary := filepath.Join(t.TempDir(), "summary.md")
	event := writeEvent(t, map[string]any{"number": 3, "pull_request": map[string]any{"number": 3,
		"head": map[string]any{"sha": rp.head, "repo": map[string]any{"full_name": "stranger/shop"}},
		"base": map[string]any{"sha": rp.base, "repo": map[string]any{"full_name": "acme/shop"}}}})
	githubEnv(t, map[string]string{"GITHUB_TOKEN": actionToken, "GITHUB_REPOSITORY": "acme/shop", "GITHUB_API_URL": srv.URL,
		"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": event, "GITHUB_STEP_SUMMARY": summary})
	out, errOut, code := run(t, rp.dir, "github", "pr", "--annotations", "-f", "sarif", "-o", filepath.Join(t.TempDir(), "r.sarif"))
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d API requests from a fork's pull request", n)
	}
	if !strings.Contains(errOut, "pull request from a fork") || !strings.Contains(out, "::error file=") {
		t.Errorf("stderr %q, stdout %q", errOut, out)
	}
	if data, _ := os.ReadFile(summary); !strings.Contains(string(data), "from a fork") {
		t.Errorf("job summary %q", data)
	}
}
