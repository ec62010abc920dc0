// Package orgtest serves a fake GitHub organisation for tests: the
// repository listing of the REST API, paginated with Link headers as
// GitHub sends them, over repositories built on disk with the git CLI
// whose clone URLs are file:// URLs.
package orgtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Repo is one repository of the fake organisation.
type Repo struct {
	// Name is the repository's name, without the owner.
	Name string
	// Commits are the trees of successive commits on main, each a map
	// of path to content; none makes an empty repository.
	Commits []map[string]string
	// Fork, Topics and Visibility are what the listing says.
	Fork       bool
	Topics     []string
	Visibility string
}

// Server is the fake organisation.
type Server struct {
	*httptest.Server
	// Org is the organisation's name.
	Org string
	// PerPage is the most repositories one page holds, whatever the
	// client asks for.
	PerPage int
	// Token, when set, is the token every request must carry.
	Token string
	// LimitPage, when set, is a page whose first request is refused with
	// 429 and Retry-After: 7, as GitHub's secondary rate limit does.
	LimitPage int
	// CloneURLs, for a repository's name, is the clone URL the listing
	// gives instead of its file:// URL.
	CloneURLs map[string]string

	dir   string
	repos []Repo
	mu    sync.Mutex
	log   []string
	clock int
}

// New builds the repositories and starts the server; it is closed when
// the test ends.
func New(t testing.TB, org string, perPage int, repos []Repo) *Server {
	t.Helper()
	s := &Server{Org: org, PerPage: perPage, dir: t.TempDir(), repos: repos}
	for _, r := range repos {
		p := s.Path(r.Name)
		git(t, "", "init", "-q", "-b", "main", p)
		for _, files := range r.Commits {
			s.Commit(t, r.Name, files)
		}
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// Path is the directory of the repository called name.
func (s *Server) Path(name string) string { return filepath.Join(s.dir, name) }

// CloneURL is the URL the listing gives for the repository called name.
func (s *Server) CloneURL(name string) string { return "file://" + filepath.ToSlash(s.Path(name)) }

// Commit writes files into the repository called name and commits them,
// at a fixed date that advances by a minute per commit.
func (s *Server) Commit(t testing.TB, name string, files map[string]string) {
	t.Helper()
	p := s.Path(name)
	for f, body := range files {
		fp := filepath.Join(p, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fp, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s.mu.Lock()
	s.clock++
	date := fmt.Sprintf("2024-01-01T00:%02d:00Z", s.clock%60)
	s.mu.Unlock()
	git(t, p, "add", "-A")
	cmd := exec.Command("git", "-c", "user.name=Dev", "-c", "user.email=dev@example.com", "commit", "-q", "-m", "change "+strconv.Itoa(s.clock))
	cmd.Dir = p
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git commit: %v\n%s", err, out)
	}
}

// Requests returns "METHOD path?query" for every request served so far.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log)
}

// APIURL is the REST API root to give the client.
func (s *Server) APIURL() string { return s.URL + "/" }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.log = append(s.log, r.Method+" "+r.URL.RequestURI())
	s.mu.Unlock()
	if s.Token != "" && r.Header.Get("Authorization") != "Bearer "+s.Token {
		http.Error(w, `{"message":"Bad credentials"}`, http.StatusUnauthorized)
		return
	}
	if r.Method != http.MethodGet || r.URL.Path != "/orgs/"+s.Org+"/repos" {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}`)
		return
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	s.mu.Lock()
	limited := page == s.LimitPage
	if limited {
		s.LimitPage = 0
	}
	cloneURLs := s.CloneURLs
	s.mu.Unlock()
	if limited {
		w.Header().Set("Retry-After", "7")
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, `{"message":"You have exceeded a secondary rate limit.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`)
		return
	}
	per := s.PerPage
	if n, err := strconv.Atoi(r.URL.Query().Get("per_page")); err == nil && n > 0 && n < per {
		per = n
	}
	last := max((len(s.repos)+per-1)/per, 1)
	var items []map[string]any
	for _, rp := range s.repos[min((page-1)*per, len(s.repos)):min(page*per, len(s.repos))] {
		size := 0
		if len(rp.Commits) > 0 {
			size = 1 + len(rp.Commits)
		}
		items = append(items, map[string]any{
			"name": rp.Name, "full_name": s.Org + "/" + rp.Name, "clone_url": cmpOr(cloneURLs[rp.Name], s.CloneURL(rp.Name)),
			"default_branch": "main", "fork": rp.Fork, "size": size, "topics": rp.Topics,
			"visibility": cmpOr(rp.Visibility, "public"), "private": rp.Visibility == "private",
		})
	}
	link := func(p int, rel string) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(p))
		return fmt.Sprintf(`<%s%s?%s>; rel="%s"`, s.URL, r.URL.Path, q.Encode(), rel)
	}
	var links []string
	if page < last {
		links = append(links, link(page+1, "next"), link(last, "last"))
	}
	if page > 1 {
		links = append(links, link(1, "first"), link(page-1, "prev"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if items == nil {
		items = []map[string]any{}
	}
	_ = json.NewEncoder(w).Encode(items)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func git(t testing.TB, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// SampleNames are the repositories of Sample that hold a secret.
var SampleNames = []string{"api", "billing", "docs", "edge", "fleet"}

// Secret is the synthetic Stripe-style signing secret planted in the
// sample repository called name, assembled here so that no file holds
// anything secret-shaped.
func Secret(name string) string {
	return "whsec" + "_" + "Zq4Lr8Tn2Vb6Xc0Mk3" + strings.ToUpper(name[:2]) + "Jh7Gf1Ds5Pa9We"
}

// Sample serves organisation "acme" with 6 repositories listed 2 a page:
// the five SampleNames, each with its Secret in server/hooks.go from its
// second commit on (removed again by a third commit in billing and
// edge), and "empty", which has no commit.
func Sample(t testing.TB) *Server {
	t.Helper()
	var repos []Repo
	for i, name := range SampleNames {
		commits := []map[string]string{
			{"README.md": "# " + name + "\n"},
			{"server/hooks.go": "package server\n\nconst signingKey = \"" + Secret(name) + "\"\n"},
		}
		if i%2 == 1 {
			commits = append(commits, map[string]string{"server/hooks.go": "package server\n\nvar signingKey = os.Getenv(\"KEY\")\n"})
		}
		repos = append(repos, Repo{Name: name, Commits: commits})
	}
	repos = append(repos, Repo{Name: "empty"})
	return New(t, "acme", 2, repos)
}
