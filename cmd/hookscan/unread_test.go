package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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
