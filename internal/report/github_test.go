package report

import (
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
)

func TestEscapeData(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain, text: ok", "plain, text: ok"},
		{"100%", "100%25"},
		{"a\nb\r\nc", "a%0Ab%0D%0Ac"},
		{"%0A", "%250A"}, // an escape in the input stays literal
		{"::error::x", "::error::x"},
	} {
		if got := escapeData(tc.in); got != tc.want {
			t.Errorf("escapeData(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEscapeProperty(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"src/app.env", "src/app.env"},
		{"a,b:c", "a%2Cb%3Ac"},
		{"50%\r\n", "50%25%0D%0A"},
		{"x::warning file=y::z", "x%3A%3Awarning file=y%3A%3Az"},
	} {
		if got := escapeProperty(tc.in); got != tc.want {
			t.Errorf("escapeProperty(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// unescape reverses the Actions toolkit's escaping, as the runner does.
func unescape(s string) string {
	return strings.NewReplacer("%25", "%", "%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",").Replace(s)
}

// parseCommand splits one workflow command line the way the runner does:
// "::name k=v,k=v::data".
func parseCommand(t *testing.T, line string) (name string, props map[string]string, data string) {
	t.Helper()
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		t.Fatalf("not a workflow command: %q", line)
	}
	head, data, ok := strings.Cut(rest, "::")
	if !ok {
		t.Fatalf("no data separator: %q", line)
	}
	name, list, _ := strings.Cut(head, " ")
	props = map[string]string{}
	for p := range strings.SplitSeq(list, ",") {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			t.Fatalf("property %q has no value in %q", p, line)
		}
		props[k] = unescape(v)
	}
	return name, props, unescape(data)
}

func TestGitHubAnnotations(t *testing.T) {
	fs := fixtures()
	out := render(t, fs, Options{Format: "github", Rules: testRules()})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(fs) {
		t.Fatalf("%d lines for %d findings:\n%s", len(lines), len(fs), out)
	}
	wantLevel := []string{"error", "error", "warning", "notice", "warning"}
	for i, l := range lines {
		name, props, data := parseCommand(t, l)
		f := fs[i]
		if name != wantLevel[i] {
			t.Errorf("finding %d: command %q, want %q", i, name, wantLevel[i])
		}
		if props["file"] != f.File {
			t.Errorf("finding %d: file %q, want %q", i, props["file"], f.File)
		}
		if props["title"] != f.Description+" ("+f.RuleID+")" {
			t.Errorf("finding %d: title %q", i, props["title"])
		}
		if !strings.HasPrefix(data, "Hard-coded "+f.Description+": "+Redact(f.Secret)) {
			t.Errorf("finding %d: message %q", i, data)
		}
	}

	// The order of properties is GitHub's documented one.
	want := "::error file=deploy/app.env,line=3,col=19,endLine=3,endColumn=97,title=Slack incoming webhook URL (slack-incoming-webhook-url)::"
	if !strings.HasPrefix(lines[0], want) {
		t.Errorf("first annotation:\n got %s\nwant prefix %s", lines[0], want)
	}
	// A history finding says where it came in and whether HEAD has it.
	_, _, data := parseCommand(t, lines[1])
	if !strings.Contains(data, "\nIntroduced in commit 1a2b3c4d5e6f on 2024-05-01; still in HEAD.\n") {
		t.Errorf("history annotation message:\n%s", data)
	}
	if !strings.Contains(data, "\nRotation: Roll the endpoint's signing secret") || !strings.HasSuffix(data, "\nSee https://docs.stripe.com/webhooks#roll-endpoint-secrets") {
		t.Errorf("annotation lacks the rotation hint and guidance URL:\n%s", data)
	}
	// The Discord secret sits after non-ASCII text: columns in UTF-16 units.
	_, props, _ := parseCommand(t, lines[3])
	if props["col"] != "15" {
		t.Errorf("col after non-ASCII text = %s, want 15", props["col"])
	}
	// A secret over two lines gets no columns, which GitHub only accepts
	// on a single line.
	_, props, _ = parseCommand(t, lines[4])
	if _, ok := props["col"]; ok || props["line"] != "5" || props["endLine"] != "6" {
		t.Errorf("multi-line annotation properties = %v", props)
	}
}

// TestGitHubHostileValues checks that values holding the command syntax
// (newlines, "::", ',' and ':') cannot end the command or start another.
func TestGitHubHostileValues(t *testing.T) {
	f := fixtures()[0]
	f.File = "x,line=99\n::error file=evil.go::pwned%0A.env"
	f.Description = "Evil: desc, with\r\n::warning::injected"
	f.Advice = "line one\nline two 100%"
	out := render(t, []scanner.Finding{f}, Options{Format: "github"})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 1 {
		t.Fatalf("one finding gave %d lines:\n%s", len(lines), out)
	}
	_, props, data := parseCommand(t, lines[0])
	if props["file"] != f.File {
		t.Errorf("file round trip: got %q, want %q", props["file"], f.File)
	}
	if props["line"] != "3" {
		t.Errorf("line = %q: a value changed another property", props["line"])
	}
	if props["title"] != f.Description+" ("+f.RuleID+")" {
		t.Errorf("title round trip: got %q", props["title"])
	}
	if !strings.Contains(data, "\nline one\nline two 100%") {
		t.Errorf("message round trip: got %q", data)
	}
}

func TestGitHubEmpty(t *testing.T) {
	if got := render(t, nil, Options{Format: "github"}); got != "" {
		t.Errorf("github output of no findings = %q, want nothing", got)
	}
}

func TestHardCodedSaidOnce(t *testing.T) {
	f := scanner.Finding{RuleID: "generic-secret-assignment", Description: "Hard-coded secret, token or password", File: "a.go", Line: 1, Column: 1, EndLine: 1, EndColumn: 20, Secret: "s3cr3t-value-for-test", Severity: "medium"}
	for _, format := range []string{"github", "sarif"} {
		out := render(t, []scanner.Finding{f}, Options{Format: format})
		if strings.Contains(strings.ToLower(out), "hard-coded hard-coded") || !strings.Contains(out, "Hard-coded secret, token or password") {
			t.Errorf("%s: %s", format, out)
		}
	}
	f.Description = "Slack incoming webhook URL"
	if out := render(t, []scanner.Finding{f}, Options{Format: "github"}); !strings.Contains(out, "::Hard-coded Slack incoming webhook URL: ") {
		t.Errorf("github: %s", out)
	}
}

// TestGitHubControlCharacters checks that a file name holding terminal
// escape sequences reaches the workflow log escaped.
func TestGitHubControlCharacters(t *testing.T) {
	f := fixtures()[0]
	f.File = "x\x1b]0;title\x07\x1b[31m.env"
	out := render(t, []scanner.Finding{f}, Options{Format: "github"})
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Fatalf("control characters reached the output: %q", out)
	}
	_, props, _ := parseCommand(t, strings.TrimSuffix(out, "\n"))
	if want := `x\x1b]0;title\x07\x1b[31m.env`; props["file"] != want {
		t.Errorf("file = %q, want %q", props["file"], want)
	}
}
