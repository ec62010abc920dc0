package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/rules"
)

const goodRule = `rules:
  - id: acme-hook
    provider: Acme
    kind: webhook-url
    severity: high
    description: Acme webhook
    keywords: [hooks.acme.test]
    regex: 'https://hooks\.acme\.test/([a-z0-9]{20})'
`

func TestParsePackErrors(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"malformed", "rules:\n  - id: [x\n", "custom.yaml:2:1: did not find expected ',' or ']'"},
		{"bad indent", "rules:\n  - id: a\n    keywords: [a]\n   regex: a\n", "custom.yaml:4:"},
		{"tab", "rules:\n\t- id: a\n", "custom.yaml:2:"},
		{"unknown key", "rules:\n  - id: x\n    regexp: 'a'\n", `custom.yaml:3:5: unknown key "regexp"`},
		{"unknown top key", "rulez: []\n", `custom.yaml:1:1: unknown key "rulez"`},
		{"invalid regex", "rules:\n  - id: acme-hook\n    keywords: [acme]\n    regex: 'https://(acme'\n", `custom.yaml:4:12: invalid regex for rule "acme-hook": missing closing )`},
		{"no keywords", "rules:\n  - id: acme-hook\n    regex: 'acme'\n", `rule "acme-hook" has no keywords`},
		{"upper keyword", "rules:\n  - id: acme-hook\n    keywords: [Acme]\n    regex: 'acme'\n", `keyword "Acme" must be a non-empty lower-case literal`},
		{"bad id", "rules:\n  - id: Acme Hook\n    keywords: [acme]\n    regex: 'acme'\n", `custom.yaml:2:9: rule id "Acme Hook" is not kebab-case`},
		{"bad group", "rules:\n  - id: a\n    keywords: [a]\n    regex: 'a(b)'\n    secretGroup: 3\n", `custom.yaml:5:18: rule "a": secretGroup 3 but the regex has 1 groups`},
		{"bad kind", "rules:\n  - id: a\n    keywords: [a]\n    regex: 'a'\n    kind: hook\n", `kind "hook" is not one of`},
		{"not a list", "rules: {id: a}\n", "custom.yaml:1:8: expected a list"},
		{"scalar top", "just text\n", "expected a mapping at the top level"},
		{"duplicate", goodRule + strings.TrimPrefix(goodRule, "rules:\n"), `custom.yaml:9: duplicate rule id "acme-hook" (first defined at custom.yaml:2)`},
		{"nul", "rules:\x00", "holds NUL bytes"},
		{"bad allow regex", "rules:\n  - id: a\n    keywords: [a]\n    regex: 'a'\n    allow: {regexes: ['(']}\n", `invalid allow regex "("`},
		{"deep nesting", "rules: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n", "custom.yaml:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := rules.ParsePack("custom.yaml", []byte(c.yaml))
			if err == nil {
				t.Fatalf("no error, want %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want it to contain %q", err, c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
}

func TestParsePackGood(t *testing.T) {
	rs, err := rules.ParsePack("custom.yaml", []byte(goodRule))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].ID != "acme-hook" || rs[0].Group() != 1 || rs[0].Source != "custom.yaml:2" {
		t.Fatalf("got %+v", rs[0])
	}
}

func TestDefaultsLoad(t *testing.T) {
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) < 2 {
		t.Fatalf("only %d default rules", len(rs))
	}
	for _, r := range rs {
		if !strings.HasPrefix(r.Source, "rules/packs/") {
			t.Errorf("rule %s source %q", r.ID, r.Source)
		}
		// Loading the packs skips validation (and regex compilation):
		// this is where the embedded rules are checked.
		if !r.Embedded() {
			t.Errorf("rule %s is not marked embedded", r.ID)
		}
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v", r.Source, err)
		}
	}
}

