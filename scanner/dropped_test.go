package scanner_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// TestScanExplained checks that dropped candidates come back only when
// asked for, each named by the filter that dropped it.
func TestScanExplained(t *testing.T) {
	t.Parallel()
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	text := "WEBHOOK_SECRET=${WEBHOOK_SECRET}\n" +
		"webhook_secret = \"changeme-changeme-changeme\"\n" +
		"webhook_secret = BILLING_SIGNING_VALUE\n" +
		"HOOK_SECRET=" + "Qm7xZ2pL9vK4tR8wN3bH6cJ5dF" + "\n"
	f := scanner.Fragment{Path: "app.env", Raw: []byte(text)}
	plain, err := scanner.Compile(rs, scanner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if fs, drops := plain.ScanExplained(f); len(fs) != 1 || len(drops) != 0 {
		t.Errorf("without ExplainDrops: %d findings, %d dropped; want 1 and 0", len(fs), len(drops))
	}
	explain, err := scanner.Compile(rs, scanner.Options{ExplainDrops: true})
	if err != nil {
		t.Fatal(err)
	}
	fs, drops := explain.ScanExplained(f)
	if len(fs) != 1 || fs[0].Line != 4 {
		t.Fatalf("findings changed by ExplainDrops: %+v", fs)
	}
	byLine := map[int]string{}
	for _, d := range drops {
		if d.File != "app.env" || d.RuleID == "" || d.Secret == "" {
			t.Errorf("incomplete drop %+v", d)
		}
		if _, ok := byLine[d.Line]; !ok {
			byLine[d.Line] = d.Filter
		}
	}
	want := map[int]string{2: scanner.FilterPlaceholder, 3: scanner.FilterIdentifier}
	for line, filter := range want {
		if byLine[line] != filter {
			t.Errorf("line %d dropped by %q, want %q (all: %+v)", line, byLine[line], filter, drops)
		}
	}
	if _, ok := byLine[4]; ok {
		t.Errorf("the reported value is also listed as dropped: %+v", drops)
	}
	// Read in windows (a large staged file), the same drops come back:
	// the window size here splits the text many times.
	long := strings.Repeat("PORT=8080\n", 300) + text + strings.Repeat("PORT=8080\n", 300)
	whole, wholeDrops := explain.ScanExplained(scanner.Fragment{Path: "app.env", Raw: []byte(long)})
	got, gotDrops, _, err := explain.ScanReaderExplained(scanner.Fragment{Path: "app.env"}, strings.NewReader(long), 256)
	if err != nil {
		t.Fatal(err)
	}
	if len(wholeDrops) < 2 || !reflect.DeepEqual(gotDrops, wholeDrops) || len(got) != len(whole) {
		t.Errorf("in windows: %d findings, drops %+v; whole: %d findings, drops %+v", len(got), gotDrops, len(whole), wholeDrops)
	}
}
