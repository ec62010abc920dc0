package source_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/source"
)

// TestHistoryAlternates scans clones that borrow their objects from
// another repository, as CI caches make them: `git clone --shared`,
// `git clone --reference`, a relative alternates entry and a chain of
// two. Each must give the findings of a plain repository, with both
// readers, for the whole history and for a range.
func TestHistoryAlternates(t *testing.T) {
	t.Parallel()
	g := newSecretGen(17)
	origin := newGitFixture(t)
	first, second, added := g.next(), g.next(), g.next()
	origin.write("a.env", linesWith(2, first))
	c1 := origin.commit("one")
	origin.write("b/c.yaml", linesWith(3, second))
	c2 := origin.commit("two")
	origin.git("gc", "-q")

	base := t.TempDir()
	shared := &gitFixture{t: t, dir: filepath.Join(base, "shared"), tick: origin.tick}
	origin.gitIn(base, "clone", "-q", "--shared", origin.dir, shared.dir)
	reference := &gitFixture{t: t, dir: filepath.Join(base, "reference"), tick: origin.tick}
	origin.gitIn(base, "clone", "-q", "--no-local", "--reference", origin.dir, origin.dir, reference.dir)
	relative := &gitFixture{t: t, dir: filepath.Join(base, "relative"), tick: origin.tick}
	origin.gitIn(base, "clone", "-q", "--shared", origin.dir, relative.dir)
	rel, err := filepath.Rel(filepath.Join(relative.dir, ".git", "objects"), filepath.Join(origin.dir, ".git", "objects"))
	if err != nil {
		t.Fatal(err)
	}
	writeAlternates(t, relative.dir, "# relative, as git allows\n"+rel+"\n")
	chained := &gitFixture{t: t, dir: filepath.Join(base, "chained"), tick: origin.tick}
	origin.gitIn(base, "clone", "-q", "--shared", shared.dir, chained.dir)

	for _, tc := range []struct {
		name string
		r    *gitFixture
	}{{"shared", shared}, {"reference", reference}, {"relative", relative}, {"chained", chained}} {
		// The clone borrows everything it has: its own object directory
		// holds only the new commit.
		if n := countObjects(t, tc.r.dir); n != 0 {
			t.Fatalf("%s: the clone holds %d objects of its own, want 0", tc.name, n)
		}
		tc.r.write("new.txt", linesWith(1, added))
		c3 := tc.r.commit("three")
		full := []histWant{
			{first, c1, "a.env", 2, true},
			{second, c2, "b/c.yaml", 3, true},
			{added, c3, "new.txt", 1, true},
		}
		d := historyDetector(t)
		for _, backend := range []string{source.BackendAuto, source.BackendGit, source.BackendGoGit} {
			for _, opts := range []source.HistoryOptions{{}, {Range: "HEAD~1..HEAD"}, {Since: "HEAD~2"}} {
				opts.Backend = backend
				var w warnLog
				opts.Warn = w.add
				fs, err := source.History(context.Background(), d, tc.r.dir, opts)
				if err != nil {
					t.Fatalf("%s %+v: %v", tc.name, opts, err)
				}
				if len(w.list) > 0 {
					t.Errorf("%s %+v: warnings:\n%s", tc.name, opts, w.String())
				}
				want := full
				switch {
				case opts.Range != "":
					want = full[2:]
				case opts.Since != "":
					want = full[1:]
				}
				sameFindings(t, fs, want)
			}
		}
	}
}

// TestHistoryAlternatesMissing names the alternates file when the
// directory it borrows from is gone.
func TestHistoryAlternatesMissing(t *testing.T) {
	t.Parallel()
	r := newGitFixture(t)
	r.write("a.txt", "x\n")
	r.commit("one")
	writeAlternates(t, r.dir, filepath.Join(t.TempDir(), "gone", "objects")+"\n")
	_, err := source.History(context.Background(), historyDetector(t), r.dir, source.HistoryOptions{Backend: source.BackendGoGit})
	if err == nil {
		t.Fatal("no error for a missing alternate object directory")
	}
	if want := filepath.Join(".git", "objects", "info", "alternates"); !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not name %s", err, want)
	}
}

func writeAlternates(t *testing.T, dir, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, ".git", "objects", "info", "alternates"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// countObjects counts the loose and packed objects in a repository's own
// object directory.
func countObjects(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(filepath.Join(dir, ".git", "objects"), func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && (e.Name() == "info") {
			return filepath.SkipDir
		}
		if !e.IsDir() && (len(e.Name()) == 38 || filepath.Ext(e.Name()) == ".pack") {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
