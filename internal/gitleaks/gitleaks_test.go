package gitleaks

import (
	"slices"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

func TestParseIgnore(t *testing.T) {
	ig, err := ParseIgnore(".gitleaksignore", []byte("# reviewed\n\n0123456789abcdef0123456789abcdef01234567:deploy/app.env:slack-webhook-url:3\nconfig/a:b.yaml:generic-api-key:12\n./docs/x.md:stripe-access-token:7\n"))
	if err != nil {
		t.Fatal(err)
	}
	if ig.Len() != 3 {
		t.Fatalf("%d entries, want 3", ig.Len())
	}
	for _, tc := range []struct {
		f    scanner.Finding
		root string
		want bool
	}{
		{scanner.Finding{File: "deploy/app.env", Line: 3, Commit: "0123456789abcdef0123456789abcdef01234567"}, ".", true},
		{scanner.Finding{File: "deploy/app.env", Line: 3, Commit: "ffff456789abcdef0123456789abcdef01234567"}, ".", false},
		{scanner.Finding{File: "deploy/app.env", Line: 3}, ".", false},  // a commit entry needs the commit
		{scanner.Finding{File: "config/a:b.yaml", Line: 12}, ".", true}, // colons in the path
		{scanner.Finding{File: "config/a:b.yaml", Line: 12, Commit: "abc1234"}, ".", true},
		{scanner.Finding{File: "config/a:b.yaml", Line: 13}, ".", false},
		{scanner.Finding{File: "docs/x.md", Line: 7}, ".", true},
		{scanner.Finding{File: "repo/docs/x.md", Line: 7}, "repo", true}, // named from the current directory
		{scanner.Finding{File: "other/docs/x.md", Line: 7}, "repo", false},
	} {
		if got := ig.Matches(&tc.f, tc.root); got != tc.want {
			t.Errorf("Matches(%s:%d %s, root %s) = %v, want %v", tc.f.File, tc.f.Line, tc.f.Commit, tc.root, got, tc.want)
		}
	}
	for _, bad := range []string{"justtext", "file:rule:x", "file:rule:0", ":rule:3", "file::3"} {
		_, err := ParseIgnore("ig", []byte("# c\n"+bad+"\n"))
		if err == nil || !strings.HasPrefix(err.Error(), "ig:2: ") {
			t.Errorf("ParseIgnore(%q): error %v, want one naming ig:2", bad, err)
		}
	}
}

func TestPathGlobs(t *testing.T) {
	for _, tc := range []struct {
		re   string
		want []string
	}{
		{`\.min\.js$`, []string{"**/*.min.js"}},
		{`(^|/)vendor/`, []string{"vendor/**", "**/vendor/**"}},
		{`^docs/.*\.md$`, []string{"docs/**.md"}},
		{`(.*?)(jpg|gif|png)$`, []string{"**jpg", "**gif", "**png"}},
		{`go\.sum`, []string{"**/*go.sum*"}},
		{`^testdata/[^/]*\.json$`, []string{"testdata/*.json"}},
		{`^\.github/workflows/ci\.ya?ml$`, []string{".github/workflows/ci.yml", ".github/workflows/ci.yaml"}},
	} {
		got, err := PathGlobs(tc.re)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("PathGlobs(%q) = %q, %v; want %q", tc.re, got, err, tc.want)
		}
		for _, g := range got {
			if _, err := rules.CompileGlob(g); err != nil {
				t.Errorf("PathGlobs(%q) gave %q, which hookscan refuses: %v", tc.re, g, err)
			}
		}
	}
	for _, re := range []string{`[a-z]+\.txt`, `(?i)readme`, `a{2,}`, `x^y`} {
		if got, err := PathGlobs(re); err == nil {
			t.Errorf("PathGlobs(%q) = %q, want an error", re, got)
		}
	}
}

