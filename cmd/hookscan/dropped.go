package main

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/hookscan/hookscan/internal/report"
	"github.com/hookscan/hookscan/scanner"
)

// droppedList gathers the candidates filters dropped, for -v: so a filtered
// secret can be told from a missed one. ScanAll calls add one at a time.
type droppedList struct {
	items []scanner.Dropped
}

func (l *droppedList) add(d scanner.Dropped) { l.items = append(l.items, d) }

// callback returns add when the run is verbose, else nil (the detector
// then keeps no dropped candidates).
func (l *droppedList) callback(verbose bool) func(scanner.Dropped) {
	if !verbose {
		return nil
	}
	return l.add
}

// show prints the dropped candidates on stderr, sorted by place, with their
// values redacted: "dropped  path:line  rule  value T04…/****  (filter: placeholder)".
// name maps a file as the detector saw it to the name the user knows.
func (a *app) showDropped(l *droppedList, name func(string) string) {
	slices.SortFunc(l.items, func(x, y scanner.Dropped) int {
		return cmp.Or(cmp.Compare(x.File, y.File), cmp.Compare(x.Line, y.Line), cmp.Compare(x.Column, y.Column), cmp.Compare(x.RuleID, y.RuleID))
	})
	for _, d := range l.items {
		if name != nil {
			d.File = name(d.File)
		}
		a.printDropped(d)
	}
}

// printDropped says on stderr what dropped a candidate, its value
// redacted.
func (a *app) printDropped(d scanner.Dropped) {
	at := ""
	if d.Commit != "" {
		at = "  commit " + d.Commit[:min(12, len(d.Commit))]
	}
	fmt.Fprintf(a.stderr, "hookscan: dropped  %s:%d  %s  value %s  (filter: %s)%s\n",
		report.Printable(d.File), d.Line, d.RuleID, report.Printable(report.Redact(d.Secret)), d.Filter, at)
}
