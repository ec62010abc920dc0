package source_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/internal/scantest"
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

// A row added to a multi-line INSERT in a later commit is read under its
// column, as a directory scan of that version reads it: the history scan
// reads only the new lines, and the statement's head is far above them.
func TestHistorySQLRowAdded(t *testing.T) {
	t.Parallel()
	r := newGitFixture(t)
	secret := "Kx4T" + "m8Wq2Lz7Rn3Pb9Vc6Hd5Jf1G"
	var rows strings.Builder
	for i := range 60 {
		fmt.Fprintf(&rows, "  (%d, 'service-%d', NULL),\n", i, i)
	}
	head := "INSERT INTO integrations (id, provider, signing_secret) VALUES\n"
	r.write("db/seed.sql", head+rows.String()+"  (99, 'last', NULL);\n")
	r.commit("seed")
	r.write("db/seed.sql", head+rows.String()+"  (98, 'github', '"+secret+"'),\n  (99, 'last', NULL);\n")
	r.commit("github's secret")
	d := scantest.Defaults(t)
	want := strings.Count(head+rows.String(), "\n") + 1
	for _, backend := range bothBackends {
		fs, err := source.History(context.Background(), d, r.dir, source.HistoryOptions{Backend: backend})
		if err != nil {
			t.Fatalf("%s: %v", backend, err)
		}
		if len(fs) != 1 || fs[0].Secret != secret || fs[0].Line != want {
			t.Errorf("%s: got %+v, want one finding of the secret on line %d", backend, fs, want)
		}
	}
}
