// Package golangci registers hookscan's analyzers as a golangci-lint v2
// module plugin named "hookscan". It imports the analyzer package only.
//
// .custom-gcl.yml:
//
//	version: v2.15.0
//	plugins:
//	  - module: github.com/hookscan/hookscan
//	    import: github.com/hookscan/hookscan/plugin/golangci
//	    version: latest
//
// .golangci.yml:
//
//	version: "2"
//	linters:
//	  enable: [hookscan]
//	  settings:
//	    custom:
//	      hookscan:
//	        type: module
//	        description: hard-coded webhook secrets, their sources, constant-time signature checks
//	        original-url: github.com/hookscan/hookscan
//	        settings:
//	          rules: [.hookscan.yaml]   # extra rule files
//	          tests: false              # secretsource and sigcompare in _test.go files
//	          disable: []               # hardcoded, secretsource, sigcompare
package golangci

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/hookscan/hookscan/analyzer"
)

// Name is the plugin's name in .golangci.yml and in //nolint comments.
const Name = "hookscan"

func init() { register.Plugin(Name, New) }

// Settings are the plugin's settings in .golangci.yml. golangci-lint
// lower-cases keys, so the JSON names are lower case.
type Settings struct {
	// Rules are extra rule files (rule packs or .hookscan.yaml), relative
	// to where golangci-lint runs. They are read when the analyzers are
	// built; after editing one, run golangci-lint cache clean.
	Rules []string `json:"rules"`
	// Tests makes secretsource and sigcompare report in _test.go files.
	Tests bool `json:"tests"`
	// Disable names analyzers not to run.
	Disable []string `json:"disable"`
}

type plugin struct {
	settings Settings
}

// New decodes the plugin's settings.
func New(raw any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](raw)
	if err != nil {
		return nil, fmt.Errorf("decode %s settings: %w", Name, err)
	}
	return &plugin{settings: s}, nil
}

// BuildAnalyzers builds a fresh set of analyzers for these settings.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	cfg := analyzer.Config{Tests: p.settings.Tests, Disable: p.settings.Disable}
	for _, f := range p.settings.Rules {
		pinned, err := analyzer.PinRuleFile(f)
		if err != nil {
			return nil, err
		}
		cfg.RuleFiles = append(cfg.RuleFiles, pinned)
	}
	return analyzer.New(cfg)
}

// GetLoadMode asks for type information: the analyzers follow values
// through types.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
