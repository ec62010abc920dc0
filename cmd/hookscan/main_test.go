package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/rules"
)

// run executes the CLI in-process and returns stdout, stderr and the exit
// code main would use.
func run(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := newRootCommand(&out, &errb)
	cmd.SetArgs(args)
	if dir != "" {
		wd, _ := os.Getwd()
		if err := os.Chdir(dir); err != nil {
			t.Fatal(err)
		}
		defer os.Chdir(wd)
	}
	err := cmd.Execute()
	code := 0
	if err != nil {
		var ee *exitError
		if ok := asExit(err, &ee); ok {
			code = ee.code
		} else {
			code = 2
			errb.WriteString("hookscan: " + err.Error() + "\n")
		}
	}
	return out.String(), errb.String(), code
}

func asExit(err error, target **exitError) bool {
	e, ok := err.(*exitError)
	if ok {
		*target = e
	}
	return ok
}

// A synthetic signing secret, assembled so this file holds nothing
// secret-shaped.
var planted = "whsec" + "_" + "Zq4Lr8Tn2Vb6Xc0Mk3Jh7Gf1Ds5Pa9We"

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestDirExitCodesAndFormats(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"app/.env":  "STRIPE_WEBHOOK_SECRET=" + planted + "\n",
		"README.md": "nothing here\n",
	})
	out, _, code := run(t, "", "dir", dir, "-f", "json")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	var findings []map[string]any
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(findings) != 1 || findings[0]["file"] != filepath.ToSlash(filepath.Join(dir, "app/.env")) || findings[0]["line"] != 1.0 {
		t.Fatalf("findings %v", findings)
	}
	if strings.Contains(out, planted) {
		t.Error("json output holds the full secret")
	}
	out, _, _ = run(t, "", "dir", dir, "-f", "json", "--no-redact")
	if !strings.Contains(out, planted) {
		t.Error("--no-redact did not show the secret")
	}
	if _, _, code := run(t, "", "dir", dir, "--exit-code", "7", "-q"); code != 7 {
		t.Errorf("--exit-code 7 gave %d", code)
	}
	clean := writeTree(t, map[string]string{"a.txt": "hello\n"})
	if out, _, code := run(t, "", "dir", clean); code != 0 || !strings.Contains(out, "No secrets found") {
		t.Errorf("clean tree: exit %d, %q", code, out)
	}
	for _, format := range []string{"text", "sarif", "github"} {
		out, _, code := run(t, "", "dir", dir, "-f", format)
		if code != 1 || strings.Contains(out, planted) || out == "" {
			t.Errorf("format %s: exit %d, output %q", format, code, out)
		}
	}
}

func TestDirErrors(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": "x\n", ".hookscan.yaml": "allow:\n  pathz: [x]\n"})
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"dir", filepath.Join(dir, "missing")}, "missing: no such file or directory"},
		{[]string{"dir", dir}, `.hookscan.yaml:2:3: unknown key "pathz"`},
		{[]string{"dir", dir, "-c", filepath.Join(dir, "nope.yaml")}, "nope.yaml: no such file or directory"},
		{[]string{"dir", ".", "-f", "xml"}, `unknown format "xml"`},
		{[]string{"dir", ".", "--max-file-size", "lots"}, `invalid size "lots"`},
		{[]string{"dir", dir, "--baseline", filepath.Join(dir, "a.txt"), "-c", "/dev/null"}, "a.txt:1: not a baseline entry"},
	}
	for _, c := range cases {
		_, stderr, code := run(t, "", c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, stderr, c.want)
		}
		if strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("%v: error is not one line: %q", c.args, stderr)
		}
	}
}

