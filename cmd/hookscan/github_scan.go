package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	ghreport "github.com/hookscan/hookscan/internal/github"
	"github.com/hookscan/hookscan/internal/report"
	"github.com/hookscan/hookscan/scanner"
)

func newGitHubScanCommand(a *app, g *githubFlags) *cobra.Command {
	var since string
	var all bool
	cmd := &cobra.Command{
		Use:   "scan",
		Short: "Scan what the event brought; write the job summary and step outputs",
		Long: `Scan what the workflow's event brought: a pull request's commits (base..head), a
push's commits (before..after), or the whole history for any other event, a push
that created a branch, or --all-history. Writes the report (-f/-o), a table of
findings to the job summary, findings=N to the step outputs, and annotations.
Makes no API calls and needs no token.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := g.context()
			if err != nil {
				return err
			}
			return withoutToken(a.runGitHubScan(cmd.Context(), c, g, since, all), c.Token)
		},
	}
	cmd.Flags().StringVar(&since, "since", "", "scan only what commits after REF add")
	cmd.Flags().BoolVar(&all, "all-history", false, "scan the whole history, whatever the event")
	return cmd
}

func (a *app) runGitHubScan(ctx context.Context, c ghreport.Context, g *githubFlags, since string, all bool) error {
	if err := a.checkFormat(); err != nil {
		return err
	}
	var extra []string
	d, b, findings, err := a.scanForEvent(ctx, c, since, all, &extra)
	if err != nil {
		return err
	}
	// The report of a push goes to code scanning: it describes the whole
	// state of the branch (what the head holds, and what the push
	// brought), under one category on every push, so an alert closes
	// only when its secret is gone from the head.
	category := categoryHistory
	switch {
	case c.PR != 0:
		category = categoryPR
	case c.EventName == "push" && since == "" && !all:
		category = categoryHead
		head, err := a.headState(ctx, d, c)
		if err != nil {
			return err
		}
		findings = mergeFindings(head, findings)
	case since != "":
		category = "hookscan/since/"
	}
	if c.PR == 0 && (c.Visibility == "public" || c.Visibility == "internal") {
		// A public repository's job summary and annotations are public:
		// they must not point at a secret before it is rotated.
		if c.StepSummary != "" {
			md := fmt.Sprintf("### hookscan: %d hard-coded secrets\n\n%s is %s, so this summary and the annotations name no secret's place: anyone who can read the repository sees them. The report file (and code scanning, when uploaded) has the details.\n\n", len(findings), c.Repository(), c.Visibility)
			if err := appendFile(c.StepSummary, md); err != nil {
				return fmt.Errorf("write job summary: %w", err)
			}
		}
		c.StepSummary, g.annotations = "", false
		a.publicInActions(c.Repository() + " is " + c.Visibility)
	}
	return a.githubFinish(ctx, d, b, c, g, findings, false, "hookscan", category, extra...)
}

// scanForEvent scans what the event brought. On a pull request (not with
// --since or --all-history) the rules, allowlists and baseline come from
// its base commit, and the secrets it silences itself are listed in
// extra for the job summary.
func (a *app) scanForEvent(ctx context.Context, c ghreport.Context, since string, all bool, extra *[]string) (*scanner.Detector, *scanner.Baseline, []scanner.Finding, error) {
	if c.PR == 0 || c.Base == "" || c.Head == "" || since != "" || all {
		d, b, err := a.detector(".")
		if err != nil {
			return nil, nil, nil, err
		}
		findings, err := a.scanEvent(ctx, d, c, since, all)
		return d, b, findings, err
	}
	t, err := a.pullRequestRules(ctx, c)
	if err != nil {
		return nil, nil, nil, err
	}
	findings, err := a.scanEvent(ctx, t.all, c, "", false)
	if err != nil {
		return nil, nil, nil, err
	}
	findings, allowed := a.allowedByPullRequest(ctx, t, c, t.base.Filter(a.suppress.filter(t.d, findings, nil)))
	for _, al := range allowed {
		f := al.Finding
		*extra = append(*extra, fmt.Sprintf("Allowed by this pull request: %s %s in `%s:%d`, silenced by %s.", f.RuleID, report.Redact(f.Secret), f.File, f.Line, al.Reason))
	}
	*extra = append(*extra, t.notes...)
	return t.d, t.base, findings, nil
}
