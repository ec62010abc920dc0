package org_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	ghapi "github.com/hookscan/hookscan/internal/github"
	"github.com/hookscan/hookscan/internal/scantest"
	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
	"github.com/hookscan/hookscan/source/org"
	"github.com/hookscan/hookscan/source/org/orgtest"
)

func list(t *testing.T, s *orgtest.Server, f org.Filter) []org.Repository {
	t.Helper()
	l, err := org.NewLister(org.ListOptions{APIURL: s.APIURL(), Token: s.Token})
	if err != nil {
		t.Fatal(err)
	}
	all, err := l.List(context.Background(), s.Org)
	if err != nil {
		t.Fatal(err)
	}
	var kept []org.Repository
	for _, r := range all {
		if f.Keep(r) {
			kept = append(kept, r)
		}
	}
	return kept
}

func scan(t *testing.T, d *scanner.Detector, repos []org.Repository, opts org.Options) ([]scanner.Finding, []org.RepoResult) {
	t.Helper()
	var warnings []string
	opts.Warn = func(repo string, err error) { warnings = append(warnings, repo+": "+err.Error()) }
	opts.History.Backend = source.BackendGit
	fs, res, err := org.Scan(context.Background(), d, repos, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		t.Errorf("warnings: %q", warnings)
	}
	return fs, res
}

func TestListFollowsPagesAndFilters(t *testing.T) {
	t.Parallel()
	s := orgtest.Sample(t)
	s.Token = "test-token-value"
	all := list(t, s, org.Filter{Empty: true})
	if len(all) != 6 {
		t.Fatalf("listed %d repositories, want 6", len(all))
	}
	if got := len(s.Requests()); got != 3 {
		t.Errorf("%d requests for 6 repositories 2 a page, want 3: %q", got, s.Requests())
	}
	if got := list(t, s, org.Filter{}); len(got) != 5 || slices.ContainsFunc(got, func(r org.Repository) bool { return r.FullName == "acme/empty" }) {
		t.Errorf("default filter kept %v, want the 5 non-empty repositories", got)
	}
	if got := list(t, s, org.Filter{Match: []string{"b*", "d*"}}); len(got) != 2 {
		t.Errorf("globs b*, d* kept %d repositories, want 2", len(got))
	}
	if err := (org.Filter{Match: []string{"["}}).Check(); err == nil {
		t.Error("a malformed glob passed Check")
	}
	if err := (org.Filter{Visibility: "secret"}).Check(); err == nil {
		t.Error("an unknown visibility passed Check")
	}
}

func TestListWaitsOutARateLimit(t *testing.T) {
	t.Parallel()
	s := orgtest.Sample(t)
	s.LimitPage = 2
	var waits []time.Duration
	l, err := org.NewLister(org.ListOptions{APIURL: s.APIURL(), Limits: ghapi.Options{
		Sleep: func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil },
	}})
	if err != nil {
		t.Fatal(err)
	}
	all, err := l.List(context.Background(), s.Org)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 6 || !slices.Equal(waits, []time.Duration{7 * time.Second}) || len(s.Requests()) != 4 {
		t.Errorf("listed %d after waits %v and %d requests; want 6 after one 7s wait and 4 requests", len(all), waits, len(s.Requests()))
	}
}

