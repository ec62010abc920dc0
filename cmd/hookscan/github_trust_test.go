package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hookscan/hookscan/internal/github/githubtest"
)

// A GitHub that takes the connection and never answers: the run ends
// within its timeout, with one line that names the endpoint, and exit 2.
func TestGitHubNeverAnswers(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	held := make(chan net.Conn, 16)
	accepting := make(chan struct{})
	defer func() {
		// The listener closed, the accepting goroutine returns: only
		// then can nothing more be sent on held.
		ln.Close()
		<-accepting
		close(held)
		for c := range held {
			c.Close()
		}
	}()
	go func() {
		defer close(accepting)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			select {
			case held <- c: // read nothing, answer nothing
			default:
				c.Close()
			}
		}
	}()
	rp := newActionRepo(t)
	githubEnv(t, map[string]string{"GITHUB_TOKEN": actionToken, "GITHUB_REPOSITORY": "acme/shop"})
	start := time.Now()
	out, errOut, code := run(t, rp.dir, "github", "issues", "-q", "--api-url", "http://"+ln.Addr().String(), "--timeout", "300ms", "-f", "json", "-o", t.TempDir()+"/r.json")
	elapsed := time.Since(start)
	if code != 2 {
		t.Fatalf("exit %d, want 2\nstdout %s\nstderr %s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "no answer from GitHub to GET /repos/acme/shop") || !strings.Contains(lines[0], "within 300ms") {
		t.Errorf("stderr %q: want one line naming the endpoint and the timeout", errOut)
	}
	if strings.Contains(errOut, actionToken) {
		t.Error("stderr holds the token")
	}
	// Two tries of 300ms and one backoff of 1s.
	if elapsed > 20*time.Second {
		t.Errorf("took %s with a 300ms timeout", elapsed)
	}
}

