package golangci_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/hookscan/hookscan/plugin/golangci"
)

func build(t *testing.T, settings any) []string {
	t.Helper()
	newPlugin, err := register.GetPlugin(golangci.Name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(settings)
	if err != nil {
		t.Fatal(err)
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %q, want %q", p.GetLoadMode(), register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range as {
		names = append(names, a.Name)
	}
	return names
}

func TestPlugin(t *testing.T) {
	rules := filepath.Join("..", "..", "analyzer", "hardcoded", "testdata", "acme.yaml")
	newPlugin, err := register.GetPlugin(golangci.Name)
	if err != nil {
		t.Fatal(err)
	}
	// Settings arrive as golangci-lint decoded them from YAML.
	p, err := newPlugin(map[string]any{"rules": []any{rules}})
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 3 {
		t.Fatalf("built %d analyzers, want 3", len(as))
	}
	for _, a := range as {
		// One scenario package per analyzer, named after it.
		analysistest.Run(t, analysistest.TestData(), a, a.Name)
	}
}

func TestSettings(t *testing.T) {
	if got := strings.Join(build(t, nil), ","); got != "hardcoded,secretsource,sigcompare" {
		t.Errorf("no settings built %s", got)
	}
	if got := strings.Join(build(t, map[string]any{"disable": []any{"hardcoded"}, "tests": true}), ","); got != "secretsource,sigcompare" {
		t.Errorf("disable hardcoded built %s", got)
	}
	newPlugin, _ := register.GetPlugin(golangci.Name)
	if _, err := newPlugin(map[string]any{"entropy": 3.5}); err == nil || !strings.Contains(err.Error(), "entropy") {
		t.Errorf("unknown setting: err = %v", err)
	}
	p, err := newPlugin(map[string]any{"rules": []any{"no-such-rules.yaml"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.BuildAnalyzers(); err == nil || !strings.Contains(err.Error(), "no-such-rules.yaml") {
		t.Errorf("missing rules file: err = %v", err)
	}
}
