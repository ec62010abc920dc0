package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

func newBaselineCommand(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "baseline [PATH...]",
		Short: "Write the current findings as a baseline (to -o FILE or standard output)",
		Long: `Scan like "hookscan dir" and write every finding as a baseline entry: the
secret's fingerprint and its file, sorted, one per line, never the secret.
Later scans given --baseline FILE (or "baseline: FILE" in .hookscan.yaml)
report only what the baseline does not list.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			roots := args
			if len(roots) == 0 {
				roots = []string{"."}
			}
			d, _, err := a.detector(roots[0])
			if err != nil {
				return err
			}
			var findings []scanner.Finding
			for _, root := range roots {
				src, err := source.Dir(cmd.Context(), root, a.dirOptions(d, roots, root))
				if err != nil {
					return err
				}
				fs, err := scanner.ScanAll(cmd.Context(), d, src, scanner.RunOptions{Jobs: a.jobs, Warn: a.warn})
				if err != nil {
					return err
				}
				findings = append(findings, fs...)
			}
			w := a.stdout
			if a.output != "" {
				f, err := os.Create(a.output)
				if err != nil {
					return fmt.Errorf("write baseline: %w", err)
				}
				defer f.Close()
				w = f
			}
			b := scanner.NewBaseline(findings)
			if err := b.Write(w); err != nil {
				return fmt.Errorf("write baseline: %w", err)
			}
			if !a.quiet {
				fmt.Fprintf(a.stderr, "hookscan: baseline of %d findings (%d entries)\n", len(findings), b.Len())
			}
			if a.failed {
				return &exitError{2}
			}
			return nil
		},
	}
}
