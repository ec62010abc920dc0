package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hookscan/hookscan/internal/github/githubtest"
	"github.com/hookscan/hookscan/internal/report"
	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source/org"
	"github.com/hookscan/hookscan/source/org/orgtest"
)

// runOrg runs `hookscan github org acme` against the fake with args.
func runOrg(t *testing.T, s *orgtest.Server, cache string, args ...string) (string, string, int) {
	t.Helper()
	base := []string{"github", "org", s.Org, "--api-url", s.APIURL(), "--token-env", "HOOKSCAN_TEST_NO_TOKEN", "--cache", cache, "--no-progress", "--backend", "git"}
	return run(t, "", append(base, args...)...)
}

func readJSONReport(t *testing.T, path string) []scanner.Finding {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fs []scanner.Finding
	if err := json.Unmarshal(data, &fs); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return fs
}

func TestGitHubOrgShardsAndMerge(t *testing.T) {
	t.Parallel()
	s := orgtest.Sample(t)
	out := t.TempDir()
	cache := t.TempDir()
	single := filepath.Join(out, "single.json")
	if _, stderr, code := runOrg(t, s, cache, "-f", "json", "-o", single); code != 1 {
		t.Fatalf("single run: exit %d, want 1 (findings)\n%s", code, stderr)
	}
	whole := readJSONReport(t, single)
	found := map[string]string{}
	for _, f := range whole {
		found[f.Repository] = f.Secret
	}
	for _, name := range orgtest.SampleNames {
		if got, want := found["acme/"+name], report.Redact(orgtest.Secret(name)); got != want {
			t.Errorf("acme/%s: secret %q, want its planted one (redacted %q)", name, got, want)
		}
	}
	if len(found) != 5 {
		t.Errorf("findings in %d repositories, want 5: %v", len(found), found)
	}

	// Three shards, each with a cache of its own as on three machines.
	var shardFiles, sarifFiles []string
	seen := map[string]int{}
	var union []scanner.Finding
	for i := 1; i <= 3; i++ {
		p := filepath.Join(out, fmt.Sprintf("shard-%d.json", i))
		sp := filepath.Join(out, fmt.Sprintf("shard-%d.sarif", i))
		c := t.TempDir()
		for _, f := range [][]string{{"-f", "json", "-o", p}, {"-f", "sarif", "-o", sp}} {
			if _, stderr, code := runOrg(t, s, c, append([]string{"--shard", fmt.Sprintf("%d/3", i)}, f...)...); code > 1 {
				t.Fatalf("shard %d/3: exit %d\n%s", i, code, stderr)
			}
		}
		shardFiles, sarifFiles = append(shardFiles, p), append(sarifFiles, sp)
		fs := readJSONReport(t, p)
		for _, f := range fs {
			if prev, ok := seen[f.Repository]; ok && prev != i {
				t.Errorf("%s reported by shards %d and %d", f.Repository, prev, i)
			}
			seen[f.Repository] = i
		}
		union = append(union, fs...)
	}
	if got := org.Merge(union); !slices.EqualFunc(got, whole, func(a, b scanner.Finding) bool {
		return a.Repository == b.Repository && a.Fingerprint == b.Fingerprint && a.File == b.File && a.Commit == b.Commit
	}) {
		t.Errorf("union of the shards (%d findings) differs from the single run (%d)", len(got), len(whole))
	}

	// merge of the three json reports is the single run, byte for byte,
	// in json and in sarif.
	merged := filepath.Join(out, "merged.json")
	if _, stderr, code := run(t, "", append([]string{"merge", "-f", "json", "-o", merged}, shardFiles...)...); code != 1 {
		t.Fatalf("merge: exit %d\n%s", code, stderr)
	}
	if a, b := mustRead(t, merged), mustRead(t, single); a != b {
		t.Errorf("merged json differs from the single run:\n%s\nsingle:\n%s", a, b)
	}
	singleSARIF := filepath.Join(out, "single.sarif")
	runOrg(t, s, cache, "-f", "sarif", "-o", singleSARIF)
	mergedSARIF := filepath.Join(out, "merged.sarif")
	run(t, "", append([]string{"merge", "-f", "sarif", "-o", mergedSARIF}, shardFiles...)...)
	if a, b := mustRead(t, mergedSARIF), mustRead(t, singleSARIF); a != b {
		t.Errorf("sarif of the merged json differs from the single run's sarif")
	}
	// Merging the sarif shards gives the same results: rule, place,
	// repository and fingerprint.
	fromSARIF := filepath.Join(out, "from-sarif.json")
	run(t, "", append([]string{"merge", "-f", "json", "-o", fromSARIF}, sarifFiles...)...)
	if got := readJSONReport(t, fromSARIF); !slices.EqualFunc(got, whole, func(a, b scanner.Finding) bool {
		return a.Repository == b.Repository && a.Fingerprint == b.Fingerprint && a.File == b.File && a.Line == b.Line && a.Commit == b.Commit && a.Secret == b.Secret
	}) {
		t.Errorf("merge of the sarif shards: %d findings, single run %d", len(got), len(whole))
	}
	// One repository's findings, for its own code scanning upload.
	stdout, _, _ := run(t, "", append([]string{"merge", "--repository", "acme/docs", "-f", "json"}, shardFiles...)...)
	var one []scanner.Finding
	if err := json.Unmarshal([]byte(stdout), &one); err != nil || len(one) != 1 || one[0].Repository != "acme/docs" {
		t.Errorf("merge --repository acme/docs: %v %s", err, stdout)
	}
	// Text names the repository too.
	text, _, _ := run(t, "", append([]string{"merge"}, shardFiles...)...)
	if !strings.Contains(text, "acme/fleet") {
		t.Errorf("text report does not name repositories:\n%s", text)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestGitHubOrgStateSecondRunListsOnly(t *testing.T) {
	t.Parallel()
	s := orgtest.Sample(t)
	cache := t.TempDir()
	state := filepath.Join(t.TempDir(), "state.json")
	if _, stderr, code := runOrg(t, s, cache, "--state", state, "-q"); code != 1 {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	before := len(s.Requests())
	stdout, stderr, code := runOrg(t, s, cache, "--state", state, "-v")
	if code != 0 || !strings.Contains(stdout, "No secrets found") {
		t.Errorf("second run: exit %d, want 0 and nothing new\n%s%s", code, stdout, stderr)
	}
	if n := strings.Count(stderr, ": unchanged, skipped"); n != 5 {
		t.Errorf("second run skipped %d repositories, want 5:\n%s", n, stderr)
	}
	for _, r := range s.Requests()[before:] {
		if !strings.HasPrefix(r, "GET /orgs/acme/repos") {
			t.Errorf("second run asked the API for %s", r)
		}
	}
}

// TestGitHubOrgBrokenRepositoryExits2: a repository that cannot be
// scanned is a warning naming it, the others are reported, and the run
// exits 2 whatever the findings, as dir does past a path it cannot read.
func TestGitHubOrgBrokenRepositoryExits2(t *testing.T) {
	t.Parallel()
	s := orgtest.Sample(t)
	if err := os.RemoveAll(s.Path("billing")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args     []string
		failed   string
		findings int
	}{
		{nil, "1 of 5", 4},
		{[]string{"--exit-code", "0"}, "1 of 5", 4},
		// Nothing scanned at all, so nothing found: still not a pass.
		{[]string{"--match", "billing"}, "1 of 1", 0},
	} {
		report := filepath.Join(t.TempDir(), "report.json")
		_, stderr, code := runOrg(t, s, t.TempDir(), append([]string{"-f", "json", "-o", report}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, "warning: acme/billing:") || !strings.Contains(stderr, tc.failed+" repositories could not be scanned") {
			t.Errorf("%q: exit %d, want 2; stderr:\n%s", tc.args, code, stderr)
		}
		if fs := readJSONReport(t, report); len(fs) != tc.findings {
			t.Errorf("%q: %d findings in the report, want the other repositories' %d", tc.args, len(fs), tc.findings)
		}
	}
}

func TestOrgShardFromJobIndex(t *testing.T) {
	t.Parallel()
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, tc := range []struct {
		o    orgOptions
		env  map[string]string
		want string
		err  string
	}{
		{o: orgOptions{shard: "2/3"}, env: map[string]string{"JOB_COMPLETION_INDEX": "0"}, want: "2/3"},
		{env: map[string]string{}, want: "1/1"},
		{env: map[string]string{"JOB_COMPLETION_INDEX": "4", "HOOKSCAN_SHARDS": "20"}, want: "5/20"},
		{o: orgOptions{shards: 5}, env: map[string]string{"JOB_COMPLETION_INDEX": "0", "HOOKSCAN_SHARDS": "20"}, want: "1/5"},
		{env: map[string]string{"JOB_COMPLETION_INDEX": "3"}, err: "--shards"},
		{env: map[string]string{"JOB_COMPLETION_INDEX": "5", "HOOKSCAN_SHARDS": "5"}, err: "6/5"},
		{env: map[string]string{"JOB_COMPLETION_INDEX": "x", "HOOKSCAN_SHARDS": "5"}, err: "JOB_COMPLETION_INDEX"},
	} {
		sh, err := tc.o.resolveShard(env(tc.env))
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%+v %v: error %v, want one about %s", tc.o, tc.env, err, tc.err)
		case tc.err == "" && (err != nil || sh.String() != tc.want):
			t.Errorf("%+v %v: %v %v, want %s", tc.o, tc.env, sh, err, tc.want)
		}
	}
}

// TestGitHubOrgKeepsTheTokenOnItsGitHub: a listing whose clone URLs
// point at plain http beyond loopback, or at another host, gets no token
// sent there; those repositories are skipped with a warning naming them
// and the others are scanned, with or without --state.
func TestGitHubOrgKeepsTheTokenOnItsGitHub(t *testing.T) {
	var (
		mu      sync.Mutex
		reached []string
	)
	capture := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		reached = append(reached, r.Method+" "+r.URL.String()+" Authorization: "+r.Header.Get("Authorization"))
		mu.Unlock()
		http.NotFound(w, r)
	}))
	defer capture.Close()
	// git (curl) sends plain http through this proxy: a clone of the
	// non-loopback URL that was not refused reaches the capture server,
	// never the network.
	t.Setenv("http_proxy", capture.URL)
	t.Setenv("no_proxy", "")
	token := "ghs" + "_" + "orgclonetokenvalue0123456789ABCDE"
	t.Setenv("HOOKSCAN_TEST_ORG_TOKEN", token)
	for _, tc := range []struct {
		name  string
		state bool
		urls  map[string]string
	}{
		{"clone", false, map[string]string{"api": "http://192.0.2.2:18081/acme/api.git", "billing": capture.URL + "/acme/billing.git"}},
		// The in-process ref listing: only loopback hosts, as Go's
		// proxy settings are read once per process.
		{"state", true, map[string]string{"billing": capture.URL + "/acme/billing.git"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := orgtest.Sample(t)
			s.CloneURLs = tc.urls
			args := []string{"github", "org", s.Org, "--api-url", s.APIURL(), "--token-env", "HOOKSCAN_TEST_ORG_TOKEN", "--cache", t.TempDir(), "--no-progress", "--backend", "git", "-f", "json"}
			if tc.state {
				args = append(args, "--state", filepath.Join(t.TempDir(), "state.json"))
			}
			stdout, stderr, code := run(t, "", args...)
			if code != 2 || strings.Contains(stdout+stderr, token) {
				t.Errorf("exit %d, want 2 (repositories not scanned), and no token in the output:\n%s", code, stderr)
			}
			for name, u := range tc.urls {
				want := "warning: acme/" + name + ": skipped: clone URL " + u + " is "
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if !strings.Contains(stderr, fmt.Sprintf("%d of 5 repositories could not be scanned", len(tc.urls))) {
				t.Errorf("no count of the skipped repositories:\n%s", stderr)
			}
			var fs []scanner.Finding
			if err := json.Unmarshal([]byte(stdout), &fs); err != nil || len(fs) != 5-len(tc.urls) {
				t.Errorf("%v: %d findings, want the other repositories' %d", err, len(fs), 5-len(tc.urls))
			}
		})
	}
	mu.Lock()
	defer mu.Unlock()
	if len(reached) > 0 {
		t.Errorf("the token's requests went to another host: %q", reached)
	}
}

// sarifRepositories lists properties.repository of every result of a
// SARIF log, "" for a result that names none.
func sarifRepositories(t *testing.T, data []byte) []string {
	t.Helper()
	var log struct {
		Runs []struct {
			Results []struct {
				Properties struct {
					Repository string `json:"repository"`
				} `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("SARIF: %v", err)
	}
	var repos []string
	for _, run := range log.Runs {
		for _, r := range run.Results {
			repos = append(repos, r.Properties.Repository)
		}
	}
	return repos
}

// TestGitHubSARIFUploadsOnlyItsRepository: an organisation report given
// to github sarif uploads only the results of the repository it goes
// to, and says how many it left out; one that holds none of them is
// refused, as it would close that repository's alerts. A part with no
// results at all, written for that repository, is uploaded.
func TestGitHubSARIFUploadsOnlyItsRepository(t *testing.T) {
	s := orgtest.Sample(t)
	dir := t.TempDir()
	orgSARIF := filepath.Join(dir, "acme.sarif")
	if _, stderr, code := runOrg(t, s, t.TempDir(), "-f", "sarif", "-o", orgSARIF); code != 1 {
		t.Fatalf("org scan: exit %d\n%s", code, stderr)
	}
	sha := strings.Repeat("a1", 20)
	upload := func(repo, file string) (*githubtest.Server, string, int) {
		owner, name, _ := strings.Cut(repo, "/")
		srv := githubtest.New(owner, name, actionToken)
		t.Cleanup(srv.Close)
		githubEnv(t, map[string]string{"GITHUB_TOKEN": actionToken, "GITHUB_API_URL": srv.URL})
		_, stderr, code := run(t, dir, "github", "sarif", file, "--repository", repo, "--sha", sha, "--ref", "refs/heads/main", "--wait", "0")
		return srv, stderr, code
	}

	srv, stderr, code := upload("acme/docs", "acme.sarif")
	ups := srv.SARIFUploads()
	if code != 0 || len(ups) != 1 {
		t.Fatalf("acme/docs: exit %d, %d uploads, want 0 and one\n%s", code, len(ups), stderr)
	}
	if got := sarifRepositories(t, ups[0].SARIF); !slices.Equal(got, []string{"acme/docs"}) {
		t.Errorf("acme/docs's upload holds results of %q, want its own only", got)
	}
	if !strings.Contains(stderr, "acme.sarif: uploading 1 result of acme/docs; left out 4 of other repositories (acme/api 1, acme/billing 1, acme/edge 1, acme/fleet 1)") {
		t.Errorf("stderr does not say what was left out:\n%s", stderr)
	}

	srv, stderr, code = upload("acme/shop", "acme.sarif")
	if n := len(srv.SARIFUploads()); code != 2 || n != 0 || !strings.Contains(stderr, "none of its 5 results is of acme/shop") || !strings.Contains(stderr, "would close every alert of acme/shop") {
		t.Errorf("acme/shop: exit %d, %d uploads, want 2 and none\n%s", code, n, stderr)
	}

	part := filepath.Join(dir, "shop.sarif")
	if _, stderr, code := run(t, dir, "merge", orgSARIF, "--repository", "acme/shop", "-f", "sarif", "-o", part); code != 0 {
		t.Fatalf("merge --repository acme/shop: exit %d\n%s", code, stderr)
	}
	srv, stderr, code = upload("acme/shop", part)
	if ups := srv.SARIFUploads(); code != 0 || len(ups) != 1 || len(sarifRepositories(t, ups[0].SARIF)) != 0 || strings.Contains(stderr, "left out") {
		t.Errorf("acme/shop's own empty part: exit %d, %d uploads, want it uploaded as it is\n%s", code, len(ups), stderr)
	}
}

// TestGitHubOrgUnknownOwner: neither an organisation nor a user of that
// name is one line that says so and names the API URL asked.
func TestGitHubOrgUnknownOwner(t *testing.T) {
	t.Parallel()
	s := orgtest.Sample(t)
	stdout, stderr, code := run(t, "", "github", "org", "nosuchorg", "--api-url", s.APIURL(), "--token-env", "HOOKSCAN_TEST_NO_TOKEN", "--cache", t.TempDir(), "--no-progress")
	if want := "hookscan: organisation or user nosuchorg not found (404) at API URL " + s.APIURL() + "\n"; code != 2 || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", code, stdout, stderr, want)
	}
}