func TestListWrongTokenNamesNoToken(t *testing.T) {
	t.Parallel()
	s := orgtest.Sample(t)
	s.Token = "right-token"
	l, err := org.NewLister(org.ListOptions{APIURL: s.APIURL(), Token: "wrong-token-value"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = l.List(context.Background(), s.Org)
	if err == nil || !strings.Contains(err.Error(), "401") || strings.Contains(err.Error(), "wrong-token-value") {
		t.Errorf("error %v: want a 401 that does not show the token", err)
	}
}

func TestScanFindsEverySecretWithItsRepository(t *testing.T) {
	t.Parallel()
	s := orgtest.Sample(t)
	repos := list(t, s, org.Filter{Empty: true})
	fs, res := scan(t, scantest.Detector(t), repos, org.Options{Cache: t.TempDir()})
	byRepo := map[string]string{}
	for _, f := range fs {
		byRepo[f.Repository] = f.Secret
	}
	for _, name := range orgtest.SampleNames {
		if got := byRepo["acme/"+name]; got != orgtest.Secret(name) {
			t.Errorf("acme/%s: found %q, want its planted secret", name, got)
		}
	}
	if len(byRepo) != 5 || len(fs) != 5 {
		t.Errorf("%d findings in %d repositories, want 5 in 5", len(fs), len(byRepo))
	}
	for _, r := range res {
		if r.Action != org.ActionCloned {
			t.Errorf("%s: %s, want cloned", r.Repository, r.Action)
		}
	}
}

func TestShardsPartitionTheOrganisation(t *testing.T) {
	t.Parallel()
	s := orgtest.Sample(t)
	repos := list(t, s, org.Filter{})
	d := scantest.Detector(t)
	whole, _ := scan(t, d, repos, org.Options{Cache: t.TempDir()})
	var shards [][]scanner.Finding
	owner := map[string]int{}
	for i := 1; i <= 3; i++ {
		sh, err := org.ParseShard(fmt.Sprintf("%d/3", i))
		if err != nil {
			t.Fatal(err)
		}
		var mine []org.Repository
		for _, r := range repos {
			if sh.Has(r.FullName) {
				if prev, ok := owner[r.FullName]; ok {
					t.Errorf("%s in shards %d and %d", r.FullName, prev, i)
				}
				owner[r.FullName] = i
				mine = append(mine, r)
			}
		}
		fs, _ := scan(t, d, mine, org.Options{Cache: t.TempDir()})
		shards = append(shards, fs)
	}
	if len(owner) != len(repos) {
		t.Errorf("shards hold %d of %d repositories", len(owner), len(repos))
	}
	if got := org.Merge(shards...); !slices.EqualFunc(got, whole, sameFinding) {
		t.Errorf("union of shards: %d findings, single run: %d", len(got), len(whole))
	}
}

func sameFinding(a, b scanner.Finding) bool {
	return a.Repository == b.Repository && a.Fingerprint == b.Fingerprint && a.File == b.File && a.Commit == b.Commit && a.Line == b.Line
}

func TestParseShard(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"", "3", "0/3", "4/3", "1/0", "a/b", "-1/2"} {
		if _, err := org.ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) passed", bad)
		}
	}
	sh, err := org.ParseShard(" 2 / 5 ")
	if err != nil || sh != (org.Shard{Index: 2, Count: 5}) || sh.String() != "2/5" {
		t.Errorf("ParseShard(2/5) = %v, %v", sh, err)
	}
	// The assignment is a fixed function of the name: changing it would
	// move repositories between the shards of running workflows.
	if !(org.Shard{Index: 1, Count: 1}).Has("any/thing") || (org.Shard{}).String() != "1/1" {
		t.Error("the single shard must hold everything")
	}
	counts := make([]int, 4)
	for i := range 400 {
		for k := 1; k <= 4; k++ {
			if (org.Shard{Index: k, Count: 4}).Has(fmt.Sprintf("acme/repo-%d", i)) {
				counts[k-1]++
			}
		}
	}
	for k, n := range counts {
		if n < 60 || n > 140 {
			t.Errorf("shard %d/4 holds %d of 400 repositories; the hash spreads badly", k+1, n)
		}
	}
}

