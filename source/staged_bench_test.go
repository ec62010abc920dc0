package source_test

import (
	"context"
	"testing"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

// BenchmarkStagedTypicalCommit times `hookscan staged` work for a typical
// commit (three files edited, one added, one with a new secret) in a
// repository of 2,000 files in 100 directories, with the default rules.
func BenchmarkStagedTypicalCommit(b *testing.B) {
	r := newGitFixture(b)
	writeProject(r, 40, "")
	r.commit("project")
	for _, i := range []int{7, 512, 1999} {
		writeProjectFile(r, i, 40, ", edited")
	}
	r.write("config/notify.yml", "notify:\n  slack: "+newSecretGen(10).next()+"\n")
	r.git("add", "-A")
	b.Setenv("GIT_INDEX_FILE", "")
	rs, err := rules.Defaults()
	if err != nil {
		b.Fatal(err)
	}
	d, err := scanner.Compile(rs, scanner.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		fs, err := source.Staged(context.Background(), d, r.dir)
		if err != nil || len(fs) != 1 {
			b.Fatalf("%d findings, %v; want the one new secret", len(fs), err)
		}
	}
}
