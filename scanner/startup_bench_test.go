package scanner_test

import (
	"testing"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// BenchmarkStartup reports what a run pays before and for a tiny input:
// loading the embedded packs, building the detector and scanning one
// small file, as `hookscan staged` does for a one-line change.
func BenchmarkStartup(b *testing.B) {
	b.ReportAllocs()
	small := scanner.Fragment{Path: "notes.txt", Raw: []byte("hello world 123\n")}
	for b.Loop() {
		defaultDetector(b).Scan(small)
	}
}

// BenchmarkLoadDefaults reports the cost of reading the embedded packs.
func BenchmarkLoadDefaults(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rules.Defaults(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompile reports the cost of building the detector from the
// default rules once they are loaded: the keyword trie and the rule
// table; no expression is compiled.
func BenchmarkCompile(b *testing.B) {
	rs, err := rules.Defaults()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scanner.Compile(rs, scanner.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
