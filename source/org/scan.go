package org

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

// What Scan did with a repository, in RepoResult.Action.
const (
	// ActionCloned: no clone was cached; one was made and scanned.
	ActionCloned = "cloned"
	// ActionFetched: the cached clone was fetched and scanned.
	ActionFetched = "fetched"
	// ActionUnchanged: the refs were those of the state file; nothing was
	// cloned, fetched or scanned.
	ActionUnchanged = "unchanged"
	// ActionFailed: the repository could not be listed, cloned, fetched or
	// scanned; RepoResult.Err says why.
	ActionFailed = "failed"
)

// defaultProbes is how many ref listings run at once: each is one round
// trip to GitHub, so 16 at once list 100 repositories in about six round
// trips.
const defaultProbes = 16

// Options say how to scan an organisation's repositories.
type Options struct {
	// Cache is the directory that holds one bare clone per repository,
	// kept between runs so that later runs only fetch.
	Cache string
	// Git runs git, with the token.
	Git Git
	// State, when not nil, is the last run's view: repositories whose refs
	// match it are skipped without a clone or fetch, changed ones have
	// only their new commits scanned, and State is updated for every
	// repository scanned to the end. The caller saves it.
	State *State
	// History is applied to every repository's history scan; its Warn and
	// Progress are replaced by the ones below.
	History source.HistoryOptions
	// Probes is how many ref listings run at once; 0 means 16.
	Probes int
	// Warn receives problems that do not stop the run: a repository that
	// cannot be reached or scanned, and the history scan's own warnings.
	Warn func(repository string, err error)
	// Progress receives each history scan's progress, with the
	// repository's place in the run (1-based) and the number to scan.
	Progress func(repository string, i, n int, s source.HistoryStats)
	// Done is called once per repository when it is finished.
	Done func(RepoResult)
}

// RepoResult tells what happened to one repository.
type RepoResult struct {
	// Repository is owner/name.
	Repository string
	// Action is one of the Action constants.
	Action string
	// Incremental is set when only commits new since the state were
	// scanned.
	Incremental bool
	// Findings is the number of findings in this repository.
	Findings int
	// Blobs is the number of blobs scanned.
	Blobs int
	// Elapsed is the time spent on the repository.
	Elapsed time.Duration
	// Err is why the repository failed, when it did.
	Err error
}

// CacheDir is where the bare clone of fullName lives under cache.
func CacheDir(cache, fullName string) (string, error) {
	parts := strings.Split(strings.ToLower(fullName), "/")
	if len(parts) != 2 {
		return "", fmt.Errorf("cache %q: want owner/name", fullName)
	}
	for _, p := range parts {
		if p == "" || p == "." || p == ".." || strings.ContainsAny(p, `\:`) {
			return "", fmt.Errorf("cache %q: want owner/name", fullName)
		}
	}
	return filepath.Join(cache, parts[0], parts[1]+".git"), nil
}

// Scan scans the history of every repository in repos, one after the
// other (each history scan uses every core), and returns their findings,
// each naming its repository, de-duplicated and sorted as Merge does. A
// repository that fails is reported through Warn and the run goes on;
// only a cancelled context ends it early.
func Scan(ctx context.Context, d *scanner.Detector, repos []Repository, opts Options) ([]scanner.Finding, []RepoResult, error) {
	refs := make([]map[string]string, len(repos))
	probeErr := make([]error, len(repos))
	if opts.State != nil {
		probe(ctx, opts, repos, refs, probeErr)
	}
	var all []scanner.Finding
	results := make([]RepoResult, 0, len(repos))
	for i, r := range repos {
		if err := ctx.Err(); err != nil {
			return nil, results, err
		}
		start := time.Now()
		res := RepoResult{Repository: r.FullName}
		var fs []scanner.Finding
		switch {
		case probeErr[i] != nil:
			res.Action, res.Err = ActionFailed, probeErr[i]
		case opts.State != nil && opts.State.unchanged(r.FullName, refs[i]):
			res.Action = ActionUnchanged
		default:
			fs, res = scanOne(ctx, d, r, i, len(repos), refs[i], opts)
		}
		if res.Err != nil && ctx.Err() != nil {
			return nil, results, ctx.Err()
		}
		res.Elapsed = time.Since(start)
		res.Findings = len(fs)
		if res.Err != nil && opts.Warn != nil {
			opts.Warn(r.FullName, res.Err)
		}
		if opts.Done != nil {
			opts.Done(res)
		}
		results = append(results, res)
		all = append(all, fs...)
	}
	return Merge(all), results, nil
}

