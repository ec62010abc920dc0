package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	ghreport "github.com/hookscan/hookscan/internal/github"
	"github.com/hookscan/hookscan/scanner"
)

func newGitHubPRCommand(a *app, g *githubFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "pr",
		Short: "Review a pull request: line comments on new secrets, one summary comment",
		Long: `Scan what a pull request adds (the commits in base..head) and report on it:

- one review (event COMMENT) whose line comments sit on the secrets that are on
  lines of the diff, each with its provider, what to do now (rotate first: the
  secret is already in git history), the provider's rotation steps and where the
  secret should live instead;
- one summary comment listing every secret in the pull request, edited in place
  on each run: secrets outside the diff, and secrets a later push removed from
  the branch (still in its history, so still to be rotated).

A re-run on the same head posts nothing new. Pull requests from forks get a
read-only token: then nothing is posted, and the annotations and the job summary
carry the findings. Needs permissions: pull-requests: write, contents: read.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := g.context()
			if err != nil {
				return err
			}
			return withoutToken(a.runGitHubPR(cmd.Context(), c, g), c.Token)
		},
	}
}

func (a *app) runGitHubPR(ctx context.Context, c ghreport.Context, g *githubFlags) error {
	if err := a.checkFormat(); err != nil {
		return err
	}
	if c.PR == 0 || c.Base == "" || c.Head == "" {
		return errors.New("no pull request in the context: run on a pull_request event, or pass --pr, --base and --head")
	}
	// Review comments are made on a commit id: resolve names (--head HEAD).
	for _, rev := range []*string{&c.Base, &c.Head} {
		out, err := gitOutput(ctx, "rev-parse", "--verify", "--quiet", *rev+"^{commit}")
		if err != nil {
			return fmt.Errorf("scan pull request #%d: commit %s is not in the clone; check out with fetch-depth: 0", c.PR, shortCommit(*rev))
		}
		*rev = string(bytes.TrimSpace(out))
	}
	// What judges the pull request comes from its base commit: a pull
	// request that edits .hookscan.yaml, the baseline or .gitleaksignore
	// cannot silence its own scan.
	t, err := a.pullRequestRules(ctx, c)
	if err != nil {
		return err
	}
	d, b := t.d, t.base
	findings, err := a.scanEvent(ctx, t.all, c, "", false)
	if err != nil {
		return err
	}
	findings = b.Filter(a.suppress.filter(d, findings, nil))
	findings, allowed := a.allowedByPullRequest(ctx, t, c, findings)
	findings = a.verifyFindings(ctx, d, a.linesAtHead(ctx, d, c.Head, findings))
	if len(allowed) > 0 && !a.quiet {
		fmt.Fprintf(a.stderr, "hookscan: pull request #%d silences %d secret%s itself (markers or baseline entries it adds); the summary comment names them\n", c.PR, len(allowed), plural(len(allowed)))
	}

	var extra []string
	switch {
	case c.Fork:
		msg := "pull request from a fork: its token is read-only, so no review or comment was posted; the annotations and this summary list the findings"
		if !a.quiet {
			fmt.Fprintln(a.stderr, "hookscan: "+msg)
		}
		extra = append(extra, "_"+msg+"._")
	case len(findings) == 0 && len(allowed) == 0 && c.Token == "":
		// Nothing to say and no way to say it: a clean run needs no token.
	default:
		client, err := a.githubClient(c, g)
		if err != nil {
			return err
		}
		diff, err := a.pullRequestDiff(ctx, client, c)
		if err != nil {
			return err
		}
		visibility := c.Visibility
		if visibility == "" {
			if visibility, err = client.Visibility(ctx); err != nil {
				return err
			}
		}
		res, err := client.ReportPullRequest(ctx, ghreport.PullRequest{
			Public: visibility != "private",
			Number: c.PR, Head: c.Head, Findings: findings, Diff: diff, Rules: d.Rule,
			Allowed: allowed, Notes: t.notes,
		})
		if err != nil {
			return err
		}
		if !a.quiet {
			fmt.Fprintf(a.stderr, "hookscan: pull request #%d: %d new line comment%s, summary %s\n", c.PR, res.Comments, plural(res.Comments), orNone(res.Summary))
		}
		if res.SummaryURL != "" {
			extra = append(extra, "Summary comment: "+res.SummaryURL)
		}
	}
	return a.githubFinish(ctx, d, b, c, g, findings, true, fmt.Sprintf("hookscan: pull request #%d", c.PR), "hookscan/pr/", extra...)
}

func orNone(s string) string {
	if s == "" {
		return "not needed"
	}
	return s
}

// pullRequestDiff computes the lines a review may comment on from the
// local clone (git diff BASE...HEAD, as GitHub shows a pull request), or
// asks GitHub when the clone cannot.
func (a *app) pullRequestDiff(ctx context.Context, client *ghreport.Client, c ghreport.Context) (ghreport.DiffLines, error) {
	out, err := gitOutput(ctx, "-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "-M", "--unified=3",
		"--src-prefix=a/", "--dst-prefix=b/", c.Base+"..."+c.Head, "--")
	if err == nil {
		return ghreport.ParseDiff(bytes.NewReader(out))
	}
	if a.verbose {
		fmt.Fprintf(a.stderr, "hookscan: local diff failed, asking GitHub for the pull request's files: %v\n", err)
	}
	return client.PullRequestDiffLines(ctx, c.PR)
}

// linesAtHead moves each finding the head still holds to where it sits at
// the head: a history finding gives its line in the commit that brought
// it, and later commits of the branch may have moved it. The head's
// version of the file is scanned again and the secret found by
// fingerprint.
func (a *app) linesAtHead(ctx context.Context, d *scanner.Detector, head string, findings []scanner.Finding) []scanner.Finding {
	byFile := map[string][]scanner.Finding{}
	for i := range findings {
		f := &findings[i]
		if f.InHead == nil || !*f.InHead {
			continue
		}
		at, ok := byFile[f.File]
		if !ok {
			data, err := gitOutput(ctx, "cat-file", "blob", head+":"+f.File)
			if err == nil {
				at = d.Scan(scanner.Fragment{Path: f.File, Raw: data})
			}
			byFile[f.File] = at
		}
		for _, h := range at {
			if h.Fingerprint == f.Fingerprint || h.Fingerprint == "" && scanner.Fingerprint(h.RuleID, h.Secret) == scanner.Fingerprint(f.RuleID, f.Secret) {
				f.Line, f.Column, f.EndLine, f.EndColumn = h.Line, h.Column, h.EndLine, h.EndColumn
				break
			}
		}
	}
	return findings
}
