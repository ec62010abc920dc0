package rules

import (
	"flag"
	"os"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "rewrite packs.gob from the packs")

// TestPackCache checks that the cache in the binary is that of the packs
// (run with -update, or `make readme`, to rewrite it), and that the rules
// it gives are those the YAML gives.
func TestPackCache(t *testing.T) {
	files, err := embeddedPacks()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		data, err := encodePackCache(files)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("packs.gob", data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	cached, ok := decodePackCache(packCache, packKey(files))
	if !ok {
		t.Fatal("rules/packs.gob was not made from these packs: run `make readme`")
	}
	parsed, err := parseDefaults(files)
	if err != nil {
		t.Fatal(err)
	}
	// The codec drops the difference between nil and empty lists: put
	// the parsed rules through it too.
	data, err := encodePackCache(files)
	if err != nil {
		t.Fatal(err)
	}
	viaCodec, ok := decodePackCache(data, packKey(files))
	if !ok {
		t.Fatal("a cache just made does not decode")
	}
	if len(cached) != len(parsed) || !reflect.DeepEqual(cached, viaCodec) {
		t.Fatalf("the cache gives %d rules, the YAML %d, and they differ", len(cached), len(parsed))
	}
	for i, r := range cached {
		p := parsed[i]
		if r.ID != p.ID || r.Source != p.Source || r.Regex != p.Regex || !reflect.DeepEqual(r.Keywords, p.Keywords) || !r.Embedded() {
			t.Errorf("rule %d: cached %s (%s), parsed %s (%s)", i, r.ID, r.Source, p.ID, p.Source)
		}
	}
}

// TestPackCacheStale: a cache made from other packs, or that does not
// decode, is not used.
func TestPackCacheStale(t *testing.T) {
	files, err := embeddedPacks()
	if err != nil {
		t.Fatal(err)
	}
	data, err := encodePackCache(files[:1])
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := decodePackCache(data, packKey(files)); ok {
		t.Error("a cache of one pack was taken for all of them")
	}
	if _, ok := decodePackCache(data[:len(data)/2], packKey(files[:1])); ok {
		t.Error("a truncated cache decoded")
	}
	if _, ok := decodePackCache(data, packKey(files[:1])); !ok {
		t.Error("a fresh cache was not used")
	}
}
