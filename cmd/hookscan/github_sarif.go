package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	ghreport "github.com/hookscan/hookscan/internal/github"
	"github.com/hookscan/hookscan/internal/report"
	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

func newGitHubSARIFCommand(a *app, g *githubFlags) *cobra.Command {
	var since string
	var all bool
	var wait time.Duration
	cmd := &cobra.Command{
		Use:   "sarif [FILE]",
		Short: "Upload SARIF to GitHub code scanning",
		Long: `Upload a SARIF file to code scanning for the context's commit and ref (GITHUB_SHA
and GITHUB_REF, or --sha and --ref), gzipped and base64-encoded as the API asks,
then wait (--wait) for code scanning to process it and report its errors.

With no FILE, scan first. Code scanning closes every alert an upload of the same
category no longer holds, so each upload describes the whole state of the ref:
every secret the head commit holds (category hookscan/head/), or with
--all-history every secret in the history too (category hookscan/history/). On a
pull_request event it holds what the pull request's commits add, under its own
category (hookscan/pr/). Needs permissions: security-events: write. Pull
requests from forks cannot upload.

A FILE from an organisation scan names each result's repository: only the
results of the repository uploaded to (--repository, $GITHUB_REPOSITORY)
are uploaded, and a FILE that holds results of other repositories only is
refused, as its upload would close this repository's alerts.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := g.context()
			if err != nil {
				return err
			}
			return withoutToken(a.runGitHubSARIF(cmd.Context(), c, g, args, since, all, wait), c.Token)
		},
	}
	cmd.Flags().StringVar(&since, "since", "", "not allowed: an upload of part of the history would close the alerts of the rest")
	cmd.Flags().BoolVar(&all, "all-history", false, "upload every secret in the history, not only those the head holds")
	cmd.Flags().DurationVar(&wait, "wait", 2*time.Minute, "longest wait for code scanning to process the upload (0: do not wait)")
	return cmd
}

// Code-scanning categories (SARIF runAutomationDetails.id): the same on
// every run of a kind, so that an alert closes only when the secret is
// gone from what that kind of run describes.
const (
	categoryHead    = "hookscan/head/"
	categoryHistory = "hookscan/history/"
	categoryPR      = "hookscan/pr/"
)

// headState returns every secret the head commit (c.Head, else HEAD)
// holds, at its line there: the history reachable from the head is
// scanned, and what the head no longer holds is dropped. A shallow clone
// gives the head's own tree.
func (a *app) headState(ctx context.Context, d *scanner.Detector, c ghreport.Context) ([]scanner.Finding, error) {
	head := cmpOr(c.Head, "HEAD")
	findings, err := a.scanHistory(ctx, d, source.HistoryOptions{MaxFileSize: int64(a.maxFileSize), Jobs: a.jobs, Warn: a.historyWarn, Branch: head})
	if err != nil {
		return nil, err
	}
	out := findings[:0]
	for _, f := range findings {
		if f.InHead != nil && *f.InHead {
			out = append(out, f)
		}
	}
	return a.linesAtHead(ctx, d, head, out), nil
}

// mergeFindings adds to fs those of more it lacks (by secret and file).
func mergeFindings(fs, more []scanner.Finding) []scanner.Finding {
	seen := map[string]bool{}
	for _, f := range fs {
		seen[f.Fingerprint+"\x00"+f.File] = true
	}
	for _, f := range more {
		if !seen[f.Fingerprint+"\x00"+f.File] {
			seen[f.Fingerprint+"\x00"+f.File] = true
			fs = append(fs, f)
		}
	}
	return fs
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (a *app) runGitHubSARIF(ctx context.Context, c ghreport.Context, g *githubFlags, args []string, since string, all bool, wait time.Duration) error {
	if since != "" {
		return errors.New("upload SARIF: --since would upload part of the history, and code scanning would close the alerts of everything else; upload the head's state (no flag) or --all-history")
	}
	client, err := a.githubClient(c, g)
	if err != nil {
		return err
	}
	if len(args) == 1 {
		data, err := os.ReadFile(args[0])
		if err != nil {
			return fmt.Errorf("read SARIF: %w", err)
		}
		if data, err = a.repositoryPart(args[0], data, c.Repository()); err != nil {
			return err
		}
		return a.uploadSARIF(ctx, client, c, data, wait)
	}
	if err := a.checkFormat(); err != nil {
		return err
	}
	d, b, err := a.detector(".")
	if err != nil {
		return err
	}
	var findings []scanner.Finding
	category := categoryHead
	switch {
	case c.PR != 0 && !all:
		category = categoryPR
		var extra []string // the PR's own allowances: reported by github pr
		if d, b, findings, err = a.scanForEvent(ctx, c, "", false, &extra); err == nil && c.Head != "" {
			findings = a.linesAtHead(ctx, d, c.Head, findings)
		}
	case all:
		category = categoryHistory
		if findings, err = a.scanEvent(ctx, d, c, "", true); err == nil {
			findings = a.linesAtHead(ctx, d, cmpOr(c.Head, "HEAD"), findings)
		}
	default:
		findings, err = a.headState(ctx, d, c)
	}
	if err != nil {
		return err
	}
	findings = b.Filter(findings)
	var buf bytes.Buffer
	err = report.Write(&buf, findings, report.Options{Format: "sarif", Rules: d.Rule, ToolVersion: buildVersion(), Category: category})
	if err != nil {
		return err
	}
	if err := a.uploadSARIF(ctx, client, c, buf.Bytes(), wait); err != nil {
		return err
	}
	return a.githubFinish(ctx, d, b, c, g, findings, true, "hookscan", category)
}

// repositoryPart keeps the results of a SARIF file that belong to
// repository, and says how many of other repositories were left out (an
// organisation report holds every repository's). A file whose results
// all belong elsewhere is refused: uploading it would close every alert
// of this repository in its category. A file with no results at all is
// uploaded, as it is the way to close alerts.
func (a *app) repositoryPart(path string, data []byte, repository string) ([]byte, error) {
	out, kept, others, err := report.SARIFForRepository(path, data, repository)
	if err != nil || len(others) == 0 {
		return out, err
	}
	n, left := 0, make([]string, 0, 5)
	for _, name := range slices.Sorted(maps.Keys(others)) {
		if n += others[name]; len(left) < cap(left) {
			left = append(left, fmt.Sprintf("%s %d", name, others[name]))
		}
	}
	if more := len(others) - len(left); more > 0 {
		left = append(left, fmt.Sprintf("%d more repositories", more))
	}
	if kept == 0 {
		return nil, fmt.Errorf("upload SARIF %s: none of its %d results is of %s (they are of %s); an upload without them would close every alert of %s in its category, so nothing was uploaded (hookscan merge --repository %s -f sarif writes that repository's part of a report)", path, n, repository, strings.Join(left, ", "), repository, repository)
	}
	if !a.quiet {
		fmt.Fprintf(a.stderr, "hookscan: %s: uploading %d result%s of %s; left out %d of other repositories (%s)\n", path, kept, plural(kept), repository, n, strings.Join(left, ", "))
	}
	return out, nil
}

func (a *app) uploadSARIF(ctx context.Context, client *ghreport.Client, c ghreport.Context, data []byte, wait time.Duration) error {
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
	if wait <= 0 || id == "" {
		return nil
	}
	p, err := client.WaitSARIF(ctx, id, wait)
	if err != nil {
		return err
	}
	if p.Status == "pending" && !a.quiet {
		fmt.Fprintf(a.stderr, "hookscan: warning: code scanning had not processed upload %s after %s; its alerts will follow\n", id, wait)
	} else if a.verbose {
		fmt.Fprintf(a.stderr, "hookscan: code scanning processed upload %s\n", id)
	}
	return nil
}

func shortCommit(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
