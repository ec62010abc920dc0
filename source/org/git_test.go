package org_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hookscan/hookscan/source/org"
	"github.com/hookscan/hookscan/source/org/orgtest"
)

// TestGitOverHTTPWithToken serves the sample repositories through git's
// own smart HTTP backend, which demands the token as GitHub does: the ref
// listing (in process) and the clone (git) both authenticate, and
// neither the clone's config nor git's trace holds the token.
func TestGitOverHTTPWithToken(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("git", "--exec-path").Output()
	if err != nil {
		t.Fatal(err)
	}
	s := orgtest.Sample(t)
	token := "ghs" + "_" + "httpbackendtokenvalue0123456789AB"
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte("x-access-token:"+token))
	backend := &cgi.Handler{
		Path: filepath.Join(strings.TrimSpace(string(out)), "git-http-backend"),
		Env:  []string{"GIT_PROJECT_ROOT=" + filepath.Dir(s.Path("api")), "GIT_HTTP_EXPORT_ALL=1"},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != want {
			w.Header().Set("WWW-Authenticate", `Basic realm="GitHub"`)
			http.Error(w, "authentication required", http.StatusUnauthorized)
			return
		}
		backend.ServeHTTP(w, r)
	}))
	defer srv.Close()
	remote := srv.URL + "/api/.git"
	ctx := context.Background()

	if _, err := (org.Git{}).LsRemote(ctx, remote); err == nil {
		t.Error("listing without the token passed")
	}
	refs, err := (org.Git{Token: token, APIURL: srv.URL}).LsRemote(ctx, remote)
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 1 || refs["refs/heads/main"] == "" {
		t.Errorf("refs %v, want refs/heads/main only", refs)
	}
	trace := filepath.Join(t.TempDir(), "trace")
	g := org.Git{Token: token, APIURL: srv.URL, Env: []string{"GIT_TRACE=" + trace, "GIT_TRACE_CURL_NO_DATA=1"}}
	dir := filepath.Join(t.TempDir(), "api.git")
	for _, wantCloned := range []bool{true, false} {
		cloned, err := g.Sync(ctx, remote, dir)
		if err != nil || cloned != wantCloned {
			t.Fatalf("Sync: cloned %v, %v; want cloned %v", cloned, err, wantCloned)
		}
	}
	cfg, _ := os.ReadFile(filepath.Join(dir, "config"))
	tr, _ := os.ReadFile(trace)
	if strings.Contains(string(cfg), token) || strings.Contains(string(tr), token) || !strings.Contains(string(tr), "fetch") {
		t.Errorf("the token leaked into the clone's config or git's trace, or nothing was fetched:\n%s\n%s", cfg, tr)
	}
	if _, err := (org.Git{Token: "wrong", APIURL: srv.URL}).Sync(ctx, remote, filepath.Join(t.TempDir(), "x.git")); err == nil || strings.Contains(err.Error(), "wrong") {
		t.Errorf("clone with a wrong token: %v", err)
	}
}

// TestGitSendsTheTokenOnlyToItsGitHub: a clone URL comes from the
// listing, so the token goes only where that GitHub serves git, over
// https or to loopback. Any other HTTP remote is refused before a request
// is made, and neither listed nor cloned without the token.
func TestGitSendsTheTokenOnlyToItsGitHub(t *testing.T) {
	t.Parallel()
	var (
		mu      sync.Mutex
		reached []string
	)
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		reached = append(reached, r.URL.Path+" Authorization: "+r.Header.Get("Authorization"))
		mu.Unlock()
		http.NotFound(w, r)
	}))
	defer elsewhere.Close()
	api := httptest.NewServer(http.NotFoundHandler())
	defer api.Close()
	g := org.Git{Token: "ghs" + "_" + "clonetokenvalue0123456789ABCDEFGH", APIURL: api.URL}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		remote, why string
	}{
		{elsewhere.URL + "/acme/api.git", "is not on the GitHub of the API URL " + api.URL + "/"},
		// Hosts off this machine get a cancelled context: git and
		// go-git stop before they dial, should the check ever let them
		// through.
		{"http://192.0.2.2:18081/o/r.git", "is plain http, which would send the token unencrypted"},
		{"https://git.example.org/acme/api.git", "is not on the GitHub of the API URL"},
		{"HTTP://192.0.2.2/o/r.git", "is plain http"},
	} {
		ctx := cancelled
		if strings.HasPrefix(tc.remote, elsewhere.URL) {
			ctx = context.Background()
		}
		if _, err := g.LsRemote(ctx, tc.remote); err == nil || !strings.Contains(err.Error(), "skipped: clone URL") || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("LsRemote(%s): %v, want it refused: %s", tc.remote, err, tc.why)
		}
		dir := filepath.Join(t.TempDir(), "r.git")
		if _, err := g.Sync(ctx, tc.remote, dir); err == nil || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("Sync(%s): %v, want it refused: %s", tc.remote, err, tc.why)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("Sync(%s) made a clone", tc.remote)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(reached) > 0 {
		t.Errorf("a remote of another host was asked: %q", reached)
	}
}
