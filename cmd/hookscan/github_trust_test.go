package main

import (
	"net"
	"strings"
	"testing"
	"time"
)

// A GitHub that takes the connection and never answers: the run ends
// within its timeout, with one line that names the endpoint, and exit 2.
func TestGitHubNeverAnswers(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	held := make(chan net.Conn, 16)
	defer func() {
		close(held)
		for c := range held {
			c.Close()
		}
	}()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			select {
			case held <- c: // read nothing, answer nothing
			default:
				c.Close()
			}
		}
	}()
	rp := newActionRepo(t)
	githubEnv(t, map[string]string{"GITHUB_TOKEN": actionToken, "GITHUB_REPOSITORY": "acme/shop"})
	start := time.Now()
	out, errOut, code := run(t, rp.dir, "github", "issues", "-q", "--api-url", "http://"+ln.Addr().String(), "--timeout", "300ms", "-f", "json", "-o", t.TempDir()+"/r.json")
	elapsed := time.Since(start)
	if code != 2 {
		t.Fatalf("exit %d, want 2\nstdout %s\nstderr %s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "no answer from GitHub to GET /repos/acme/shop/issues within 300ms") {
		t.Errorf("stderr %q: want one line naming the endpoint and the timeout", errOut)
	}
	if strings.Contains(errOut, actionToken) {
		t.Error("stderr holds the token")
	}
	// Two tries of 300ms and one backoff of 1s.
	if elapsed > 20*time.Second {
		t.Errorf("took %s with a 300ms timeout", elapsed)
	}
}
