package source_test

import (
	"context"
	"reflect"
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
