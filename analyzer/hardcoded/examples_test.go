package hardcoded_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/hookscan/hookscan/analyzer/hardcoded"
	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// Every example of a default rule that the detector finds in the text of
// a Go string literal (rules that need a name and a quoted value find
// theirs only in the "name = value" scan, tested in TestContextKey) is
// reported with that rule's id, at the constant that holds it. The
// fixtures are written at test time from the embedded rule packs, so no
// secret-shaped literal is committed here.
func TestDefaultRuleExamples(t *testing.T) {
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	d, err := scanner.Compile(rs, scanner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	src.WriteString("package examples\n\n")
	n, skipped := 0, 0
	for _, r := range rs {
		for _, ex := range r.Examples.Match {
			if !finds(d, ex, r.ID) {
				skipped++
				continue
			}
			n++
			fmt.Fprintf(&src, "const match%d = %s // want `\\(%s\\)`\n", n, strconv.Quote(ex), regexp.QuoteMeta(r.ID))
		}
	}
	t.Logf("%d examples as Go literals; %d found by their rule only in context", n, skipped)
	dir, cleanup, err := analysistest.WriteFiles(map[string]string{"examples/examples.go": src.String()})
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	analysistest.Run(t, dir, hardcoded.Analyzer, "examples")
}

// finds reports whether the detector finds rule id's secret in text as
// the analyzer hands it over: a literal's value, from a Go file.
func finds(d *scanner.Detector, text, id string) bool {
	for _, f := range d.Scan(scanner.Fragment{Path: "examples/examples.go", Raw: []byte(text)}) {
		if f.RuleID == id {
			return true
		}
	}
	return false
}
