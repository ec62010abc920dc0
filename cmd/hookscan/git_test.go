package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitCmd runs git in dir with a fixed identity and no user or system
// configuration, and returns its combined output.
func gitCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := gitRun(dir, nil, args...)
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(out)
}

func gitRun(dir string, env []string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(cleanGitEnv(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// cleanGitEnv is the environment without git's variables, with a fixed
// identity and no user or system configuration.
func cleanGitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			env = append(env, kv)
		}
	}
	return append(env,
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=Ada Author", "GIT_AUTHOR_EMAIL=ada@example.com",
		"GIT_COMMITTER_NAME=Ada Author", "GIT_COMMITTER_EMAIL=ada@example.com",
	)
}

// newRepo makes a repository whose first commit is a README.
func newRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	gitCmd(t, dir, "init", "-q", "-b", "main")
	writeFile(t, dir, "README.md", "hello\n")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "readme")
	return dir
}

func writeFile(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestGitCommand(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, dir, "app/.env", "STRIPE_WEBHOOK_SECRET="+planted+"\n")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "add env")
	added := gitCmd(t, dir, "rev-parse", "HEAD")
	gitCmd(t, dir, "rm", "-q", "app/.env")
	gitCmd(t, dir, "commit", "-q", "-m", "remove env")

	out, stderr, code := run(t, "", "git", dir, "-f", "json")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	var findings []map[string]any
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(findings) != 1 {
		t.Fatalf("%d findings, want 1:\n%s", len(findings), out)
	}
	f := findings[0]
	if f["file"] != "app/.env" || f["line"] != 1.0 || f["commit"] != added || f["inHead"] != false || f["author"] != "Ada Author" {
		t.Errorf("finding %v, want app/.env:1 at %s, not in HEAD, by Ada Author", f, added)
	}
	if strings.Contains(out, planted) {
		t.Error("the secret was printed in full")
	}

	// The range of the last commit adds nothing; the one before adds it.
	if _, stderr, code := run(t, "", "git", dir, "--range", "HEAD~1..HEAD"); code != 0 {
		t.Errorf("--range HEAD~1..HEAD: exit %d, want 0\n%s", code, stderr)
	}
	if _, _, code := run(t, "", "git", dir, "--since", "HEAD~2", "--branch", "HEAD~1"); code != 1 {
		t.Errorf("--since HEAD~2 --branch HEAD~1: exit %d, want 1", code)
	}
	// From inside the working tree, with the default REPO.
	writeFile(t, dir, "sub/keep.txt", "x\n")
	if _, stderr, code := run(t, filepath.Join(dir, "sub"), "git"); code != 1 {
		t.Errorf("from a subdirectory: exit %d, want 1\n%s", code, stderr)
	}
}

func TestGitCommandErrors(t *testing.T) {
	notRepo := t.TempDir()
	_, stderr, code := run(t, "", "git", notRepo)
	if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "not a git repository") {
		t.Errorf("not a repository: exit %d, stderr %q; want 2 and one line", code, stderr)
	}
	dir := newRepo(t)
	for _, args := range [][]string{
		{"git", dir, "--range", "nope"},
		{"git", dir, "--range", "main..missing"},
		{"git", dir, "--backend", "svn"},
		{"git", dir, "--range", "a..b", "--since", "a"},
	} {
		if _, stderr, code := run(t, "", args...); code != 2 || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line", args, code, stderr)
		}
	}
}

