// Package engine gives hookscan's analyzers a compiled detector: the rule
// packs embedded in the binary plus, optionally, rule files named on the
// command line.
//
// Under go vet every package is analysed by a separate process, and vet
// caches a package's result by the tool's build ID and its flags, not by the
// contents of files the flags name. A rule file is therefore named together
// with the SHA-256 of its contents (FILE@sha256:HEX): editing the file
// without updating the flag is an error rather than a stale cached result,
// and updating the flag changes vet's cache key.
package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// Engine compiles the detector once, on first use, so that flags set after
// the Engine is made are honoured.
type Engine struct {
	files    RuleFiles
	configs  func() ([]*rules.Config, error)
	detector func() (*scanner.Detector, error)
	keywords func() ([]string, error)
	allow    func() (*allowlist, error)
	// discover makes For add the .hookscan.yaml of a file's module.
	discover bool
	// mu guards roots and dirs: the standalone driver analyses packages
	// in parallel.
	mu sync.Mutex
	// roots holds the engine of each module root with a configuration.
	roots map[string]*Engine
	// dirs caches the module root of each directory looked up.
	dirs map[string]string
}

// New returns an Engine that runs the embedded rules and the given rule
// files, each written FILE@sha256:HEX. More files can be added through
// Flag until Detector is first called.
func New(files ...string) (*Engine, error) {
	e := &Engine{}
	for _, f := range files {
		if err := e.files.add(f); err != nil {
			return nil, err
		}
	}
	e.init()
	return e, nil
}

func (e *Engine) init() {
	e.configs = sync.OnceValues(e.loadConfigs)
	e.detector = sync.OnceValues(e.compile)
	e.keywords = sync.OnceValues(packKeywords)
	e.allow = sync.OnceValues(e.compileAllow)
}

// Default is an Engine with the embedded rules only.
func Default() *Engine {
	e, _ := New() // cannot fail without files
	return e
}

// shared is the Engine of the analyzers go vet and hookscan-vet run: the
// hardcoded analyzer's -rules flag fills it, and secretsource reads it to
// recognise webhook URLs. It finds each module's .hookscan.yaml.
var shared = func() *Engine {
	e := Default()
	e.discover = true
	return e
}()

// Shared returns the Engine shared by the default analyzers.
func Shared() *Engine { return shared }

// Flag is the flag.Value that names extra rule files.
func (e *Engine) Flag() *RuleFiles { return &e.files }

// Detector returns the compiled detector, compiling it on the first call.
func (e *Engine) Detector() (*scanner.Detector, error) { return e.detector() }

// MayMatch reports whether the detector could find a secret in text: the
// text holds one of the rules' keywords, or something the detector would
// decode (a long base64 run, percent or backslash escapes). Compiling the
// rules costs about a tenth of a second, and go vet runs one process per
// package; most packages hold no literal worth it. With extra rule files
// it always reports true.
func (e *Engine) MayMatch(text string) (bool, error) {
	if e.files.Len() > 0 {
		return true, nil
	}
	kws, err := e.keywords()
	if err != nil {
		return false, err
	}
	lower := strings.ToLower(text)
	for _, k := range kws {
		if strings.Contains(lower, k) {
			return true, nil
		}
	}
	return encoded(text), nil
}

// encoded reports whether text holds something the detector decodes
// before matching: a base64 run of 20 or more characters, a percent
// escape, or a backslash escape.
func encoded(text string) bool {
	run := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '+', c == '/', c == '-', c == '_', c == '=':
			if run++; run >= 20 {
				return true
			}
		case c == '%' && i+2 < len(text) && isHex(text[i+1]) && isHex(text[i+2]):
			return true
		case c == '\\' || c == '&' && strings.HasPrefix(text[i:], "&#"):
			return true
		default:
			run = 0
		}
	}
	return false
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// packKeywords reads the keywords of the embedded packs, without the
// cost of validating and compiling the rules.
func packKeywords() ([]string, error) {
	files, err := rules.PackFiles()
	if err != nil {
		return nil, fmt.Errorf("read embedded rules: %w", err)
	}
	seen := map[string]bool{}
	var out []string
	for name, data := range files {
		var p struct {
			Rules []struct {
				Keywords []string `yaml:"keywords"`
			} `yaml:"rules"`
		}
		if err := yaml.Unmarshal(data, &p); err != nil {
			return nil, fmt.Errorf("read embedded rules %s: %w", name, err)
		}
		for _, r := range p.Rules {
			for _, k := range r.Keywords {
				if k = strings.ToLower(k); k != "" && !seen[k] {
					seen[k] = true
					out = append(out, k)
				}
			}
		}
	}
	return out, nil
}

