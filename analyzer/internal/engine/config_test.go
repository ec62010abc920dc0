package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A module's own configuration is read for its packages, once per root;
// a dependency's (module cache directories are named path@version) and
// one above a testdata directory are not.
func TestFor(t *testing.T) {
	dir := t.TempDir()
	mod := filepath.Join(dir, "shop")
	write(t, filepath.Join(mod, "go.mod"), "module example.com/shop\n")
	write(t, filepath.Join(mod, ConfigName), "allow:\n  stopwords: [sandbox]\n")
	dep := filepath.Join(dir, "mod", "example.com", "dep@v1.2.3")
	write(t, filepath.Join(dep, "go.mod"), "module example.com/dep\n")
	write(t, filepath.Join(dep, ConfigName), "allow:\n  stopwords: [sandbox]\n")

	e := Default()
	e.discover = true
	a, err := e.For(filepath.Join(mod, "server", "server.go"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.For(filepath.Join(mod, "hooks", "hooks.go"))
	if err != nil {
		t.Fatal(err)
	}
	if a == e || a != b {
		t.Fatalf("For = %p, %p; want one engine for the module, not the default %p", a, b, e)
	}
	if ok, err := a.Allowed("sk_SANDBOX_key"); err != nil || !ok {
		t.Errorf("module engine Allowed = %v, %v; want true (stopword)", ok, err)
	}
	if ok, _ := a.Allowed("sk_live_key"); ok {
		t.Error("module engine allows a value no allowlist names")
	}
	for _, f := range []string{filepath.Join(dep, "x.go"), filepath.Join(mod, "testdata", "src", "p", "p.go")} {
		if got, err := e.For(f); err != nil || got != e {
			t.Errorf("For(%s) = %p, %v; want the default engine", f, got, err)
		}
	}
	plain := Default()
	if got, _ := plain.For(filepath.Join(mod, "x.go")); got != plain {
		t.Error("an engine that does not discover read the module's configuration")
	}
}

// A bad configuration is an error naming the file.
func TestForBadConfig(t *testing.T) {
	mod := t.TempDir()
	write(t, filepath.Join(mod, "go.mod"), "module example.com/shop\n")
	write(t, filepath.Join(mod, ConfigName), "allow:\n  regexes: ['(unclosed']\n")
	spec, err := ModuleConfig(filepath.Join(mod, "pkg"))
	if err != nil || !strings.HasPrefix(spec, filepath.Join(mod, ConfigName)+"@sha256:") {
		t.Fatalf("ModuleConfig = %q, %v", spec, err)
	}
	e, err := New(spec)
	if err != nil {
		t.Fatal(err)
	}
	err = e.Check()
	if err == nil || !strings.Contains(err.Error(), ConfigName) || strings.Count(err.Error(), "\n") > 0 {
		t.Errorf("Check = %v; want one line naming %s", err, ConfigName)
	}
}
