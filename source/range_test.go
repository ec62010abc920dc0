package source_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

func TestHistoryRange(t *testing.T) {
	g := newSecretGen(6)
	r := newGitFixture(t)
	old, added, edited, onMain, orphan := g.next(), g.next(), g.next(), g.next(), g.next()
	r.write("config.yml", linesWith(1, old))
	r.commit("base")
	r.git("checkout", "-q", "-b", "pr")
	r.write("new.txt", linesWith(2, added))
	c2 := r.commit("add new")
	// The old secret moves down in a new version of its file: not news.
	r.write("config.yml", "# header\n"+linesWith(1, old)+"token: "+edited+"\n")
	c3 := r.commit("edit config")
	r.git("checkout", "-q", "main")
	r.write("main-only.txt", linesWith(1, onMain))
	r.commit("main moves on")
	r.git("checkout", "-q", "--orphan", "other")
	r.git("rm", "-q", "-r", "--cached", ".")
	r.git("clean", "-q", "-f", "-d")
	r.write("orphan.txt", linesWith(1, orphan))
	c5 := r.commit("unrelated root")
	r.git("checkout", "-q", "main")

	wants := []histWant{
		{added, c2, "new.txt", 2, true},
		{edited, c3, "config.yml", 3, true},
	}
	d := historyDetector(t)
	for _, opts := range []source.HistoryOptions{
		{Range: "main..pr"},
		{Range: "main...pr"},
		{Since: "main", Branch: "pr"},
		{Range: "main..pr", Backend: source.BackendGit},
	} {
		var w warnLog
		opts.Warn = w.add
		fs, err := source.History(context.Background(), d, r.dir, opts)
		if err != nil {
			t.Fatalf("%+v: %v", opts, err)
		}
		if len(w.list) > 0 {
			t.Errorf("%+v: warnings:\n%s", opts, w.String())
		}
		sameFindings(t, fs, wants)
	}

	var w warnLog
	fs, err := source.History(context.Background(), d, r.dir, source.HistoryOptions{Range: "main..other", Warn: w.add})
	if err != nil {
		t.Fatal(err)
	}
	sameFindings(t, fs, []histWant{{orphan, c5, "orphan.txt", 1, true}})
	if len(w.list) != 1 || !errors.Is(w.list[0], source.ErrUnrelatedHistories) {
		t.Errorf("unrelated histories: want one warning, got:\n%s", w.String())
	}

	// Nothing new: an empty range.
	fs, err = source.History(context.Background(), d, r.dir, source.HistoryOptions{Range: "pr..main~1"})
	if err != nil || len(fs) != 0 {
		t.Errorf("empty range: %v, %v", histGot(fs), err)
	}
	for _, bad := range []source.HistoryOptions{
		{Range: "main"},
		{Range: "main..no-such-branch"},
		{Range: "main..pr", Since: "main"},
	} {
		if _, err := source.History(context.Background(), d, r.dir, bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

// TestRangeCopiesAndMoves: a range reports what it adds, not what its
// base already held under another name. A verbatim copy or move of a base
// file is the base's content (the full scan files it under the base's
// commit); a file the range adds and then renames is in the head under its
// new name. Both readers, and the full scan restricted to the range, agree.
func TestRangeCopiesAndMoves(t *testing.T) {
	t.Parallel()
	g := newSecretGen(17)
	r := newGitFixture(t)
	copied, moved, added, renamed := g.next(), g.next(), g.next(), g.next()
	r.write("deploy/a.yml", linesWith(2, copied))
	r.write("deploy/b.yml", linesWith(3, moved))
	r.write("deep/er/tree/c.txt", "nothing here\n")
	base := r.commit("base")
	r.write("copy/of/a.yml", linesWith(2, copied))
	r.git("mv", "deploy/b.yml", "moved-b.yml")
	r.write("new.txt", linesWith(4, added))
	r.write("x.txt", linesWith(1, renamed))
	c2 := r.commit("copy, move, add")
	r.git("mv", "x.txt", "deep/er/y.txt")
	r.commit("rename")

	wants := []histWant{
		{added, c2, "new.txt", 4, true},
		{renamed, c2, "x.txt", 1, true}, // the same content is in the head as deep/er/y.txt
	}
	d := historyDetector(t)
	full, err := source.History(context.Background(), d, r.dir, source.HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var restricted []scanner.Finding
	for _, f := range full {
		if f.Commit != base {
			restricted = append(restricted, f)
		}
	}
	sameFindings(t, restricted, wants)
	for _, backend := range []string{source.BackendGit, source.BackendGoGit} {
		var w warnLog
		fs, err := source.History(context.Background(), d, r.dir, source.HistoryOptions{Range: base + "..main", Backend: backend, Warn: w.add})
		if err != nil {
			t.Fatalf("%s: %v", backend, err)
		}
		if len(w.list) > 0 {
			t.Errorf("%s: warnings:\n%s", backend, w.String())
		}
		sameFindings(t, fs, wants)
	}
}

// TestRangeSkipsAndMissing: in a range, a blob over the size limit is
// skipped with a reason, a blob the store lacks is reported missing, and
// the blobs around them are still scanned, with either reader (git's
// answers come in a stream, so one odd answer must not shift the others).
func TestRangeSkipsAndMissing(t *testing.T) {
	t.Parallel()
	g := newSecretGen(23)
	r := newGitFixture(t)
	r.write("README", "base\n")
	base := r.commit("base")
	first, last := g.next(), g.next()
	r.write("a.txt", linesWith(1, first))
	r.write("big.txt", strings.Repeat("x", 3000)+"\n"+g.next()+"\n")
	r.write("gone.txt", linesWith(2, g.next()))
	r.write("z.txt", linesWith(3, last))
	c2 := r.commit("add")
	gone := strings.TrimSpace(r.git("rev-parse", "HEAD:gone.txt"))
	if err := os.Remove(filepath.Join(r.dir, ".git", "objects", gone[:2], gone[2:])); err != nil {
		t.Fatal(err)
	}
	wants := []histWant{{first, c2, "a.txt", 1, true}, {last, c2, "z.txt", 3, true}}
	for _, backend := range []string{source.BackendGit, source.BackendGoGit} {
		var w warnLog
		fs, err := source.History(context.Background(), historyDetector(t), r.dir, source.HistoryOptions{Range: base + "..main", Backend: backend, MaxFileSize: 2000, Warn: w.add})
		if err != nil {
			t.Fatalf("%s: %v", backend, err)
		}
		sameFindings(t, fs, wants)
		var skipped, missing int
		for _, e := range w.list {
			var sk *scanner.Skip
			switch {
			case errors.As(e, &sk) && sk.Path == "big.txt":
				skipped++
			case errors.Is(e, source.ErrMissingObject) && strings.Contains(e.Error(), gone):
				missing++
			}
		}
		if skipped != 1 || missing != 1 || len(w.list) != 2 {
			t.Errorf("%s: want one skip and one missing blob, got:\n%s", backend, w.String())
		}
	}
}