func TestConfigAndBaseline(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a/.env":         "STRIPE_WEBHOOK_SECRET=" + planted + "\n",
		"vendor/x/.env":  "STRIPE_WEBHOOK_SECRET=" + planted + "\n",
		".hookscan.yaml": "allow:\n  paths: ['vendor/**']\n",
	})
	out, _, code := run(t, dir, "dir", "-f", "json")
	if code != 1 || strings.Count(out, `"ruleId"`) != 1 {
		t.Fatalf("config allowlist: exit %d, %s", code, out)
	}
	base := filepath.Join(dir, "baseline.txt")
	if _, _, code := run(t, dir, "baseline", "-o", base); code != 0 {
		t.Fatalf("baseline exit %d", code)
	}
	data, _ := os.ReadFile(base)
	if strings.Contains(string(data), planted) || !strings.Contains(string(data), " a/.env") {
		t.Fatalf("baseline file %q", data)
	}
	if out, _, code := run(t, dir, "dir", "--baseline", base); code != 0 || !strings.Contains(out, "No secrets found (1 in the baseline).") {
		t.Errorf("baselined scan exit %d: %q", code, out)
	}
	// Inline allow comment.
	os.WriteFile(filepath.Join(dir, "a/.env"), []byte("STRIPE_WEBHOOK_SECRET="+planted+" # hookscan:allow\n"), 0o644)
	if _, _, code := run(t, dir, "dir"); code != 0 {
		t.Errorf("inline allow: exit %d", code)
	}
}

// withStdin makes text the process's standard input until the test ends.
func withStdin(t *testing.T, text string) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	w.WriteString(text)
	w.Close()
	old := os.Stdin
	os.Stdin = r
	t.Cleanup(func() { os.Stdin = old; r.Close() })
}

func TestStdin(t *testing.T) {
	withStdin(t, "webhook_secret: "+planted+"\n")
	out, _, code := run(t, "", "stdin", "--path", "deploy/values.yaml", "-f", "json")
	if code != 1 || !strings.Contains(out, `"file": "deploy/values.yaml"`) || !strings.Contains(out, "existingSecret") {
		t.Errorf("stdin: exit %d, %s", code, out)
	}
}

func TestRulesTestCommand(t *testing.T) {
	out, _, code := run(t, "", "rules", "test")
	if code != 0 || !strings.Contains(out, "0 failed") {
		t.Errorf("default rules: exit %d\n%s", code, out)
	}
	bad := writeTree(t, map[string]string{"bad.yaml": `rules:
  - id: acme-hook
    provider: Acme
    kind: webhook-url
    severity: high
    description: Acme hook
    keywords: [hooks.acme.test]
    regex: 'https://hooks\.acme\.test/([a-z0-9]{20})'
    examples:
      match: ['https://hooks.acme.test/abc']
      noMatch: ['https://hooks.acme.test/q8rk2lmn5pvx7tzw3byc']
`})
	out, _, code = run(t, "", "rules", "test", filepath.Join(bad, "bad.yaml"))
	if code != 1 || strings.Count(out, "FAIL ") != 2 || !strings.Contains(out, "match example not found") {
		t.Errorf("failing examples: exit %d\n%s", code, out)
	}
	out, _, code = run(t, "", "rules", "list")
	if code != 0 || !strings.Contains(out, "generic-webhook-secret-assignment") {
		t.Errorf("rules list: exit %d\n%s", code, out)
	}
}

// TestReadmeRuleTable keeps the README's rule table in step with the
// packs: run `make readme` when it fails.
func TestReadmeRuleTable(t *testing.T) {
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	if readmeSection(t, "rules") != RuleTable(rs) {
		t.Error("README.md rule table is stale: run `make readme`")
	}
}

// readmeSection returns what README.md holds between the markers
// <!-- name:begin --> and <!-- name:end -->.
func readmeSection(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	open, closing := "<!-- "+name+":begin -->\n", "<!-- "+name+":end -->"
	begin, end := strings.Index(s, open), strings.Index(s, closing)
	if begin < 0 || end < begin {
		t.Fatalf("README.md lacks the %s:begin/%s:end markers", name, name)
	}
	return s[begin+len(open) : end]
}