// The rules compile while git walks the history: a bad config or rule is
// still the one error reported, before anything is scanned, in a shallow
// clone (whose warning the walk gives) and with a range that is wrong too;
// verbose, the config's name and the warning share stderr.
func TestGitCommandConfigErrorDuringWalk(t *testing.T) {
	dir := newRepo(t)
	for i := range 3 {
		writeFile(t, dir, "f.txt", strings.Repeat("x\n", i+1))
		gitCmd(t, dir, "add", "-A")
		gitCmd(t, dir, "commit", "-q", "-m", "more")
	}
	shallow := filepath.Join(t.TempDir(), "s")
	gitCmd(t, filepath.Dir(shallow), "clone", "-q", "--depth", "1", "file://"+dir, shallow)
	for _, c := range []struct{ config, want string }{
		{"allow: [\n", ".hookscan.yaml"},
		{"rules:\n  - id: acme-token\n    keywords: [acme]\n    regex: 'acme_(['\n", "acme-token"},
	} {
		writeFile(t, shallow, ".hookscan.yaml", c.config)
		for _, args := range [][]string{{"git", shallow}, {"git", shallow, "--range", "nope..HEAD"}, {"git", shallow, "-v"}} {
			_, stderr, code := run(t, "", args...)
			if code != 2 || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "nope") {
				t.Errorf("%v with config %q: exit %d, stderr %q; want 2 and an error naming %s", args, c.config, code, stderr, c.want)
			}
		}
	}
	writeFile(t, shallow, ".hookscan.yaml", "allow:\n  paths: [\"f.txt\"]\n")
	_, stderr, code := run(t, "", "git", shallow, "-v")
	if code != 0 || !strings.Contains(stderr, "using config") || !strings.Contains(stderr, "warning: shallow clone") {
		t.Errorf("verbose: exit %d, stderr %q; want 0, the config named and the warning", code, stderr)
	}
}

func TestGitCommandShallowClone(t *testing.T) {
	dir := newRepo(t)
	for i := range 3 {
		writeFile(t, dir, "f.txt", strings.Repeat("x\n", i+1))
		gitCmd(t, dir, "add", "-A")
		gitCmd(t, dir, "commit", "-q", "-m", "more")
	}
	shallow := filepath.Join(t.TempDir(), "s")
	gitCmd(t, filepath.Dir(shallow), "clone", "-q", "--depth", "1", "file://"+dir, shallow)
	_, stderr, code := run(t, "", "git", shallow)
	if code != 0 || !strings.Contains(stderr, "warning: shallow clone") {
		t.Errorf("shallow clone: exit %d, stderr %q; want 0 and a warning", code, stderr)
	}
	if _, stderr, _ := run(t, "", "git", shallow, "-q"); stderr != "" {
		t.Errorf("-q still warns: %q", stderr)
	}
}

func TestStagedCommand(t *testing.T) {
	t.Setenv("GIT_INDEX_FILE", "")
	dir := newRepo(t)
	if _, stderr, code := run(t, dir, "staged"); code != 0 {
		t.Fatalf("clean index: exit %d\n%s", code, stderr)
	}
	writeFile(t, dir, "deploy/hook.env", "# notify\nSTRIPE_WEBHOOK_SECRET="+planted+"\n")
	gitCmd(t, dir, "add", "-A")
	out, _, code := run(t, dir, "staged", "-f", "json")
	if code != 1 || !strings.Contains(out, `"file": "deploy/hook.env"`) || !strings.Contains(out, `"line": 2`) {
		t.Errorf("staged secret: exit %d\n%s", code, out)
	}
	if _, _, code := run(t, "", "staged", dir); code != 1 {
		t.Errorf("staged REPO: exit %d, want 1", code)
	}
	_, stderr, code := run(t, "", "staged", t.TempDir())
	if code != 2 || strings.Count(stderr, "\n") != 1 {
		t.Errorf("not a repository: exit %d, stderr %q", code, stderr)
	}
}

func TestGitCommandSubmoduleVerbose(t *testing.T) {
	dir := newRepo(t)
	gitCmd(t, dir, "update-index", "--add", "--cacheinfo", "160000,"+strings.Repeat("ab", 20)+",vendor/lib")
	gitCmd(t, dir, "commit", "-q", "-m", "submodule")
	if _, stderr, code := run(t, "", "git", dir); code != 0 || stderr != "hookscan: not scanned: 1 submodule not followed (-v lists them)\n" {
		t.Errorf("one closing line about submodules by default: exit %d, stderr %q", code, stderr)
	}
	if _, stderr, code := run(t, "", "git", dir, "-v"); code != 0 || !strings.Contains(stderr, "vendor/lib: skipped: submodule") {
		t.Errorf("-v names the submodule: exit %d, stderr %q", code, stderr)
	}
}

