package rules

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"reflect"
	"strings"

	_ "embed"
)

// The embedded packs parsed, cached in the binary: decoding it costs about
// a twentieth of parsing 250 kB of YAML, most of a small scan's start-up.
// `make readme` (go test ./rules -run TestPackCache -update) writes it.
// It carries a key made of the packs' bytes and of the rule model's
// shape, and Defaults uses it only when the key is that of the packs and
// the code it was built with: a stale cache costs time, never rules.
//
//go:embed packs.gob
var packCache []byte

// packCacheData is what packs.gob holds.
type packCacheData struct {
	// Key is packKey of the packs the rules were parsed from.
	Key string
	// Rules are the packs' rules, as parseDefaults returns them.
	Rules []*Rule
}

// packKey identifies a set of packs and the Rule type they decode into.
func packKey(files []packFile) string {
	h := sha256.New()
	var schema strings.Builder
	typeSchema(&schema, reflect.TypeOf(Rule{}), map[reflect.Type]bool{})
	fmt.Fprintf(h, "%d:%s\n", schema.Len(), schema.String())
	for _, f := range files {
		fmt.Fprintf(h, "%d:%s\n%d:", len(f.name), f.name, len(f.data))
		h.Write(f.data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// typeSchema writes the shape of t: kinds, and exported fields with their
// names and tags, so that a change to the rule model changes the key.
func typeSchema(b *strings.Builder, t reflect.Type, seen map[reflect.Type]bool) {
	b.WriteString(t.Kind().String())
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		b.WriteString("<")
		typeSchema(b, t.Elem(), seen)
		b.WriteString(">")
	case reflect.Map:
		b.WriteString("<")
		typeSchema(b, t.Key(), seen)
		b.WriteString(",")
		typeSchema(b, t.Elem(), seen)
		b.WriteString(">")
	case reflect.Struct:
		b.WriteString(" " + t.String())
		if seen[t] {
			return
		}
		seen[t] = true
		b.WriteString("{")
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			fmt.Fprintf(b, "%s %q ", f.Name, f.Tag)
			typeSchema(b, f.Type, seen)
			b.WriteString(";")
		}
		b.WriteString("}")
	}
}

// decodePackCache returns the cached rules when data holds the cache for
// key.
func decodePackCache(data []byte, key string) ([]*Rule, bool) {
	var c packCacheData
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&c); err != nil || c.Key != key || len(c.Rules) == 0 {
		return nil, false
	}
	for _, r := range c.Rules {
		if r == nil {
			return nil, false
		}
		r.embedded = true
	}
	return c.Rules, true
}

// encodePackCache builds packs.gob for the given packs.
func encodePackCache(files []packFile) ([]byte, error) {
	rs, err := parseDefaults(files)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(packCacheData{Key: packKey(files), Rules: rs}); err != nil {
		return nil, fmt.Errorf("encode pack cache: %w", err)
	}
	return buf.Bytes(), nil
}
