package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildHookscan compiles this command into a temporary directory: the
// hooks under test run it as a separate process, as they do for users.
func buildHookscan(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "hookscan")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// hookscanIn runs the built binary in dir.
func hookscanIn(t *testing.T, bin, dir string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = cleanGitEnv()
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

func commitCount(t *testing.T, dir string) int {
	t.Helper()
	return strings.Count(gitCmd(t, dir, "rev-list", "--all"), "\n") + 1
}

func TestInstallHookBlocksSecrets(t *testing.T) {
	bin := buildHookscan(t)
	dir := newRepo(t)
	out, code := hookscanIn(t, bin, dir, "install-hook")
	hook := filepath.Join(dir, ".git", "hooks", "pre-commit")
	if code != 0 || !strings.Contains(out, "installed "+hook) {
		t.Fatalf("install-hook: exit %d\n%s", code, out)
	}
	if fi, err := os.Stat(hook); err != nil || fi.Mode()&0o111 == 0 {
		t.Fatalf("hook not executable: %v %v", fi, err)
	}

	// A commit that adds a secret is stopped, and says why.
	writeFile(t, dir, "config/.env", "STRIPE_WEBHOOK_SECRET="+planted+"\n")
	gitCmd(t, dir, "add", "-A")
	before := commitCount(t, dir)
	msg, err := gitRun(dir, nil, "commit", "-q", "-m", "add secret")
	if err == nil || !strings.Contains(msg, "config/.env") || strings.Contains(msg, planted) {
		t.Fatalf("commit with a secret: err %v, output:\n%s", err, msg)
	}
	if commitCount(t, dir) != before {
		t.Fatal("the commit went through")
	}

	// A clean commit goes through.
	gitCmd(t, dir, "reset", "-q")
	if err := os.Remove(filepath.Join(dir, "config", ".env")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "notes.txt", "nothing secret\n")
	gitCmd(t, dir, "add", "-A")
	if msg, err := gitRun(dir, nil, "commit", "-q", "-m", "clean"); err != nil {
		t.Fatalf("clean commit: %v\n%s", err, msg)
	}

	// `git commit -a` stages into a temporary index the hook must read.
	writeFile(t, dir, "notes.txt", "nothing secret\nSTRIPE_WEBHOOK_SECRET="+planted+"\n")
	before = commitCount(t, dir)
	if msg, err := gitRun(dir, nil, "commit", "-a", "-q", "-m", "sneak"); err == nil || !strings.Contains(msg, "notes.txt") {
		t.Fatalf("commit -a with a secret: err %v\n%s", err, msg)
	}
	if commitCount(t, dir) != before {
		t.Fatal("commit -a went through")
	}
	// --no-verify is the documented way around it.
	if msg, err := gitRun(dir, nil, "commit", "-a", "-q", "--no-verify", "-m", "forced"); err != nil {
		t.Fatalf("--no-verify: %v\n%s", err, msg)
	}

	// Installing again is a no-op.
	if out, code := hookscanIn(t, bin, dir, "install-hook"); code != 0 || !strings.Contains(out, "already installed") {
		t.Errorf("second install: exit %d\n%s", code, out)
	}
}

func TestInstallHookKeepsForeignHooks(t *testing.T) {
	bin := buildHookscan(t)
	dir := newRepo(t)
	hook := filepath.Join(dir, ".git", "hooks", "pre-commit")
	foreign := "#!/bin/sh\necho someone else's hook\n"
	writeFile(t, filepath.Dir(hook), "pre-commit", foreign)

	out, code := hookscanIn(t, bin, dir, "install-hook")
	if code != 2 || !strings.Contains(out, "--force") || strings.Count(out, "\n") != 1 {
		t.Errorf("foreign hook: exit %d, output %q; want 2 and one line naming --force", code, out)
	}
	if got, _ := os.ReadFile(hook); string(got) != foreign {
		t.Fatalf("the foreign hook was changed:\n%s", got)
	}
	if out, code := hookscanIn(t, bin, dir, "install-hook", "--force"); code != 0 {
		t.Fatalf("--force: exit %d\n%s", code, out)
	}
	if got, _ := os.ReadFile(hook + ".bak"); string(got) != foreign {
		t.Errorf("backup holds %q, want the foreign hook", got)
	}
	if got, _ := os.ReadFile(hook); !strings.Contains(string(got), hookMarker) {
		t.Errorf("hook not replaced:\n%s", got)
	}
}

func TestInstallHookHooksPath(t *testing.T) {
	bin := buildHookscan(t)
	dir := newRepo(t)
	gitCmd(t, dir, "config", "core.hooksPath", ".githooks")
	if out, code := hookscanIn(t, bin, dir, "install-hook"); code != 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, ".githooks", "pre-commit")); err != nil {
		t.Fatalf("hook not in core.hooksPath: %v", err)
	}
	if out, code := hookscanIn(t, bin, t.TempDir(), "install-hook"); code != 2 || strings.Count(out, "\n") != 1 {
		t.Errorf("outside a repository: exit %d, output %q", code, out)
	}
}
