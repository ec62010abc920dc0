package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifValidator compiles the published SARIF 2.1.0 schema kept in
// testdata, with format assertions (uri, uri-reference, date-time) on.
func sarifValidator(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join("testdata", "sarif-schema-2.1.0.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(sarifSchema, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(sarifSchema)
	if err != nil {
		t.Fatalf("compile %s: %v", path, err)
	}
	return sch
}

func validateSARIF(t *testing.T, sch *jsonschema.Schema, out string) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("sarif output is not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("sarif output does not validate against the SARIF 2.1.0 schema:\n%v\n%s", err, out)
	}
}

// sarifDoc is the part of a SARIF log the tests read back.
type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name, InformationURI, Version string
				Rules                         []struct {
					ID, Name, HelpURI                 string
					ShortDescription, FullDescription struct{ Text string }
					DefaultConfiguration              struct{ Level string }
					Help                              struct{ Text, Markdown string }
					Properties                        map[string]any
				}
			}
		}
		AutomationDetails *struct{ ID string }
		ColumnKind        string
		Results           []struct {
			RuleID    string
			RuleIndex int
			Level     string
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string }
					Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
				}
			}
			PartialFingerprints map[string]string
			Properties          map[string]any
		}
	}
}

func readSARIF(t *testing.T, out string) sarifDoc {
	t.Helper()
	var d sarifDoc
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("parse sarif: %v", err)
	}
	if len(d.Runs) != 1 {
		t.Fatalf("sarif has %d runs, want 1", len(d.Runs))
	}
	return d
}

func TestSARIFValidates(t *testing.T) {
	sch := sarifValidator(t)
	for name, opts := range map[string]Options{
		"rules":     {Format: "sarif", Rules: testRules(), ToolVersion: "1.2.3", Category: "hookscan/history/"},
		"no rules":  {Format: "sarif"},
		"no redact": {Format: "sarif", NoRedact: true, Rules: testRules()},
	} {
		t.Run(name, func(t *testing.T) {
			validateSARIF(t, sch, render(t, fixtures(), opts))
		})
	}
	t.Run("empty", func(t *testing.T) {
		out := render(t, nil, Options{Format: "sarif"})
		validateSARIF(t, sch, out)
		d := readSARIF(t, out)
		if !strings.Contains(out, `"results": []`) || !strings.Contains(out, `"rules": []`) {
			t.Errorf("empty sarif must hold empty results and rules arrays, not null:\n%s", out)
		}
		if len(d.Runs[0].Results) != 0 {
			t.Errorf("empty sarif has results")
		}
	})
}

// TestSARIFSchemaCatchesMistakes makes sure the validation above can fail.
func TestSARIFSchemaCatchesMistakes(t *testing.T) {
	sch := sarifValidator(t)
	out := render(t, fixtures(), Options{Format: "sarif"})
	for _, bad := range []string{
		strings.Replace(out, `"version": "2.1.0"`, `"version": "2.0"`, 1),
		strings.Replace(out, `"level": "error"`, `"level": "fatal"`, 1),
		strings.Replace(out, `"startLine": 3`, `"startLine": 0`, 1),
	} {
		if bad == out {
			t.Fatal("the mutation did not apply")
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("schema accepted an invalid log")
		}
	}
}

