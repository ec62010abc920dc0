package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	ghreport "github.com/hookscan/hookscan/internal/github"
	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
	"github.com/hookscan/hookscan/source/org"
)

// orgCategory is the SARIF category of organisation scans and of their
// merged reports, so that a merge gives the report one run would.
const orgCategory = "hookscan/org/"

// orgOptions are the flags of `hookscan github org`.
type orgOptions struct {
	shard   string
	shards  int
	state   string
	cache   string
	backend string
	filter  org.Filter
}

func newGitHubOrgCommand(a *app, g *githubFlags) *cobra.Command {
	o := &orgOptions{}
	cmd := &cobra.Command{
		Use:   "org ORG",
		Short: "Scan the history of every repository of an organisation, one shard of it at a time",
		Long: `Scan the full history of every repository of the organisation (or user) ORG.

Repositories are listed through the REST API at $GITHUB_API_URL (GitHub
Enterprise Server: https://HOST/api/v3) with the token in $GITHUB_TOKEN, 100 a
page, waiting out rate limits. Forks and empty repositories are left out
unless asked for; --match, --topic and --visibility narrow the list. Each one
is cloned bare into --cache, or fetched when it is already there; the token
goes to git in its environment, never in a URL, and only to clone URLs of
the API's GitHub over https (a repository whose clone URL is elsewhere, or
plain http beyond loopback, is skipped with a warning). Every finding names
its repository (owner/name) in text, json and sarif output.

--shard I/N scans only the repositories a stable hash of the name gives to
shard I of N, so N jobs (a GitHub Actions matrix, a Kubernetes Indexed Job)
share the work without talking to each other; hookscan merge joins their
reports. Without --shard, JOB_COMPLETION_INDEX (0-based, set by Kubernetes)
with --shards or $HOOKSCAN_SHARDS picks the shard.

--state FILE remembers every repository's branches and tags: the next run
lists each repository's refs (git ls-remote) and skips those that did not
move, without a clone or fetch; changed ones are fetched and only their new
commits scanned. A repository that cannot be reached or scanned is a
warning; the run goes on, reports the others and exits 2.`,
		Example: `  GITHUB_TOKEN=... hookscan github org acme -f sarif -o acme.sarif
  hookscan github org acme --shard 2/20 --state state.json -f json -o shard-2.json
  hookscan merge shard-*.json -f sarif -o acme.sarif`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			token := os.Getenv(g.tokenEnv)
			return withoutToken(a.runGitHubOrg(cmd.Context(), args[0], token, g, o), token)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.shard, "shard", "", "scan only shard I of N (1-based), e.g. 3/20")
	f.IntVar(&o.shards, "shards", 0, "number of shards when the shard comes from JOB_COMPLETION_INDEX (default $HOOKSCAN_SHARDS)")
	f.StringVar(&o.state, "state", "", "state file: skip repositories whose refs did not change, scan only new commits of the others")
	f.StringVar(&o.cache, "cache", "", "directory for bare clones, kept between runs (default: the user cache directory)")
	f.StringVar(&o.backend, "backend", "", `blob reader: "git" or "go-git"; default: git when installed`)
	f.BoolVar(&o.filter.Forks, "include-forks", false, "also scan forks")
	f.BoolVar(&o.filter.Empty, "include-empty", false, "also try repositories GitHub reports as empty")
	f.StringArrayVar(&o.filter.Match, "match", nil, "scan only repositories whose name matches this glob (repeatable)")
	f.StringArrayVar(&o.filter.Topics, "topic", nil, "scan only repositories with this topic (repeatable)")
	f.StringVar(&o.filter.Visibility, "visibility", "", "scan only public, private or internal repositories")
	return cmd
}

// resolveShard reads --shard, or JOB_COMPLETION_INDEX with --shards or
// HOOKSCAN_SHARDS.
func (o *orgOptions) resolveShard(getenv func(string) string) (org.Shard, error) {
	if o.shard != "" {
		return org.ParseShard(o.shard)
	}
	idx := getenv("JOB_COMPLETION_INDEX")
	if idx == "" {
		return org.Shard{}, nil
	}
	n := o.shards
	if n == 0 {
		if v := getenv("HOOKSCAN_SHARDS"); v != "" {
			var err error
			if n, err = strconv.Atoi(v); err != nil {
				return org.Shard{}, fmt.Errorf("read HOOKSCAN_SHARDS %q: want a number", v)
			}
		}
	}
	if n == 0 {
		return org.Shard{}, errors.New("JOB_COMPLETION_INDEX is set but not the number of shards: pass --shards N or set HOOKSCAN_SHARDS")
	}
	i, err := strconv.Atoi(idx)
	if err != nil {
		return org.Shard{}, fmt.Errorf("read JOB_COMPLETION_INDEX %q: want a number", idx)
	}
	return org.ParseShard(strconv.Itoa(i+1) + "/" + strconv.Itoa(n))
}

