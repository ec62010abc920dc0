package source_test

import (
	"context"
	"testing"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

// The same content committed under two paths (an API spec frozen into a
// versioned docs copy) is scanned once, but each finding carries the class
// of its own path, on both backends.
func TestHistoryClassPerPath(t *testing.T) {
	t.Parallel()
	r := newGitFixture(t)
	secret := newSecretGen(7).next()
	r.write("api/swagger.yaml", linesWith(2, secret))
	r.write("docs/api/v1.46.yaml", linesWith(2, secret))
	r.commit("spec, and its copy for v1.46")
	d := historyDetector(t)
	for _, backend := range bothBackends {
		fs, err := source.History(context.Background(), d, r.dir, source.HistoryOptions{Backend: backend})
		if err != nil {
			t.Fatalf("%s: %v", backend, err)
		}
		got := map[string]string{}
		for _, f := range fs {
			got[f.File] = f.Context
		}
		want := map[string]string{"api/swagger.yaml": scanner.ContextConfig, "docs/api/v1.46.yaml": scanner.ContextDocs}
		for file, class := range want {
			if got[file] != class {
				t.Errorf("%s: %s classed %q, want %q (all: %v)", backend, file, got[file], class, got)
			}
		}
		for _, f := range fs {
			if f.File == "docs/api/v1.46.yaml" && f.Severity == "critical" {
				t.Errorf("%s: docs finding kept severity %s", backend, f.Severity)
			}
		}
	}
}
