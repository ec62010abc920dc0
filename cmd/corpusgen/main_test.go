package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestRunWritesCorpusAndManifest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := run([]string{"-o", dir, "-seed", "9"}); err != nil {
		t.Fatalf("run: %v", err)
	}
	data, err := os.ReadFile(dir + "-manifest.json")
	if err != nil {
		t.Fatalf("read manifest: %v", err)
	}
	var m struct {
		Seed    int64
		Files   []struct{ Path string }
		Secrets []struct{ File string }
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("decode manifest: %v", err)
	}
	if m.Seed != 9 || len(m.Files) == 0 || len(m.Secrets) == 0 {
		t.Fatalf("manifest has seed %d, %d files, %d secrets", m.Seed, len(m.Files), len(m.Secrets))
	}
	for _, f := range m.Files {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f.Path))); err != nil {
			t.Errorf("manifest lists %s: %v", f.Path, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err == nil {
		t.Error("manifest written inside the scanned directory")
	}
}

func TestRunNeedsOutput(t *testing.T) {
	if err := run(nil); err == nil {
		t.Error("run without -o succeeded")
	}
	if err := run([]string{"-o", t.TempDir(), "extra"}); err == nil {
		t.Error("run with a stray argument succeeded")
	}
}
