// Package analyzer gathers hookscan's go/analysis analyzers, which find
// webhook secrets in Go code:
//
//   - hardcoded: string literals and constants that hookscan's rules
//     recognise as secrets;
//   - secretsource: hard-coded values that reach a secret sink (hmac.New,
//     webhook verifiers, credential headers, webhook URLs);
//   - sigcompare: MACs and signatures compared in variable time.
//
// All is what go vet -vettool=hookscan-vet runs; New builds the same
// analyzers from a Config, for drivers that do not set flags.
package analyzer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/hookscan/hookscan/analyzer/hardcoded"
	"github.com/hookscan/hookscan/analyzer/internal/engine"
	"github.com/hookscan/hookscan/analyzer/secretsource"
	"github.com/hookscan/hookscan/analyzer/sigcompare"
)

// All is every analyzer, configured by flags.
var All = []*analysis.Analyzer{
	hardcoded.Analyzer,
	secretsource.Analyzer,
	sigcompare.Analyzer,
}

// Config configures the analyzers New builds.
type Config struct {
	// RuleFiles are extra rule files (rule packs or .hookscan.yaml
	// configurations), each pinned to its contents as FILE@sha256:HEX.
	RuleFiles []string
	// Tests makes secretsource and sigcompare report in _test.go files
	// too; hardcoded always does.
	Tests bool
	// Disable names analyzers not to build.
	Disable []string
}

// New builds the analyzers afresh, each with its own state.
func New(cfg Config) ([]*analysis.Analyzer, error) {
	off := map[string]bool{}
	for _, name := range cfg.Disable {
		known := false
		for _, a := range All {
			known = known || a.Name == name
		}
		if !known {
			return nil, fmt.Errorf("disable analyzer %q: no such analyzer (have hardcoded, secretsource, sigcompare)", name)
		}
		off[name] = true
	}
	var out []*analysis.Analyzer
	if !off["hardcoded"] {
		a, err := hardcoded.New(hardcoded.Config{RuleFiles: cfg.RuleFiles})
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	if !off["secretsource"] {
		a, err := secretsource.New(secretsource.Config{Tests: cfg.Tests, RuleFiles: cfg.RuleFiles})
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	if !off["sigcompare"] {
		out = append(out, sigcompare.New(sigcompare.Config{Tests: cfg.Tests}))
	}
	return out, nil
}

// PinRuleFile returns path pinned to its current contents,
// path@sha256:HEX, the form RuleFiles and the -hardcoded.rules flag take.
// Drivers that load rules once per process (golangci-lint) can pin for
// the user; under go vet the pin must be in the flag itself.
func PinRuleFile(path string) (string, error) {
	if strings.Contains(path, "@sha256:") {
		return path, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read rules %s: %w", path, err)
	}
	sum := sha256.Sum256(data)
	return path + "@sha256:" + hex.EncodeToString(sum[:]), nil
}

// ModuleConfig returns the .hookscan.yaml of the module that holds dir,
// pinned to its contents (FILE@sha256:HEX), or "" when the module has none.
// The configuration is loaded and its rules compiled, so that a bad file
// is one clear error naming it, before go vet analyses any package. The
// default analyzers (All) read the same file by themselves for every
// package of the module.
func ModuleConfig(dir string) (string, error) {
	spec, err := engine.ModuleConfig(dir)
	if err != nil || spec == "" {
		return spec, err
	}
	e, err := engine.New(spec)
	if err != nil {
		return "", err
	}
	if err := e.Check(); err != nil {
		return "", err
	}
	return spec, nil
}
