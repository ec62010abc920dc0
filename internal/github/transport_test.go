package github

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hookscan/hookscan/internal/github/githubtest"
)

const secondaryBody = `{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`

func TestRateLimitsAndRetries(t *testing.T) {
	one := historyFindings()[:1]
	cases := []struct {
		name      string
		fault     githubtest.Fault
		wantWaits func([]time.Duration) bool
		wantPosts int
	}{
		{
			name:      "secondary limit with Retry-After",
			fault:     githubtest.Fault{Status: 403, Times: 1, Header: map[string]string{"Retry-After": "7"}, Body: secondaryBody},
			wantWaits: func(w []time.Duration) bool { return len(w) == 1 && w[0] == 7*time.Second },
			wantPosts: 2,
		},
		{
			name:      "secondary limit without Retry-After waits a minute, then two",
			fault:     githubtest.Fault{Status: 403, Times: 2, Body: secondaryBody},
			wantWaits: func(w []time.Duration) bool { return len(w) == 2 && w[0] == time.Minute && w[1] == 2*time.Minute },
			wantPosts: 3,
		},
		{
			name:      "429 with Retry-After",
			fault:     githubtest.Fault{Status: 429, Times: 1, Header: map[string]string{"Retry-After": "3"}, Body: `{"message":"Too Many Requests"}`},
			wantWaits: func(w []time.Duration) bool { return len(w) == 1 && w[0] == 3*time.Second },
			wantPosts: 2,
		},
		{
			name: "primary limit with a near reset",
			fault: githubtest.Fault{Status: 403, Times: 1, Body: `{"message":"API rate limit exceeded for installation ID 1."}`,
				Header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": strconv.FormatInt(time.Now().Add(20*time.Second).Unix(), 10)}},
			wantWaits: func(w []time.Duration) bool { return len(w) == 1 && w[0] > 15*time.Second && w[0] <= 22*time.Second },
			wantPosts: 2,
		},
		{
			name:      "server errors are retried",
			fault:     githubtest.Fault{Status: 502, Times: 2, Body: `{"message":"Server Error"}`},
			wantWaits: func(w []time.Duration) bool { return len(w) == 2 && w[0] == time.Second && w[1] == 2*time.Second },
			wantPosts: 3,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t)
			srv.AddIssue("x", "y", "hookscan") // the label exists
			f := tc.fault
			f.Method, f.Path = "POST", "/repos/acme/shop/issues"
			srv.AddFault(f)
			c := newClient(t, srv)
			res, err := c.ReportIssues(context.Background(), one, testRules())
			if err != nil {
				t.Fatal(err)
			}
			if res.Created != 1 || len(srv.Issues()) != 2 {
				t.Errorf("result %+v, %d issues", res, len(srv.Issues()))
			}
			if w := c.waits.all(); !tc.wantWaits(w) {
				t.Errorf("waits %v", w)
			}
			if n := len(srv.Writes()); n != tc.wantPosts {
				t.Errorf("%d POSTs, want %d", n, tc.wantPosts)
			}
			if !strings.Contains(c.log.String(), "/repos/acme/shop/issues") {
				t.Errorf("log does not say what waited: %q", c.log.String())
			}
		})
	}
}

