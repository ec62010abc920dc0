package scanner

import (
	"bytes"
	"flag"
	"os"
	"slices"
	"testing"
)

var updateTrie = flag.Bool("update", false, "rewrite trie.bin from the default rules")

// TestTrieCache checks that trie.bin is the trie finish builds for the
// default rules with default options (run with -update, or `make
// readme`, to rewrite it), and that a detector built from it is the one
// built without it.
func TestTrieCache(t *testing.T) {
	fresh := withoutTrieCache(t, func() *Detector { d, _ := compileDefaults(t); return d })
	data := encodeTrie(fresh.keywords)
	if *updateTrie {
		if err := os.WriteFile("trie.bin", data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(data, trieCacheData) {
		t.Fatal("scanner/trie.bin was not made from these rules: run `make readme`")
	}
	d, _ := compileDefaults(t)
	a, b := fresh.keywords, d.keywords
	if a.classes != b.classes || a.stride2 != b.stride2 || a.maxLen != b.maxLen || a.key != b.key ||
		!slices.Equal(a.parent, b.parent) || !slices.Equal(a.label, b.label) || !slices.Equal(a.child, b.child) ||
		!slices.Equal(a.sibling, b.sibling) || !slices.Equal(a.own, b.own) || !slices.Equal(a.lens, b.lens) {
		t.Fatal("the cached trie differs from the one built")
	}
	if &a.parent[0] == &b.parent[0] {
		t.Fatal("the fresh detector used the cache")
	}
	if &b.parent[0] != &trieCache.k.parent[0] {
		t.Fatal("the default rules' detector did not use the cache")
	}
	// Other literals, or the same without case folding, get their own.
	other := newKeywordBuilder(2)
	other.foldCase()
	other.add([]byte("hooks.slack.com"))
	if k := other.finish(); len(k.parent) == len(b.parent) {
		t.Fatal("another set of literals got the cached trie")
	}
	// A malformed file is not used.
	for _, bad := range [][]byte{nil, []byte(trieMagic), data[:len(data)-1], append([]byte("HSTRIE0"), data[len(trieMagic):]...)} {
		if _, _, err := decodeTrie(bad); err == nil {
			t.Errorf("decodeTrie accepted %d bytes", len(bad))
		}
	}
}

// withoutTrieCache runs f with the trie cache set aside.
func withoutTrieCache(t *testing.T, f func() *Detector) *Detector {
	t.Helper()
	saved := trieCache
	trieCache = &trieFile{}
	defer func() { trieCache = saved }()
	return f()
}

// TestTrieCacheSameFindings scans the rules' examples with and without
// the cache.
func TestTrieCacheSameFindings(t *testing.T) {
	cached, rs := compileDefaults(t)
	fresh := withoutTrieCache(t, func() *Detector { d, _ := compileDefaults(t); return d })
	var text bytes.Buffer
	for _, r := range rs {
		for _, ex := range r.Examples.Match {
			text.WriteString(ex + "\n")
		}
	}
	a := cached.Scan(Fragment{Path: "all.txt", Raw: text.Bytes()})
	b := fresh.Scan(Fragment{Path: "all.txt", Raw: text.Bytes()})
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d findings with the cache, %d without", len(a), len(b))
	}
	for i := range a {
		if a[i].Fingerprint != b[i].Fingerprint || a[i].Line != b[i].Line {
			t.Fatalf("finding %d differs: %+v / %+v", i, a[i], b[i])
		}
	}
}
