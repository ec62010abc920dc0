package report

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
)

// notScannedDoc is the invocation part of a SARIF log.
type notScannedDoc struct {
	Runs []struct {
		Invocations []struct {
			ExecutionSuccessful        *bool
			ToolExecutionNotifications []struct {
				Level      string
				Message    struct{ Text string }
				Descriptor struct{ ID string }
				Locations  []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
					}
				}
			}
		}
	}
}

// TestSARIFNotScanned checks that skipped files become schema-valid
// run-level notifications naming each file and why, and that a run that
// skipped nothing has no invocation.
func TestSARIFNotScanned(t *testing.T) {
	sch := sarifValidator(t)
	skips := []scanner.Skip{
		{Path: "data/dump one.sql", Reason: "larger than 10 MiB (412.0 MiB)"},
		{Path: "img/logo.png", Reason: "binary file"},
	}
	out := render(t, fixtures(), Options{Format: "sarif", Rules: testRules(), NotScanned: skips})
	validateSARIF(t, sch, out)
	var d notScannedDoc
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Runs[0].Invocations) != 1 {
		t.Fatalf("%d invocations, want 1", len(d.Runs[0].Invocations))
	}
	inv := d.Runs[0].Invocations[0]
	if inv.ExecutionSuccessful == nil || !*inv.ExecutionSuccessful {
		t.Errorf("executionSuccessful %v, want true", inv.ExecutionSuccessful)
	}
	ns := inv.ToolExecutionNotifications
	if len(ns) != 2 {
		t.Fatalf("%d notifications, want 2:\n%s", len(ns), out)
	}
	want := []struct{ level, text, uri string }{
		{"warning", "Not scanned: larger than 10 MiB (412.0 MiB)", "data/dump%20one.sql"},
		{"note", "Not scanned: binary file", "img/logo.png"},
	}
	for i, w := range want {
		n := ns[i]
		if n.Level != w.level || n.Message.Text != w.text || len(n.Locations) != 1 || n.Locations[0].PhysicalLocation.ArtifactLocation.URI != w.uri || n.Descriptor.ID != "not-scanned" {
			t.Errorf("notification %d: %+v, want %+v", i, n, w)
		}
	}

	clean := render(t, fixtures(), Options{Format: "sarif", Rules: testRules()})
	if strings.Contains(clean, "invocations") {
		t.Errorf("a run that skipped nothing has invocations:\n%s", clean)
	}
	failed := render(t, nil, Options{Format: "sarif", Incomplete: true})
	validateSARIF(t, sch, failed)
	if !strings.Contains(failed, `"executionSuccessful": false`) {
		t.Errorf("an incomplete run must say executionSuccessful false:\n%s", failed)
	}
}

// TestSARIFNotScannedBounded checks that a run skipping thousands of files
// lists maxNotScanned of them and says how many more there were.
func TestSARIFNotScannedBounded(t *testing.T) {
	skips := make([]scanner.Skip, maxNotScanned+250)
	for i := range skips {
		skips[i] = scanner.Skip{Path: fmt.Sprintf("img/%d.png", i), Reason: "binary file"}
	}
	out := render(t, nil, Options{Format: "sarif", NotScanned: skips})
	validateSARIF(t, sarifValidator(t), out)
	var d notScannedDoc
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	ns := d.Runs[0].Invocations[0].ToolExecutionNotifications
	if len(ns) != maxNotScanned+1 || ns[maxNotScanned].Message.Text != "250 more files not scanned, not listed" {
		t.Errorf("%d notifications, last %q", len(ns), ns[len(ns)-1].Message.Text)
	}
}

// TestSARIFFailures checks that the errors a run went past are error
// notifications naming what failed, and that the run then says
// executionSuccessful false.
func TestSARIFFailures(t *testing.T) {
	failures := []string{"read noperm: permission denied", "read blob 0a72b7d8: missing object"}
	out := render(t, nil, Options{Format: "sarif", Incomplete: true, Failures: failures, NotScanned: []scanner.Skip{{Path: "img/logo.png", Reason: "binary file"}}})
	validateSARIF(t, sarifValidator(t), out)
	var d notScannedDoc
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	inv := d.Runs[0].Invocations[0]
	if inv.ExecutionSuccessful == nil || *inv.ExecutionSuccessful {
		t.Errorf("executionSuccessful %v, want false", inv.ExecutionSuccessful)
	}
	ns := inv.ToolExecutionNotifications
	if len(ns) != 3 {
		t.Fatalf("%d notifications, want 3:\n%s", len(ns), out)
	}
	for i, f := range failures {
		if ns[i].Level != "error" || ns[i].Message.Text != f || ns[i].Descriptor.ID != "not-read" {
			t.Errorf("notification %d: %+v, want an error saying %q", i, ns[i], f)
		}
	}
	if ns[2].Descriptor.ID != "not-scanned" {
		t.Errorf("the skipped file's notification: %+v", ns[2])
	}
}

// TestTextSummaryOfAnIncompleteRun: a run that could not read everything
// never says only "No secrets found.".
func TestTextSummaryOfAnIncompleteRun(t *testing.T) {
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{Failures: []string{"scan nope: no such file or directory"}, FailureNoun: "path", NothingRead: true}, "Nothing could be scanned: 1 path could not be read.\n"},
		{Options{Failures: []string{"a", "b"}, FailureNoun: "file"}, "No secrets found in what could be read; 2 files could not be read.\n"},
		{Options{Failures: []string{"a"}, LeftOut: []string{"1 in the baseline"}}, "No secrets found in what could be read (1 in the baseline); 1 input could not be read.\n"},
		{Options{}, "No secrets found.\n"},
	} {
		tc.opts.Format = "text"
		if got := render(t, nil, tc.opts); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.opts, got, tc.want)
		}
	}
}
