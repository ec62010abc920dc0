package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/internal/scantest"
)

// TestVerboseListsDropped checks that -v names each candidate a filter
// dropped, with its rule and filter, redacted, and that without -v nothing
// is said.
func TestVerboseListsDropped(t *testing.T) {
	dir := t.TempDir()
	// A webhook URL with a placeholder token, a placeholder value, a
	// line marked hookscan:allow, and one real finding.
	placeholderURL := strings.Replace(scantest.SlackURL, scantest.SlackURL[len(scantest.SlackURL)-24:], strings.Repeat("X", 24), 1)
	allowed := "Qm7" + "xZ2pL9vK4tR8wN3bH6cJ5dF"
	text := "SLACK_WEBHOOK_URL=" + placeholderURL + "\n" +
		"WEBHOOK_SECRET=your-webhook-secret-here\n" +
		"HOOK_SECRET=" + allowed + " # hookscan:allow\n" +
		"OTHER_HOOK=" + scantest.SlackURL + "\n"
	if err := os.WriteFile(filepath.Join(dir, "app.env"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, quiet, _ := run(t, dir, "dir", ".")
	if strings.Contains(quiet, "dropped") {
		t.Errorf("without -v, dropped candidates were listed:\n%s", quiet)
	}
	_, stderr, code := run(t, dir, "dir", ".", "-v")
	if code != 1 {
		t.Errorf("exit code %d, want 1 (one finding)", code)
	}
	for _, want := range []string{
		"dropped  app.env:1  slack-incoming-webhook-url  value ",
		"(filter: placeholder)",
		"dropped  app.env:2  generic-",
		"value your…  (filter: placeholder)",
		"dropped  app.env:3  generic-webhook-secret-assignment  value Qm7x",
		"(filter: inline-allow)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("-v output lacks %q:\n%s", want, stderr)
		}
	}
	for _, secret := range []string{placeholderURL, allowed, scantest.SlackURL} {
		if strings.Contains(stderr, secret) {
			t.Errorf("-v output shows a value in full: %s", stderr)
		}
	}
	if strings.Contains(stderr, "app.env:4") {
		t.Errorf("the reported finding is listed as dropped:\n%s", stderr)
	}
}

// TestVerboseListsDroppedInHistory checks -v on history scans: each
// dropped value is listed once per file, at the commit that brought it,
// redacted; a range lists only what its commits add.
func TestVerboseListsDroppedInHistory(t *testing.T) {
	dir := newRepo(t)
	allowed := "Qm7" + "xZ2pL9vK4tR8wN3bH6cJ5dF"
	writeFile(t, dir, "app.env", "WEBHOOK_SECRET=your-webhook-secret-here\nHOOK_SECRET="+allowed+" # hookscan:allow\n")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "placeholder")
	first := gitCmd(t, dir, "rev-parse", "HEAD")
	// Later versions keep the dropped values: still listed once, at the
	// first commit.
	writeFile(t, dir, "app.env", "WEBHOOK_SECRET=your-webhook-secret-here\nHOOK_SECRET="+allowed+" # hookscan:allow\nPORT=8080\n")
	writeFile(t, dir, "deploy/hook.env", "STRIPE_WEBHOOK_SECRET="+planted+"\n")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "more")
	writeFile(t, dir, "later.env", "SIGNING_SECRET=your-signing-secret-here\n")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "later")
	last := gitCmd(t, dir, "rev-parse", "HEAD")

	if _, quiet, _ := run(t, dir, "git", "--no-progress"); strings.Contains(quiet, "dropped") {
		t.Errorf("without -v, dropped candidates were listed:\n%s", quiet)
	}
	_, stderr, code := run(t, dir, "git", "-v", "--no-progress")
	if code != 1 {
		t.Errorf("exit code %d, want 1 (one finding)", code)
	}
	for _, want := range []string{
		"dropped  app.env:1  generic-webhook-secret-assignment  value your…  (filter: placeholder)  commit " + first[:12],
		"dropped  app.env:2  generic-webhook-secret-assignment  value Qm7x…  (filter: inline-allow)  commit " + first[:12],
		"dropped  later.env:1  generic-webhook-secret-assignment  value your…  (filter: ",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("git -v output lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stderr, "commit "+last[:12]+"\n") {
		t.Errorf("git -v does not name the commit that added later.env:\n%s", stderr)
	}
	if n := strings.Count(stderr, "dropped  "); n != 3 {
		t.Errorf("git -v listed %d dropped candidates, want 3 (one per value and file):\n%s", n, stderr)
	}
	for _, secret := range []string{allowed, planted} {
		if strings.Contains(stderr, secret) {
			t.Errorf("git -v output shows a value in full:\n%s", stderr)
		}
	}
	if strings.Contains(stderr, "deploy/hook.env") {
		t.Errorf("the reported finding is listed as dropped:\n%s", stderr)
	}

	// A range, or --since, lists what its commits add, not what the base
	// already held in the same file.
	for _, args := range [][]string{{"--range", first + "..HEAD"}, {"--since", first}} {
		_, stderr, _ := run(t, dir, append([]string{"git", "-v", "--no-progress"}, args...)...)
		if !strings.Contains(stderr, "dropped  later.env:1  ") || strings.Contains(stderr, "app.env") {
			t.Errorf("git %v -v: want later.env listed and app.env not:\n%s", args, stderr)
		}
	}
}