func TestSARIFContent(t *testing.T) {
	fs := fixtures()
	out := render(t, fs, Options{Format: "sarif", Rules: testRules(), ToolVersion: "1.2.3", Category: "hookscan/files/"})
	d := readSARIF(t, out)
	if d.Schema != sarifSchema || d.Version != "2.1.0" {
		t.Errorf("$schema, version = %q, %q", d.Schema, d.Version)
	}
	run := d.Runs[0]
	drv := run.Tool.Driver
	if drv.Name != "hookscan" || drv.Version != "1.2.3" || drv.InformationURI == "" {
		t.Errorf("driver = %q %q %q", drv.Name, drv.Version, drv.InformationURI)
	}
	if run.AutomationDetails == nil || run.AutomationDetails.ID != "hookscan/files/" {
		t.Errorf("automationDetails = %+v, want the category", run.AutomationDetails)
	}
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}

	var ids []string
	for _, r := range drv.Rules {
		ids = append(ids, r.ID)
	}
	wantIDs := []string{"acme-hook-key", "discord-webhook-url", "github-webhook-secret", "slack-incoming-webhook-url", "stripe-webhook-signing-secret"}
	if !slices.Equal(ids, wantIDs) {
		t.Fatalf("driver rules = %v, want %v", ids, wantIDs)
	}
	slack := drv.Rules[3]
	if slack.Name != "SlackIncomingWebhookUrl" || slack.ShortDescription.Text != "Slack incoming webhook URL" {
		t.Errorf("slack rule name, short description = %q, %q", slack.Name, slack.ShortDescription.Text)
	}
	if !strings.Contains(slack.FullDescription.Text, "Slack") || slack.DefaultConfiguration.Level != "error" {
		t.Errorf("slack rule full description, level = %q, %q", slack.FullDescription.Text, slack.DefaultConfiguration.Level)
	}
	if !strings.HasPrefix(slack.Help.Markdown, "**Rotate first**") || !strings.HasSuffix(slack.Help.Markdown, "See <https://api.slack.com/messaging/webhooks>.") {
		t.Errorf("slack help.markdown is not the guidance and URL:\n%s", slack.Help.Markdown)
	}
	if strings.Contains(slack.Help.Text, "**") || !strings.Contains(slack.Help.Text, "https://api.slack.com/messaging/webhooks") {
		t.Errorf("slack help.text is not plain guidance with the URL:\n%s", slack.Help.Text)
	}
	if slack.HelpURI != "https://api.slack.com/messaging/webhooks" {
		t.Errorf("slack helpUri = %q", slack.HelpURI)
	}
	if slack.Properties["security-severity"] != "8.0" || slack.Properties["precision"] != "very-high" {
		t.Errorf("slack properties = %v", slack.Properties)
	}
	if tags, _ := slack.Properties["tags"].([]any); !slices.Contains(tags, any("security")) {
		t.Errorf("slack tags = %v, want security among them", slack.Properties["tags"])
	}
	acme := drv.Rules[0]
	if acme.Help.Text == "" || acme.HelpURI != "" || acme.DefaultConfiguration.Level != "warning" {
		t.Errorf("a rule the lookup does not know still needs help text and no helpUri: %+v", acme)
	}

	if len(run.Results) != len(fs) {
		t.Fatalf("%d results, want %d", len(run.Results), len(fs))
	}
	wantLevels := []string{"error", "error", "warning", "note", "warning"}
	for i, r := range run.Results {
		f := fs[i]
		if r.RuleID != f.RuleID || drv.Rules[r.RuleIndex].ID != f.RuleID {
			t.Errorf("result %d: ruleId %q, ruleIndex %d names %q", i, r.RuleID, r.RuleIndex, drv.Rules[r.RuleIndex].ID)
		}
		if r.Level != wantLevels[i] {
			t.Errorf("result %d: level %q, want %q", i, r.Level, wantLevels[i])
		}
		if !strings.Contains(r.Message.Text, Redact(f.Secret)) {
			t.Errorf("result %d: message %q does not name the redacted secret", i, r.Message.Text)
		}
		if got := r.PartialFingerprints[FingerprintKey]; got != scanner.Fingerprint(f.RuleID, f.Secret) {
			t.Errorf("result %d: partialFingerprints = %v", i, r.PartialFingerprints)
		}
		if len(r.Locations) != 1 {
			t.Fatalf("result %d: %d locations", i, len(r.Locations))
		}
		_, hasCommit := r.Properties["commit"]
		if hasCommit != (f.Commit != "") {
			t.Errorf("result %d: properties %v; commit expected: %v", i, r.Properties, f.Commit != "")
		}
	}
	if c := run.Results[1].Properties["commit"]; c != fs[1].Commit {
		t.Errorf("history result commit = %v, want %s", c, fs[1].Commit)
	}
	if !strings.Contains(run.Results[1].Message.Text, "Still in HEAD.") {
		t.Errorf("history message does not say the secret is still in HEAD: %q", run.Results[1].Message.Text)
	}
}

func TestSARIFLocations(t *testing.T) {
	fs := fixtures()
	d := readSARIF(t, render(t, fs, Options{Format: "sarif"}))
	type span struct{ StartLine, StartColumn, EndLine, EndColumn int }
	for i, want := range []struct {
		uri string
		span
	}{
		// ASCII: byte columns, end one past the last character.
		{"deploy/app.env", span{3, 19, 3, fs[0].EndColumn + 1}},
		{"billing/handler.go", span{12, 20, 12, fs[1].EndColumn + 1}},
		// Spaces, ':' and '#' are escaped in the URI.
		{"old%20config/hooks%3Aprod%231.yaml", span{7, 17, 7, fs[2].EndColumn + 1}},
		// "Café ☕ token: " is 14 UTF-16 units but 18 bytes.
		{"docs/notes.md", span{40, 15, 40, 15 + len(discordToken)}},
		// Multi-line: the end column cannot be converted and stays in bytes.
		{"main.go", span{5, 9, 6, 4}},
	} {
		loc := d.Runs[0].Results[i].Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != want.uri {
			t.Errorf("result %d: uri %q, want %q", i, loc.ArtifactLocation.URI, want.uri)
		}
		if got := span(loc.Region); got != want.span {
			t.Errorf("result %d: region %+v, want %+v", i, got, want.span)
		}
	}
}

func TestArtifactURI(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a/b.go", "a/b.go"},
		{"./a/b.go", "a/b.go"},
		{"c:x/y", "c%3Ax/y"},
		{"dir/50% off?.txt", "dir/50%25%20off%3F.txt"},
		{"naïve/файл.env", "na%C3%AFve/%D1%84%D0%B0%D0%B9%D0%BB.env"},
		{"/abs/path.env", "file:///abs/path.env"},
	} {
		if got := artifactURI(tc.in); got != tc.want {
			t.Errorf("artifactURI(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSARIFDeterministic checks that equal input gives equal bytes, so
// uploads of an unchanged tree do not churn.
func TestSARIFDeterministic(t *testing.T) {
	opts := Options{Format: "sarif", Rules: testRules()}
	a, b := render(t, fixtures(), opts), render(t, fixtures(), opts)
	if !bytes.Equal([]byte(a), []byte(b)) {
		t.Error("two runs over the same findings differ")
	}
}
