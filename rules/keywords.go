package rules

import (
	"fmt"
	"io"
	"os"
	"slices"

	"go.yaml.in/yaml/v3"
)

// MaxKeywords bounds the distinct keywords one rule file or config may
// list. Each keyword costs the detector a few dozen literals (its base64
// shapes and escaped spellings, some 8 KiB of automaton), so a generated
// list of a million would take gigabytes before the first byte is scanned;
// the default packs hold under 600.
const MaxKeywords = 5000

// checkKeywordCount fails when the rules and overrides of a document list
// more than MaxKeywords distinct keywords, naming the list that crosses
// the limit. It reads the YAML nodes, so nothing is decoded first.
func checkKeywordCount(file string, root *yaml.Node) error {
	seen := map[string]bool{}
	for _, section := range []string{"rules", "overrides"} {
		seq := mapValue(root, section)
		if seq == nil || seq.Kind != yaml.SequenceNode {
			continue
		}
		for _, rule := range seq.Content {
			kws := mapValue(rule, "keywords")
			if kws == nil || kws.Kind != yaml.SequenceNode {
				continue
			}
			for _, k := range kws.Content {
				seen[k.Value] = true
				if len(seen) > MaxKeywords {
					return &Error{file, kws.Line, kws.Column, fmt.Sprintf("more than %d distinct keywords in one file (each one costs the detector memory); use fewer, more specific keywords", MaxKeywords)}
				}
			}
		}
	}
	return nil
}

// dedupeKeywords drops repeated keywords, keeping the first of each.
func dedupeKeywords(kws []string) []string {
	if len(kws) < 2 {
		return kws
	}
	seen := make(map[string]bool, len(kws))
	return slices.DeleteFunc(kws, func(k string) bool {
		if seen[k] {
			return true
		}
		seen[k] = true
		return false
	})
}

// MaxConfigSize bounds a config file: its YAML tree costs some fifteen
// times its size in memory, and a real one is a few KiB.
const MaxConfigSize = 4 << 20

// readLimited reads a file of at most limit bytes.
func readLimited(file string, limit int64) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, unwrapPathError(err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d MiB; a config file is a few KiB", limit>>20)
	}
	return data, nil
}
