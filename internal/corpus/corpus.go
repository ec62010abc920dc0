// Package corpus generates an accuracy corpus: a tree of realistic files
// (source code, configuration, CI workflows, infrastructure code, docs,
// logs) in which secrets of every webhook-format catalog entry are planted,
// in several syntaxes and encodings, next to bait that a scanner must not
// report: placeholders, references to secret stores, hashes, UUIDs, inline
// images, public keys, identifiers and documentation links.
//
// Nothing secret-shaped lives in the source: Generate draws every value
// from a seeded generator when it runs, and returns a Manifest that says
// where each secret and each bait is, so a test can compute a scanner's
// recall and false positives against it.
package corpus

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Encodings a planted secret can be written in.
const (
	Plain      = "plain"
	Base64     = "base64"
	Percent    = "percent"
	JSONEscape = "json-escape"
	// PropertiesEscape is a Java .properties value as Properties.store
	// writes it: ":", "=", "#", "!" and " " after a backslash.
	PropertiesEscape = "properties-escape"
)

// Manifest lists everything Generate planted.
type Manifest struct {
	// Seed is the seed the corpus was generated from.
	Seed int64 `json:"seed"`
	// Files are the generated files, sorted by path.
	Files []File `json:"files"`
	// Secrets are the planted secrets, sorted by file and line.
	Secrets []Secret `json:"secrets"`
	// Baits are the look-alikes that must not be reported, sorted by file
	// and line.
	Baits []Bait `json:"baits"`
}

// File is one generated file.
type File struct {
	// Path is slash-separated and relative to the corpus directory.
	Path string `json:"path"`
	// Format names the kind of file ("go", "dotenv", "k8s-secret", ...).
	Format string `json:"format"`
}

// Secret is one planted secret.
type Secret struct {
	// File is the slash path, relative to the corpus directory, of the
	// file that holds the secret.
	File string `json:"file"`
	// Line is the 1-based line the secret (or its encoded form) is on.
	Line int `json:"line"`
	// Format is the file's format.
	Format string `json:"format"`
	// CatalogID is the webhook-format catalog entry the secret was
	// generated from.
	CatalogID string `json:"catalogId"`
	// Value is the secret itself, as the catalog's capture group would
	// hold it: the whole URL for webhook URLs, the key for API keys.
	Value string `json:"value"`
	// Syntax names the construct the secret is written in ("go-const",
	// "ts-typed-const", "xml-attribute", ...), to group misses by cause.
	Syntax string `json:"syntax"`
	// Encoding says how the secret is written: plain, base64, percent or
	// json-escape.
	Encoding string `json:"encoding"`
	// Encoded is the text as written on the line when Encoding is not
	// plain; decoding it yields text that contains Value.
	Encoded string `json:"encoded,omitempty"`
}

// Bait is a value that looks like a secret but is not one.
type Bait struct {
	// File and Line locate the bait (slash path, 1-based line).
	File string `json:"file"`
	Line int    `json:"line"`
	// Format is the file's format.
	Format string `json:"format"`
	// Kind groups baits: placeholder, reference, hash, uuid, image,
	// public-key, identifier, docs-url.
	Kind string `json:"kind"`
	// Reason says why the value is not a secret.
	Reason string `json:"reason"`
	// Value is the bait text as it appears on the line.
	Value string `json:"value"`
}

