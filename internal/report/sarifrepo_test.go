package report

import (
	"bytes"
	"encoding/json"
	"maps"
	"testing"
)

func TestSARIFForRepository(t *testing.T) {
	var org bytes.Buffer
	if err := Write(&org, repoFixtures(), Options{Format: "sarif", Rules: testRules()}); err != nil {
		t.Fatal(err)
	}
	var one bytes.Buffer
	if err := Write(&one, fixtures(), Options{Format: "sarif", Rules: testRules()}); err != nil {
		t.Fatal(err)
	}
	all := len(fixtures())
	for _, tc := range []struct {
		name, repo string
		data       []byte
		kept       int
		others     map[string]int
	}{
		{"its own", "acme/api", org.Bytes(), (all + 1) / 2, map[string]int{"acme/billing": all / 2}},
		{"case aside", "ACME/Billing", org.Bytes(), all / 2, map[string]int{"acme/api": (all + 1) / 2}},
		{"none of it", "acme/shop", org.Bytes(), 0, map[string]int{"acme/api": (all + 1) / 2, "acme/billing": all / 2}},
		{"a one-repository report", "acme/shop", one.Bytes(), all, map[string]int{}},
	} {
		out, kept, others, err := SARIFForRepository("r.sarif", tc.data, tc.repo)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if kept != tc.kept || !maps.Equal(others, tc.others) {
			t.Errorf("%s: kept %d, left out %v; want %d and %v", tc.name, kept, others, tc.kept, tc.others)
		}
		if len(others) == 0 && !bytes.Equal(out, tc.data) {
			t.Errorf("%s: nothing left out, but the log changed", tc.name)
		}
		got, err := ReadFindings("out.sarif", out)
		if err != nil || len(got) != kept {
			t.Errorf("%s: the log read back holds %d findings (%v), want %d", tc.name, len(got), err, kept)
		}
		if !json.Valid(out) {
			t.Errorf("%s: invalid JSON", tc.name)
		}
	}
	if _, _, _, err := SARIFForRepository("r.sarif", []byte(`{"runs":[{"results":{}}]}`), "acme/api"); err == nil {
		t.Error("results that are no array passed")
	}
}