func TestConfigApply(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".hookscan.yaml")
	cfg := goodRule + `overrides:
  - id: acme-hook
    entropy: 4.5
    severity: critical
disable: [generic-secret-assignment]
allow:
  paths: ["vendor/**"]
  stopwords: [sandbox]
baseline: .hookscan-baseline
`
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := rules.LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	base, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := c.Apply(base)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*rules.Rule{}
	for _, r := range rs {
		byID[r.ID] = r
	}
	acme := byID["acme-hook"]
	if acme == nil || acme.Entropy != 4.5 || acme.Severity != "critical" || acme.Provider != "Acme" {
		t.Errorf("override not applied: %+v", acme)
	}
	if g := byID["generic-secret-assignment"]; g == nil || !g.Disabled {
		t.Error("disable not applied")
	}
	if orig := base[0]; orig.Disabled {
		t.Error("Apply changed the base rules")
	}
	if c.Baseline != ".hookscan-baseline" || len(c.Allow.Paths) != 1 {
		t.Errorf("config fields: %+v", c)
	}
}

func TestConfigErrors(t *testing.T) {
	base, _ := rules.Defaults()
	cases := []struct{ yaml, want string }{
		{"allow:\n  pathz: [x]\n", `.hookscan.yaml:2:3: unknown key "pathz"`},
		{"overrides:\n  - id: nope\n    entropy: 3\n", `override for unknown rule "nope"`},
		{"overrides:\n  - entropy: 3\n", "override has no id"},
		{"disable: [nope]\n", `disable names unknown rule "nope"`},
		{"overrides:\n  - id: generic-secret-assignment\n    regex: '('\n", `.hookscan.yaml:2:5: invalid regex for rule "generic-secret-assignment"`},
		{"allow:\n  paths: ['']\n", "invalid allow path"},
		{"allow:\n  paths: ['a[b']\n", "unclosed [ in glob"},
		{"rules:\n  - id: generic-secret-assignment\n    keywords: [a]\n    regex: a\n", `duplicate rule id "generic-secret-assignment"`},
	}
	for _, c := range cases {
		cfg, err := rules.ParseConfig(".hookscan.yaml", []byte(c.yaml))
		if err == nil {
			_, err = cfg.Apply(base)
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.yaml, err, c.want)
		}
	}
}

func TestCompileGlob(t *testing.T) {
	cases := []struct {
		glob, path string
		want       bool
	}{
		{"*.min.js", "web/app.min.js", true},
		{"*.min.js", "app.js", false},
		{"vendor/**", "vendor/a/b.go", true},
		{"vendor/**", "src/vendor/a.go", false},
		{"**/testdata/**", "a/testdata/x", true},
		{"**/testdata/**", "testdata/x", true},
		{"docs/*.md", "docs/a.md", true},
		{"docs/*.md", "docs/x/a.md", false},
		{"go.sum", "sub/go.sum", true},
		{"*.test.[jt]s", "web/a.test.ts", true},
		{"*.test.[jt]s", "web/a.test.js", true},
		{"*.test.[jt]s", "web/a.test.cs", false},
		{"*.[!m]d", "a.md", false},
	}
	for _, c := range cases {
		re, err := rules.CompileGlob(c.glob)
		if err != nil {
			t.Fatal(err)
		}
		if got := re.MatchString(c.path); got != c.want {
			t.Errorf("glob %q on %q = %v", c.glob, c.path, got)
		}
	}
}

func TestLoadPackMissing(t *testing.T) {
	_, err := rules.LoadPack(filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || !strings.Contains(err.Error(), "nope.yaml: no such file") {
		t.Errorf("error %v", err)
	}
}

func FuzzParsePack(f *testing.F) {
	f.Add([]byte(goodRule))
	f.Add([]byte("rules:\n  - id: a\n    keywords: [a]\n    regex: '(a'\n"))
	f.Add([]byte("rules: [[[[]]]]"))
	f.Add([]byte("&a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := rules.ParsePack("f.yaml", data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("multi-line error %q", err)
			}
			return
		}
		for _, r := range rs {
			if r.Validate() != nil {
				t.Errorf("accepted an invalid rule %q", r.ID)
			}
		}
	})
}

func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("allow:\n  paths: [a]\ndisable: [x]\n"))
	f.Add([]byte("overrides:\n  - id: a\n    entropy: 3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = rules.ParseConfig("c.yaml", data)
	})
}
