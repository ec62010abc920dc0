package github

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	gh "github.com/google/go-github/v60/github"
)

// maxSARIF is the largest gzipped SARIF file code scanning accepts.
const maxSARIF = 10 << 20

// UploadSARIF sends a SARIF log to code scanning for a commit and ref,
// gzipped and base64-encoded as the API requires, and returns the id of
// the upload that GitHub processes in the background.
func (c *Client) UploadSARIF(ctx context.Context, sarif []byte, commit, ref string) (string, error) {
	if commit == "" || ref == "" {
		return "", errors.New("upload SARIF: need a commit and a ref (GITHUB_SHA and GITHUB_REF, or --sha and --ref)")
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(sarif); err != nil {
		return "", fmt.Errorf("upload SARIF: compress: %w", err)
	}
	if err := zw.Close(); err != nil {
		return "", fmt.Errorf("upload SARIF: compress: %w", err)
	}
	if buf.Len() > maxSARIF {
		return "", fmt.Errorf("upload SARIF: %d bytes gzipped, over code scanning's limit of 10 MB", buf.Len())
	}
	// A second upload of the same analysis replaces the first, so an
	// upload whose answer was lost is simply sent again.
	var id *gh.SarifID
	err := c.create(ctx, "upload SARIF to code scanning", PermSecurityEvents, func() error {
		var err error
		id, _, err = c.gh.CodeScanning.UploadSarif(ctx, c.c.Owner, c.c.Repo, &gh.SarifAnalysis{
			CommitSHA: gh.String(commit),
			Ref:       gh.String(ref),
			Sarif:     gh.String(base64.StdEncoding.EncodeToString(buf.Bytes())),
			ToolName:  gh.String("hookscan"),
		})
		return err
	}, nil)
	if err != nil {
		return "", err
	}
	// go-github returns an id only for the documented 202 Accepted.
	return id.GetID(), nil
}

// SARIFProcessing is what code scanning made of an upload.
type SARIFProcessing struct {
	// Status is "complete", "failed", or "pending" when processing had not
	// ended within the wait.
	Status string `json:"processing_status"`
	// Errors are code scanning's reasons when Status is "failed".
	Errors []string `json:"errors"`
	// AnalysesURL lists the analyses the upload made, once complete.
	AnalysesURL string `json:"analyses_url"`
}

// WaitSARIF polls an upload (GET /repos/{owner}/{repo}/code-scanning/sarifs/{id})
// until code scanning has processed it, for at most wait: 1s between the
// first polls, doubling up to 10s, and a last poll when the wait is over.
// An upload whose processing failed is an error that gives code
// scanning's reasons; one still pending at the last poll is returned
// with Status "pending".
func (c *Client) WaitSARIF(ctx context.Context, id string, wait time.Duration) (SARIFProcessing, error) {
	var p SARIFProcessing
	if id == "" {
		return p, errors.New("wait for SARIF processing: no upload id")
	}
	op := "read the processing status of SARIF upload " + id
	start := c.opts.Now()
	for n := 1; ; n++ {
		req, err := c.gh.NewRequest("GET", fmt.Sprintf("repos/%s/%s/code-scanning/sarifs/%s", c.c.Owner, c.c.Repo, url.PathEscape(id)), nil)
		if err != nil {
			return p, fmt.Errorf("%s: %w", op, err)
		}
		p = SARIFProcessing{}
		if _, err := c.gh.Do(ctx, req, &p); err != nil {
			return p, c.fail(op, PermSecurityEvents, err)
		}
		switch p.Status {
		case "complete":
			return p, nil
		case "failed":
			return p, fmt.Errorf("code scanning could not process SARIF upload %s: %s", id, c.scrub(cmpOr(strings.Join(p.Errors, "; "), "no reason given")))
		}
		left := wait - c.opts.Now().Sub(start)
		if left <= 0 {
			p.Status = "pending"
			return p, nil
		}
		// The last pause ends at the deadline, where one more poll
		// looks: "pending after 5s" means 5s.
		if err := c.opts.Sleep(ctx, min(time.Second<<(n-1), 10*time.Second, left)); err != nil {
			return p, fmt.Errorf("%s: %w", op, err)
		}
	}
}
