package source_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

func staged(t *testing.T, dir string) []scanner.Finding {
	t.Helper()
	fs, err := source.Staged(context.Background(), historyDetector(t), dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Commit != "" || f.InHead != nil {
			t.Errorf("%s: staged findings carry no commit: %+v", f.File, f)
		}
	}
	return fs
}

func TestStagedNoCommitsYet(t *testing.T) {
	t.Setenv("GIT_INDEX_FILE", "")
	g := newSecretGen(7)
	r := newGitFixture(t)
	if fs := staged(t, r.dir); len(fs) != 0 {
		t.Fatalf("empty repository: %v", histGot(fs))
	}
	s := g.next()
	r.write("first.txt", linesWith(2, s))
	r.git("add", "first.txt")
	sameFindings(t, staged(t, r.dir), []histWant{{s, "", "first.txt", 2, false}})
}

func TestStagedAgainstHead(t *testing.T) {
	t.Setenv("GIT_INDEX_FILE", "")
	g := newSecretGen(8)
	r := newGitFixture(t)
	old, movedOld, fresh, inWorktree := g.next(), g.next(), g.next(), g.next()
	r.write("config.yml", linesWith(2, old))
	r.write("rename/me.txt", linesWith(1, movedOld))
	r.write("gone.txt", "nothing\n")
	r.commit("base")

	// A clean index: nothing to report.
	if fs := staged(t, r.dir); len(fs) != 0 {
		t.Fatalf("clean index: %v", histGot(fs))
	}

	// The old secret moves down and a new one comes in: only the new one,
	// at its line in the staged content.
	r.write("config.yml", "# a\n# b\n"+linesWith(2, old)+"new: "+fresh+"\n")
	r.git("add", "config.yml")
	// A pure rename and a deletion add nothing.
	r.git("mv", "rename/me.txt", "renamed.txt")
	r.git("rm", "-q", "gone.txt")
	// Unstaged edits are not what the commit records: lines come from the
	// index, and worktree-only secrets are not reported.
	r.write("config.yml", "# unstaged\n# lines\n# above\n# a\n# b\n"+linesWith(2, old)+"new: "+fresh+"\nlater: "+inWorktree+"\n")
	sameFindings(t, staged(t, r.dir), []histWant{{fresh, "", "config.yml", 5, false}})

	// A rename with an edit: the moved secret is old, the added one new.
	r.git("checkout", "--", "config.yml")
	r.git("reset", "-q")
	r.git("checkout", "--", ".")
	another := g.next()
	if err := os.Remove(filepath.Join(r.dir, "rename", "me.txt")); err != nil {
		t.Fatal(err)
	}
	r.write("moved.txt", linesWith(1, movedOld)+"extra: "+another+"\n")
	r.git("add", "-A")
	sameFindings(t, staged(t, r.dir), []histWant{{another, "", "moved.txt", 2, false}})
}

// TestStagedIndexFile reads the index git names in GIT_INDEX_FILE, as
// during `git commit -a`.
func TestStagedIndexFile(t *testing.T) {
	g := newSecretGen(9)
	r := newGitFixture(t)
	r.write("a.txt", "clean\n")
	r.commit("base")
	s := g.next()
	r.write("a.txt", linesWith(1, s))
	t.Setenv("GIT_INDEX_FILE", "")
	if fs := staged(t, r.dir); len(fs) != 0 {
		t.Fatalf("nothing staged in the real index: %v", histGot(fs))
	}
	alt := filepath.Join(r.dir, ".git", "index.alt")
	r.git("read-tree", "--index-output="+alt, "HEAD")
	r.gitEnv([]string{"GIT_INDEX_FILE=" + alt}, "add", "a.txt")
	t.Setenv("GIT_INDEX_FILE", alt)
	sameFindings(t, staged(t, r.dir), []histWant{{s, "", "a.txt", 1, false}})
	// A relative GIT_INDEX_FILE is taken from the top of the worktree.
	t.Setenv("GIT_INDEX_FILE", ".git/index.alt")
	sameFindings(t, staged(t, filepath.Join(r.dir)), []histWant{{s, "", "a.txt", 1, false}})
}

func TestStagedBareRepository(t *testing.T) {
	r := newGitFixture(t)
	r.commit("empty")
	bare := filepath.Join(t.TempDir(), "b.git")
	r.gitIn(filepath.Dir(bare), "clone", "-q", "--bare", r.dir, bare)
	if _, err := source.Staged(context.Background(), historyDetector(t), bare); err == nil {
		t.Fatal("bare repository: no error")
	}
}
