package main

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	ghreport "github.com/hookscan/hookscan/internal/github"
	"github.com/hookscan/hookscan/internal/report"
)

func newGitHubSARIFCommand(a *app, g *githubFlags) *cobra.Command {
	var since string
	var all bool
	cmd := &cobra.Command{
		Use:   "sarif [FILE]",
		Short: "Upload SARIF to GitHub code scanning",
		Long: `Upload a SARIF file to code scanning for the context's commit and ref (GITHUB_SHA
and GITHUB_REF, or --sha and --ref), gzipped and base64-encoded as the API asks.
With no FILE, scan what the event brought first (as "github scan" does) and
upload that. Needs permissions: security-events: write. Pull requests from forks
cannot upload.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := g.context()
			if err != nil {
				return err
			}
			return withoutToken(a.runGitHubSARIF(cmd.Context(), c, g, args, since, all), c.Token)
		},
	}
	cmd.Flags().StringVar(&since, "since", "", "scan only what commits after REF add")
	cmd.Flags().BoolVar(&all, "all-history", false, "scan the whole history, whatever the event")
	return cmd
}

func (a *app) runGitHubSARIF(ctx context.Context, c ghreport.Context, g *githubFlags, args []string, since string, all bool) error {
	client, err := a.githubClient(c, g)
	if err != nil {
		return err
	}
	if len(args) == 1 {
		data, err := os.ReadFile(args[0])
		if err != nil {
			return fmt.Errorf("read SARIF: %w", err)
		}
		return a.uploadSARIF(ctx, client, c, data)
	}
	if err := a.checkFormat(); err != nil {
		return err
	}
	d, b, err := a.detector(".")
	if err != nil {
		return err
	}
	findings, err := a.scanEvent(ctx, d, c, since, all)
	if err != nil {
		return err
	}
	findings = b.Filter(findings)
	if c.Head != "" {
		findings = a.linesAtHead(ctx, d, c.Head, findings)
	}
	findings = a.verifyFindings(ctx, d, findings)
	var buf bytes.Buffer
	err = report.Write(&buf, findings, report.Options{Format: "sarif", Rules: d.Rule, ToolVersion: buildVersion(), Category: eventCategory(c)})
	if err != nil {
		return err
	}
	if err := a.uploadSARIF(ctx, client, c, buf.Bytes()); err != nil {
		return err
	}
	return a.githubFinish(ctx, d, b, c, g, findings, true, "hookscan", eventCategory(c))
}

func (a *app) uploadSARIF(ctx context.Context, client *ghreport.Client, c ghreport.Context, data []byte) error {
	id, err := client.UploadSARIF(ctx, data, c.SHA, c.Ref)
	if err != nil {
		return err
	}
	if !a.quiet {
		fmt.Fprintf(a.stderr, "hookscan: uploaded SARIF to code scanning for %s at %s (upload %s)\n", c.Ref, shortCommit(c.SHA), id)
	}
	if c.Output != "" {
		if err := appendFile(c.Output, "sarif-id="+id+"\n"); err != nil {
			return fmt.Errorf("write step outputs: %w", err)
		}
	}
	return nil
}

func shortCommit(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
