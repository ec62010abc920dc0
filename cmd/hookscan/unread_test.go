package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnreadSummary: a run that could not read what it was asked to scan
// exits 2 and never says only "No secrets found.": it says nothing could
// be scanned, or that it found none in what it could read.
func TestUnreadSummary(t *testing.T) {
	t.Setenv("GIT_INDEX_FILE", "")
	dir := writeTree(t, map[string]string{"clean/a.txt": "hello\n"})
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"dir", "nonexist"}, "Nothing could be scanned: 1 path could not be read.\n"},
		{[]string{"dir", "nonexist", "clean"}, "No secrets found in what could be read; 1 path could not be read.\n"},
	} {
		out, _, code := run(t, dir, append(tc.args, "--no-progress")...)
		if code != 2 || out != tc.want {
			t.Errorf("%v: exit %d, stdout %q, want 2 and %q", tc.args, code, out, tc.want)
		}
	}

	repo := newRepo(t)
	writeFile(t, repo, "gone.env", "STRIPE_WEBHOOK_SECRET="+planted+"\n")
	gitCmd(t, repo, "add", "-A")
	removeObject(t, repo, gitCmd(t, repo, "rev-parse", ":gone.env"))
	if out, _, code := run(t, repo, "staged"); code != 2 || out != "No secrets found in what could be read; 1 file could not be read.\n" {
		t.Errorf("staged, its blob missing: exit %d, stdout %q", code, out)
	}

	// A partial clone that has none of its blobs scanned nothing.
	hist := newRepo(t)
	removeObject(t, hist, gitCmd(t, hist, "rev-parse", "HEAD:README.md"))
	for _, backend := range []string{"git", "go-git"} {
		if out, _, code := run(t, hist, "git", "--no-progress", "--backend", backend); code != 2 || out != "Nothing could be scanned: 1 object could not be read.\n" {
			t.Errorf("git --backend %s, every blob missing: exit %d, stdout %q", backend, code, out)
		}
	}
}

// removeObject deletes a loose object from a repository.
func removeObject(t *testing.T, repo, oid string) {
	t.Helper()
	if err := os.Remove(filepath.Join(repo, ".git", "objects", oid[:2], oid[2:])); err != nil {
		t.Fatal(err)
	}
}

// unreadableRoots makes roots that cannot be read in dir: a loop of links,
// and (unless run as root, who reads any directory) a directory that may
// not be listed.
func unreadableRoots(t *testing.T, dir string) []string {
	t.Helper()
	if err := os.Symlink("loop", filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	roots := []string{"loop"}
	if os.Geteuid() != 0 {
		if err := os.Mkdir(filepath.Join(dir, "noperm"), 0); err != nil {
			t.Fatal(err)
		}
		roots = append(roots, "noperm")
	}
	return roots
}

// missingNotes commits n small files to repo and deletes their blobs, as
// a partial or damaged clone lacks them.
func missingNotes(t *testing.T, repo string, n int) {
	t.Helper()
	for i := range n {
		writeFile(t, repo, fmt.Sprintf("notes/n%02d.txt", i), fmt.Sprintf("note %d\n", i))
	}
	gitCmd(t, repo, "add", "-A")
	gitCmd(t, repo, "commit", "-q", "-m", "notes")
	for i := range n {
		removeObject(t, repo, gitCmd(t, repo, "rev-parse", fmt.Sprintf("HEAD:notes/n%02d.txt", i)))
	}
}

// TestUnreadableRootIsNamed: a root that cannot be read is named itself,
// not a .gitleaksignore that would be in it, and the report is still
// written.
func TestUnreadableRootIsNamed(t *testing.T) {
	dir := t.TempDir()
	for _, root := range unreadableRoots(t, dir) {
		out, errOut, code := run(t, dir, "dir", root, "-f", "json", "--no-progress")
		if code != 2 || strings.Contains(errOut, ".gitleaksignore") || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, root+": ") {
			t.Errorf("dir %s: exit %d, stderr %q; want 2 and one line naming %s", root, code, errOut, root)
		}
		if strings.TrimSpace(out) != "[]" {
			t.Errorf("dir %s: report %q, want []", root, out)
		}
	}
}

// TestSARIFSaysWhatFailed: what a run could not read is an error
// notification of the run's invocation, which then says
// executionSuccessful false; every missing object is listed, also those
// stderr only counts.
func TestSARIFSaysWhatFailed(t *testing.T) {
	type doc struct {
		Runs []struct {
			Invocations []struct {
				ExecutionSuccessful        bool
				ToolExecutionNotifications []struct {
					Level      string
					Message    struct{ Text string }
					Descriptor struct{ ID string }
				}
			}
		}
	}
	notes := func(t *testing.T, out string) (ok bool, levels, texts []string) {
		t.Helper()
		var d doc
		if err := json.Unmarshal([]byte(out), &d); err != nil || len(d.Runs) != 1 || len(d.Runs[0].Invocations) != 1 {
			t.Fatalf("no SARIF report with an invocation (%v):\n%s", err, out)
		}
		inv := d.Runs[0].Invocations[0]
		for _, n := range inv.ToolExecutionNotifications {
			levels = append(levels, n.Level+"/"+n.Descriptor.ID)
			texts = append(texts, n.Message.Text)
		}
		return inv.ExecutionSuccessful, levels, texts
	}
	dir := t.TempDir()
	for _, root := range unreadableRoots(t, dir) {
		out, errOut, _ := run(t, dir, "dir", root, "-f", "sarif", "--no-progress")
		ok, levels, texts := notes(t, out)
		if ok || len(texts) != 1 || levels[0] != "error/not-read" || errOut != "hookscan: "+texts[0]+"\n" {
			t.Errorf("dir %s: successful %v, notifications %q %q, stderr %q", root, ok, levels, texts, errOut)
		}
	}

	repo := newRepo(t)
	const files = missingShown + 2
	missingNotes(t, repo, files)
	out, _, code := run(t, repo, "git", "-f", "sarif", "--no-progress")
	ok, _, texts := notes(t, out)
	if code != 2 || ok || len(texts) != files || !strings.HasSuffix(texts[files-1], ": missing object") {
		t.Errorf("git: exit %d, successful %v, notifications %q", code, ok, texts)
	}
}