func TestVersion(t *testing.T) {
	out, _, code := run(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "hookscan ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestQuietPrintsOnlyFindings(t *testing.T) {
	clean := writeTree(t, map[string]string{"a.txt": "hello\n"})
	if out, errOut, code := run(t, "", "dir", "-q", clean); code != 0 || out != "" || errOut != "" {
		t.Errorf("-q on a clean tree: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	dir := writeTree(t, map[string]string{"config/.env": "STRIPE_WEBHOOK_SECRET=" + planted + "\n"})
	out, _, code := run(t, "", "dir", "-q", dir)
	if code != 1 || !strings.Contains(out, "stripe") || strings.Contains(out, "finding (") || strings.Contains(out, "No secrets") {
		t.Errorf("-q with a finding: exit %d, %q", code, out)
	}
}

func TestDirNamesFilesFromTheCurrentDirectory(t *testing.T) {
	dir := writeTree(t, map[string]string{".github/workflows/ci.yml": "env:\n  STRIPE_WEBHOOK_SECRET: " + planted + "\n"})
	for _, tc := range []struct{ arg, want string }{
		{".github", ".github/workflows/ci.yml"},
		{"./.github/", ".github/workflows/ci.yml"},
		{".github/workflows/ci.yml", ".github/workflows/ci.yml"},
		{".", ".github/workflows/ci.yml"},
	} {
		out, _, code := run(t, dir, "dir", "-f", "json", tc.arg)
		var fs []struct {
			File   string `json:"file"`
			Advice string `json:"advice"`
		}
		if err := json.Unmarshal([]byte(out), &fs); err != nil || code != 1 || len(fs) != 1 {
			t.Fatalf("dir %s: exit %d, %v, %q", tc.arg, code, err, out)
		}
		if fs[0].File != tc.want || !strings.Contains(fs[0].Advice, "secrets.") {
			t.Errorf("dir %s: file %q (want %q), advice %q", tc.arg, fs[0].File, tc.want, fs[0].Advice)
		}
	}
}

func TestUnknownSubcommandFails(t *testing.T) {
	for _, args := range [][]string{{"github", "orgz"}, {"rules", "lst"}, {"nosuch"}} {
		_, errOut, code := run(t, "", args...)
		if code != 2 || !strings.Contains(errOut, "unknown command") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	if _, _, code := run(t, "", "rules"); code != 0 {
		t.Errorf("a group without a subcommand prints its help: exit %d", code)
	}
}

func TestHideContextClasses(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"deploy/.env":   "STRIPE_WEBHOOK_SECRET=" + planted + "\n",
		"docs/setup.md": "STRIPE_WEBHOOK_SECRET=" + planted + "\n",
		"hook_test.go":  "const secret = \"" + planted + "\"\n",
	})
	out, _, code := run(t, "", "dir", dir, "-f", "json", "--hide", "docs,test")
	var findings []map[string]any
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if code != 1 || len(findings) != 1 || findings[0]["context"] != "config" {
		t.Fatalf("exit %d, findings %v", code, findings)
	}
	out, _, _ = run(t, "", "dir", dir)
	if c, d := strings.Index(out, "deploy/.env"), strings.Index(out, "docs/setup.md"); c < 0 || d < 0 || c > d {
		t.Errorf("text output does not rank config before docs:\n%s", out)
	}
	if _, errOut, code := run(t, "", "dir", dir, "--hide", "nonsense"); code != 2 || !strings.Contains(errOut, `unknown context class "nonsense"`) {
		t.Errorf("--hide nonsense: exit %d, %q", code, errOut)
	}
	// What is hidden is counted, so that "no secrets" is not said of a
	// run that found some.
	out, _, code = run(t, "", "dir", dir, "--hide", "config,docs,test")
	if code != 0 || !strings.Contains(out, "No secrets found (3 hidden by --hide).") {
		t.Errorf("all hidden: exit %d, %q", code, out)
	}
	out, _, _ = run(t, "", "dir", dir, "--hide", "docs")
	if !strings.Contains(out, "in 2 files; not shown (1 hidden by --hide).") {
		t.Errorf("one hidden: %q", out)
	}
}

// TestExitCodeRange: a process's status is one byte, so --exit-code 256
// would exit 0 with findings; it is refused, as a negative --jobs is.
func TestExitCodeRange(t *testing.T) {
	dir := writeTree(t, map[string]string{"deploy/.env": "STRIPE_WEBHOOK_SECRET=" + planted + "\n"})
	for _, args := range [][]string{{"--exit-code", "256"}, {"--exit-code", "-1"}, {"--jobs", "-1"}} {
		_, errOut, code := run(t, "", append([]string{"dir", dir}, args...)...)
		if code != 2 || !strings.Contains(errOut, args[0]) {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	if _, _, code := run(t, "", "dir", dir, "--exit-code", "255"); code != 255 {
		t.Errorf("--exit-code 255: exit %d", code)
	}
}

// TestOwnRuleExamples: a custom rule's match examples must look real, and
// they sit in the config the scan reads. Those exact values are never
// reported (nor sent by --verify), anywhere; another value of the same
// shape is. The rule, which names no severity, gets medium; a baseline
// the config names before it was written is a note, not an error; and
// `rules test` takes the config file itself.
func TestOwnRuleExamples(t *testing.T) {
	example := "acme" + "_" + "Q7wLp2ZkR9xDq4Vb8Nd3SJp4Xk9QwZr2"
	other := "acme" + "_" + "Hn5Tc8Wq3Lm7Rx2Vz9Kb4Pd6Fs1Gj0Ya"
	config := "rules:\n  - id: acme-token\n    description: Acme API token\n    keywords: [acme_]\n" +
		"    regex: '\\b(?P<secret>acme_[A-Za-z0-9]{32})\\b'\n    entropy: 3\n" +
		"    examples:\n      match: ['ACME_TOKEN=" + example + "']\nbaseline: .hookscan-baseline\n"
	dir := writeTree(t, map[string]string{
		".hookscan.yaml": config,
		"copy.env":       "ACME=" + example + "\n",
		"app.env":        "ACME=" + other + "\n",
	})
	out, errOut, code := run(t, dir, "dir", "-f", "json", "--no-redact")
	var fs []map[string]any
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if code != 1 || len(fs) != 1 || fs[0]["file"] != "app.env" || fs[0]["secret"] != other || fs[0]["severity"] != "medium" {
		t.Fatalf("exit %d, findings %v\n%s", code, fs, errOut)
	}
	if !strings.Contains(errOut, "baseline .hookscan-baseline (named in .hookscan.yaml) does not exist yet") {
		t.Errorf("stderr %q", errOut)
	}
	if _, _, code := run(t, dir, "dir", "--baseline", filepath.Join(dir, "missing")); code != 2 {
		t.Errorf("a missing --baseline: exit %d, want 2", code)
	}
	out, _, code = run(t, dir, "rules", "test", filepath.Join(dir, ".hookscan.yaml"))
	if code != 0 || !strings.Contains(out, "0 failed") {
		t.Errorf("rules test .hookscan.yaml: exit %d\n%s", code, out)
	}
}

// TestMissingRootKeepsTheReport: a PATH that cannot be read is one error
// line and exit 2, and the other PATHs' findings are still reported.
func TestMissingRootKeepsTheReport(t *testing.T) {
	dir := writeTree(t, map[string]string{"d1/.env": "STRIPE_WEBHOOK_SECRET=" + planted + "\n"})
	out, errOut, code := run(t, dir, "dir", "nonexist", "d1", "-f", "json")
	if code != 2 || !strings.Contains(errOut, "nonexist") || strings.Count(out, `"ruleId"`) != 1 {
		t.Errorf("exit %d, stdout %s, stderr %q", code, out, errOut)
	}
}

// TestDirLinkedRoot: a directory named through a symbolic link is
// scanned, and its files are named under the name given.
func TestDirLinkedRoot(t *testing.T) {
	dir := writeTree(t, map[string]string{"proj/config/.env": "STRIPE_WEBHOOK_SECRET=" + planted + "\n"})
	if err := os.Symlink("proj", filepath.Join(dir, "linkdir")); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, dir, "dir", "linkdir", "-f", "json", "--no-progress")
	if code != 1 || !strings.Contains(out, `"file": "linkdir/config/.env"`) || errOut != "" {
		t.Errorf("exit %d, stdout %s, stderr %q", code, out, errOut)
	}
}

// TestOutputDash: -o - is standard output, for reports and baselines, as
// for config import-gitleaks; no file named "-" is made.
func TestOutputDash(t *testing.T) {
	dir := writeTree(t, map[string]string{"app/.env": "STRIPE_WEBHOOK_SECRET=" + planted + "\n"})
	for _, args := range [][]string{{"dir", "-f", "json", "-o", "-"}, {"baseline", "-o", "-"}} {
		out, errOut, _ := run(t, dir, args...)
		if !strings.Contains(out, "app/.env") {
			t.Errorf("%v: stdout %q, stderr %q", args, out, errOut)
		}
		if _, err := os.Stat(filepath.Join(dir, "-")); err == nil {
			t.Errorf("%v wrote a file named -", args)
			os.Remove(filepath.Join(dir, "-"))
		}
	}
}