func TestStateSkipsUnchangedAndScansOnlyNewCommits(t *testing.T) {
	t.Parallel()
	s := orgtest.Sample(t)
	repos := list(t, s, org.Filter{})
	d := scantest.Detector(t)
	cache := t.TempDir()
	statePath := filepath.Join(t.TempDir(), "state.json")
	st, err := org.LoadState(statePath)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := scan(t, d, repos, org.Options{Cache: cache, State: st})
	if err := st.Save(statePath); err != nil {
		t.Fatal(err)
	}
	if len(first) != 5 {
		t.Fatalf("first run: %d findings, want 5", len(first))
	}
	mtimes := cacheTimes(t, cache)

	// Second run, nothing changed: the refs are listed in process, and no
	// git command runs at all (no clone, no fetch).
	st, err = org.LoadState(statePath)
	if err != nil {
		t.Fatal(err)
	}
	trace := filepath.Join(t.TempDir(), "trace")
	second, res := scan(t, d, repos, org.Options{Cache: cache, State: st, Git: org.Git{Env: []string{"GIT_TRACE=" + trace}}})
	if len(second) != 0 {
		t.Errorf("second run: %d findings, want none", len(second))
	}
	for _, r := range res {
		if r.Action != org.ActionUnchanged {
			t.Errorf("%s: %s, want unchanged", r.Repository, r.Action)
		}
	}
	if tr, err := os.ReadFile(trace); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("second run ran git (%v):\n%s", err, tr)
	}
	if got := cacheTimes(t, cache); !maps(got, mtimes) {
		t.Error("second run changed the cache")
	}

	// Third run after a new commit in one repository: only that one is
	// fetched, and only the new commit's secret is reported.
	fresh := "whsec" + "_" + "TmV3U2VjcmV0X2luX2FfbmV3X2NvbW1pdF92YWx1ZQ9x"
	s.Commit(t, "edge", map[string]string{"deploy/hook.env": "STRIPE_WEBHOOK_SECRET=" + fresh + "\n"})
	third, res := scan(t, d, repos, org.Options{Cache: cache, State: st})
	if len(third) != 1 || third[0].Secret != fresh || third[0].Repository != "acme/edge" {
		t.Errorf("third run: %+v, want only the new secret in acme/edge", third)
	}
	for _, r := range res {
		want := org.ActionUnchanged
		if r.Repository == "acme/edge" {
			want = org.ActionFetched
			if !r.Incremental {
				t.Error("acme/edge was scanned whole, want only its new commit")
			}
		}
		if r.Action != want {
			t.Errorf("%s: %s, want %s", r.Repository, r.Action, want)
		}
	}
}

// cacheTimes maps every file and directory of the cache to its mtime.
func cacheTimes(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	m := map[string]time.Time{}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		m[p] = fi.ModTime()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func maps(a, b map[string]time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !b[k].Equal(v) {
			return false
		}
	}
	return true
}

func TestBrokenRepositoryIsAWarning(t *testing.T) {
	t.Parallel()
	s := orgtest.Sample(t)
	repos := list(t, s, org.Filter{})
	repos[1].CloneURL = "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "gone"))
	var warned []string
	fs, res, err := org.Scan(context.Background(), scantest.Detector(t), repos, org.Options{
		Cache: t.TempDir(),
		Warn:  func(repo string, err error) { warned = append(warned, repo) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 4 || len(warned) != 1 || warned[0] != repos[1].FullName || res[1].Action != org.ActionFailed {
		t.Errorf("%d findings, warnings for %q, result %+v: want 4 findings and one warning for %s", len(fs), warned, res[1], repos[1].FullName)
	}
}

func TestTokenNeverInCommandOrURL(t *testing.T) {
	t.Parallel()
	if got := org.Redacted("https://user:pw@example.com/a/b.git"); strings.Contains(got, "pw") || strings.Contains(got, "user") {
		t.Errorf("Redacted kept credentials: %s", got)
	}
	s := orgtest.Sample(t)
	repos := list(t, s, org.Filter{Match: []string{"api"}})
	token := "ghp" + "_" + "tokenvaluefortracecheck0123456789abcd"
	trace := filepath.Join(t.TempDir(), "trace")
	cache := t.TempDir()
	scan(t, scantest.Detector(t), repos, org.Options{Cache: cache, Git: org.Git{Token: token, Env: []string{"GIT_TRACE=" + trace}}})
	tr, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(tr), token) || !strings.Contains(string(tr), "clone") {
		t.Errorf("the trace of git's commands holds the token or no clone:\n%s", tr)
	}
	dir, _ := org.CacheDir(cache, "acme/api")
	cfg, err := os.ReadFile(filepath.Join(dir, "config"))
	if err != nil || strings.Contains(string(cfg), token) {
		t.Errorf("the clone's config holds the token (%v)", err)
	}
}

func TestCacheDirRejectsOddNames(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"a", "a/b/c", "../x", "a/..", "/x", `a/b\c`} {
		if _, err := org.CacheDir("cache", bad); err == nil {
			t.Errorf("CacheDir(%q) passed", bad)
		}
	}
}

func TestLoadStateErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{not json"), 0o644)
	if _, err := org.LoadState(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("LoadState(bad JSON) = %v, want an error naming the file", err)
	}
	old := filepath.Join(dir, "old.json")
	os.WriteFile(old, []byte(`{"version": 99}`), 0o644)
	if _, err := org.LoadState(old); err == nil || !strings.Contains(err.Error(), "version 99") {
		t.Errorf("LoadState(version 99) = %v", err)
	}
}
