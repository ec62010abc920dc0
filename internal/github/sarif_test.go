package github

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestUploadSARIF(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv)
	sarif := []byte(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"hookscan"}},"results":[]}]}`)
	id, err := c.UploadSARIF(context.Background(), sarif, testCommits[2], "refs/pull/7/merge")
	if err != nil {
		t.Fatal(err)
	}
	ups := srv.SARIFUploads()
	if len(ups) != 1 {
		t.Fatalf("%d uploads", len(ups))
	}
	u := ups[0]
	if id == "" || id != u.ID || u.CommitSHA != testCommits[2] || u.Ref != "refs/pull/7/merge" || u.ToolName != "hookscan" || string(u.SARIF) != string(sarif) {
		t.Errorf("upload %+v, id %q", u, id)
	}
	equalLines(t, "requests", requestLines(srv.Requests()), []string{"POST /repos/acme/shop/code-scanning/sarifs"})

	if _, err := c.UploadSARIF(context.Background(), sarif, "", ""); err == nil || !strings.Contains(err.Error(), "need a commit and a ref") {
		t.Errorf("no commit: %v", err)
	}
}

// TestWaitSARIFWaitsTheWholeWait: polls 1s apart, doubling, and a last
// one at the end of the wait, so that "pending after 5s" is true and an
// upload processed by then is seen as processed.
func TestWaitSARIFWaitsTheWholeWait(t *testing.T) {
	for _, tc := range []struct {
		pending int
		want    string
	}{{99, "pending"}, {3, "complete"}} {
		srv := newServer(t)
		srv.SetSARIFProcessing(tc.pending)
		var clock time.Time
		var pauses []time.Duration
		c := newClient(t, srv, func(o *Options) {
			o.Now = func() time.Time { return clock }
			o.Sleep = func(ctx context.Context, d time.Duration) error {
				pauses = append(pauses, d)
				clock = clock.Add(d)
				return ctx.Err()
			}
		})
		ctx := context.Background()
		id, err := c.UploadSARIF(ctx, []byte(`{"version":"2.1.0","runs":[]}`), testCommits[2], "refs/heads/main")
		if err != nil {
			t.Fatal(err)
		}
		p, err := c.WaitSARIF(ctx, id, 5*time.Second)
		if err != nil || p.Status != tc.want {
			t.Errorf("%d pending polls: status %q, %v; want %s", tc.pending, p.Status, err, tc.want)
		}
		if want := []time.Duration{time.Second, 2 * time.Second, 2 * time.Second}; !slices.Equal(pauses, want) {
			t.Errorf("%d pending polls: paused %v, want %v (polls at 0, 1, 3 and 5s)", tc.pending, pauses, want)
		}
	}
}
