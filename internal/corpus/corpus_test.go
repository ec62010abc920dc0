package corpus_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/internal/corpus"
)

func generate(t *testing.T, seed int64) (string, *corpus.Manifest) {
	t.Helper()
	dir := t.TempDir()
	m, err := corpus.Generate(dir, seed)
	if err != nil {
		t.Fatalf("Generate(seed %d): %v", seed, err)
	}
	return dir, m
}

// TestManifestMatchesFiles is the corpus self-check: every planted value
// (or its encoded form) and every bait is on the line the manifest says.
func TestManifestMatchesFiles(t *testing.T) {
	for _, seed := range []int64{1, 2, 3, 42} {
		dir, m := generate(t, seed)
		if err := m.Verify(dir); err != nil {
			t.Errorf("seed %d: %v", seed, err)
		}
	}
}

func TestVerifyDetectsDrift(t *testing.T) {
	dir, m := generate(t, 5)
	s := m.Secrets[len(m.Secrets)/2]
	path := filepath.Join(dir, filepath.FromSlash(s.File))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Move the planted line down by one: the manifest is then wrong.
	if err := os.WriteFile(path, append([]byte("\n"), data...), 0o644); err != nil {
		t.Fatal(err)
	}
	err = m.Verify(dir)
	if err == nil || !strings.Contains(err.Error(), s.File) {
		t.Fatalf("Verify after shifting %s = %v, want an error naming the file", s.File, err)
	}
	if strings.Contains(err.Error(), s.Value) {
		t.Errorf("Verify's error prints a planted secret")
	}
}

func TestCoverage(t *testing.T) {
	_, m := generate(t, 1)

	perID := map[string]int{}
	for _, s := range m.Secrets {
		perID[s.CatalogID]++
	}
	if len(perID) != 110 {
		t.Errorf("secrets of %d catalog entries planted, want all 110", len(perID))
	}
	for id, n := range perID {
		if n < 3 {
			t.Errorf("%s planted %d times, want at least 3", id, n)
		}
	}
	if n := len(m.Secrets); n < 300 || n > 600 {
		t.Errorf("%d secrets planted, want a few hundred", n)
	}

	planted := map[string]bool{}
	for _, s := range m.Secrets {
		planted[s.Format] = true
	}
	if len(planted) < 35 {
		t.Errorf("secrets planted in %d formats, want at least 35", len(planted))
	}
	for _, want := range []string{"go", "python", "javascript", "typescript", "properties", "dotenv", "github-actions",
		"docker-compose", "helm-values", "k8s-secret", "json", "json-escaped", "toml", "ini", "terraform", "tfvars",
		"dockerfile", "shell", "html", "markdown", "minified-js", "jupyter", "xml", "php", "ruby", "csharp", "rust",
		"yaml", "npmrc", "netrc", "java", "kotlin", "swift", "sql", "makefile", "log"} {
		if !planted[want] {
			t.Errorf("no secret planted in format %s", want)
		}
	}

	enc := map[string]int{}
	for _, s := range m.Secrets {
		enc[s.Encoding]++
	}
	for _, e := range []string{corpus.Base64, corpus.Percent, corpus.JSONEscape} {
		if enc[e] < 5 {
			t.Errorf("%d secrets encoded as %s, want at least 5", enc[e], e)
		}
	}

	kinds := map[string]int{}
	for _, b := range m.Baits {
		kinds[b.Kind]++
		if b.Reason == "" {
			t.Errorf("%s:%d: bait without a reason", b.File, b.Line)
		}
	}
	for _, k := range []string{"placeholder", "reference", "hash", "uuid", "image", "public-key", "identifier", "docs-url"} {
		if kinds[k] == 0 {
			t.Errorf("no %s bait", k)
		}
	}

	// The minified bundle is one long line holding several secrets.
	var minified []corpus.Secret
	for _, s := range m.Secrets {
		if s.Format == "minified-js" {
			minified = append(minified, s)
		}
	}
	if len(minified) < 2 || slices.ContainsFunc(minified, func(s corpus.Secret) bool { return s.Line != minified[0].Line }) {
		t.Errorf("minified-js secrets are not all on one line: %d secrets", len(minified))
	}
}

func TestSeeds(t *testing.T) {
	dirA, a := generate(t, 7)
	dirB, b := generate(t, 7)
	_, c := generate(t, 8)
	if len(a.Files) != len(b.Files) {
		t.Fatalf("same seed, %d and %d files", len(a.Files), len(b.Files))
	}
	for _, f := range a.Files {
		x, errA := os.ReadFile(filepath.Join(dirA, f.Path))
		y, errB := os.ReadFile(filepath.Join(dirB, f.Path))
		if errA != nil || errB != nil || !bytes.Equal(x, y) {
			t.Errorf("same seed, %s differs", f.Path)
		}
	}
	values := map[string]bool{}
	for _, s := range a.Secrets {
		values[s.Value] = true
	}
	shared := 0
	for _, s := range c.Secrets {
		if values[s.Value] {
			shared++
		}
	}
	if shared > 0 {
		t.Errorf("seeds 7 and 8 share %d secret values", shared)
	}
}

func TestPathsAreRelative(t *testing.T) {
	_, m := generate(t, 1)
	for _, f := range m.Files {
		if filepath.IsAbs(f.Path) || strings.Contains(f.Path, `\`) || strings.HasPrefix(f.Path, "..") {
			t.Errorf("file path %q is not a relative slash path", f.Path)
		}
	}
}

func TestDecode(t *testing.T) {
	for _, c := range []struct{ enc, in, want string }{
		{corpus.Base64, "aHR0cHM6Ly9ob29rcy5leGFtcGxl", "https://hooks.example"},
		{corpus.Percent, "https%3A%2F%2Fhooks.example%2Fa%3Fb%3D1", "https://hooks.example/a?b=1"},
		{corpus.JSONEscape, `https:\/\/hooks.example\/a`, "https://hooks.example/a"},
		{corpus.Plain, "as-is", "as-is"},
	} {
		got, err := corpus.Decode(c.enc, c.in)
		if err != nil || got != c.want {
			t.Errorf("Decode(%s, %q) = %q, %v; want %q", c.enc, c.in, got, err, c.want)
		}
	}
	if _, err := corpus.Decode("rot13", "x"); err == nil {
		t.Error("Decode accepted an unknown encoding")
	}
	if _, err := corpus.Decode(corpus.Base64, "not base64!"); err == nil {
		t.Error("Decode accepted bad base64")
	}
}
