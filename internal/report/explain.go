package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// WriteExplain writes everything a person needs about one rule: what it
// finds, what to do first wherever the secret was found, every rotation
// step and the provider's guide.
func WriteExplain(w io.Writer, r *rules.Rule) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s: %s\n", r.ID, printable(r.Description))
	var about []string
	if r.Provider != "" {
		about = append(about, "provider "+printable(r.Provider))
	}
	if r.Kind != "" {
		about = append(about, "kind "+printable(r.Kind))
	}
	if r.Severity != "" {
		about = append(about, "severity "+printable(r.Severity))
	}
	if len(about) > 0 {
		fmt.Fprintf(bw, "  %s\n", strings.Join(about, ", "))
	}
	g := SplitGuidance(r.Guidance.Rotate)
	if g.Risk != "" && len(g.Steps) > 0 {
		// Without steps the guidance is one text of what to do, shown
		// under Rotation (as text and GitHub output show it).
		fmt.Fprintf(bw, "\nWhat it allows\n  %s\n", printable(g.Risk))
	}
	fmt.Fprintln(bw, "\nWhat to do first")
	f := scanner.Finding{File: "FILE"}
	for _, s := range []struct{ name, source string }{
		{"staged", SourceStaged},
		{"working tree", SourceWorkingTree},
		{"history", SourceHistory},
		{"pull request", SourcePR},
	} {
		fmt.Fprintf(bw, "  %s: %s\n", s.name, Lead(&f, s.source))
	}
	fmt.Fprintln(bw, "\nRotation")
	switch {
	case len(g.Steps) == 0:
		for l := range strings.SplitSeq(plainText(r.Guidance.Rotate), "\n") {
			fmt.Fprintf(bw, "  %s\n", printable(l))
		}
	default:
		if g.Risk == "" && g.Intro != "" && !historyLead.MatchString(g.Intro) {
			fmt.Fprintf(bw, "  %s\n", printable(g.Intro))
		}
		for i, s := range g.Steps {
			fmt.Fprintf(bw, "  %s%s\n", g.marker(i), printable(s))
		}
		if g.Notes != "" {
			for l := range strings.SplitSeq(g.Notes, "\n") {
				fmt.Fprintf(bw, "  %s\n", printable(l))
			}
		}
	}
	if r.Guidance.URL != "" {
		fmt.Fprintf(bw, "\nGuide: %s\n", printable(r.Guidance.URL))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write explanation: %w", err)
	}
	return nil
}
