package analyzer_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/hookscan/hookscan/analyzer"
)

func TestAllValid(t *testing.T) {
	if err := analysis.Validate(analyzer.All); err != nil {
		t.Fatal(err)
	}
	for _, a := range analyzer.All {
		title, _, _ := strings.Cut(a.Doc, "\n")
		if title == "" || title != strings.ToLower(title[:1])+title[1:] || strings.HasSuffix(title, ".") {
			t.Errorf("%s: Doc title %q must be a lower-case line without a period", a.Name, title)
		}
	}
}

func TestNew(t *testing.T) {
	as, err := analyzer.New(analyzer.Config{Disable: []string{"sigcompare"}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range as {
		names = append(names, a.Name)
		for _, b := range analyzer.All {
			if a == b {
				t.Errorf("New returned the shared analyzer %s", a.Name)
			}
		}
	}
	if got := strings.Join(names, ","); got != "hardcoded,secretsource" {
		t.Errorf("New(Disable: sigcompare) built %s", got)
	}
	if err := analysis.Validate(as); err != nil {
		t.Fatal(err)
	}
	if _, err := analyzer.New(analyzer.Config{Disable: []string{"nosuch"}}); err == nil || !strings.Contains(err.Error(), `"nosuch"`) {
		t.Errorf("New(Disable: nosuch) = %v, want an error naming it", err)
	}
	if _, err := analyzer.New(analyzer.Config{RuleFiles: []string{"x.yaml@sha256:abc"}}); err == nil {
		t.Error("New accepted a malformed digest")
	}
}
