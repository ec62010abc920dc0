package source_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

// TestBackendsAgree runs the same scans through go-git and git cat-file
// and compares every field of every finding.
func TestBackendsAgree(t *testing.T) {
	s := buildHistoryScenario(t)
	d := historyDetector(t)
	for _, opts := range []source.HistoryOptions{
		{},
		{All: true},
		{Branch: "topic"},
		{MaxFileSize: 1 << 20, Jobs: 1},
	} {
		var results [2][]scanner.Finding
		for i, backend := range bothBackends {
			o := opts
			o.Backend = backend
			fs, err := source.History(context.Background(), d, s.repo.dir, o)
			if err != nil {
				t.Fatalf("%s %+v: %v", backend, opts, err)
			}
			results[i] = fs
		}
		if len(results[0]) == 0 {
			t.Fatalf("%+v: no findings", opts)
		}
		if !reflect.DeepEqual(results[0], results[1]) {
			t.Errorf("%+v: go-git and git disagree:\n%v\n%v", opts, histGot(results[0]), histGot(results[1]))
		}
	}
}

// TestHistoryCorruptLooseObject: a loose object that is there but cannot
// be inflated is reported as unreadable, with what is wrong, by either
// reader; git's listing says only "missing" of it.
func TestHistoryCorruptLooseObject(t *testing.T) {
	g := newSecretGen(21)
	r := newGitFixture(t)
	r.write("bad.txt", linesWith(1, g.next()))
	r.write("kept.txt", linesWith(1, g.next()))
	r.commit("two secrets")
	blob := r.git("rev-parse", "HEAD:bad.txt")
	loose := filepath.Join(r.dir, ".git", "objects", blob[:2], blob[2:])
	if err := os.Chmod(loose, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(loose, []byte("garbage\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, backend := range bothBackends {
		var w warnLog
		fs, err := source.History(context.Background(), historyDetector(t), r.dir, source.HistoryOptions{Backend: backend, Warn: w.add})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || fs[0].File != "kept.txt" {
			t.Errorf("%s: findings %v, want kept.txt", backend, histGot(fs))
		}
		if len(w.list) != 1 || !errors.Is(w.list[0], source.ErrBadObject) || errors.Is(w.list[0], source.ErrMissingObject) ||
			!strings.Contains(w.list[0].Error(), blob) || !strings.Contains(w.list[0].Error(), "zlib") {
			t.Errorf("%s: want one unreadable-object warning naming %s and the damage, got:\n%s", backend, blob, w.String())
		}
	}
}