func (a *app) runGitHubOrg(ctx context.Context, owner, token string, g *githubFlags, o *orgOptions) error {
	if err := a.checkFormat(); err != nil {
		return err
	}
	if err := o.filter.Check(); err != nil {
		return err
	}
	shard, err := o.resolveShard(os.Getenv)
	if err != nil {
		return err
	}
	cache := o.cache
	if cache == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return fmt.Errorf("find cache directory: %w (pass --cache)", err)
		}
		cache = filepath.Join(dir, "hookscan", "repos")
	}
	var state *org.State
	if o.state != "" {
		if state, err = org.LoadState(o.state); err != nil {
			return err
		}
	}
	d, b, err := a.detector("")
	if err != nil {
		return err
	}
	apiURL := cmp.Or(g.apiURL, os.Getenv("GITHUB_API_URL"))
	lister, err := org.NewLister(org.ListOptions{
		APIURL: apiURL,
		Token:  token,
		Limits: ghreport.Options{MaxWait: g.maxWait, UserAgent: "hookscan/" + buildVersion(), Log: a.note},
	})
	if err != nil {
		return err
	}
	listed, err := lister.List(ctx, owner)
	if err != nil {
		return err
	}
	var repos []org.Repository
	for _, r := range listed {
		if o.filter.Keep(r) && shard.Has(r.FullName) {
			repos = append(repos, r)
		}
	}
	if a.verbose {
		fmt.Fprintf(a.stderr, "hookscan: %s: %d repositories listed, %d to scan in shard %s\n", owner, len(listed), len(repos), shard)
	}
	p := a.progress("blobs")
	failed := 0
	findings, _, err := org.Scan(ctx, d, repos, org.Options{
		Cache:   cache,
		Git:     org.Git{Token: token, APIURL: apiURL},
		State:   state,
		History: source.HistoryOptions{MaxFileSize: int64(a.maxFileSize), Jobs: a.jobs, Backend: o.backend},
		Warn:    a.orgWarn,
		Progress: func(repo string, i, n int, s source.HistoryStats) {
			p.prefix = fmt.Sprintf("[%d/%d] %s: ", i, n, repo)
			p.history(s)
		},
		Done: func(r org.RepoResult) {
			// Each history scan peaks at a different size and leaves the
			// heap fragmented; hand the pages back so that a run over
			// hundreds of repositories stays at one scan's footprint.
			debug.FreeOSMemory()
			if r.Action == org.ActionFailed {
				failed++
			}
			if a.verbose {
				a.shown.clear()
				fmt.Fprintln(a.stderr, "hookscan: "+repoSummary(r))
			}
		},
	})
	p.done()
	if err != nil {
		return err
	}
	if state != nil {
		if err := state.Save(o.state); err != nil {
			return err
		}
	}
	if failed > 0 {
		// The report of the others is still written, as dir writes it
		// past a path it cannot read; the exit code says it is
		// incomplete.
		a.failed = true
		a.note(fmt.Sprintf("warning: %d of %d repositories could not be scanned (see above)", failed, len(repos)))
	}
	return a.finish(ctx, d, b, findings, orgCategory)
}

// note prints a line on standard error unless --quiet.
func (a *app) note(s string) {
	if !a.quiet {
		a.shown.clear()
		fmt.Fprintln(a.stderr, "hookscan: "+s)
	}
}

// orgWarn reports a problem with one repository. The run goes on: one
// archived mirror that cannot be cloned must not keep the other five
// hundred repositories out of the report (the run then exits 2).
// Skipped blobs are said only with -v.
func (a *app) orgWarn(repo string, err error) {
	if _, skip := err.(*scanner.Skip); skip {
		if a.verbose {
			a.shown.clear()
			fmt.Fprintf(a.stderr, "hookscan: %s: %v\n", repo, err)
		}
		return
	}
	a.note(fmt.Sprintf("warning: %s: %v", repo, err))
}

// repoSummary is the one line -v prints per repository.
func repoSummary(r org.RepoResult) string {
	s := r.Repository + ": " + r.Action
	switch r.Action {
	case org.ActionFailed:
		return s
	case org.ActionUnchanged:
		return s + ", skipped"
	}
	if r.Incremental {
		s += ", new commits only"
	}
	return fmt.Sprintf("%s, %d blobs, %d findings, %s", s, r.Blobs, r.Findings, r.Elapsed.Round(time.Millisecond))
}
