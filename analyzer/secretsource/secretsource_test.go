package secretsource_test

import (
	"os"
	"path/filepath"
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
	analysistest.Run(t, analysistest.TestData(), acme(t, secretsource.Config{}),
		"consts", "fields", "crosspkg/...", "fallback",
		"envok", "vaultok", "awsok", "azureok", "gcpok",
		"stripe", "github", "slack", "svix", "jwt", "discord", "headers", "urls",
		"generics", "broken", "placeholders", "webhooktest")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), acme(t, secretsource.Config{}), "fixes", "fixesimport")
}
