package hardcoded_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/hookscan/hookscan/analyzer/hardcoded"
	"github.com/hookscan/hookscan/analyzer/internal/engine"
)

// acme returns an analyzer that also runs the synthetic Acme rules of
// testdata/acme.yaml, pinned to their digest.
func acme(t *testing.T) *analysis.Analyzer {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("testdata", "acme.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := hardcoded.New(hardcoded.Config{RuleFiles: []string{path + "@sha256:" + engine.Digest(data)}})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestScenarios(t *testing.T) {
	a := acme(t)
	for _, pkg := range []string{"consts", "fields", "raw", "concat", "sinkskip", "allow", "generated", "generics", "mailgun", "splitname"} {
		t.Run(pkg, func(t *testing.T) {
			analysistest.Run(t, analysistest.TestData(), a, pkg)
		})
	}
}

// A package that does not type-check is still scanned: literals need no
// types.
func TestBroken(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), acme(t), "broken")
}

func TestCgo(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), acme(t), "cgo")
}

// Context rules know a value by the name it is given. The embedded
// generic rules skip testdata directories (where test vectors live), so
// this package is written outside one at test time.
func TestContextKey(t *testing.T) {
	runOutsideTestdata(t, "contextkey")
}

// Maps and slices whose name says they hold secrets (tenantSecrets,
// signingKeys): each value is judged under that name.
func TestSecretContainers(t *testing.T) {
	runOutsideTestdata(t, "containers")
}

// runOutsideTestdata runs the analyzer on testdata/PKG.go.txt written as
// package PKG outside a testdata directory.
func runOutsideTestdata(t *testing.T, pkg string) {
	src, err := os.ReadFile(filepath.Join("testdata", pkg+".go.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir, cleanup, err := analysistest.WriteFiles(map[string]string{pkg + "/" + pkg + ".go": string(src)})
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	analysistest.Run(t, dir, hardcoded.Analyzer, pkg)
}
