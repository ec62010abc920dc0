package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStagedHonoursDirRules checks that `staged` skips oversized and binary
// files as `dir` does: quietly but for one closing line, each one named
// with -v, and scans what fits.
func TestStagedHonoursDirRules(t *testing.T) {
	t.Setenv("GIT_INDEX_FILE", "")
	dir := newRepo(t)
	writeFile(t, dir, "big.env", "STRIPE_WEBHOOK_SECRET="+planted+"\n"+strings.Repeat("# padding\n", 300))
	writeFile(t, dir, "blob.bin", "STRIPE_WEBHOOK_SECRET="+planted+"\x00\n")
	writeFile(t, dir, "small.txt", "nothing here\n")
	gitCmd(t, dir, "add", "-A")

	out, stderr, code := run(t, dir, "staged", "--max-file-size", "1KiB", "-f", "json")
	want := "hookscan: not scanned: 1 file over 1.0 KiB (--max-file-size to include them), 1 file binary (-v lists them)\n"
	if code != 0 || strings.TrimSpace(out) != "[]" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0, [], %q", code, out, stderr, want)
	}
	_, stderr, _ = run(t, dir, "staged", "--max-file-size", "1KiB", "-v")
	for _, w := range []string{"big.env: skipped: larger than 1.0 KiB (3.0 KiB)", "blob.bin: skipped: binary file"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("-v: stderr %q lacks %q", stderr, w)
		}
	}
	if _, stderr, _ := run(t, dir, "staged", "--max-file-size", "1KiB", "-q"); stderr != "" {
		t.Errorf("quiet run printed %q", stderr)
	}
	// Raised, the limit lets the file in and its secret is found.
	if out, _, code := run(t, dir, "staged", "--max-file-size", "1MiB", "-f", "json"); code != 1 || !strings.Contains(out, `"file": "big.env"`) {
		t.Errorf("limit raised: exit %d, stdout %s", code, out)
	}
}

// TestStagedMissingBlobExits2 checks that a staged file whose object is
// gone stops the commit with exit 2 and a line naming the file, and that
// the other staged files' findings are still reported.
func TestStagedMissingBlobExits2(t *testing.T) {
	t.Setenv("GIT_INDEX_FILE", "")
	dir := newRepo(t)
	writeFile(t, dir, "gone.env", "STRIPE_WEBHOOK_SECRET="+planted+"\n")
	writeFile(t, dir, "kept.env", "# kept\nSTRIPE_WEBHOOK_SECRET="+planted+"\n")
	gitCmd(t, dir, "add", "-A")
	oid := gitCmd(t, dir, "rev-parse", ":gone.env")
	if err := os.Remove(filepath.Join(dir, ".git", "objects", oid[:2], oid[2:])); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := run(t, dir, "staged", "-f", "json")
	if code != 2 || !strings.Contains(stderr, "gone.env") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d, stderr %q; want 2 and one line naming gone.env", code, stderr)
	}
	if !strings.Contains(out, `"file": "kept.env"`) {
		t.Errorf("the readable file's finding is lost: %s", out)
	}
}

// TestGitSkippedSummary checks the closing line of a history scan.
func TestGitSkippedSummary(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, dir, "big.txt", strings.Repeat("padding\n", 300))
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "big")
	_, stderr, code := run(t, "", "git", dir, "--max-file-size", "1KiB", "--no-progress")
	want := "hookscan: not scanned: 1 file over 1.0 KiB (--max-file-size to include them) (-v lists them)\n"
	if code != 0 || stderr != want {
		t.Errorf("exit %d, stderr %q; want 0 and %q", code, stderr, want)
	}
}

// TestSARIFSaysWhatWasNotScanned checks that a SARIF report carries the
// skipped files as run-level notifications while JSON stays an array.
func TestSARIFSaysWhatWasNotScanned(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "big.txt", strings.Repeat("padding\n", 300))
	writeFile(t, dir, "ok.txt", "nothing\n")
	out, stderr, code := run(t, dir, "dir", ".", "--no-progress", "--max-file-size", "1KiB", "-f", "sarif")
	if code != 0 || !strings.Contains(out, `"toolExecutionNotifications"`) || !strings.Contains(out, `"text": "Not scanned: larger than 1.0 KiB (2.3 KiB)"`) || !strings.Contains(out, `"uri": "big.txt"`) {
		t.Errorf("exit %d, sarif:\n%s", code, out)
	}
	if !strings.Contains(stderr, "not scanned: 1 file over 1.0 KiB") {
		t.Errorf("stderr %q: want the closing line too", stderr)
	}
	out, _, _ = run(t, dir, "dir", ".", "--no-progress", "--max-file-size", "1KiB", "-f", "json")
	if strings.TrimSpace(out) != "[]" {
		t.Errorf("json report %q, want []", out)
	}
}
