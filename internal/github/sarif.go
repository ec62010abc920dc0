package github

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"errors"
	"fmt"

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
	id, _, err := c.gh.CodeScanning.UploadSarif(ctx, c.c.Owner, c.c.Repo, &gh.SarifAnalysis{
		CommitSHA: gh.String(commit),
		Ref:       gh.String(ref),
		Sarif:     gh.String(base64.StdEncoding.EncodeToString(buf.Bytes())),
		ToolName:  gh.String("hookscan"),
	})
	if err != nil {
		return "", c.fail("upload SARIF to code scanning", PermSecurityEvents, err)
	}
	// go-github returns an id only for the documented 202 Accepted.
	return id.GetID(), nil
}
