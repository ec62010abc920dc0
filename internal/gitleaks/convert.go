package gitleaks

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/hookscan/hookscan/rules"
)

// config is the part of .gitleaks.toml that converts (gitleaks v8).
type config struct {
	Title  string `toml:"title"`
	Extend struct {
		UseDefault    bool     `toml:"useDefault"`
		Path          string   `toml:"path"`
		DisabledRules []string `toml:"disabledRules"`
	} `toml:"extend"`
	Rules      []rule      `toml:"rules"`
	Allowlist  *allowlist  `toml:"allowlist"` // before v8.21
	Allowlists []allowlist `toml:"allowlists"`
}

type rule struct {
	ID          string      `toml:"id"`
	Description string      `toml:"description"`
	Regex       string      `toml:"regex"`
	Path        string      `toml:"path"`
	SecretGroup int         `toml:"secretGroup"`
	Entropy     float64     `toml:"entropy"`
	Keywords    []string    `toml:"keywords"`
	Allowlist   *allowlist  `toml:"allowlist"`
	Allowlists  []allowlist `toml:"allowlists"`
}

type allowlist struct {
	Description string   `toml:"description"`
	Condition   string   `toml:"condition"`
	Commits     []string `toml:"commits"`
	Paths       []string `toml:"paths"`
	RegexTarget string   `toml:"regexTarget"`
	Regexes     []string `toml:"regexes"`
	StopWords   []string `toml:"stopwords"`
	TargetRules []string `toml:"targetRules"`
}

// outConfig is the .hookscan.yaml written: the keys of rules.Config
// that a gitleaks config has an equivalent for.
type outConfig struct {
	Rules []*rules.Rule   `yaml:"rules,omitempty"`
	Allow rules.Allowlist `yaml:"allow,omitempty"`
}

