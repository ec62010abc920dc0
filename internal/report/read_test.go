package report

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
)

// repoFixtures are fixtures as an organisation scan reports them.
func repoFixtures() []scanner.Finding {
	fs := fixtures()
	for i := range fs {
		fs[i].Repository = []string{"acme/api", "acme/billing"}[i%2]
	}
	return fs
}

func TestReadFindingsJSONRoundTrip(t *testing.T) {
	want := repoFixtures()
	out := render(t, want, Options{Format: "json"})
	got, err := ReadFindings("r.json", []byte(out))
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		w := want[i]
		w.Fingerprint, w.Secret, w.Match, w.LineText = fingerprint(&w), Redact(w.Secret), "", ""
		if !reflect.DeepEqual(got[i], w) {
			t.Errorf("finding %d:\n got %+v\nwant %+v", i, got[i], w)
		}
	}
	// Writing what was read gives the same report: redaction does not
	// apply twice.
	if again := render(t, got, Options{Format: "json"}); again != out {
		t.Errorf("json written again differs:\n%s\nwas:\n%s", again, out)
	}
}

func TestReadFindingsSARIF(t *testing.T) {
	want := repoFixtures()
	out := render(t, want, Options{Format: "sarif", Rules: testRules()})
	validateSARIF(t, sarifValidator(t), out)
	got, err := ReadFindings("r.sarif", []byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("read %d findings, want %d", len(got), len(want))
	}
	for i, g := range got {
		w := want[i]
		if g.RuleID != w.RuleID || g.File != w.File || g.Line != w.Line || g.Repository != w.Repository ||
			g.Commit != w.Commit || g.Fingerprint != fingerprint(&w) || g.Secret != Redact(w.Secret) ||
			g.Severity != w.Severity || !g.Date.Equal(w.Date) || (g.InHead == nil) != (w.InHead == nil) {
			t.Errorf("finding %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	if again := render(t, got, Options{Format: "sarif", Rules: testRules()}); !strings.Contains(again, `"uriBaseId": "acme/billing"`) {
		t.Errorf("sarif written again lost the repository:\n%s", again)
	}
}

func TestSARIFNamesTheRepository(t *testing.T) {
	out := render(t, repoFixtures(), Options{Format: "sarif", Rules: testRules()})
	d := readSARIF(t, out)
	if len(d.Runs) != 1 {
		t.Fatalf("%d runs, want one for all repositories", len(d.Runs))
	}
	for _, want := range []string{`"repository": "acme/api"`, `"uriBaseId": "acme/api"`, `"uri": "deploy/app.env"`} {
		if !strings.Contains(out, want) {
			t.Errorf("sarif lacks %s", want)
		}
	}
	text := render(t, repoFixtures(), Options{Format: "text"})
	if !strings.Contains(text, "acme/billing") {
		t.Errorf("text report does not name the repository:\n%s", text)
	}
}

func TestReadFindingsErrors(t *testing.T) {
	for name, data := range map[string]string{
		"empty":         "  ",
		"text":          "HIGH thing\n",
		"broken json":   `[{"ruleId": 3}]`,
		"other tool":    `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"gitleaks"}},"results":[]}]}`,
		"old sarif":     `{"version":"2.0.0","runs":[]}`,
		"no location":   `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"hookscan"}},"results":[{"ruleId":"x"}]}]}`,
		"truncated obj": `{"version":`,
	} {
		if _, err := ReadFindings("in/"+name, []byte(data)); err == nil || !strings.HasPrefix(err.Error(), "read report in/"+name+":") {
			t.Errorf("%s: error %v, want one naming the file", name, err)
		}
	}
}

// TestReadFindingsSaysWhatIsWrongWithTheJSON: a report cut short, or
// with a stray character, is said to be so, where.
func TestReadFindingsSaysWhatIsWrongWithTheJSON(t *testing.T) {
	for data, want := range map[string]string{
		"{\n":                              "read report broken.json: truncated JSON: the file ends before the report does",
		`[{"ruleId": "x", "line": 3`:       "read report broken.json: truncated JSON",
		"\n[\n  {\"ruleId\": \"x\",}\n]\n": "read report broken.json: invalid JSON at line 3, column 18: invalid character '}'",
		`{"version": "2.1.0" "runs": []}`:  "read report broken.json: invalid JSON at line 1, column 21: invalid character '\"' after object key:value pair",
	} {
		_, err := ReadFindings("broken.json", []byte(data))
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", data, err, want)
		}
	}
	if _, _, _, err := SARIFForRepository("up.sarif", []byte("{\"runs\": ["), "acme/api"); err == nil || err.Error() != "read SARIF up.sarif: truncated JSON: the file ends before the report does" {
		t.Errorf("SARIFForRepository of a truncated file: %v", err)
	}
}

func TestRedactTwiceIsRedactOnce(t *testing.T) {
	for _, s := range append(plantedSecrets(), "a", "ab", "abcdefg", "ééééééééé", "x…", "long…secret…") {
		if once := Redact(s); Redact(once) != once {
			t.Errorf("Redact(Redact(%q)) = %q, want %q", s, Redact(once), once)
		}
	}
}

func FuzzReadFindings(f *testing.F) {
	for _, format := range []string{"json", "sarif"} {
		var b strings.Builder
		if err := Write(&b, repoFixtures(), Options{Format: format}); err != nil {
			f.Fatal(err)
		}
		f.Add([]byte(b.String()))
	}
	if seeds, err := filepath.Glob(filepath.Join("testdata", "*.sarif")); err == nil {
		for _, p := range seeds {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, err := ReadFindings("fuzz", data)
		if err != nil {
			return
		}
		// Whatever reads must write again, in every format.
		for _, format := range Formats() {
			var b strings.Builder
			if err := Write(&b, fs, Options{Format: format}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
		}
	})
}
