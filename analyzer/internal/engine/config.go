package engine

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// ConfigName is the configuration a module keeps at its root. The vet
// tool reads it by itself: go vet runs on the user's own module, so its
// configuration is as trusted as its code. Configurations of modules in
// the module cache (dependencies, whose directories are named
// path@version) and of packages under testdata directories (which the go
// command does not build) are never read.
const ConfigName = ".hookscan.yaml"

// ModuleRoot returns the directory of the go.mod that holds dir, and
// whether that module's configuration may be read for dir: not for a
// module in the module cache, nor for dir under a testdata directory.
func ModuleRoot(dir string) (root string, trusted bool) {
	trusted = true
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, trusted && !strings.Contains(filepath.Base(d), "@")
		}
		if filepath.Base(d) == "testdata" {
			trusted = false
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", false
		}
		d = parent
	}
}

// ModuleConfig returns the pinned name (FILE@sha256:HEX) of the
// configuration of the module that holds dir, or "" when it has none or
// may not be read.
func ModuleConfig(dir string) (string, error) {
	root, trusted := ModuleRoot(dir)
	if !trusted {
		return "", nil
	}
	path := filepath.Join(root, ConfigName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read config %s: %w", path, err)
	}
	return path + pinSep + Digest(data), nil
}

// For returns the engine for the package holding a file: e itself, or,
// for an engine that finds configurations (the one go vet runs) and a
// module whose root holds a .hookscan.yaml, e with that file added. One
// engine is kept per module root.
func (e *Engine) For(filename string) (*Engine, error) {
	if !e.discover || filename == "" {
		return e, nil
	}
	dir := filepath.Dir(filename)
	e.mu.Lock()
	defer e.mu.Unlock()
	spec, seen := e.dirs[dir]
	if !seen {
		var err error
		if spec, err = ModuleConfig(dir); err != nil {
			return nil, err
		}
		if e.dirs == nil {
			e.dirs = map[string]string{}
		}
		e.dirs[dir] = spec
	}
	if spec == "" {
		return e, nil
	}
	if c, ok := e.roots[spec]; ok {
		return c, nil
	}
	c := &Engine{files: RuleFiles{list: slices.Clone(e.files.list)}}
	if err := c.files.add(spec); err != nil {
		return nil, err
	}
	c.init()
	if e.roots == nil {
		e.roots = map[string]*Engine{}
	}
	e.roots[spec] = c
	return c, nil
}

// Check loads and compiles the rules, so that a bad rule file or
// configuration is reported once, before any package is analysed.
func (e *Engine) Check() error {
	if _, err := e.Detector(); err != nil {
		return err
	}
	_, err := e.allow()
	return err
}

// allowlist is the part of the configurations' global allowlists that
// applies to a value known to be hard-coded: regexes and stopwords.
type allowlist struct {
	regexes   []*regexp.Regexp
	stopwords []string
}

func (e *Engine) compileAllow() (*allowlist, error) {
	cfgs, err := e.configs()
	if err != nil {
		return nil, err
	}
	a := &allowlist{}
	for _, cfg := range cfgs {
		for _, r := range cfg.Allow.Regexes {
			re, err := regexp.Compile(r)
			if err != nil {
				return nil, fmt.Errorf("load config %s: allow regex %q: %w", cfg.Path, r, err)
			}
			a.regexes = append(a.regexes, re)
		}
		for _, w := range cfg.Allow.Stopwords {
			a.stopwords = append(a.stopwords, strings.ToLower(w))
		}
	}
	return a, nil
}

// Allowed reports whether a configuration's global allowlist (its regexes
// or stopwords) lets a value through: secretsource reports a hard-coded
// value at a sink whatever rule it matches, unless allowlisted.
func (e *Engine) Allowed(value string) (bool, error) {
	a, err := e.allow()
	if err != nil {
		return false, err
	}
	for _, re := range a.regexes {
		if re.MatchString(value) {
			return true, nil
		}
	}
	lower := strings.ToLower(value)
	for _, w := range a.stopwords {
		if strings.Contains(lower, w) {
			return true, nil
		}
	}
	return false, nil
}

// FirstFile is the name of a package's first file, by which its module
// is found.
func FirstFile(fset *token.FileSet, files []*ast.File) string {
	if len(files) == 0 {
		return ""
	}
	return fset.File(files[0].FileStart).Name()
}
