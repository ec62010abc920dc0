package github

import (
	"context"
	"strings"
	"testing"
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
