package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	ghreport "github.com/hookscan/hookscan/internal/github"
	"github.com/hookscan/hookscan/scanner"
)

func newGitHubIssuesCommand(a *app, g *githubFlags) *cobra.Command {
	var since string
	var publicIssues bool
	cmd := &cobra.Command{
		Use:   "issues",
		Short: "Open one issue per leaked secret, with its rotation checklist",
		Long: `Scan the repository's history (or what came after --since) and keep one issue per
secret (per fingerprint), labelled hookscan (the label is created if missing).
Each issue names the provider, the first commit, its author and date, whether
HEAD still holds the secret, every place it was found as a permalink, a
rotation checklist with the provider's steps, and where the secret should live
instead.

Issues are found again by a hidden fingerprint marker, so re-runs open no
duplicates: new places are added to the existing issue, with a comment. An issue
a person closed stays closed unless the secret shows up in a new commit.
For push and schedule events. Needs permissions: issues: write, contents: read.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := g.context()
			if err != nil {
				return err
			}
			return withoutToken(a.runGitHubIssues(cmd.Context(), c, g, since, publicIssues), c.Token)
		},
	}
	cmd.Flags().BoolVar(&publicIssues, "public-issues", false, "on a public or internal repository, open issues all the same (anyone who can read the repository sees where each secret is)")
	cmd.Flags().StringVar(&since, "since", "", "scan only what commits after REF add, not the whole history")
	return cmd
}

func (a *app) runGitHubIssues(ctx context.Context, c ghreport.Context, g *githubFlags, since string, publicIssues bool) error {
	if err := a.checkFormat(); err != nil {
		return err
	}
	d, b, err := a.detector(".")
	if err != nil {
		return err
	}
	client, err := a.githubClient(c, g)
	if err != nil {
		return err
	}
	findings, err := a.scanEvent(ctx, d, c, since, since == "")
	if err != nil {
		return err
	}
	report := a.verifyFindings(ctx, d, b.Filter(findings))
	visibility := c.Visibility
	if visibility == "" {
		if visibility, err = client.Visibility(ctx); err != nil {
			return err
		}
	}
	if visibility != "private" && !publicIssues {
		// Anyone can read a public repository's issues, job summaries and
		// annotations: none of them may point at a secret before it is
		// rotated.
		msg := a.reportPrivately(ctx, client, c, visibility, report, d)
		if !a.quiet {
			fmt.Fprintln(a.stderr, "hookscan: "+msg)
		}
		if c.StepSummary != "" {
			md := fmt.Sprintf("### hookscan: %d hard-coded secrets in the history of %s\n\n%s\n\n", len(ghreport.Unique(report)), c.Repository(), msg)
			if err := appendFile(c.StepSummary, md); err != nil {
				return fmt.Errorf("write job summary: %w", err)
			}
		}
		c.StepSummary, g.annotations = "", false
		a.publicInActions(c.Repository() + " is " + visibility)
		return a.githubFinish(ctx, d, b, c, g, findings, false, "", "hookscan/history/")
	}
	res, err := client.ReportIssues(ctx, report, d.Rule)
	if err != nil {
		return err
	}
	if !a.quiet {
		fmt.Fprintf(a.stderr, "hookscan: issues: %d opened, %d updated, %d reopened, %d unchanged\n", res.Created, res.Updated, res.Reopened, res.Unchanged)
	}
	return a.githubFinish(ctx, d, b, c, g, findings, false, "hookscan: history of "+c.Repository(), "hookscan/history/")
}

// reportPrivately reports the secrets of a public (or internal)
// repository where only its maintainers can see them: one draft
// repository security advisory per secret when the token may create
// them, else nowhere but code scanning (github sarif). It returns the
// sentence that says what was done and why nothing was posted publicly.
func (a *app) reportPrivately(ctx context.Context, client *ghreport.Client, c ghreport.Context, visibility string, findings []scanner.Finding, d *scanner.Detector) string {
	why := fmt.Sprintf("%s is %s, so hookscan opened no issue and wrote no place of a secret into this job's summary or annotations, which anyone who can read the repository sees before the secrets are rotated", c.Repository(), visibility)
	if len(findings) == 0 {
		return why + "."
	}
	res, err := client.ReportAdvisories(ctx, findings, d.Rule)
	switch {
	case err == nil:
		return fmt.Sprintf("%s. Each secret has a draft repository security advisory instead, seen only by the repository's admins and security managers (%d new, %d already there).", why, res.Created, res.Existing)
	case errors.Is(err, ghreport.ErrAdvisoriesRefused):
		return why + ". The token may not create draft security advisories (" + ghreport.PermAdvisories + "), so the findings go to code scanning only: upload them with hookscan github sarif (security-events: write), whose alerts only people with write access see. (" + err.Error() + ")"
	default:
		a.failed = true
		return why + ". Creating draft security advisories failed: " + err.Error()
	}
}
