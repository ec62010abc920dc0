package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGitleaksMigration checks that a repository moving from gitleaks
// keeps its silences: gitleaks:allow comments, .gitleaksignore
// fingerprints, and the allowlists of .gitleaks.toml once imported.
func TestGitleaksMigration(t *testing.T) {
	line := "STRIPE_WEBHOOK_SECRET=" + planted
	dir := writeTree(t, map[string]string{
		"a.env":           line + " # gitleaks:allow\n",
		"b.env":           "# b\n" + line + "\n",
		"c.env":           line + "\n",
		"vendor/d.env":    line + "\n",
		".gitleaksignore": "# reviewed\nb.env:generic-api-key:2\n",
		".gitleaks.toml":  "[[allowlists]]\npaths = ['''(^|/)vendor/''']\n",
	})
	out, _, code := run(t, dir, "dir", "-f", "json")
	if code != 1 || strings.Contains(out, `"a.env"`) || strings.Contains(out, `"b.env"`) || !strings.Contains(out, `"c.env"`) {
		t.Fatalf("gitleaks:allow and .gitleaksignore: exit %d\n%s", code, out)
	}
	if !strings.Contains(out, `"vendor/d.env"`) {
		t.Fatalf("vendor/d.env is reported before the import:\n%s", out)
	}
	// -v names what .gitleaksignore left out, as it names the filters'
	// drops.
	if _, errOut, _ := run(t, dir, "dir", "-v"); !strings.Contains(errOut, "dropped  b.env:2  stripe-webhook-signing-secret") || !strings.Contains(errOut, "(filter: .gitleaksignore)") {
		t.Errorf("-v does not name the .gitleaksignore drop:\n%s", errOut)
	}
	// The same from a parent directory: fingerprints are relative to the root.
	out, _, _ = run(t, filepath.Dir(dir), "dir", filepath.Base(dir), "-f", "json")
	if strings.Contains(out, "/b.env") || !strings.Contains(out, "/c.env") {
		t.Errorf("from the parent directory:\n%s", out)
	}

	printed, stderr, code := run(t, dir, "config", "import-gitleaks", "-o", "-")
	if code != 0 || !strings.Contains(printed, "- vendor/**") {
		t.Fatalf("import-gitleaks -o -: exit %d\n%s%s", code, printed, stderr)
	}
	if _, stderr, code := run(t, dir, "config", "import-gitleaks"); code != 0 || !strings.Contains(stderr, "wrote .hookscan.yaml from .gitleaks.toml") {
		t.Fatalf("import-gitleaks: exit %d\n%s", code, stderr)
	}
	if _, stderr, code := run(t, dir, "config", "import-gitleaks"); code != 2 || !strings.Contains(stderr, ".hookscan.yaml: it exists") {
		t.Errorf("import over an existing file: exit %d\n%s", code, stderr)
	}
	out, _, _ = run(t, dir, "dir", "-f", "json")
	if strings.Contains(out, "vendor/d.env") || !strings.Contains(out, `"c.env"`) {
		t.Errorf("after the import, vendor/ is still reported:\n%s", out)
	}
	os.WriteFile(filepath.Join(dir, ".gitleaksignore"), []byte("not a fingerprint\n"), 0o644)
	if _, stderr, code := run(t, dir, "dir"); code != 2 || !strings.Contains(stderr, ".gitleaksignore:1: not a gitleaks fingerprint") {
		t.Errorf("bad .gitleaksignore: exit %d, %q", code, stderr)
	}
}

// TestCommitAllowlist checks that allow: commits: silences the history
// findings of those commits, as gitleaks' commit allowlists did.
func TestCommitAllowlist(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, dir, "old.env", "STRIPE_WEBHOOK_SECRET="+planted+"\n")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-qm", "old")
	sha := gitCmd(t, dir, "rev-parse", "HEAD")
	if out, _, code := run(t, dir, "git", "-f", "json"); code != 1 || !strings.Contains(out, sha) {
		t.Fatalf("before: exit %d\n%s", code, out)
	}
	writeFile(t, dir, ".hookscan.yaml", "allow:\n  commits: ["+sha[:10]+"]\n")
	if out, _, code := run(t, dir, "git", "-f", "json"); code != 0 {
		t.Errorf("allowlisted commit: exit %d\n%s", code, out)
	}
	writeFile(t, dir, ".hookscan.yaml", "allow:\n  commits: [xyz]\n")
	if _, stderr, code := run(t, dir, "git"); code != 2 || !strings.Contains(stderr, `invalid allow commit "xyz"`) {
		t.Errorf("bad commit: exit %d, %q", code, stderr)
	}
}
