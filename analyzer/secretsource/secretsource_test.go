package secretsource_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/hookscan/hookscan/analyzer/internal/engine"
	"github.com/hookscan/hookscan/analyzer/secretsource"
)

// acme returns the analyzer with the synthetic Acme rules of
// ../hardcoded/testdata/acme.yaml, whose webhook-url rule tells webhook
// URLs from others.
func acme(t *testing.T, cfg secretsource.Config) *analysis.Analyzer {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("..", "hardcoded", "testdata", "acme.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg.RuleFiles = append(cfg.RuleFiles, path+"@sha256:"+engine.Digest(data))
	a, err := secretsource.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestScenarios(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, analysistest.TestData(), acme(t, secretsource.Config{}),
		"consts", "fields", "crosspkg/...", "fallback",
		"envok", "vaultok", "awsok", "azureok", "gcpok",
		"stripe", "github", "slack", "svix", "jwt", "jose", "jwx", "discord", "headers", "urls",
		"generics", "broken", "placeholders", "examples/slackbot", "webhooktest", "interproc", "interprocok",
		"ctorfield", "embedded", "collections", "ifaces", "crossfields/...", "closures", "headersummary", "crossresults/...", "crossgetter/...", "keysources", "recvcoll", "builtkeys")
}

func TestFixes(t *testing.T) {
	t.Parallel()
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), acme(t, secretsource.Config{}), "fixes", "fixesimport", "fixesjose")
}

// Many variables each assigned from several others must not make the
// search explode: it is bounded, and gives up silently.
func TestManyDefinitions(t *testing.T) {
	t.Parallel()
	var src strings.Builder
	src.WriteString("package many\n\nimport (\n\t\"crypto/hmac\"\n\t\"crypto/sha256\"\n\t\"os\"\n)\n\nfunc f(c int) {\n\tv0 := os.Getenv(\"K\")\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&src, "\tv%d := v%d\n", i, i-1)
		for j := range 10 {
			fmt.Fprintf(&src, "\tif c == %d {\n\t\tv%d = v%d + v%d\n\t}\n", i*10+j, i, i-1, i-1)
		}
	}
	src.WriteString("\thmac.New(sha256.New, []byte(v40))\n}\n")
	dir, cleanup, err := analysistest.WriteFiles(map[string]string{"many/many.go": src.String()})
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	analysistest.Run(t, dir, secretsource.Analyzer, "many")
}

// A report names its path: the literal, the constant that holds it, and
// where the helper hands it to hmac.New; each on its own line.
func TestRelated(t *testing.T) {
	t.Parallel()
	results := analysistest.Run(t, analysistest.TestData(), secretsource.Analyzer, "related")
	var got []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			got = append(got, fmt.Sprintf("%d: %s", r.Pass.Fset.Position(d.Pos).Line, d.Message))
			for _, rel := range d.Related {
				got = append(got, fmt.Sprintf("%d: %s", r.Pass.Fset.Position(rel.Pos).Line, rel.Message))
			}
		}
	}
	want := []string{
		"18: hard-coded HMAC key passed to related.newMAC (which passes it to hmac.New) (constant webhookSecret)",
		"11: the hard-coded value is written here",
		"11: it is held by constant webhookSecret, declared here",
		"14: hmac.New receives it here",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics and related information:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