func (e *Engine) loadConfigs() ([]*rules.Config, error) {
	var out []*rules.Config
	for _, f := range e.files.list {
		cfg, err := f.load()
		if err != nil {
			return nil, err
		}
		out = append(out, cfg)
	}
	return out, nil
}

func (e *Engine) compile() (*scanner.Detector, error) {
	rs, err := rules.Defaults()
	if err != nil {
		return nil, fmt.Errorf("load embedded rules: %w", err)
	}
	cfgs, err := e.configs()
	if err != nil {
		return nil, err
	}
	var opts scanner.Options
	for i, cfg := range cfgs {
		f := e.files.list[i]
		if rs, err = cfg.Apply(rs); err != nil {
			return nil, fmt.Errorf("apply rules %s: %w", f.path, err)
		}
		opts.Allow.Regexes = append(opts.Allow.Regexes, cfg.Allow.Regexes...)
		opts.Allow.LineRegexes = append(opts.Allow.LineRegexes, cfg.Allow.LineRegexes...)
		opts.Allow.Stopwords = append(opts.Allow.Stopwords, cfg.Allow.Stopwords...)
		opts.Allow.Paths = append(opts.Allow.Paths, cfg.Allow.Paths...)
	}
	enabled := rs[:0:0]
	for _, r := range rs {
		if !r.Disabled {
			enabled = append(enabled, r)
		}
	}
	d, err := scanner.Compile(enabled, opts)
	if err != nil {
		return nil, fmt.Errorf("compile rules: %w", err)
	}
	return d, nil
}

// RuleFiles is a flag.Value: a comma-separated list of rule files, each
// pinned to the SHA-256 of its contents as FILE@sha256:HEX. A file may be a
// rule pack or a .hookscan.yaml configuration (extra rules, overrides,
// disabled ids, allowlists).
type RuleFiles struct {
	list []ruleFile
}

type ruleFile struct {
	path   string // as given
	digest string // lower-case hex, "" when not pinned
}

const pinSep = "@sha256:"

// String returns the flag's value as it was set.
func (r *RuleFiles) String() string {
	if r == nil {
		return ""
	}
	parts := make([]string, len(r.list))
	for i, f := range r.list {
		parts[i] = f.path
		if f.digest != "" {
			parts[i] += pinSep + f.digest
		}
	}
	return strings.Join(parts, ",")
}

// Set adds the comma-separated files to the list. Digests are checked when
// the rules are loaded, not here: go vet calls Set in processes that never
// analyse anything.
func (r *RuleFiles) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		if err := r.add(part); err != nil {
			return err
		}
	}
	return nil
}

func (r *RuleFiles) add(spec string) error {
	path, digest := spec, ""
	if i := strings.LastIndex(spec, pinSep); i >= 0 {
		path, digest = spec[:i], strings.ToLower(spec[i+len(pinSep):])
		if len(digest) != sha256.Size*2 || strings.Trim(digest, "0123456789abcdef") != "" {
			return fmt.Errorf("parse rules flag %q: the digest must be 64 hex digits", spec)
		}
	}
	if path == "" {
		return fmt.Errorf("parse rules flag %q: no file name", spec)
	}
	r.list = append(r.list, ruleFile{path: path, digest: digest})
	return nil
}

// Len is the number of rule files named.
func (r *RuleFiles) Len() int { return len(r.list) }

// Digest returns the hex SHA-256 of data, the form a rule file is pinned
// with.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func (f ruleFile) load() (*rules.Config, error) {
	data, err := os.ReadFile(f.path)
	if err != nil {
		hint := ""
		if !filepath.IsAbs(f.path) {
			hint = " (go vet runs the tool in each package's directory: name rule files by absolute path)"
		}
		return nil, fmt.Errorf("read rules %s: %w%s", f.path, err, hint)
	}
	got := Digest(data)
	abs, err := filepath.Abs(f.path)
	if err != nil {
		abs = f.path
	}
	switch f.digest {
	case "":
		return nil, fmt.Errorf("read rules %s: the file is not pinned to its contents, so go vet could serve results cached before it changed; name it as %s%s%s", f.path, abs, pinSep, got)
	case got:
	default:
		return nil, fmt.Errorf("read rules %s: the file changed since it was pinned (sha256 %s, flag says %s); name it as %s%s%s", f.path, got, f.digest, abs, pinSep, got)
	}
	cfg, err := rules.ParseConfig(f.path, data)
	if err != nil {
		return nil, err
	}
	return cfg, nil
}
