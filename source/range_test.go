package source_test

import (
	"context"
	"errors"
	"testing"

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
