package source_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/internal/scantest"
	"github.com/hookscan/hookscan/source"
)

// BenchmarkRangeOneCommit times `hookscan git --range HEAD~1..HEAD` work,
// detector aside, on a repository of 2,000 files in 100 directories and 40
// commits whose last one adds a file with a secret: what a pre-push check
// costs. The finding's file is new, so the base tree is listed once to
// tell a copy from new content.
func BenchmarkRangeOneCommit(b *testing.B) {
	r := newGitFixture(b)
	writeProject(r, 20, "")
	r.commit("project")
	for c := range 40 {
		writeProjectFile(r, c*37%2000, 20, fmt.Sprintf(", edit %d", c))
		r.commit(fmt.Sprintf("edit %d", c))
	}
	r.write("deploy/notify.yml", "notify:\n  slack: "+newSecretGen(11).next()+"\n")
	r.commit("notify")
	d := scantest.Defaults(b)
	for _, backend := range []string{source.BackendGit, source.BackendGoGit} {
		b.Run(backend, func(b *testing.B) {
			for b.Loop() {
				fs, err := source.History(context.Background(), d, r.dir, source.HistoryOptions{Range: "HEAD~1..HEAD", Backend: backend})
				if err != nil || len(fs) != 1 {
					b.Fatalf("%d findings, %v; want the one new secret", len(fs), err)
				}
			}
		})
	}
}

// writeProject writes the 2,000 Go files, of lines lines each, in 100
// directories that the benchmarks' repositories hold.
func writeProject(r *gitFixture, lines int, note string) {
	for i := range 2000 {
		writeProjectFile(r, i, lines, note)
	}
}

// writeProjectFile writes file i of writeProject, with a note in its
// header comment.
func writeProjectFile(r *gitFixture, i, lines int, note string) {
	body := strings.Repeat("func handler() { return nil } // some ordinary source text\n", lines)
	r.write(fmt.Sprintf("pkg%02d/file%04d.go", i%100, i), fmt.Sprintf("package pkg%02d\n// file %d%s\n%s", i%100, i, note, body))
}
