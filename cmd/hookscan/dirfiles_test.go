package main

import (
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestDirManyFiles checks what pre-commit's hookscan-files hook relies on:
// hookscan dir takes many file arguments, names each as given, and reads
// the config of the current directory whichever file comes first.
func TestDirManyFiles(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.env":         "STRIPE_WEBHOOK_SECRET=" + planted + "\n",
		"sub/b.env":     "STRIPE_WEBHOOK_SECRET=" + planted + "\n",
		"sub/c/d.env":   "STRIPE_WEBHOOK_SECRET=" + planted + "\n",
		"clean.txt":     "nothing\n",
		".hookscan.yml": "allow:\n  paths: [\"sub/c/**\"]\n",
	})
	out, _, code := run(t, dir, "dir", "sub/b.env", "clean.txt", "a.env", "sub/c/d.env", "-f", "json")
	if code != 1 || !strings.Contains(out, `"file": "a.env"`) || !strings.Contains(out, `"file": "sub/b.env"`) {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if strings.Contains(out, "d.env") {
		t.Errorf("the current directory's config was not applied:\n%s", out)
	}
}

// TestPreCommitHooksFile checks the hook definitions pre-commit reads.
func TestPreCommitHooksFile(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string   `yaml:"id"`
		Entry         string   `yaml:"entry"`
		Language      string   `yaml:"language"`
		PassFilenames bool     `yaml:"pass_filenames"`
		Types         []string `yaml:"types"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	byID := map[string]int{}
	for i, h := range hooks {
		byID[h.ID] = i
	}
	i, ok := byID["hookscan-files"]
	if !ok || !hooks[i].PassFilenames || !strings.HasPrefix(hooks[i].Entry, "hookscan dir") || hooks[i].Language != "golang" {
		t.Errorf("hookscan-files hook: %+v", hooks)
	}
	if j, ok := byID["hookscan"]; !ok || hooks[j].PassFilenames || hooks[j].Entry != "hookscan staged" {
		t.Errorf("hookscan hook: %+v", hooks)
	}
}