// Convert turns the .gitleaks.toml named name into the text of an
// equivalent .hookscan.yaml: global allowlists (paths, regexes, stopwords,
// commits) and custom rules with their own allowlists. What has no
// equivalent is listed in notes, which also head the YAML as comments:
// path regexes that are not glob-shaped, AND allowlists, allowlists and
// settings aimed at gitleaks' own rule ids, path-only rules.
func Convert(name string, data []byte) (out []byte, notes []string, err error) {
	var c config
	md, err := toml.Decode(string(data), &c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, nil, fmt.Errorf("%s:%d:%d: %s", name, pe.Position.Line, pe.Position.Col, pe.Message)
		}
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	for _, k := range md.Undecoded() {
		notes = append(notes, fmt.Sprintf("%s is not converted", k))
	}
	var o outConfig
	if c.Extend.Path != "" {
		notes = append(notes, fmt.Sprintf("[extend] path %q is not followed: convert that file too", c.Extend.Path))
	}
	if len(c.Extend.DisabledRules) > 0 {
		notes = append(notes, fmt.Sprintf("[extend] disabledRules %v name gitleaks rules; hookscan's ids differ (hookscan rules list), use disable:", c.Extend.DisabledRules))
	}
	globals := c.Allowlists
	if c.Allowlist != nil {
		globals = append([]allowlist{*c.Allowlist}, globals...)
	}
	for i, a := range globals {
		where := fmt.Sprintf("global allowlist %d", i+1)
		if len(a.TargetRules) > 0 {
			notes = append(notes, fmt.Sprintf("%s: targetRules %v name gitleaks rules; it is left out", where, a.TargetRules))
			continue
		}
		notes = a.convertInto(&o.Allow, where, notes)
	}
	for _, r := range c.Rules {
		where := fmt.Sprintf("rule %q", r.ID)
		if r.Regex == "" {
			notes = append(notes, where+": a path-only rule has no hookscan equivalent; it is left out")
			continue
		}
		if _, err := regexp.Compile(r.Regex); err != nil {
			notes = append(notes, fmt.Sprintf("%s: its regex does not compile (%v); it is left out", where, err))
			continue
		}
		if len(r.Keywords) == 0 {
			notes = append(notes, where+": hookscan rules need keywords (the regex runs only near them); it is left out")
			continue
		}
		out := &rules.Rule{
			ID: r.ID, Provider: "Custom", Kind: "token", Severity: "medium",
			Description: cmpOr(r.Description, r.ID), Regex: r.Regex, Entropy: r.Entropy,
			Guidance: rules.Guidance{Rotate: "Revoke it where it was issued and issue a new one, then keep that in your secret manager and read it at run time."},
		}
		for _, k := range r.Keywords {
			out.Keywords = append(out.Keywords, strings.ToLower(k))
		}
		if r.SecretGroup > 0 {
			g := r.SecretGroup
			out.SecretGroup = &g
		}
		if r.Path != "" {
			notes = append(notes, where+": its path condition is left out; the rule runs on every file")
		}
		als := r.Allowlists
		if r.Allowlist != nil {
			als = append([]allowlist{*r.Allowlist}, als...)
		}
		for i, a := range als {
			notes = a.convertInto(&out.Allow, fmt.Sprintf("%s allowlist %d", where, i+1), notes)
		}
		o.Rules = append(o.Rules, out)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Converted from %s by hookscan config import-gitleaks.\n", name)
	if len(notes) > 0 {
		b.WriteString("# Not converted:\n")
		for _, n := range notes {
			b.WriteString("#   - " + strings.ReplaceAll(n, "\n", " ") + "\n")
		}
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(o); err != nil {
		return nil, nil, fmt.Errorf("write converted config: %w", err)
	}
	return b.Bytes(), notes, nil
}

// convertInto adds what the allowlist holds to out, and notes what does
// not convert.
func (a allowlist) convertInto(out *rules.Allowlist, where string, notes []string) []string {
	kinds := 0
	for _, n := range []int{len(a.Commits), len(a.Paths), len(a.Regexes), len(a.StopWords)} {
		if n > 0 {
			kinds++
		}
	}
	if strings.EqualFold(a.Condition, "AND") && kinds > 1 {
		return append(notes, where+": condition AND has no hookscan equivalent (every hookscan allowlist entry stands alone); it is left out")
	}
	for _, p := range a.Paths {
		globs, err := PathGlobs(p)
		if err != nil {
			notes = append(notes, fmt.Sprintf("%s: path '%s': %v; it is left out", where, p, err))
			continue
		}
		out.Paths = appendNew(out.Paths, globs...)
	}
	for _, re := range a.Regexes {
		if _, err := regexp.Compile(re); err != nil {
			notes = append(notes, fmt.Sprintf("%s: regex '%s' does not compile; it is left out", where, re))
			continue
		}
		switch a.RegexTarget {
		case "", "secret":
			out.Regexes = appendNew(out.Regexes, re)
		case "line", "match":
			// The match is part of the line, so a line regex allows at
			// least what gitleaks allowed.
			out.LineRegexes = appendNew(out.LineRegexes, re)
		default:
			notes = append(notes, fmt.Sprintf("%s: regexTarget %q is unknown; regex %q is left out", where, a.RegexTarget, re))
		}
	}
	for _, s := range a.StopWords {
		out.Stopwords = appendNew(out.Stopwords, strings.ToLower(s))
	}
	for _, c := range a.Commits {
		if !hexCommit.MatchString(strings.ToLower(c)) {
			notes = append(notes, fmt.Sprintf("%s: commit %q is not a commit id; it is left out", where, c))
			continue
		}
		out.Commits = appendNew(out.Commits, strings.ToLower(c))
	}
	return notes
}

func appendNew(list []string, vs ...string) []string {
	for _, v := range vs {
		if !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// maxGlobs bounds the globs one path regex expands to.
const maxGlobs = 16

// PathGlobs turns a gitleaks path regex into hookscan path globs, for
// the shapes allowlists use: literals, alternations, optional parts,
// anchors, ".*" (any depth) and "[^/]*" (within a directory). Other
// regexes are an error: globs cannot say what they say.
func PathGlobs(re string) ([]string, error) {
	t, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return nil, fmt.Errorf("invalid regex: %v", err)
	}
	alts, err := expand(t.Simplify())
	if err != nil {
		return nil, err
	}
	var globs []string
	for _, a := range alts {
		start, end := strings.HasPrefix(a, "^"), strings.HasSuffix(a, "$")
		g := strings.TrimSuffix(strings.TrimPrefix(a, "^"), "$")
		if g == "" || strings.ContainsAny(g, "^$") {
			return nil, errors.New("anchors inside the pattern have no glob equivalent")
		}
		if !start && !strings.HasPrefix(g, "**") {
			if strings.HasPrefix(g, "/") {
				g = "**" + g
			} else {
				g = "**/*" + g
			}
		}
		g = strings.TrimPrefix(g, "/")
		if !end && !strings.HasSuffix(g, "**") {
			if strings.HasSuffix(g, "/") {
				g += "**"
			} else {
				g += "*"
			}
		}
		globs = appendNew(globs, g)
	}
	return globs, nil
}

// expand lists the strings a regex can match, as globs with ^ and $ for
// anchors.
func expand(t *syntax.Regexp) ([]string, error) {
	switch t.Op {
	case syntax.OpLiteral:
		s := string(t.Rune)
		if t.Flags&syntax.FoldCase != 0 && strings.ToLower(s) != strings.ToUpper(s) {
			return nil, errors.New("case-insensitive parts have no glob equivalent")
		}
		if strings.ContainsAny(s, "*?[") {
			return nil, errors.New("glob characters in the path have no glob equivalent")
		}
		return []string{s}, nil
	case syntax.OpEmptyMatch:
		return []string{""}, nil
	case syntax.OpBeginText, syntax.OpBeginLine:
		return []string{"^"}, nil
	case syntax.OpEndText, syntax.OpEndLine:
		return []string{"$"}, nil
	case syntax.OpCapture:
		return expand(t.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		sub := t.Sub[0]
		switch {
		case sub.Op == syntax.OpAnyChar || sub.Op == syntax.OpAnyCharNotNL:
			return []string{"**"}, nil
		case sub.Op == syntax.OpCharClass && len(sub.Rune) == 4 && sub.Rune[0] == 0 && sub.Rune[1] == '/'-1 && sub.Rune[2] == '/'+1:
			return []string{"*"}, nil // [^/]*
		}
		return nil, errors.New("repeats other than .* and [^/]* have no glob equivalent")
	case syntax.OpQuest:
		sub, err := expand(t.Sub[0])
		if err != nil {
			return nil, err
		}
		return append([]string{""}, sub...), nil
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(t.Rune); i += 2 {
			if t.Rune[i+1]-t.Rune[i] > 8 {
				return nil, errors.New("wide character classes have no glob equivalent")
			}
			for r := t.Rune[i]; r <= t.Rune[i+1]; r++ {
				out = append(out, string(r))
			}
		}
		if len(out) > maxGlobs {
			return nil, errors.New("too many alternatives")
		}
		return out, nil
	case syntax.OpAlternate:
		var out []string
		for _, s := range t.Sub {
			alts, err := expand(s)
			if err != nil {
				return nil, err
			}
			out = append(out, alts...)
		}
		if len(out) > maxGlobs {
			return nil, errors.New("too many alternatives")
		}
		return out, nil
	case syntax.OpConcat:
		out := []string{""}
		for _, s := range t.Sub {
			alts, err := expand(s)
			if err != nil {
				return nil, err
			}
			var next []string
			for _, a := range out {
				for _, b := range alts {
					next = append(next, a+b)
				}
			}
			if len(next) > maxGlobs {
				return nil, errors.New("too many alternatives")
			}
			out = next
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s has no glob equivalent", t)
}
