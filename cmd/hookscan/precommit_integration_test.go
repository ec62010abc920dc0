//go:build integration

// Tests that need tools beyond Go and git: `make test-integration` runs
// them (CI does, after installing Debian's pre-commit).

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitFramework installs this repository's hook with the
// pre-commit framework, as a user's .pre-commit-config.yaml would, and
// checks that it stops a commit that adds a secret and lets a clean one
// through. The hook repository is a snapshot of this module's working tree.
func TestPreCommitFramework(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Fatal("this test needs the pre-commit tool (Debian package pre-commit): ", err)
	}
	hookRepo := snapshotModule(t)
	rev := gitCmd(t, hookRepo, "rev-parse", "HEAD")
	dir := newRepo(t)
	writeFile(t, dir, ".pre-commit-config.yaml", "repos:\n  - repo: "+hookRepo+"\n    rev: "+rev+"\n    hooks:\n      - id: hookscan\n")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "pre-commit config")

	goEnv := func(name string) string {
		out, err := exec.Command("go", "env", name).Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(out))
	}
	env := []string{
		"PRE_COMMIT_HOME=" + t.TempDir(),
		// Build from the module cache and toolchain already here.
		"GOMODCACHE=" + goEnv("GOMODCACHE"), "GOCACHE=" + goEnv("GOCACHE"),
		"GOTOOLCHAIN=local", "GOFLAGS=-mod=mod",
	}
	precommit := func(args ...string) {
		cmd := exec.Command("pre-commit", args...)
		cmd.Dir = dir
		cmd.Env = append(cleanGitEnv(), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pre-commit %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	precommit("install")
	precommit("install-hooks")

	writeFile(t, dir, "deploy/.env", "STRIPE_WEBHOOK_SECRET="+planted+"\n")
	gitCmd(t, dir, "add", "-A")
	before := commitCount(t, dir)
	msg, err := gitRun(dir, env, "commit", "-q", "-m", "add secret")
	if err == nil || !strings.Contains(msg, "deploy/.env") || !strings.Contains(msg, "Failed") || strings.Contains(msg, planted) {
		t.Fatalf("commit with a secret: err %v, output:\n%s", err, msg)
	}
	if commitCount(t, dir) != before {
		t.Fatal("the commit went through")
	}
	gitCmd(t, dir, "rm", "-q", "--cached", "deploy/.env")
	if err := os.Remove(filepath.Join(dir, "deploy", ".env")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "notes.txt", "nothing secret\n")
	gitCmd(t, dir, "add", "-A")
	if msg, err := gitRun(dir, env, "commit", "-q", "-m", "clean"); err != nil || !strings.Contains(msg, "Passed") {
		t.Fatalf("clean commit: %v\n%s", err, msg)
	}
}

// snapshotModule copies this module's files (tracked and new, as they are
// in the working tree) into a fresh repository with one commit.
func snapshotModule(t *testing.T) string {
	t.Helper()
	root := gitCmd(t, ".", "rev-parse", "--show-toplevel")
	list := gitCmd(t, root, "ls-files", "-co", "--exclude-standard", "-z")
	dst := t.TempDir()
	for _, name := range strings.Split(list, "\x00") {
		if name == "" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, name))
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dst, name, string(data))
	}
	gitCmd(t, dst, "init", "-q", "-b", "main")
	gitCmd(t, dst, "add", "-A")
	gitCmd(t, dst, "commit", "-q", "-m", "snapshot")
	return dst
}

// TestPreCommitAllFiles runs the hookscan-files hook with
// `pre-commit run --all-files`, as pre-commit.ci does: it scans committed
// files, which the staged hook cannot see, and fails on a secret.
func TestPreCommitAllFiles(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Fatal("this test needs the pre-commit tool (Debian package pre-commit): ", err)
	}
	hookRepo := snapshotModule(t)
	rev := gitCmd(t, hookRepo, "rev-parse", "HEAD")
	dir := newRepo(t)
	writeFile(t, dir, ".pre-commit-config.yaml", "repos:\n  - repo: "+hookRepo+"\n    rev: "+rev+"\n    hooks:\n      - id: hookscan-files\n")
	writeFile(t, dir, "notes.txt", "nothing secret\n")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "clean")
	out, err := exec.Command("go", "env", "GOMODCACHE", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	caches := strings.Fields(string(out))
	env := append(cleanGitEnv(), "PRE_COMMIT_HOME="+t.TempDir(), "GOMODCACHE="+caches[0], "GOCACHE="+caches[1], "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
	runAll := func() (string, error) {
		cmd := exec.Command("pre-commit", "run", "--all-files")
		cmd.Dir = dir
		cmd.Env = env
		b, err := cmd.CombinedOutput()
		return string(b), err
	}
	if msg, err := runAll(); err != nil || !strings.Contains(msg, "Passed") {
		t.Fatalf("clean tree: %v\n%s", err, msg)
	}
	writeFile(t, dir, "deploy/.env", "STRIPE_WEBHOOK_SECRET="+planted+"\n")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "--no-verify", "-m", "committed past the hook")
	msg, err := runAll()
	if err == nil || !strings.Contains(msg, "Failed") || !strings.Contains(msg, "deploy/.env") || strings.Contains(msg, planted) {
		t.Fatalf("committed secret: err %v\n%s", err, msg)
	}
}
