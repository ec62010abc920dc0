package main

import (
	"crypto/sha256"
	"fmt"
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

// TestDirOneFileAsMany: a file named alone is judged by the same path as
// when it comes with others (a pre-commit hook passes one staged file or
// several): tests/hook.go is a test file, and the config's allowlist for
// sub/c/** covers sub/c/d.env. -v says why the test file's value is not
// reported.
func TestDirOneFileAsMany(t *testing.T) {
	value := fmt.Sprintf("%x", sha256.Sum256([]byte(t.Name())))[:40]
	dir := writeTree(t, map[string]string{
		"tests/hook.go": "package tests\n\nvar apiSecret = \"" + value + "\"\n",
		"sub/c/d.env":   "STRIPE_WEBHOOK_SECRET=" + planted + "\n",
		"hook.go":       "package main\n\nvar apiSecret = \"" + value + "\"\n",
		".hookscan.yml": "allow:\n  paths: [\"sub/c/**\"]\n",
	})
	if out, _, code := run(t, dir, "dir", "hook.go", "-f", "json"); code != 1 || !strings.Contains(out, `"file": "hook.go"`) {
		t.Fatalf("the value outside tests was not reported: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"tests/hook.go"}, {"sub/c/d.env"}, {"tests/hook.go", "sub/c/d.env"}} {
		if out, _, code := run(t, dir, append(append([]string{"dir"}, args...), "-f", "json")...); code != 0 {
			t.Errorf("dir %v: exit %d\n%s", args, code, out)
		}
	}
	_, errOut, _ := run(t, dir, "dir", "tests/hook.go", "-v", "--no-progress")
	if !strings.Contains(errOut, "tests/hook.go:3") || !strings.Contains(errOut, "allowlist") {
		t.Errorf("-v does not say why tests/hook.go was not reported:\n%s", errOut)
	}
}
