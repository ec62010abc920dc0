package source_test

import (
	"context"
	"fmt"
	"strings"
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
	body := strings.Repeat("func handler() { return nil } // some ordinary source text\n", 40)
	for i := range 2000 {
		r.write(fmt.Sprintf("pkg%02d/file%04d.go", i%100, i), fmt.Sprintf("package pkg%02d\n// file %d\n%s", i%100, i, body))
	}
	r.commit("project")
	for _, i := range []int{7, 512, 1999} {
		r.write(fmt.Sprintf("pkg%02d/file%04d.go", i%100, i), fmt.Sprintf("package pkg%02d\n// file %d, edited\n%s", i%100, i, body))
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
