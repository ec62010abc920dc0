package source_test

import (
	"context"
	"errors"
	"os"
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
	garble := func(loose string) error {
		if err := os.Chmod(loose, 0o644); err != nil {
			return err
		}
		return os.WriteFile(loose, []byte("garbage\n"), 0o644)
	}
	scanDamagedLooseBlob(t, 21, garble, func(blob string, err error) bool {
		return errors.Is(err, source.ErrBadObject) && !errors.Is(err, source.ErrMissingObject) &&
			strings.Contains(err.Error(), blob) && strings.Contains(err.Error(), "zlib")
	})
}
