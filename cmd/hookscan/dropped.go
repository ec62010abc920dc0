package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/hookscan/hookscan/internal/report"
	"github.com/hookscan/hookscan/scanner"
)

// droppedList gathers the candidates filters dropped, for -v: so a filtered
// secret can be told from a missed one. ScanAll calls add one at a time.
type droppedList struct {
	items []scanner.Dropped
	// paths are the files and directories allow.paths left out of a
	// walk, kept apart from items: the walk adds them while the workers
	// add items.
	paths []string
}

// skipPath is the walk's test for a path allow.paths leaves out; when
// verbose it keeps each such path for show. The walk calls it from one
// goroutine.
func (l *droppedList) skipPath(d *scanner.Detector, verbose bool) func(string) bool {
	return func(p string) bool {
		if !d.PathAllowed(p) {
			return false
		}
		if verbose {
			l.paths = append(l.paths, p)
		}
		return true
	}
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
	for _, p := range l.paths {
		l.items = append(l.items, scanner.Dropped{File: p, Filter: scanner.FilterAllowPaths})
	}
	l.paths = nil
	slices.SortFunc(l.items, func(x, y scanner.Dropped) int {
		return cmp.Or(cmp.Compare(x.File, y.File), cmp.Compare(x.Line, y.Line), cmp.Compare(x.Column, y.Column), cmp.Compare(x.RuleID, y.RuleID))
	})
	for _, d := range l.items {
		if name != nil {
			dir := strings.HasSuffix(d.File, "/")
			if d.File = name(d.File); dir && !strings.HasSuffix(d.File, "/") {
				d.File += "/"
			}
		}
		a.printDropped(d)
	}
}

// printDropped says on stderr what dropped a candidate, its value
// redacted, or which file allow.paths left unread.
func (a *app) printDropped(d scanner.Dropped) {
	if d.Filter == scanner.FilterAllowPaths {
		fmt.Fprintf(a.stderr, "hookscan: dropped  %s  not read  (filter: %s)\n", report.Printable(d.File), d.Filter)
		return
	}
	at := ""
	if d.Commit != "" {
		at = "  commit " + d.Commit[:min(12, len(d.Commit))]
	}
	fmt.Fprintf(a.stderr, "hookscan: dropped  %s:%d  %s  value %s  (filter: %s)%s\n",
		report.Printable(d.File), d.Line, d.RuleID, report.Printable(report.Redact(d.Secret)), d.Filter, at)
}
