package sigcompare_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/hookscan/hookscan/analyzer/sigcompare"
)

func TestCompare(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, analysistest.TestData(), sigcompare.Analyzer, "compare", "publicsig", "generics", "broken", "digest", "digestuse", "publicvalues", "credentials", "contains")
}

func TestFixes(t *testing.T) {
	t.Parallel()
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), sigcompare.Analyzer, "fixes", "fixesbytes")
}