// Generate writes a corpus generated from seed under dir, which is created
// if needed, and returns its manifest. The same seed gives the same corpus.
func Generate(dir string, seed int64) (*Manifest, error) {
	g := &generator{r: newRnd(seed), m: &Manifest{Seed: seed}}
	g.run()
	for _, f := range g.files {
		path := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("create directory for %s: %w", f.path, err)
		}
		if err := os.WriteFile(path, []byte(f.buf.String()), 0o644); err != nil {
			return nil, fmt.Errorf("write corpus file %s: %w", f.path, err)
		}
		g.m.Files = append(g.m.Files, File{Path: f.path, Format: f.format})
	}
	slices.SortFunc(g.m.Files, func(a, b File) int { return cmp.Compare(a.Path, b.Path) })
	slices.SortStableFunc(g.m.Secrets, func(a, b Secret) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	slices.SortStableFunc(g.m.Baits, func(a, b Bait) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return g.m, nil
}

// Formats returns the distinct formats of the manifest's files, sorted.
func (m *Manifest) Formats() []string {
	var out []string
	for _, f := range m.Files {
		if !slices.Contains(out, f.Format) {
			out = append(out, f.Format)
		}
	}
	slices.Sort(out)
	return out
}

// Verify checks the manifest against the files under dir: every secret's
// value (or encoded form, which must decode to text holding the value) and
// every bait's value is on the line the manifest names.
func (m *Manifest) Verify(dir string) error {
	lines := map[string][]string{}
	line := func(file string, n int) (string, error) {
		ls, ok := lines[file]
		if !ok {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
			if err != nil {
				return "", fmt.Errorf("read corpus file: %w", err)
			}
			ls = strings.Split(string(data), "\n")
			lines[file] = ls
		}
		if n < 1 || n > len(ls) {
			return "", fmt.Errorf("%s:%d: no such line (the file has %d)", file, n, len(ls))
		}
		return ls[n-1], nil
	}
	var errs []string
	for _, s := range m.Secrets {
		text, err := line(s.File, s.Line)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		if err := s.check(text); err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: %s secret: %v", s.File, s.Line, s.CatalogID, err))
		}
	}
	for _, b := range m.Baits {
		text, err := line(b.File, b.Line)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		if !strings.Contains(text, b.Value) {
			errs = append(errs, fmt.Sprintf("%s:%d: %s bait is not on its line", b.File, b.Line, b.Kind))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("corpus manifest does not match the files:\n%s", strings.Join(errs, "\n"))
	}
	return nil
}

// check tests that the secret is on its line in its encoding.
func (s Secret) check(line string) error {
	if s.Encoding == Plain {
		if !strings.Contains(line, s.Value) {
			return fmt.Errorf("plain value is not on the line")
		}
		return nil
	}
	if s.Encoded == "" || !strings.Contains(line, s.Encoded) {
		return fmt.Errorf("%s text is not on the line", s.Encoding)
	}
	if s.Encoded == s.Value {
		return fmt.Errorf("%s text is the plain value", s.Encoding)
	}
	decoded, err := Decode(s.Encoding, s.Encoded)
	if err != nil {
		return err
	}
	if !strings.Contains(decoded, s.Value) {
		return fmt.Errorf("decoded %s text does not hold the value", s.Encoding)
	}
	return nil
}

// Decode undoes one encoding.
func Decode(encoding, text string) (string, error) {
	switch encoding {
	case Plain:
		return text, nil
	case Base64:
		b, err := base64.StdEncoding.DecodeString(text)
		if err != nil {
			return "", fmt.Errorf("decode base64: %w", err)
		}
		return string(b), nil
	case Percent:
		s, err := url.QueryUnescape(text)
		if err != nil {
			return "", fmt.Errorf("decode percent-encoding: %w", err)
		}
		return s, nil
	case JSONEscape:
		var s string
		if err := json.Unmarshal([]byte(`"`+text+`"`), &s); err != nil {
			return "", fmt.Errorf("decode JSON escapes: %w", err)
		}
		return s, nil
	case PropertiesEscape:
		var b strings.Builder
		for i := 0; i < len(text); i++ {
			if text[i] == '\\' && i+1 < len(text) && strings.IndexByte(":=#! ", text[i+1]) >= 0 {
				i++
			}
			b.WriteByte(text[i])
		}
		return b.String(), nil
	}
	return "", fmt.Errorf("unknown encoding %q", encoding)
}