func TestFailuresSayWhatToDo(t *testing.T) {
	one := historyFindings()[:1]
	far := strconv.FormatInt(time.Now().Add(2*time.Hour).Unix(), 10)
	cases := []struct {
		name     string
		fault    githubtest.Fault
		token    string
		want     []string
		requests int
	}{
		{
			name:  "primary limit with a far reset fails at once",
			fault: githubtest.Fault{Method: "GET", Path: "/repos/acme/shop/issues", Status: 403, Times: 9, Header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": far, "X-RateLimit-Limit": "1000"}, Body: `{"message":"API rate limit exceeded"}`},
			want:  []string{"list issues labelled hookscan: ", "rate limit (1000 requests an hour) used up until", "longer than the 3m0s hookscan waits", "run again later"}, requests: 1,
		},
		{
			name:  "server errors past the retries",
			fault: githubtest.Fault{Method: "GET", Path: "/repos/acme/shop/issues", Status: 503, Times: 9, Body: `{"message":"Service Unavailable"}`},
			want:  []string{"GitHub answered 503 Service Unavailable", "kept failing after retries"}, requests: 4,
		},
		{
			name:  "secondary limit that never lifts",
			fault: githubtest.Fault{Method: "GET", Path: "/repos/acme/shop/issues", Status: 403, Times: 99, Header: map[string]string{"Retry-After": "1"}, Body: secondaryBody},
			want:  []string{"403 Forbidden (secondary rate limit", "kept refusing", "run again later"}, requests: 6,
		},
		{
			name:  "bad token",
			token: "ghs" + "_" + "WrongTokenWrongTokenWrongToken1",
			want:  []string{"401 Unauthorized (Bad credentials)", "the token is missing, expired or revoked"}, requests: 1,
		},
		{
			name:  "missing permission names it",
			fault: githubtest.Fault{Method: "POST", Path: "/repos/acme/shop/issues", Status: 403, Times: 1, Body: `{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest/issues/issues#create-an-issue"}`},
			want:  []string{"open an issue: GitHub answered 403 Forbidden (Resource not accessible by integration)", "the token lacks `issues: write`"}, requests: 4,
		},
		{
			name:  "not found",
			fault: githubtest.Fault{Method: "GET", Path: "/repos/acme/shop/issues", Status: 404, Times: 1, Body: `{"message":"Not Found"}`},
			want:  []string{"404 Not Found", "acme/shop or the item does not exist, or the token cannot see it (it needs `issues: write`)"}, requests: 1,
		},
		{
			name:  "a message that echoes the token",
			fault: githubtest.Fault{Method: "GET", Path: "/repos/acme/shop/issues", Status: 422, Times: 1, Body: `{"message":"bad header Bearer ` + testToken + `"}`},
			want:  []string{"bad header Bearer ***"}, requests: 1,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t)
			if tc.fault.Status != 0 {
				srv.AddFault(tc.fault)
			}
			c := newClient(t, srv)
			if tc.token != "" {
				cc, err := NewClient(Context{Token: tc.token, Owner: testOwner, Repo: testRepo, APIURL: srv.URL}, Options{Sleep: c.waits.sleep, WriteInterval: -1})
				if err != nil {
					t.Fatal(err)
				}
				c.Client = cc
			}
			_, err := c.ReportIssues(context.Background(), one, testRules())
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error spans lines: %q", msg)
			}
			if strings.Contains(msg, testToken) || tc.token != "" && strings.Contains(msg, tc.token) {
				t.Errorf("error holds the token: %q", msg)
			}
			if n := len(srv.Requests()); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
			var ae *APIError
			if !errors.As(err, &ae) {
				t.Errorf("error is %T, not *APIError", err)
			}
		})
	}
}

func TestPermissionPerCall(t *testing.T) {
	forbidden := `{"message":"Resource not accessible by integration"}`
	srv := newServer(t)
	srv.AddPullRequest(7, testCommits[1], prPatches)
	srv.AddFault(githubtest.Fault{Method: "GET", Path: "/repos/acme/shop/pulls/7/comments", Status: 403, Times: 1, Body: forbidden})
	srv.AddFault(githubtest.Fault{Method: "POST", Path: "/repos/acme/shop/code-scanning/sarifs", Status: 403, Times: 1, Body: forbidden})
	c := newClient(t, srv)
	_, err := c.ReportPullRequest(context.Background(), PullRequest{Number: 7, Head: testCommits[1], Findings: prFindings(), Diff: diffOf(t, prPatches)})
	if err == nil || !strings.Contains(err.Error(), "`pull-requests: write`") || StatusOf(err) != 403 {
		t.Errorf("pull request error: %v", err)
	}
	_, err = c.UploadSARIF(context.Background(), []byte(`{"version":"2.1.0","runs":[]}`), testCommits[1], "refs/heads/main")
	if err == nil || !strings.Contains(err.Error(), "`security-events: write`") {
		t.Errorf("SARIF error: %v", err)
	}
}

func TestNoShortCircuitAfterWaiting(t *testing.T) {
	srv := newServer(t)
	// A listing that leaves no requests, with the reset an hour away:
	// go-github alone would refuse every later call without sending it.
	srv.AddFault(githubtest.Fault{Method: "GET", Path: "/repos/acme/shop/issues", Status: 200, Times: 1, Body: `[]`,
		Header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)}})
	c := newClient(t, srv)
	if _, err := c.ReportIssues(context.Background(), historyFindings()[:1], testRules()); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Requests()); n != 4 {
		t.Errorf("%d requests reached the server, want 4: %q", n, requestLines(srv.Requests()))
	}
}

func TestWritesAreSpaced(t *testing.T) {
	srv := newServer(t)
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	c := newClient(t, srv, func(o *Options) {
		o.WriteInterval = time.Second
		o.Now = func() time.Time { return now }
	})
	if _, err := c.ReportIssues(context.Background(), historyFindings(), testRules()); err != nil {
		t.Fatal(err)
	}
	// Three writes (label, two issues) at one instant: the 2nd waits 1s,
	// the 3rd 2s.
	if w := c.waits.all(); len(w) != 2 || w[0] != time.Second || w[1] != 2*time.Second {
		t.Errorf("waits %v", w)
	}
}
