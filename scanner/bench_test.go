package scanner_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

// realSource loads Go's own source for a package tree: real text, not a
// synthetic corpus.
func realSource(b *testing.B, dirs ...string) []scanner.Fragment {
	var frags []scanner.Fragment
	for _, dir := range dirs {
		root := filepath.Join(goroot(b), "src", dir)
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, err := os.ReadFile(p)
			if err == nil && !source.IsBinary(data) {
				frags = append(frags, scanner.Fragment{Path: strings.TrimPrefix(p, root+"/"), Raw: data})
			}
			return nil
		})
	}
	if len(frags) == 0 {
		b.Fatalf("no source under %v", dirs)
	}
	return frags
}

// goroot asks the go command where Go's source is.
func goroot(b *testing.B) string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		b.Fatalf("go env GOROOT: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// BenchmarkDetector reports the detector's single-core throughput with the
// default rules on real Go source (MB/s).
func BenchmarkDetector(b *testing.B) {
	for _, set := range []struct {
		name string
		dirs []string
	}{
		{"net-http", []string{"net/http"}},
		{"crypto", []string{"crypto"}},
		{"cmd-go", []string{"cmd/go"}},
		{"all", []string{"."}},
	} {
		b.Run(set.name, func(b *testing.B) {
			frags := realSource(b, set.dirs...)
			d := defaultDetector(b)
			var n int64
			for _, f := range frags {
				n += int64(len(f.Raw))
			}
			b.SetBytes(n)
			b.ResetTimer()
			for b.Loop() {
				for _, f := range frags {
					d.Scan(f)
				}
			}
		})
	}
}
