package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/spf13/cobra"

	ghreport "github.com/hookscan/hookscan/internal/github"
	"github.com/hookscan/hookscan/internal/report"
	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

func init() { extraCommands = append(extraCommands, newGitHubCommand) }

// githubFlags override what GitHub Actions' environment says.
type githubFlags struct {
	tokenEnv    string
	repository  string
	eventName   string
	eventPath   string
	apiURL      string
	serverURL   string
	sha         string
	ref         string
	stepSummary string
	ghOutput    string
	pr          int
	base        string
	head        string
	maxWait     time.Duration
	timeout     time.Duration
	annotations bool
}

func newGitHubCommand(a *app) *cobra.Command {
	g := &githubFlags{}
	cmd := &cobra.Command{
		Use:   "github",
		Short: "Report to GitHub: pull request reviews, issues, code scanning",
		Long: `Report findings to GitHub from a GitHub Actions job, or from anywhere with a token.

  pr      scan what a pull request adds; one review with line comments on the
          secrets in its diff, and one summary comment kept up to date
  issues  scan history; one issue per secret, with its rotation checklist
  sarif   upload SARIF to code scanning
  scan    scan what the event brought and write the job summary; no API calls
  org     scan every repository of an organisation, sharded over N jobs

Everything comes from the environment GitHub Actions sets: GITHUB_TOKEN,
GITHUB_REPOSITORY, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH (the event JSON: pull
request number, base and head commits), GITHUB_API_URL, GITHUB_SERVER_URL,
GITHUB_SHA, GITHUB_REF, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT. Each flag below
overrides its variable. The repository to scan is the working directory; its
history must reach the base commit (actions/checkout with fetch-depth: 0).

Nothing sent to GitHub holds a full secret, and the token is never printed.
Rate limits are waited out when they lift within --max-wait; errors name the
token permission a call needs (pull-requests: write, issues: write,
security-events: write).`,
	}
	f := cmd.PersistentFlags()
	f.StringVar(&g.tokenEnv, "token-env", "GITHUB_TOKEN", "environment variable that holds the token (never pass a token as a flag)")
	f.StringVar(&g.repository, "repository", "", "owner/repo (default $GITHUB_REPOSITORY)")
	f.StringVar(&g.eventName, "event-name", "", "event name (default $GITHUB_EVENT_NAME)")
	f.StringVar(&g.eventPath, "event-path", "", "event JSON file (default $GITHUB_EVENT_PATH)")
	f.StringVar(&g.apiURL, "api-url", "", "REST API root (default $GITHUB_API_URL, else https://api.github.com)")
	f.StringVar(&g.serverURL, "server-url", "", "web root for links (default $GITHUB_SERVER_URL, else https://github.com)")
	f.StringVar(&g.sha, "sha", "", "commit to report on (default $GITHUB_SHA)")
	f.StringVar(&g.ref, "ref", "", "ref to report on (default $GITHUB_REF)")
	f.StringVar(&g.stepSummary, "step-summary", "", "append the Markdown job summary to this file (default $GITHUB_STEP_SUMMARY)")
	f.StringVar(&g.ghOutput, "github-output", "", "append step outputs (findings=N) to this file (default $GITHUB_OUTPUT)")
	f.IntVar(&g.pr, "pr", 0, "pull request number (default: from the event)")
	f.StringVar(&g.base, "base", "", "base commit (default: the event's pull_request.base.sha or push before)")
	f.StringVar(&g.head, "head", "", "head commit (default: the event's pull_request.head.sha or push after)")
	f.DurationVar(&g.maxWait, "max-wait", ghreport.DefaultMaxWait, "longest wait for a GitHub rate limit to lift")
	f.DurationVar(&g.timeout, "timeout", ghreport.DefaultRequestTimeout, "longest wait for GitHub to answer one request (connections: at most 10s)")
	f.BoolVar(&g.annotations, "annotations", os.Getenv("GITHUB_ACTIONS") == "true", "also print GitHub Actions annotations (default: on inside Actions)")
	cmd.AddCommand(newGitHubPRCommand(a, g), newGitHubIssuesCommand(a, g), newGitHubSARIFCommand(a, g), newGitHubScanCommand(a, g), newGitHubOrgCommand(a, g))
	return cmd
}

// context reads the GitHub context from the environment and the event
// file, with the flags on top.
func (g *githubFlags) context() (ghreport.Context, error) {
	c := ghreport.FromEnv(os.Getenv)
	c.Token = os.Getenv(g.tokenEnv)
	if g.repository != "" {
		if err := c.SetRepository(g.repository); err != nil {
			return c, err
		}
	}
	for _, o := range []struct {
		dst *string
		v   string
	}{
		{&c.EventName, g.eventName}, {&c.EventPath, g.eventPath}, {&c.APIURL, g.apiURL}, {&c.ServerURL, g.serverURL},
		{&c.SHA, g.sha}, {&c.Ref, g.ref}, {&c.StepSummary, g.stepSummary}, {&c.Output, g.ghOutput},
		{&c.Base, g.base}, {&c.Head, g.head},
	} {
		if o.v != "" {
			*o.dst = o.v
		}
	}
	if g.pr != 0 {
		c.PR = g.pr
	}
	if err := c.ReadEvent(); err != nil {
		return c, err
	}
	c.Defaults()
	return c, nil
}

