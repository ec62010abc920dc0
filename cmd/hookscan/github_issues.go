package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	ghreport "github.com/hookscan/hookscan/internal/github"
)

func newGitHubIssuesCommand(a *app, g *githubFlags) *cobra.Command {
	var since string
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
			return withoutToken(a.runGitHubIssues(cmd.Context(), c, g, since), c.Token)
		},
	}
	cmd.Flags().StringVar(&since, "since", "", "scan only what commits after REF add, not the whole history")
	return cmd
}

func (a *app) runGitHubIssues(ctx context.Context, c ghreport.Context, g *githubFlags, since string) error {
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
	res, err := client.ReportIssues(ctx, a.verifyFindings(ctx, d, b.Filter(findings)), d.Rule)
	if err != nil {
		return err
	}
	if !a.quiet {
		fmt.Fprintf(a.stderr, "hookscan: issues: %d opened, %d updated, %d reopened, %d unchanged\n", res.Created, res.Updated, res.Reopened, res.Unchanged)
	}
	return a.githubFinish(ctx, d, b, c, g, findings, false, "hookscan: history of "+c.Repository(), "hookscan/history/")
}
