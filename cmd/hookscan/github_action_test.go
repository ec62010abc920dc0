package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/hookscan/hookscan/internal/github/githubtest"
)

// actionToken is assembled so the file holds nothing token-shaped.
var actionToken = "ghs" + "_" + "Act10nT0kenF0rTest5Only0123456789ab"

// action is the part of action.yml the test runs.
type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID    string            `yaml:"id"`
			Uses  string            `yaml:"uses"`
			Shell string            `yaml:"shell"`
			Run   string            `yaml:"run"`
			Env   map[string]string `yaml:"env"`
			With  map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

// actionRun is the outcome of running action.yml's steps.
type actionRun struct {
	code           int
	outputs        map[string]string
	stdout, stderr string
	summary        string
}

// actionEnv is what a runner gives the action.
type actionEnv struct {
	root      string // the module root: GITHUB_ACTION_PATH
	workspace string // the checked-out repository
	binary    string // hookscan, built by the test
	vars      map[string]string
}

// buildActionBinary builds the CLI into a temporary directory, as the
// action's install step would.
func buildActionBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "hookscan")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

var expr = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

// runAction runs the steps of action.yml as a runner does: uses: steps
// are checked and skipped (setup-go), run: scripts go to bash with the
// runner's flags, inputs and step outputs are substituted into env: and
// with: values. A `go` on PATH stands in for the toolchain: it checks it
// is asked to install ./cmd/hookscan from the module root and copies the
// binary the test built.
func runAction(t *testing.T, env actionEnv, inputs map[string]string) actionRun {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(env.root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var act action
	if err := yaml.Unmarshal(data, &act); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if act.Runs.Using != "composite" {
		t.Fatalf("action.yml runs.using = %q, want composite", act.Runs.Using)
	}
	for k := range inputs {
		if _, ok := act.Inputs[k]; !ok {
			t.Fatalf("action.yml has no input %q", k)
		}
	}
	tmp := t.TempDir()
	shim := filepath.Join(tmp, "shim")
	os.MkdirAll(shim, 0o755)
	os.WriteFile(filepath.Join(shim, "go"), []byte(`#!/bin/bash
set -eu
if [ "$*" = "env GOVERSION" ]; then echo go1.26-test; exit 0; fi
[ "$*" = "install -trimpath ./cmd/hookscan" ] || { echo "go shim: unexpected arguments: $*" >&2; exit 3; }
grep -q '^module github.com/hookscan/hookscan$' go.mod || { echo "go shim: not at the module root: $PWD" >&2; exit 3; }
[ -n "${GOBIN:-}" ] || { echo "go shim: GOBIN is not set" >&2; exit 3; }
cp "$HOOKSCAN_TEST_BINARY" "$GOBIN/hookscan"
`), 0o755)
	runnerTemp := filepath.Join(tmp, "runner")
	os.MkdirAll(runnerTemp, 0o755)
	summary := filepath.Join(tmp, "step_summary.md")

	steps := map[string]map[string]string{}
	resolved := map[string]string{}
	eval := func(s string) string {
		return expr.ReplaceAllStringFunc(s, func(m string) string {
			e := expr.FindStringSubmatch(m)[1]
			switch {
			case e == "github.action_path":
				return env.root
			case e == "github.action_ref", e == "github.action_repository":
				return "" // a local action: no release to download
			case e == "github.token":
				return actionToken
			case e == "runner.temp":
				return runnerTemp
			case e == "runner.os":
				return "Linux"
			case e == "runner.arch":
				return "X64"
			case strings.HasPrefix(e, "inputs."):
				v, ok := resolved[strings.TrimPrefix(e, "inputs.")]
				if !ok {
					t.Fatalf("action.yml uses unknown input %q", e)
				}
				return v
			case strings.HasPrefix(e, "steps."):
				parts := strings.Split(e, ".")
				if len(parts) != 4 || parts[2] != "outputs" {
					t.Fatalf("unknown expression %q", e)
				}
				return steps[parts[1]][parts[3]]
			}
			t.Fatalf("action.yml has an expression the test does not know: %q", e)
			return ""
		})
	}
	// Inputs first: their defaults may be expressions themselves.
	for name, in := range act.Inputs {
		resolved[name] = in.Default
	}
	for name := range act.Inputs {
		if v, ok := inputs[name]; ok {
			resolved[name] = v
		} else {
			resolved[name] = eval(resolved[name])
		}
	}

	base := []string{
		"PATH=" + shim + string(os.PathListSeparator) + os.Getenv("PATH"),
		"HOME=" + tmp,
		"RUNNER_TEMP=" + runnerTemp,
		"GITHUB_ACTION_PATH=" + env.root,
		"GITHUB_WORKSPACE=" + env.workspace,
		"GITHUB_STEP_SUMMARY=" + summary,
		"GITHUB_ACTIONS=true",
		"CI=true",
		"HOOKSCAN_TEST_BINARY=" + env.binary,
	}
	for k, v := range env.vars {
		base = append(base, k+"="+v)
	}
	run := actionRun{outputs: map[string]string{}}
	var stdout, stderr bytes.Buffer
	for i, st := range act.Runs.Steps {
		if st.Uses != "" {
			// cache: always a miss, and nothing to save. Every action is
			// pinned by its full commit SHA.
			if !strings.HasPrefix(st.Uses, "actions/cache/restore@") && !strings.HasPrefix(st.Uses, "actions/cache/save@") {
				t.Fatalf("step %d uses %s, which the test cannot stand in for", i, st.Uses)
			}
			if _, sha, _ := strings.Cut(st.Uses, "@"); !regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(sha) {
				t.Errorf("step %d uses %s: not pinned by a commit SHA", i, st.Uses)
			}
			for k, v := range st.With {
				v = eval(v)
				if strings.HasSuffix(k, "-file") {
					if _, err := os.Stat(v); err != nil {
						t.Errorf("%s %s: %v", st.Uses, k, err)
					}
				}
				if k == "key" && strings.HasSuffix(v, "-") {
					t.Errorf("%s key %q lacks its hash", st.Uses, v)
				}
			}
			continue
		}
		if st.Shell != "bash" {
			t.Fatalf("step %d has shell %q, want bash", i, st.Shell)
		}
		if expr.MatchString(st.Run) {
			t.Errorf("step %d puts an expression inside run:, an injection risk", i)
		}
		script := filepath.Join(tmp, fmt.Sprintf("step%d.sh", i))
		os.WriteFile(script, []byte(st.Run), 0o644)
		outFile := filepath.Join(tmp, fmt.Sprintf("output%d", i))
		os.WriteFile(outFile, nil, 0o644)
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = env.workspace
		cmd.Env = append(append([]string{}, base...), "GITHUB_OUTPUT="+outFile)
		for k, v := range st.Env {
			cmd.Env = append(cmd.Env, k+"="+eval(v))
		}
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		outs := map[string]string{}
		data, _ := os.ReadFile(outFile)
		for l := range strings.SplitSeq(strings.TrimSpace(string(data)), "\n") {
			if k, v, ok := strings.Cut(l, "="); ok {
				outs[k] = v
			}
		}
		if st.ID != "" {
			steps[st.ID] = outs
		}
		if err != nil {
			ee, ok := err.(*exec.ExitError)
			if !ok {
				t.Fatal(err)
			}
			run.code = ee.ExitCode()
			break
		}
	}
	for name, o := range act.Outputs {
		run.outputs[name] = eval(o.Value)
	}
	run.stdout, run.stderr = stdout.String(), stderr.String()
	s, _ := os.ReadFile(summary)
	run.summary = string(s)
	return run
}

// actionRepo is a repository with a pull request that adds secrets.
type actionRepo struct {
	dir                    string
	base, head, merge      string
	slack, signing, legacy string
}

func actionGit(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Dana Dev", "-c", "user.email=dana@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=2025-03-01T12:00:00Z", "GIT_COMMITTER_DATE=2025-03-01T12:00:00Z", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// synthetic returns n characters from alphabet, the same on every run.
func synthetic(r *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

func newActionRepo(t *testing.T) actionRepo {
	t.Helper()
	r := rand.New(rand.NewPCG(5, 11))
	const upper, alnum = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	rp := actionRepo{
		dir:     t.TempDir(),
		slack:   "https://hooks.slack.com/services/" + "T" + synthetic(r, upper, 10) + "/B" + synthetic(r, upper, 10) + "/" + synthetic(r, alnum, 24),
		signing: "whsec" + "_" + synthetic(r, alnum, 32),
		legacy:  "whsec" + "_" + synthetic(r, alnum, 32),
	}
	write := func(name, body string) {
		p := filepath.Join(rp.dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d := rp.dir
	actionGit(t, d, "init", "-q")
	write("README.md", "# shop\n")
	write(".env", "PORT=8080\nDEBUG=0\n")
	actionGit(t, d, "add", "-A")
	actionGit(t, d, "commit", "-qm", "start")
	rp.base = actionGit(t, d, "rev-parse", "HEAD")
	actionGit(t, d, "checkout", "-qb", "feature")
	write("config/notify.yml", "notify:\n  channel: ops\n  url: "+rp.slack+"\n")
	write(".env", "PORT=8080\nSTRIPE_WEBHOOK_SECRET="+rp.signing+"\nDEBUG=0\n")
	write("docs/legacy.env", "OLD_WEBHOOK_SECRET="+rp.legacy+"\n")
	actionGit(t, d, "add", "-A")
	actionGit(t, d, "commit", "-qm", "notify ops")
	// A later commit moves the Slack URL down two lines and drops the
	// legacy file: it is gone from the branch, still in its history.
	write("config/notify.yml", "# notifications\n\nnotify:\n  channel: ops\n  url: "+rp.slack+"\n")
	actionGit(t, d, "rm", "-q", "docs/legacy.env")
	actionGit(t, d, "add", "-A")
	actionGit(t, d, "commit", "-qm", "tidy")
	rp.head = actionGit(t, d, "rev-parse", "HEAD")
	// What actions/checkout gives a pull_request job: GitHub's merge
	// commit, detached.
	actionGit(t, d, "checkout", "-q", "--detach", "main")
	actionGit(t, d, "merge", "-q", "--no-ff", "-m", "Merge feature into main", "feature")
	rp.merge = actionGit(t, d, "rev-parse", "HEAD")
	return rp
}

// patches returns each file's patch of base...head as GitHub lists it.
func (rp actionRepo) patches(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range strings.Fields(actionGit(t, rp.dir, "diff", "--name-only", "--diff-filter=d", rp.base+"..."+rp.head)) {
		p := actionGit(t, rp.dir, "diff", rp.base+"..."+rp.head, "--", f)
		out[f] = p[strings.Index(p, "@@"):]
	}
	return out
}

func (rp actionRepo) checkNoLeaks(t *testing.T, srv *githubtest.Server, run actionRun) {
	t.Helper()
	for _, s := range []string{rp.slack, rp.signing, rp.legacy} {
		private := s[strings.LastIndexAny(s, "/_")+1:]
		for _, r := range srv.Requests() {
			if bytes.Contains(r.Body, []byte(private[4:])) {
				t.Errorf("%s sent a planted secret", r)
			}
		}
		for _, u := range srv.SARIFUploads() {
			if bytes.Contains(u.SARIF, []byte(private[4:])) {
				t.Errorf("SARIF upload holds a planted secret")
			}
		}
		if strings.Contains(run.stdout+run.stderr+run.summary, private[4:]) {
			t.Errorf("the step's output holds a planted secret")
		}
	}
	if strings.Contains(run.stdout+run.stderr+run.summary, actionToken) {
		t.Error("the step's output holds the token")
	}
}

func writeEvent(t *testing.T, v any) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "event.json")
	data, _ := json.Marshal(v)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "action.yml")); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestActionPullRequest(t *testing.T) {
	bin := buildActionBinary(t)
	rp := newActionRepo(t)
	srv := githubtest.New("acme", "shop", actionToken)
	defer srv.Close()
	srv.AddPullRequest(12, rp.head, rp.patches(t))
	repo := map[string]any{"full_name": "acme/shop"}
	event := writeEvent(t, map[string]any{
		"action": "synchronize", "number": 12, "repository": repo,
		"pull_request": map[string]any{"number": 12,
			"head": map[string]any{"sha": rp.head, "ref": "feature", "repo": repo},
			"base": map[string]any{"sha": rp.base, "ref": "main", "repo": repo}},
	})
	env := actionEnv{root: moduleRoot(t), workspace: rp.dir, binary: bin, vars: map[string]string{
		"GITHUB_REPOSITORY": "acme/shop", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": event,
		"GITHUB_API_URL": srv.URL, "GITHUB_SERVER_URL": "https://github.example",
		"GITHUB_SHA": rp.merge, "GITHUB_REF": "refs/pull/12/merge",
	}}
	run := runAction(t, env, map[string]string{"mode": "pr", "sarif": "true"})
	t.Logf("stderr:\n%s\njob summary:\n%s", run.stderr, run.summary)
	rp.checkNoLeaks(t, srv, run)
	if run.code != 1 {
		t.Fatalf("exit %d, want 1 (findings)\nstdout:\n%s\nstderr:\n%s", run.code, run.stdout, run.stderr)
	}
	if run.outputs["findings"] != "3" {
		t.Errorf("findings output %q, want 3", run.outputs["findings"])
	}
	sarif, err := os.ReadFile(run.outputs["sarif-file"])
	if err != nil || !json.Valid(sarif) || !bytes.Contains(sarif, []byte(`"version": "2.1.0"`)) && !bytes.Contains(sarif, []byte(`"version":"2.1.0"`)) {
		t.Errorf("sarif-file %q: %v", run.outputs["sarif-file"], err)
	}

	// One review, its line comments on the head's lines; one summary.
	reviews := srv.Reviews(12)
	if len(reviews) != 1 || reviews[0].CommitID != rp.head || reviews[0].Event != "COMMENT" {
		t.Fatalf("reviews %+v", reviews)
	}
	got := map[string]int{}
	for _, c := range srv.ReviewComments(12) {
		got[c.Path] = c.Line
	}
	if len(got) != 2 || got["config/notify.yml"] != 5 || got[".env"] != 2 {
		t.Errorf("line comments at %v, want config/notify.yml:5 and .env:2", got)
	}
	comments := srv.Comments(12)
	if len(comments) != 1 || !strings.Contains(comments[0].Body, "docs/legacy.env") ||
		!strings.Contains(comments[0].Body, "gone from the branch, still in its history") {
		t.Fatalf("summary comments %+v", comments)
	}
	ups := srv.SARIFUploads()
	if len(ups) != 1 || ups[0].CommitSHA != rp.merge || ups[0].Ref != "refs/pull/12/merge" {
		t.Errorf("SARIF uploads %+v", ups)
	}
	for _, want := range []string{"### hookscan: pull request #12: 3 hard-coded secrets", "| Severity | Provider |", "config/notify.yml:5", "Summary comment: "} {
		if !strings.Contains(run.summary, want) {
			t.Errorf("job summary lacks %q:\n%s", want, run.summary)
		}
	}
	if !strings.Contains(run.stdout, "::error file=config/notify.yml") {
		t.Errorf("no annotations on stdout:\n%s", run.stdout)
	}

	// The same head again: only the SARIF upload is sent.
	srv.Reset()
	run = runAction(t, env, map[string]string{"mode": "pr", "sarif": "true"})
	if run.code != 1 {
		t.Fatalf("re-run exit %d\n%s", run.code, run.stderr)
	}
	var writes []string
	for _, w := range srv.Writes() {
		writes = append(writes, w.String())
	}
	if strings.Join(writes, ",") != "POST /repos/acme/shop/code-scanning/sarifs" {
		t.Errorf("re-run wrote %q", writes)
	}
	rp.checkNoLeaks(t, srv, run)
}

func TestActionIssuesAndScan(t *testing.T) {
	bin := buildActionBinary(t)
	rp := newActionRepo(t)
	actionGit(t, rp.dir, "checkout", "-q", "feature")
	srv := githubtest.New("acme", "shop", actionToken)
	defer srv.Close()
	vars := map[string]string{
		"GITHUB_REPOSITORY": "acme/shop", "GITHUB_EVENT_NAME": "schedule",
		"GITHUB_EVENT_PATH": writeEvent(t, map[string]any{"schedule": "0 3 * * *"}),
		"GITHUB_API_URL":    srv.URL, "GITHUB_SERVER_URL": "https://github.example",
		"GITHUB_SHA": rp.head, "GITHUB_REF": "refs/heads/feature",
	}
	env := actionEnv{root: moduleRoot(t), workspace: rp.dir, binary: bin, vars: vars}

	// Nightly history scan: one issue per secret, and findings do not
	// fail the job when fail-on-findings is off.
	run := runAction(t, env, map[string]string{"mode": "issues", "fail-on-findings": "false"})
	rp.checkNoLeaks(t, srv, run)
	if run.code != 0 {
		t.Fatalf("exit %d\n%s", run.code, run.stderr)
	}
	issues := srv.Issues()
	if len(issues) != 3 {
		t.Fatalf("%d issues, want 3 (one per secret)", len(issues))
	}
	for _, iss := range issues {
		if !strings.Contains(iss.Body, "https://github.example/acme/shop/blob/") || len(iss.Labels) != 1 {
			t.Errorf("issue %d: labels %q, body:\n%s", iss.Number, iss.Labels, iss.Body)
		}
	}
	if l := srv.Labels(); len(l) != 1 || l[0] != "hookscan" {
		t.Errorf("labels %q", l)
	}
	srv.Reset()
	run = runAction(t, env, map[string]string{"mode": "issues", "fail-on-findings": "false"})
	if len(srv.Writes()) != 0 || run.code != 0 {
		t.Errorf("re-run: exit %d, wrote %d requests", run.code, len(srv.Writes()))
	}

	// A push event, scan mode: the pushed commits only, no API calls.
	srv.Reset()
	vars["GITHUB_EVENT_NAME"] = "push"
	vars["GITHUB_EVENT_PATH"] = writeEvent(t, map[string]any{"ref": "refs/heads/feature", "before": rp.base, "after": rp.head})
	run = runAction(t, env, map[string]string{"mode": "scan"})
	if run.code != 1 || run.outputs["findings"] != "3" {
		t.Errorf("scan: exit %d, findings %q\n%s", run.code, run.outputs["findings"], run.stderr)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("scan mode made %d API requests", n)
	}
	if !strings.Contains(run.summary, "### hookscan: 3 hard-coded secrets") {
		t.Errorf("job summary:\n%s", run.summary)
	}
	rp.checkNoLeaks(t, srv, run)

	// A bad mode fails clearly.
	run = runAction(t, env, map[string]string{"mode": "everything"})
	if run.code != 2 || !strings.Contains(run.stdout, "unknown mode 'everything'") {
		t.Errorf("bad mode: exit %d, %q", run.code, run.stdout)
	}
}