const sampleToml = `title = "acme"
minVersion = "v8.25.0"

[extend]
useDefault = true
disabledRules = ["generic-api-key"]

[[rules]]
id = "acme-hook-token"
description = "Acme hook token"
regex = '''acme_hook_([a-z0-9]{32})'''
secretGroup = 1
entropy = 3.0
keywords = ["ACME_HOOK_"]
  [[rules.allowlists]]
  regexes = ['''^acme_hook_0+$''']
  paths = ['''^fixtures/''']

[[rules]]
id = "pkcs12"
path = '''\.p12$'''

[[allowlists]]
description = "docs and vendored code"
paths = ['''(^|/)vendor/''', '''\.min\.js$''', '''[a-z]+\.lock''']
regexes = ['''^EXAMPLE''']
stopwords = ["Sandbox"]
commits = ["0123456789abcdef0123456789abcdef01234567"]

[[allowlists]]
regexTarget = "line"
regexes = ['''# not a secret''']

[[allowlists]]
condition = "AND"
paths = ['''^tests/''']
stopwords = ["dummy"]

[[allowlists]]
targetRules = ["generic-api-key"]
stopwords = ["x"]
`

func TestConvert(t *testing.T) {
	out, notes, err := Convert(".gitleaks.toml", []byte(sampleToml))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := rules.ParseConfig(".hookscan.yaml", out)
	if err != nil {
		t.Fatalf("converted config does not load: %v\n%s", err, out)
	}
	a := cfg.Allow
	if !slices.Equal(a.Paths, []string{"vendor/**", "**/vendor/**", "**/*.min.js"}) ||
		!slices.Equal(a.Regexes, []string{"^EXAMPLE"}) || !slices.Equal(a.LineRegexes, []string{"# not a secret"}) ||
		!slices.Equal(a.Stopwords, []string{"sandbox"}) || !slices.Equal(a.Commits, []string{"0123456789abcdef0123456789abcdef01234567"}) {
		t.Errorf("global allow = %+v\n%s", a, out)
	}
	if len(cfg.Rules) != 1 || cfg.Rules[0].ID != "acme-hook-token" || !slices.Equal(cfg.Rules[0].Keywords, []string{"acme_hook_"}) ||
		cfg.Rules[0].Group() != 1 || !slices.Equal(cfg.Rules[0].Allow.Paths, []string{"fixtures/**"}) {
		t.Errorf("rules = %+v", cfg.Rules)
	}
	joined := strings.Join(notes, "\n")
	for _, want := range []string{`[a-z]+\.lock`, "condition AND", "targetRules", `rule "pkcs12": a path-only rule`, "disabledRules", "minVersion is not converted"} {
		if !strings.Contains(joined, want) {
			t.Errorf("notes lack %q:\n%s", want, joined)
		}
	}
	if !strings.Contains(string(out), "# Not converted:\n#   - ") {
		t.Errorf("the file does not list what was not converted:\n%s", out)
	}
	// The converted rule finds what gitleaks' did.
	d, err := scanner.Compile(cfg.Rules, scanner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	secret := "acme_hook_" + "k3j9x2m7q8w1e5r4t6y0u2i9o3p7a1s8"
	if fs := d.Scan(scanner.Fragment{Path: "a.env", Raw: []byte("ACME=" + secret + "\n")}); len(fs) != 1 {
		t.Errorf("converted rule: %d findings, want 1", len(fs))
	}
}

func TestConvertErrors(t *testing.T) {
	_, _, err := Convert("bad.toml", []byte("title = \"x\"\n[[rules]\nid = 1\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "bad.toml:3:") {
		t.Errorf("error %v, want one naming bad.toml:3", err)
	}
}

func FuzzParseIgnore(f *testing.F) {
	f.Add("abc1234:a:b:1\nx:y:2\n# c\n")
	f.Fuzz(func(t *testing.T, s string) {
		ig, err := ParseIgnore("f", []byte(s))
		if err == nil {
			ig.Matches(&scanner.Finding{File: "a", Line: 1}, ".")
		}
	})
}

func FuzzConvert(f *testing.F) {
	f.Add(sampleToml)
	f.Fuzz(func(t *testing.T, s string) {
		out, _, err := Convert("f.toml", []byte(s))
		if err != nil {
			return
		}
		if _, err := rules.ParseConfig("out.yaml", out); err != nil && !strings.Contains(s, "rules") {
			t.Errorf("converted allowlists do not load: %v\n%s", err, out)
		}
	})
}