// probe lists every repository's refs, a few at a time.
func probe(ctx context.Context, opts Options, repos []Repository, refs []map[string]string, errs []error) {
	sem := make(chan struct{}, cmp.Or(opts.Probes, defaultProbes))
	var wg sync.WaitGroup
	for i, r := range repos {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			refs[i], errs[i] = opts.Git.LsRemote(ctx, r.CloneURL)
		}()
	}
	wg.Wait()
}

// scanOne brings one repository's clone up to date and scans it: only
// the commits new since the state when the state knows the repository and
// every old commit is still there, the whole history otherwise.
func scanOne(ctx context.Context, d *scanner.Detector, r Repository, i, n int, refs map[string]string, opts Options) ([]scanner.Finding, RepoResult) {
	res := RepoResult{Repository: r.FullName, Action: ActionFailed}
	dir, err := CacheDir(opts.Cache, r.FullName)
	if err != nil {
		res.Err = err
		return nil, res
	}
	cloned, err := opts.Git.Sync(ctx, r.CloneURL, dir)
	if err != nil {
		res.Err = err
		return nil, res
	}
	res.Action = ActionFetched
	if cloned {
		res.Action = ActionCloned
	}
	ranges := []string{""}
	if opts.State != nil {
		if old, ok := opts.State.Repositories[r.FullName]; ok {
			if rs, ok := newRanges(ctx, opts.Git, dir, old, refs); ok {
				ranges, res.Incremental = rs, true
			}
		}
	}
	h := opts.History
	h.Warn = func(err error) {
		if opts.Warn != nil {
			opts.Warn(r.FullName, err)
		}
	}
	var seen []scanner.Finding
	for _, rg := range ranges {
		h.Range = rg
		h.Progress = func(s source.HistoryStats) {
			if s.Done {
				res.Blobs += s.Scanned
			}
			if opts.Progress != nil {
				opts.Progress(r.FullName, i+1, n, s)
			}
		}
		fs, err := source.History(ctx, d, dir, h)
		if err != nil {
			res.Action, res.Err = ActionFailed, fmt.Errorf("scan %s: %w", r.FullName, err)
			return nil, res
		}
		for k := range fs {
			fs[k].Repository = r.FullName
		}
		seen = append(seen, fs...)
	}
	if opts.State != nil {
		opts.State.Repositories[r.FullName] = RepoState{DefaultBranch: r.DefaultBranch, Refs: refs, Scanned: time.Now().UTC()}
	}
	return Merge(seen), res
}

// newRanges returns one range per ref that moved or appeared since the
// state: from the ref's old commit, or the old default branch for a new
// ref, to the ref. It reports false when some ref has no old commit to
// start from in the clone (a force push the old commits did not survive,
// a repository the state knew empty): then the whole history is scanned.
func newRanges(ctx context.Context, g Git, dir string, old RepoState, refs map[string]string) ([]string, bool) {
	var ranges []string
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range refs {
			if !yield(k) {
				return
			}
		}
	})
	for _, ref := range names {
		id := refs[ref]
		if strings.HasSuffix(ref, "^{}") || old.Refs[ref] == id {
			continue
		}
		base := old.Refs[ref]
		if base == "" {
			base = old.Refs["refs/heads/"+old.DefaultBranch]
		}
		if base == "" || !g.HasCommit(ctx, dir, base) {
			return nil, false
		}
		ranges = append(ranges, base+".."+ref)
	}
	return ranges, true
}

// Merge joins findings from several scans or shard reports: one finding
// per (repository, fingerprint, file, commit, line, column), sorted by
// repository, file, line, column, rule and commit, so that the same
// findings always come out in the same order.
func Merge(lists ...[]scanner.Finding) []scanner.Finding {
	type key struct {
		repo, fp, file, commit string
		line, col              int
	}
	seen := map[key]bool{}
	var out []scanner.Finding
	for _, fs := range lists {
		for _, f := range fs {
			if f.Fingerprint == "" {
				f.Fingerprint = scanner.Fingerprint(f.RuleID, f.Secret)
			}
			k := key{f.Repository, f.Fingerprint, f.File, f.Commit, f.Line, f.Column}
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b scanner.Finding) int {
		return cmp.Or(
			strings.Compare(a.Repository, b.Repository),
			strings.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			strings.Compare(a.RuleID, b.RuleID),
			strings.Compare(a.Commit, b.Commit),
			strings.Compare(a.Fingerprint, b.Fingerprint),
		)
	})
	return out
}