// client returns an API client that says its waits on standard error.
func (a *app) githubClient(c ghreport.Context, g *githubFlags) (*ghreport.Client, error) {
	return ghreport.NewClient(c, ghreport.Options{
		MaxWait:        g.maxWait,
		RequestTimeout: g.timeout,
		ConnectTimeout: min(g.timeout, ghreport.DefaultConnectTimeout),
		UserAgent:      "hookscan/" + buildVersion(),
		Log: func(s string) {
			if !a.quiet {
				fmt.Fprintln(a.stderr, "hookscan: "+s)
			}
		},
	})
}

// scanEvent scans what the event brought: a pull request's or a push's
// commits (base..head), or, with no base, the whole history. since, when
// set, scans what came after it instead. A push whose base the clone
// lacks (a force-push, a shallow fetch) gets the whole history, with a
// warning; a pull request whose base is missing is an error.
func (a *app) scanEvent(ctx context.Context, d *scanner.Detector, c ghreport.Context, since string, all bool) ([]scanner.Finding, error) {
	opts := source.HistoryOptions{MaxFileSize: int64(a.maxFileSize), Jobs: a.jobs, Warn: a.historyWarn}
	switch {
	case since != "":
		opts.Since = since
	case all:
	case c.Base != "" && c.Head != "":
		for _, rev := range []string{c.Base, c.Head} {
			if _, err := gitOutput(ctx, "cat-file", "-e", rev+"^{commit}"); err == nil {
				continue
			}
			if c.PR != 0 {
				return nil, fmt.Errorf("scan pull request #%d: commit %s is not in the clone; check out with fetch-depth: 0", c.PR, shortCommit(rev))
			}
			if !a.quiet {
				fmt.Fprintf(a.stderr, "hookscan: warning: commit %s is not in the clone; scanning the whole history\n", shortCommit(rev))
			}
			return a.scanHistory(ctx, d, opts)
		}
		opts.Range = c.Base + ".." + c.Head
	}
	return a.scanHistory(ctx, d, opts)
}

func (a *app) scanHistory(ctx context.Context, d *scanner.Detector, opts source.HistoryOptions) ([]scanner.Finding, error) {
	p := a.progress("blobs")
	opts.Progress = p.history
	findings, err := source.History(ctx, d, ".", opts)
	p.done()
	a.missingSummary()
	return findings, err
}

// githubFinish writes what every github command writes besides the API calls:
// publicInActions marks standard output as public when the run is a
// GitHub Actions job (GITHUB_ACTIONS=true) of a repository that is not
// private (why says so): anyone who can read the repository reads the
// job's log.
func (a *app) publicInActions(why string) {
	if os.Getenv("GITHUB_ACTIONS") == "true" {
		a.publicLog = why
	}
}

// annotations, the job summary, the step outputs; then the -f/-o report
// and the exit code.
// Findings still in the head are reported at their lines there (code
// scanning shows them on the head's files); atHead says that was done.
func (a *app) githubFinish(ctx context.Context, d *scanner.Detector, b *scanner.Baseline, c ghreport.Context, g *githubFlags, findings []scanner.Finding, atHead bool, title, category string, extra ...string) error {
	findings = b.Filter(findings)
	if !atHead && c.Head != "" {
		findings = a.linesAtHead(ctx, d, c.Head, findings)
	}
	findings = a.verifyFindings(ctx, d, findings)
	if g.annotations && !(a.format == "github" && a.output == "") {
		if err := report.WriteGitHub(a.stdout, findings, report.Options{Rules: d.Rule}); err != nil {
			return err
		}
	}
	if c.StepSummary != "" {
		md := ghreport.StepSummary(title, findings, c.Links(), c.Head)
		for _, e := range extra {
			md += "\n" + e + "\n"
		}
		if err := appendFile(c.StepSummary, md+"\n"); err != nil {
			return fmt.Errorf("write job summary: %w", err)
		}
	}
	if c.Output != "" {
		if err := appendFile(c.Output, fmt.Sprintf("findings=%d\n", len(findings))); err != nil {
			return fmt.Errorf("write step outputs: %w", err)
		}
	}
	return a.finish(ctx, d, b, findings, category)
}

func appendFile(path, s string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(s); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// withoutToken keeps the token out of an error's message, whatever made
// it. Exit codes pass through.
func withoutToken(err error, token string) error {
	var ee *exitError
	if err == nil || token == "" || errors.As(err, &ee) || !strings.Contains(err.Error(), token) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), token, "***"))
}

// gitOutput runs git in the working directory and returns its standard
// output.
func gitOutput(ctx context.Context, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return out.Bytes(), nil
}
