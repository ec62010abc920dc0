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
)

// Every example a default rule must match, written in Go as a string
// constant, is reported with that rule's id. The fixtures are written at test time from the embedded
// rule packs, so no secret-shaped literal is committed here.
func TestDefaultRuleExamples(t *testing.T) {
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	src.WriteString("package examples\n\n")
	n := 0
	for _, r := range rs {
		for _, ex := range r.Examples.Match {
			n++
			fmt.Fprintf(&src, "const match%d = %s // want `\\(%s\\)`\n", n, strconv.Quote(ex), regexp.QuoteMeta(r.ID))
		}
	}
	if n == 0 {
		t.Log("the default packs have no examples yet")
	}
	dir, cleanup, err := analysistest.WriteFiles(map[string]string{"examples/examples.go": src.String()})
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	analysistest.Run(t, dir, hardcoded.Analyzer, "examples")
}
