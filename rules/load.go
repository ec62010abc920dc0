package rules

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed packs/*.yaml
var packs embed.FS

// Pack is one rule file: a list of rules.
type Pack struct {
	// Rules are the pack's rules in file order.
	Rules []*Rule `yaml:"rules"`
}

// Config is the user configuration, .hookscan.yaml.
type Config struct {
	// Rules are extra rules, added to the default packs.
	Rules []*Rule `yaml:"rules"`
	// Overrides change fields of rules by id; only the keys given change.
	Overrides []yaml.Node `yaml:"overrides"`
	// Disable lists rule ids that are not run.
	Disable []string `yaml:"disable"`
	// Allow applies to every rule.
	Allow Allowlist `yaml:"allow"`
	// Baseline is a baseline file, relative to the config file.
	Baseline string `yaml:"baseline"`
	// Path is where the config was read from.
	Path string `yaml:"-"`
}

// Error is a problem at a place in a rule or config file.
type Error struct {
	File         string
	Line, Column int
	Msg          string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Defaults returns the embedded default rules, in a stable order. They
// come from the parsed form cached in the binary (packs.gob) when it was
// made from these very packs, else from the YAML.
func Defaults() ([]*Rule, error) {
	files, err := embeddedPacks()
	if err != nil {
		return nil, err
	}
	if rs, ok := decodePackCache(packCache, packKey(files)); ok {
		return rs, nil
	}
	return parseDefaults(files)
}

// packFile is one embedded pack.
type packFile struct {
	name string // as in Rule.Source: rules/packs/NAME.yaml
	data []byte
}

// embeddedPacks returns the embedded packs sorted by name.
func embeddedPacks() ([]packFile, error) {
	names, err := fs.Glob(packs, "packs/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	files := make([]packFile, 0, len(names))
	for _, name := range names {
		data, err := packs.ReadFile(name)
		if err != nil {
			return nil, err
		}
		files = append(files, packFile{"rules/" + name, data})
	}
	return files, nil
}

// parseDefaults parses the embedded packs' YAML.
func parseDefaults(files []packFile) ([]*Rule, error) {
	var all []*Rule
	for _, f := range files {
		rs, err := parsePack(f.name, f.data, true)
		if err != nil {
			return nil, err
		}
		all = append(all, rs...)
	}
	if err := checkUnique(all); err != nil {
		return nil, err
	}
	return all, nil
}

// PackFiles returns the names and contents of the embedded packs, for
// documentation.
func PackFiles() (map[string][]byte, error) {
	out := map[string][]byte{}
	err := fs.WalkDir(packs, "packs", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := packs.ReadFile(p)
		out[path.Base(p)] = data
		return err
	})
	return out, err
}

// LoadPack reads a rule file from disk.
func LoadPack(file string) ([]*Rule, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read rules %s: %w", file, unwrapPathError(err))
	}
	return ParsePack(file, data)
}

// ParsePack parses a rule file. Errors carry file:line:column.
func ParsePack(file string, data []byte) ([]*Rule, error) {
	return parsePack(file, data, false)
}

// parsePack parses a rule file; embedded packs' rules are marked so and
// not validated (the test suite validates them).
func parsePack(file string, data []byte, embedded bool) ([]*Rule, error) {
	root, err := parseDocument(file, data)
	if err != nil || root == nil {
		return nil, err
	}
	if err := checkKeys(file, root, reflect.TypeOf(Pack{})); err != nil {
		return nil, err
	}
	if err := checkKeywordCount(file, root); err != nil {
		return nil, err
	}
	var p Pack
	if err := root.Decode(&p); err != nil {
		return nil, yamlError(file, root, err)
	}
	if err := finishRules(file, root, p.Rules, embedded); err != nil {
		return nil, err
	}
	if err := checkUnique(p.Rules); err != nil {
		return nil, err
	}
	return p.Rules, nil
}

// LoadConfig reads a .hookscan.yaml file.
func LoadConfig(file string) (*Config, error) {
	data, err := readLimited(file, MaxConfigSize)
	if err != nil {
		return nil, fmt.Errorf("read config %s: %w", file, err)
	}
	return ParseConfig(file, data)
}

// ParseConfig parses a .hookscan.yaml document.
func ParseConfig(file string, data []byte) (*Config, error) {
	cfg := &Config{Path: file}
	root, err := parseDocument(file, data)
	if err != nil || root == nil {
		return cfg, err
	}
	if err := checkKeys(file, root, reflect.TypeOf(Config{})); err != nil {
		return nil, err
	}
	if err := checkKeywordCount(file, root); err != nil {
		return nil, err
	}
	if err := root.Decode(cfg); err != nil {
		return nil, yamlError(file, root, err)
	}
	cfg.Path = file
	if err := finishRules(file, root, cfg.Rules, false); err != nil {
		return nil, err
	}
	for i := range cfg.Overrides {
		n := &cfg.Overrides[i]
		if err := checkKeys(file, n, reflect.TypeOf(Rule{})); err != nil {
			return nil, err
		}
		if id := mapValue(n, "id"); id == nil || id.Value == "" {
			return nil, &Error{file, n.Line, n.Column, "override has no id"}
		}
	}
	if err := cfg.Allow.validate(); err != nil {
		n := mapValue(root, "allow")
		return nil, &Error{file, n.Line, n.Column, err.Error()}
	}
	return cfg, nil
}

// Apply merges the config into a rule set: extra rules, overrides by id,
// disabled ids. It returns a new slice; the rules given are not changed.
func (c *Config) Apply(base []*Rule) ([]*Rule, error) {
	out := make([]*Rule, 0, len(base)+len(c.Rules))
	byID := map[string]*Rule{}
	for _, r := range base {
		cp := *r
		out = append(out, &cp)
		byID[r.ID] = &cp
	}
	for _, r := range c.Rules {
		if prev, ok := byID[r.ID]; ok {
			return nil, fmt.Errorf("%s: duplicate rule id %q (already defined at %s); use overrides to change a default rule", r.Source, r.ID, prev.Source)
		}
		cp := *r
		out = append(out, &cp)
		byID[r.ID] = &cp
	}
	for i := range c.Overrides {
		n := &c.Overrides[i]
		id := mapValue(n, "id").Value
		r, ok := byID[id]
		if !ok {
			return nil, &Error{c.Path, n.Line, n.Column, fmt.Sprintf("override for unknown rule %q", id)}
		}
		if err := n.Decode(r); err != nil {
			return nil, yamlError(c.Path, n, err)
		}
		r.Source = fmt.Sprintf("%s:%d", c.Path, n.Line)
		r.Keywords = dedupeKeywords(r.Keywords)
		r.embedded = false // what the override changed is checked now
		if err := r.Validate(); err != nil {
			return nil, &Error{c.Path, n.Line, n.Column, err.Error()}
		}
	}
	for _, id := range c.Disable {
		r, ok := byID[id]
		if !ok {
			return nil, fmt.Errorf("%s: disable names unknown rule %q", c.Path, id)
		}
		r.Disabled = true
	}
	return out, nil
}

func parseDocument(file string, data []byte) (*yaml.Node, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, &Error{File: file, Msg: "not a YAML file: it holds NUL bytes"}
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, errEOF) || err.Error() == "EOF" {
			return nil, nil
		}
		return nil, syntaxError(file, data, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &Error{file, root.Line, root.Column, "expected a mapping at the top level"}
	}
	return root, nil
}

var errEOF = errors.New("EOF")

// finishRules sets each rule's source and validates it, reporting errors at
// the rule's (or the offending field's) position. Embedded rules are
// marked instead of validated.
func finishRules(file string, root *yaml.Node, rs []*Rule, embedded bool) error {
	seq := mapValue(root, "rules")
	for i, r := range rs {
		if r == nil {
			return &Error{file, seq.Line, seq.Column, fmt.Sprintf("rule %d is empty", i+1)}
		}
		n := seq.Content[i]
		r.Source = fmt.Sprintf("%s:%d", file, n.Line)
		r.Keywords = dedupeKeywords(r.Keywords)
		if embedded {
			r.embedded = true
			continue
		}
		if r.Severity == "" {
			r.Severity = DefaultSeverity
		}
		if err := r.Validate(); err != nil {
			at := n
			for _, key := range []string{"regex", "keywords", "secretGroup", "kind", "severity", "entropy", "allow", "verify", "paths", "id"} {
				if v := mapValue(n, key); v != nil && strings.Contains(err.Error(), fieldHint(key)) {
					at = v
					break
				}
			}
			return &Error{file, at.Line, at.Column, err.Error()}
		}
	}
	return nil
}

func fieldHint(key string) string {
	switch key {
	case "regex":
		return "invalid regex for"
	case "allow":
		return "allow"
	case "secretGroup":
		return "secretGroup"
	case "id":
		return "id"
	case "verify":
		return "verify:"
	case "paths":
		return "paths glob"
	}
	return key
}

func checkUnique(rs []*Rule) error {
	seen := map[string]*Rule{}
	for _, r := range rs {
		if prev, ok := seen[r.ID]; ok {
			return fmt.Errorf("%s: duplicate rule id %q (first defined at %s)", r.Source, r.ID, prev.Source)
		}
		seen[r.ID] = r
	}
	return nil
}

// checkKeys walks a node against the struct type it will decode into and
// reports the first unknown key with its position. yaml's own KnownFields
// reports only a line, and several errors at once.
func checkKeys(file string, n *yaml.Node, t reflect.Type) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if t == reflect.TypeOf(yaml.Node{}) {
			return nil
		}
		if n.Kind != yaml.MappingNode {
			if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
				return nil
			}
			return &Error{file, n.Line, n.Column, fmt.Sprintf("expected a mapping, found %s", describe(n))}
		}
		fields := map[string]reflect.Type{}
		var names []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "" || name == "-" {
				continue
			}
			fields[name] = f.Type
			names = append(names, name)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			ft, ok := fields[k.Value]
			if !ok {
				return &Error{file, k.Line, k.Column, fmt.Sprintf("unknown key %q (expected one of %s)", k.Value, strings.Join(names, ", "))}
			}
			if err := checkKeys(file, v, ft); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			return nil
		}
		if n.Kind != yaml.SequenceNode {
			return &Error{file, n.Line, n.Column, fmt.Sprintf("expected a list, found %s", describe(n))}
		}
		for _, c := range n.Content {
			if err := checkKeys(file, c, t.Elem()); err != nil {
				return err
			}
		}
	case reflect.String, reflect.Float64, reflect.Int:
		if n.Kind != yaml.ScalarNode {
			return &Error{file, n.Line, n.Column, fmt.Sprintf("expected a %s, found %s", t.Kind(), describe(n))}
		}
	}
	return nil
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	return fmt.Sprintf("%q", n.Value)
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// syntaxError positions a YAML syntax error. The yaml library reports the
// line where the enclosing block began, often line 1; the first line at
// which a prefix of the document stops parsing is where a person should
// look.
func syntaxError(file string, data []byte, err error) error {
	e := yamlError(file, nil, err).(*Error)
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) > 2000 {
		return e
	}
	prefix := make([]byte, 0, len(data))
	for i, l := range lines {
		prefix = append(prefix, l...)
		var n yaml.Node
		if yaml.Unmarshal(prefix, &n) != nil {
			e.Line, e.Column = i+1, 1
			break
		}
	}
	return e
}

// yamlError turns a yaml library error into a one-line positioned Error.
func yamlError(file string, n *yaml.Node, err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	line, col := 0, 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		var l int
		if _, e := fmt.Sscanf(rest, "%d", &l); e == nil {
			line = l
			if _, after, ok := strings.Cut(rest, ": "); ok {
				msg = after
			}
		}
	}
	if line == 0 && n != nil {
		line, col = n.Line, n.Column
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return &Error{File: file, Line: line, Column: max(col, boolToInt(line > 0)), Msg: msg}
}

func boolToInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// IDs returns the ids of the rules, sorted.
func IDs(rs []*Rule) []string {
	ids := make([]string, 0, len(rs))
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	slices.Sort(ids)
	return ids
}
