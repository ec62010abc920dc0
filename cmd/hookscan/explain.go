package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hookscan/hookscan/internal/report"
)

func init() { extraCommands = append(extraCommands, newExplainCommand) }

func newExplainCommand(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE-ID",
		Short: "Show a rule's rotation steps, what to do first and its guide",
		Long: `Show everything about one rule: what it finds, what to do first wherever the
secret was found (staged, working tree, history, pull request), every rotation
step and the provider's guide. Rules come from the defaults merged with
.hookscan.yaml in the current directory (or --config).`,
		Example: `  hookscan explain slack-incoming-webhook-url`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			rs, _, err := a.loadRules(".")
			if err != nil {
				return err
			}
			for _, r := range rs {
				if r.ID == args[0] {
					return report.WriteExplain(a.stdout, r)
				}
			}
			var near []string
			for _, r := range rs {
				if strings.Contains(r.ID, args[0]) || strings.Contains(args[0], r.ID) {
					near = append(near, r.ID)
				}
			}
			slices.Sort(near)
			if len(near) > 0 {
				return fmt.Errorf("explain: no rule %q (did you mean %s?)", args[0], strings.Join(near, ", "))
			}
			return fmt.Errorf("explain: no rule %q (hookscan rules list shows them)", args[0])
		},
	}
}