// TestVerboseListsDroppedStaged checks -v on a staged scan: the dropped
// candidates a commit adds are listed, not those HEAD already had.
func TestVerboseListsDroppedStaged(t *testing.T) {
	t.Setenv("GIT_INDEX_FILE", "")
	dir := newRepo(t)
	writeFile(t, dir, "app.env", "WEBHOOK_SECRET=your-webhook-secret-here\n")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "placeholder")
	allowed := "Qm7" + "xZ2pL9vK4tR8wN3bH6cJ5dF"
	writeFile(t, dir, "app.env", "WEBHOOK_SECRET=your-webhook-secret-here\nHOOK_SECRET="+allowed+" # hookscan:allow\n")
	writeFile(t, dir, "new.env", "SIGNING_SECRET=your-signing-secret-here\n")
	gitCmd(t, dir, "add", "-A")
	if _, quiet, _ := run(t, dir, "staged"); strings.Contains(quiet, "dropped") {
		t.Errorf("without -v, dropped candidates were listed:\n%s", quiet)
	}
	_, stderr, code := run(t, dir, "staged", "-v")
	if code != 0 {
		t.Errorf("exit code %d, want 0 (nothing reported)", code)
	}
	for _, want := range []string{
		"dropped  app.env:2  generic-webhook-secret-assignment  value Qm7x…  (filter: inline-allow)",
		"dropped  new.env:1  ",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("staged -v output lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "app.env:1") || strings.Contains(stderr, allowed) {
		t.Errorf("staged -v lists what HEAD had, or a value in full:\n%s", stderr)
	}
}

// TestVerboseListsAllowedPaths: -v names each file (or whole directory)
// that allow.paths leaves unread, one line each, in dir, staged and stdin
// scans; without -v nothing is said.
func TestVerboseListsAllowedPaths(t *testing.T) {
	t.Setenv("GIT_INDEX_FILE", "")
	dir := newRepo(t)
	writeFile(t, dir, ".hookscan.yaml", "allow:\n  paths: [\"vendor/**\", \"*.min.js\"]\n")
	for _, name := range []string{"vendor/a/x.env", "vendor/b.env", "web/app.min.js"} {
		writeFile(t, dir, name, "STRIPE_WEBHOOK_SECRET="+planted+"\n")
	}
	_, stderr, _ := run(t, dir, "dir", "-v")
	for _, want := range []string{"dropped  web/app.min.js  not read  (filter: allow.paths)\n", "dropped  vendor/  not read  (filter: allow.paths)\n"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("dir -v: stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "vendor/a") {
		t.Errorf("dir -v lists files inside a directory left out whole:\n%s", stderr)
	}
	if _, stderr, _ := run(t, dir, "dir"); strings.Contains(stderr, "dropped") {
		t.Errorf("without -v: %q", stderr)
	}
	gitCmd(t, dir, "add", "-A")
	_, stderr, code := run(t, dir, "staged", "-v")
	if code != 0 || strings.Count(stderr, "(filter: allow.paths)") != 3 || !strings.Contains(stderr, "dropped  vendor/a/x.env  not read") {
		t.Errorf("staged -v: exit %d, stderr:\n%s", code, stderr)
	}
	withStdin(t, "STRIPE_WEBHOOK_SECRET="+planted+"\n")
	if _, stderr, code := run(t, dir, "stdin", "--path", "vendor/c.env", "-v"); code != 0 || !strings.Contains(stderr, "dropped  vendor/c.env  not read  (filter: allow.paths)\n") {
		t.Errorf("stdin -v: exit %d, stderr:\n%s", code, stderr)
	}
}
