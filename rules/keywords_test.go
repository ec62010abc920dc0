package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/rules"
)

// keywordConfig is a config with one rule listing the keywords kw(0..n-1).
func keywordConfig(n int, kw func(int) string) []byte {
	var b strings.Builder
	b.WriteString("rules:\n  - id: many-keywords\n    regex: 'k[a-z0-9]+=([a-z0-9]{20})'\n    keywords:\n")
	for i := range n {
		fmt.Fprintf(&b, "      - %s\n", kw(i))
	}
	return []byte(b.String())
}

// TestTooManyKeywords checks that a generated config with 200k keywords
// fails with one line naming the file, and that reading it costs memory in
// proportion to the file, not the gigabytes a detector would take.
func TestTooManyKeywords(t *testing.T) {
	doc := keywordConfig(200_000, func(i int) string { return fmt.Sprintf("kw%07d", i) })
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := rules.ParseConfig("big.yaml", doc)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("no error for 200k keywords")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "big.yaml:5:") || !strings.Contains(msg, fmt.Sprintf("more than %d distinct keywords", rules.MaxKeywords)) || strings.Contains(msg, "\n") {
		t.Errorf("error %q: want one line naming big.yaml:5 and the limit", msg)
	}
	// The YAML tree of a 3.6 MB document; a detector for 200k keywords
	// would allocate gigabytes.
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("parsing 200k keywords allocated %d MiB", alloc>>20)
	if alloc > 256<<20 {
		t.Errorf("parsing allocated %d MiB", alloc>>20)
	}

	_, err = rules.ParseConfig("edge.yaml", keywordConfig(rules.MaxKeywords+1, func(i int) string { return fmt.Sprintf("kw%07d", i) }))
	if err == nil || !strings.Contains(err.Error(), "edge.yaml:5:") {
		t.Errorf("MaxKeywords+1 keywords: error %v, want one naming edge.yaml:5", err)
	}
}

// TestRepeatedKeywordsDeduped checks that a keyword listed many times
// counts once and is kept once.
func TestRepeatedKeywordsDeduped(t *testing.T) {
	t.Parallel()
	cfg, err := rules.ParseConfig("dup.yaml", keywordConfig(20_000, func(i int) string { return []string{"acme", "hook"}[i%2] }))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Rules[0].Keywords; len(got) != 2 || got[0] != "acme" || got[1] != "hook" {
		t.Errorf("keywords %v, want [acme hook]", got)
	}
}

// TestConfigTooLarge checks that a config file past MaxConfigSize is
// refused before it is parsed, with one line naming it.
func TestConfigTooLarge(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "huge.yaml")
	doc := keywordConfig(rules.MaxConfigSize/16, func(i int) string { return fmt.Sprintf("kw%07d", i) })
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := rules.LoadConfig(path)
	if err == nil || err.Error() != "read config "+path+": larger than 4 MiB; a config file is a few KiB" {
		t.Errorf("error %v", err)
	}
}