// TestGitMissingObjectsSummed: a partial clone's missing blobs are named
// up to missingShown, then counted on one line; -v names each. Either way
// the scan goes on and exits 2.
func TestGitMissingObjectsSummed(t *testing.T) {
	dir := newRepo(t)
	const files = missingShown + 3
	missingNotes(t, dir, files)
	_, stderr, code := run(t, dir, "git", ".", "--no-progress")
	if code != 2 || strings.Count(stderr, "missing object") != missingShown || !strings.Contains(stderr, "3 more objects are missing from the repository") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	_, stderr, code = run(t, dir, "git", ".", "--no-progress", "-v")
	if code != 2 || strings.Count(stderr, "missing object") != files || strings.Contains(stderr, "more objects are missing") {
		t.Errorf("-v: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestRepositoryConfigFromSubdirectory: git and staged read the whole
// repository wherever in it they run, and so take the config (and
// .gitleaksignore) at its top, not the current directory's.
func TestRepositoryConfigFromSubdirectory(t *testing.T) {
	t.Setenv("GIT_INDEX_FILE", "")
	dir := newRepo(t)
	writeFile(t, dir, ".hookscan.yaml", "allow:\n  paths: [\"a/**\"]\n")
	writeFile(t, dir, "a/b/x.env", "STRIPE_WEBHOOK_SECRET="+planted+"\n")
	gitCmd(t, dir, "add", "-A")
	sub := filepath.Join(dir, "a", "b")
	if out, errOut, code := run(t, sub, "staged", "-f", "json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("staged from a/b: exit %d, stdout %s, stderr %q", code, out, errOut)
	}
	gitCmd(t, dir, "commit", "-q", "-m", "add")
	if out, errOut, code := run(t, sub, "git", "-f", "json", "--no-progress"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("git from a/b: exit %d, stdout %s, stderr %q", code, out, errOut)
	}
	if _, errOut, _ := run(t, sub, "git", "-v", "--no-progress"); !strings.Contains(errOut, "using config ../../.hookscan.yaml") {
		t.Errorf("-v does not name the config at the top: %q", errOut)
	}
}

// TestBothConfigNames: with .hookscan.yaml and .hookscan.yml side by
// side only the first is read, and a warning says so.
func TestBothConfigNames(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".hookscan.yaml": "disable: []\n",
		".hookscan.yml":  "allow:\n  paths: [\"*.env\"]\n",
		"x.env":          "STRIPE_WEBHOOK_SECRET=" + planted + "\n",
	})
	_, errOut, code := run(t, dir, "dir", "-f", "json")
	want := "hookscan: warning: both .hookscan.yaml and .hookscan.yml exist; using .hookscan.yaml\n"
	if code != 1 || errOut != want {
		t.Errorf("exit %d, stderr %q, want 1 and %q", code, errOut, want)
	}
	if _, errOut, _ := run(t, dir, "dir", "-q"); errOut != "" {
		t.Errorf("-q printed %q", errOut)
	}
}

// TestGitBranchOnce: --branch given twice is refused, naming both, rather
// than scanning the last one only.
func TestGitBranchOnce(t *testing.T) {
	dir := newRepo(t)
	_, stderr, code := run(t, dir, "git", "--branch", "main", "--branch", "dev")
	if code != 2 || !strings.Contains(stderr, `"--branch" flag: given twice ("main", then "dev")`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, stderr, code := run(t, dir, "git", "--branch", "main", "--no-progress"); code != 0 || stderr != "" {
		t.Errorf("one --branch: exit %d, stderr %q", code, stderr)
	}
}
