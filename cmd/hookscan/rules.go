package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

func newRulesCommand(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rules or run their examples",
	}
	var markdown, verifyTable bool
	list := &cobra.Command{
		Use:   "list",
		Short: "List the rules in effect (defaults merged with the config)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			rs, _, err := a.loadRules(".")
			if err != nil {
				return err
			}
			if verifyTable {
				_, err := fmt.Fprint(a.stdout, VerifyTable(rs))
				return err
			}
			if markdown {
				_, err := fmt.Fprint(a.stdout, RuleTable(rs))
				return err
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tPROVIDER\tKIND\tSEVERITY\tDESCRIPTION")
			for _, r := range rs {
				id := r.ID
				if r.Disabled {
					id += " (disabled)"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", id, r.Provider, r.Kind, r.Severity, r.Description)
			}
			return tw.Flush()
		},
	}
	list.Flags().BoolVar(&markdown, "markdown", false, "print the markdown table used in the README")
	list.Flags().BoolVar(&verifyTable, "verify-table", false, "print the markdown table of what --verify can check, used in the README")
	test := &cobra.Command{
		Use:   "test [FILE...]",
		Short: "Run every rule's match and noMatch examples",
		Long: `Run the examples of every rule in effect, or of the rules in the given rule files:
each match example must yield exactly one finding of its rule, each noMatch
example none. Exits 1 when an example fails.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runRulesTest(args)
		},
	}
	cmd.AddCommand(list, test)
	return cmd
}

func (a *app) runRulesTest(files []string) error {
	var rs []*rules.Rule
	if len(files) == 0 {
		var err error
		if rs, _, err = a.loadRules("."); err != nil {
			return err
		}
	}
	for _, f := range files {
		more, err := rules.LoadPack(f)
		if err != nil {
			// A config (.hookscan.yaml) is tested as the rules in
			// effect under it: the default packs with its rules and
			// overrides.
			var cerr error
			if more, _, cerr = configRules(f); cerr != nil {
				if slices.Contains(configNames, filepath.Base(f)) {
					return cerr
				}
				return err
			}
		}
		rs = append(rs, more...)
	}
	d, err := scanner.Compile(rs, scanner.Options{})
	if err != nil {
		return err
	}
	failures := d.CheckExamples()
	for _, f := range failures {
		fmt.Fprintln(a.stdout, "FAIL "+f.Error())
	}
	examples := 0
	for _, r := range d.Rules() {
		examples += len(r.Examples.Match) + len(r.Examples.NoMatch)
	}
	if !a.quiet {
		fmt.Fprintf(a.stdout, "%d rule%s, %d example%s, %d failed\n", len(d.Rules()), plural(len(d.Rules())), examples, plural(examples), len(failures))
	}
	if len(failures) > 0 {
		return &exitError{1}
	}
	return nil
}

// RuleTable renders the rules as the markdown table in the README.
func RuleTable(rs []*rules.Rule) string {
	var b strings.Builder
	b.WriteString("| id | provider | kind | severity | description |\n|---|---|---|---|---|\n")
	for _, r := range rs {
		if r.Disabled {
			continue
		}
		desc := r.Description
		if r.Guidance.URL != "" {
			desc = fmt.Sprintf("[%s](%s)", desc, r.Guidance.URL)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", r.ID, escapeCell(r.Provider), r.Kind, r.Severity, escapeCell(desc))
	}
	return b.String()
}

func escapeCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// VerifyTable renders, for the README, whether --verify can check each
// rule's secrets: the request it makes and why that is safe, or why no
// request is made.
func VerifyTable(rs []*rules.Rule) string {
	var b strings.Builder
	b.WriteString("| id | verifiable | how, or why not |\n|---|---|---|\n")
	for _, r := range rs {
		if r.Disabled {
			continue
		}
		if p := r.Verify; p.Supported() {
			how := fmt.Sprintf("`%s %s`: %s ([docs](%s))", p.Method, p.URL, p.Why, p.Docs)
			fmt.Fprintf(&b, "| `%s` | yes | %s |\n", r.ID, escapeCell(how))
			continue
		}
		fmt.Fprintf(&b, "| `%s` | no | %s |\n", r.ID, escapeCell(r.VerifyReason()))
	}
	return b.String()
}

// configRules returns the default packs merged with the config at path
// (none when path is empty), and the config.
func configRules(path string) ([]*rules.Rule, *rules.Config, error) {
	rs, err := rules.Defaults()
	if err != nil {
		return nil, nil, fmt.Errorf("load default rules: %w", err)
	}
	if path == "" {
		return rs, &rules.Config{}, nil
	}
	cfg, err := rules.LoadConfig(path)
	if err != nil {
		return nil, nil, err
	}
	if rs, err = cfg.Apply(rs); err != nil {
		return nil, nil, err
	}
	return rs, cfg, nil
}
