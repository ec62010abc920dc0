package main

import (
	"cmp"
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/hookscan/hookscan/internal/report"
	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source/org"
)

func init() { extraCommands = append(extraCommands, newMergeCommand) }

func newMergeCommand(a *app) *cobra.Command {
	var repository, category string
	cmd := &cobra.Command{
		Use:   "merge REPORT...",
		Short: "Join json or sarif reports (the shards of an organisation scan) into one",
		Long: `Read reports hookscan wrote with -f json or -f sarif, join them, drop
duplicates (the same secret at the same place in the same repository and
commit), and write one report in any format, sorted as a single run sorts.

json reports keep everything; from sarif reports the rule, place, repository,
commit and fingerprint come back and the rest is taken from the rules.
--repository keeps one repository's findings, for example to upload them as
SARIF to that repository's code scanning. Secrets stay as redacted as the
reports hold them. The exit code is that of a scan: 1 when there are findings.`,
		Example: `  hookscan merge shard-*.json -f sarif -o org.sarif
  hookscan merge shard-*.json --repository acme/api -f sarif -o api.sarif`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runMerge(cmd.Context(), args, repository, category)
		},
	}
	cmd.Flags().StringVar(&repository, "repository", "", "keep only the findings of this repository (owner/name)")
	cmd.Flags().StringVar(&category, "category", orgCategory, "SARIF category of the merged report")
	return cmd
}

func (a *app) runMerge(ctx context.Context, paths []string, repository, category string) error {
	// Reports hold redacted secrets, which no provider can check, and the
	// shards' own verification results, which are kept.
	a.verify.enabled = false
	if err := a.checkFormat(); err != nil {
		return err
	}
	d, b, err := a.detector("")
	if err != nil {
		return err
	}
	var lists [][]scanner.Finding
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("read report: %w", err)
		}
		fs, err := report.ReadFindings(p, data)
		if err != nil {
			return err
		}
		kept := fs[:0]
		for _, f := range fs {
			if repository != "" && f.Repository != repository {
				continue
			}
			// SARIF keeps less than json; the rule knows the rest.
			if r := d.Rule(f.RuleID); r != nil {
				f.Provider, f.Kind = cmp.Or(f.Provider, r.Provider), cmp.Or(f.Kind, r.Kind)
				f.Severity, f.Description = cmp.Or(f.Severity, r.Severity), cmp.Or(f.Description, r.Description)
			}
			kept = append(kept, f)
		}
		lists = append(lists, kept)
	}
	return a.finish(ctx, d, b, org.Merge(lists...), category)
}