// A pull request that adds a .hookscan.yaml allowlisting its own file,
// and a secret marked hookscan:allow: the first still gets its line
// comment and fails the run; the second is named in the summary as
// allowed by the pull request.
func TestPullRequestCannotSilenceItself(t *testing.T) {
	rp := newActionRepo(t) // base: README.md and .env; feature: secrets
	d := rp.dir
	actionGit(t, d, "checkout", "-q", "-b", "silence", rp.base)
	write := func(name, body string) {
		p := filepath.Join(d, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(".hookscan.yaml", "allow:\n  paths: [\"config/**\"]\n")
	write("config/notify.yml", "notify:\n  url: "+rp.slack+"\n")
	write(".env", "PORT=8080\nSTRIPE_WEBHOOK_SECRET="+rp.signing+" # hookscan:allow\nDEBUG=0\n")
	actionGit(t, d, "add", "-A")
	actionGit(t, d, "commit", "-qm", "notify, quietly")
	head := actionGit(t, d, "rev-parse", "HEAD")

	srv := githubtest.New("acme", "shop", actionToken)
	defer srv.Close()
	patches := map[string]string{}
	for _, f := range []string{".hookscan.yaml", "config/notify.yml", ".env"} {
		p := actionGit(t, d, "diff", rp.base+"..."+head, "--", f)
		patches[f] = p[strings.Index(p, "@@"):]
	}
	srv.AddPullRequest(5, head, patches)
	githubEnv(t, map[string]string{"GITHUB_TOKEN": actionToken, "GITHUB_REPOSITORY": "acme/shop", "GITHUB_API_URL": srv.URL})
	summary := filepath.Join(t.TempDir(), "summary.md")
	out, errOut, code := run(t, d, "github", "pr", "--pr", "5", "--base", rp.base, "--head", head, "--step-summary", summary, "-f", "json", "-o", filepath.Join(t.TempDir(), "r.json"))
	if code != 1 {
		t.Fatalf("exit %d, want 1 (the allowlist the pull request adds does not apply to it)\nstdout %s\nstderr %s", code, out, errOut)
	}
	rcs := srv.ReviewComments(5)
	if len(rcs) != 1 || rcs[0].Path != "config/notify.yml" || rcs[0].Line != 2 {
		t.Fatalf("line comments %+v, want one on config/notify.yml:2", rcs)
	}
	cs := srv.Comments(5)
	if len(cs) != 1 {
		t.Fatalf("%d summary comments", len(cs))
	}
	body := cs[0].Body
	allowedAt := strings.Index(body, "#### Allowed by this pull request")
	if allowedAt < 0 || !strings.Contains(body[allowedAt:], "`.env:2`") || !strings.Contains(body[allowedAt:], "hookscan:allow") {
		t.Errorf("summary does not name the secret the pull request allows:\n%s", body)
	}
	if !strings.Contains(body, "changes .hookscan.yaml") {
		t.Errorf("summary does not say the pull request changes the config:\n%s", body)
	}
	if !strings.Contains(errOut, "pull request #5 silences 1 secret itself") {
		t.Errorf("stderr does not count the one secret the pull request silences:\n%s", errOut)
	}
	rp.checkNoLeaks(t, srv, actionRun{stdout: out, stderr: errOut})
}

// A public repository: no issue is opened and no place of a secret is
// written where the public can read it; each secret gets a draft security
// advisory, or, when the token may not create one, the job summary says
// why nothing was posted.
func TestPublicRepositoryReportsPrivately(t *testing.T) {
	for _, tc := range []struct {
		name      string
		forbidden bool
	}{{"advisories", false}, {"advisories refused", true}} {
		t.Run(tc.name, func(t *testing.T) {
			rp := newActionRepo(t)
			actionGit(t, rp.dir, "checkout", "-q", "feature")
			srv := githubtest.New("acme", "shop", actionToken)
			defer srv.Close()
			srv.SetVisibility("public")
			srv.ForbidAdvisories(tc.forbidden)
			srv.AddFault(githubtest.Fault{Method: "POST", Path: "/repos/acme/shop/security-advisories", Times: 1, Status: 502, Body: `{"message":"Server Error"}`, AfterProcessing: true})
			dir := t.TempDir()
			summary := filepath.Join(dir, "summary.md")
			githubEnv(t, map[string]string{"GITHUB_TOKEN": actionToken, "GITHUB_REPOSITORY": "acme/shop", "GITHUB_API_URL": srv.URL, "GITHUB_EVENT_NAME": "schedule"})
			for i := range 2 {
				out, errOut, code := run(t, rp.dir, "github", "issues", "--annotations", "--step-summary", summary, "-f", "json", "-o", filepath.Join(dir, "r.json"))
				if code != 1 {
					t.Fatalf("run %d: exit %d, want 1\n%s", i+1, code, errOut)
				}
				if strings.Contains(out, "::error") {
					t.Errorf("run %d printed annotations on a public repository:\n%s", i+1, out)
				}
				rp.checkNoLeaks(t, srv, actionRun{stdout: out, stderr: errOut})
			}
			for _, r := range srv.Requests() {
				if r.Method == "POST" && r.Path == "/repos/acme/shop/issues" {
					t.Errorf("%s on a public repository", r)
				}
			}
			if n := len(srv.Issues()); n != 0 {
				t.Errorf("%d issues on a public repository", n)
			}
			data, _ := os.ReadFile(summary)
			md := string(data)
			for _, place := range []string{"config/notify.yml", ".env", "docs/legacy.env"} {
				if strings.Contains(md, place) {
					t.Errorf("job summary names %s:\n%s", place, md)
				}
			}
			if !strings.Contains(md, "acme/shop is public, so hookscan opened no issue") {
				t.Errorf("job summary does not say why nothing was posted:\n%s", md)
			}
			advs := srv.Advisories()
			if tc.forbidden {
				if len(advs) != 0 || !strings.Contains(md, "code scanning only") {
					t.Errorf("%d advisories; summary:\n%s", len(advs), md)
				}
				return
			}
			// Three secrets, one draft each, after a lost answer and a re-run.
			if len(advs) != 3 {
				t.Fatalf("%d advisories, want 3", len(advs))
			}
			for _, adv := range advs {
				if adv.State != "draft" || len(adv.CWEs) != 1 || adv.CWEs[0] != "CWE-798" || !strings.Contains(adv.Description, "<!-- hookscan:issue fp=") {
					t.Errorf("advisory %+v", adv)
				}
			}
			if !strings.Contains(md, "draft repository security advisory") {
				t.Errorf("job summary:\n%s", md)
			}
		})
	}
}

// github scan on a pull_request event judges it by the base commit's
// config too.
func TestScanOnPullRequestUsesTheBaseConfig(t *testing.T) {
	rp := newActionRepo(t)
	d := rp.dir
	actionGit(t, d, "checkout", "-q", "-b", "quiet", rp.base)
	if err := os.WriteFile(filepath.Join(d, ".hookscan.yaml"), []byte("allow:\n  paths: [\"config/**\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(d, "config"), 0o755)
	if err := os.WriteFile(filepath.Join(d, "config/notify.yml"), []byte("url: "+rp.slack+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	actionGit(t, d, "add", "-A")
	actionGit(t, d, "commit", "-qm", "quiet")
	head := actionGit(t, d, "rev-parse", "HEAD")
	summary := filepath.Join(t.TempDir(), "s.md")
	githubEnv(t, map[string]string{"GITHUB_EVENT_NAME": "pull_request"})
	_, errOut, code := run(t, d, "github", "scan", "--pr", "3", "--base", rp.base, "--head", head, "--step-summary", summary, "-f", "json", "-o", filepath.Join(t.TempDir(), "r.json"))
	if code != 1 {
		t.Fatalf("exit %d, want 1: the pull request's own allowlist must not apply\n%s", code, errOut)
	}
	data, _ := os.ReadFile(summary)
	if !strings.Contains(string(data), "config/notify.yml") || !strings.Contains(string(data), "changes .hookscan.yaml") {
		t.Errorf("job summary:\n%s", data)
	}
}

// TestPlainHTTPAPIRefused: the token goes with every request, so an API
// URL over plain http is refused before anything is sent, unless its host
// is a loopback one (a test server, a local proxy).
func TestPlainHTTPAPIRefused(t *testing.T) {
	rp := newActionRepo(t)
	githubEnv(t, map[string]string{"GITHUB_TOKEN": actionToken, "GITHUB_REPOSITORY": "acme/shop"})
	for _, args := range [][]string{
		{"github", "issues", "-q"},
		{"github", "org", "acme"},
	} {
		// A name that resolves to nothing: were it contacted, the error
		// would be a lookup failure instead.
		_, errOut, code := run(t, rp.dir, append(args, "--api-url", "http://ghe.invalid/api/v3")...)
		if code != 2 || !strings.Contains(errOut, "unencrypted") || strings.Contains(errOut, actionToken) {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// TestPublicJobLogHoldsNoPlaces: the log of a public repository's
// workflow is public, so inside Actions the report is not printed to
// standard output there; with -o it goes to the file.
func TestPublicJobLogHoldsNoPlaces(t *testing.T) {
	rp := newActionRepo(t)
	actionGit(t, rp.dir, "checkout", "-q", "feature")
	srv := githubtest.New("acme", "shop", actionToken)
	defer srv.Close()
	srv.SetVisibility("public")
	event := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(event, []byte(`{"repository": {"visibility": "public", "private": false}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	githubEnv(t, map[string]string{"GITHUB_TOKEN": actionToken, "GITHUB_REPOSITORY": "acme/shop", "GITHUB_API_URL": srv.URL,
		"GITHUB_EVENT_NAME": "schedule", "GITHUB_EVENT_PATH": event, "GITHUB_ACTIONS": "true"})
	for _, cmd := range []string{"issues", "scan"} {
		out, errOut, code := run(t, rp.dir, "github", cmd)
		if code != 1 || !strings.Contains(errOut, "not printed: acme/shop is public") {
			t.Errorf("%s: exit %d, stderr %q", cmd, code, errOut)
		}
		for _, place := range []string{"config/notify.yml", ".env", "docs/legacy.env"} {
			if strings.Contains(out, place) {
				t.Errorf("%s: the public log names %s:\n%s", cmd, place, out)
			}
		}
		report := filepath.Join(t.TempDir(), "r.json")
		if _, errOut, code := run(t, rp.dir, "github", cmd, "-f", "json", "-o", report); code != 1 {
			t.Errorf("%s -o: exit %d, %s", cmd, code, errOut)
		}
		if data, _ := os.ReadFile(report); !strings.Contains(string(data), "config/notify.yml") {
			t.Errorf("%s: the report file lacks the findings: %s", cmd, data)
		}
	}
}
