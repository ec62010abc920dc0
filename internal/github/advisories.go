package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	gh "github.com/google/go-github/v60/github"

	"github.com/hookscan/hookscan/scanner"
)

// PermAdvisories is what creating a draft repository security advisory
// needs: a token of a security manager or an admin of the repository
// with the repo scope, or a fine-grained token or GitHub App with
// "Repository security advisories: write". A workflow's GITHUB_TOKEN
// cannot be given it.
const PermAdvisories = "repository security advisories: write (a security manager's or admin's token)"

// ErrAdvisoriesRefused is the cause of an error when the token may not
// read or create repository security advisories.
var ErrAdvisoriesRefused = errors.New("the token may not create repository security advisories")

// Visibility asks GitHub whether the repository is public, private or
// internal.
func (c *Client) Visibility(ctx context.Context) (string, error) {
	r, _, err := c.gh.Repositories.Get(ctx, c.c.Owner, c.c.Repo)
	if err != nil {
		return "", c.fail("read repository "+c.c.Repository(), "contents: read", err)
	}
	if v := r.GetVisibility(); v != "" {
		return v, nil
	}
	if r.GetPrivate() {
		return "private", nil
	}
	return "public", nil
}

// AdvisoriesResult says what an advisories report changed.
type AdvisoriesResult struct {
	// Created counts new draft advisories; Existing those already there.
	Created, Existing int
	// URLs are the advisories' addresses, one per secret.
	URLs []string
}

type advisory struct {
	GHSAID      string `json:"ghsa_id"`
	Description string `json:"description"`
	State       string `json:"state"`
	HTMLURL     string `json:"html_url"`
}

// ReportAdvisories keeps one draft repository security advisory per
// secret: the private channel for a public repository, seen only by its
// admins, security managers and the advisory's collaborators. Advisories
// are found again by the fingerprint marker in their description, so
// re-runs make no duplicates. When the token may not use advisories, the
// error wraps ErrAdvisoriesRefused.
func (c *Client) ReportAdvisories(ctx context.Context, findings []scanner.Finding, rf RuleFunc) (AdvisoriesResult, error) {
	var res AdvisoriesResult
	secrets := groupBySecret(findings, rf)
	if len(secrets) == 0 {
		return res, nil
	}
	existing, err := c.secretAdvisories(ctx)
	if err != nil {
		return res, err
	}
	for _, s := range secrets {
		if a := existing[s.fp]; a != nil {
			res.Existing++
			res.URLs = append(res.URLs, a.HTMLURL)
			continue
		}
		var made *advisory
		err := c.create(ctx, "create a draft security advisory", PermAdvisories, func() error {
			req, err := c.gh.NewRequest("POST", fmt.Sprintf("repos/%s/%s/security-advisories", c.c.Owner, c.c.Repo), advisoryRequest(s, c))
			if err != nil {
				return err
			}
			made = &advisory{}
			_, err = c.gh.Do(ctx, req, made)
			return err
		}, func() (bool, error) {
			again, err := c.secretAdvisories(ctx)
			made = again[s.fp]
			return made != nil, err
		})
		if err != nil {
			return res, refused(err)
		}
		res.Created++
		res.URLs = append(res.URLs, made.HTMLURL)
	}
	return res, nil
}

func advisoryRequest(s *secretIssue, c *Client) map[string]any {
	sev := strings.ToLower(s.f.Severity)
	switch sev {
	case "critical", "high", "medium", "low":
	default:
		sev = "high"
	}
	return map[string]any{
		"summary":     clipTitle(issueTitle(s)),
		"description": renderIssue(s, c.links),
		"severity":    sev,
		"cwe_ids":     []string{"CWE-798"}, // use of hard-coded credentials
		"vulnerabilities": []map[string]any{{
			"package": map[string]any{"ecosystem": "other", "name": c.c.Repository()},
		}},
	}
}

func clipTitle(s string) string {
	if len(s) > 1000 {
		return s[:1000]
	}
	return s
}

// refused marks a 403 or 404 from the advisory endpoints.
func refused(err error) error {
	if s := StatusOf(err); s == http.StatusForbidden || s == http.StatusNotFound {
		return fmt.Errorf("%w: %w", ErrAdvisoriesRefused, err)
	}
	return err
}

// secretAdvisories lists the repository's advisories by the fingerprint
// in their description's marker.
func (c *Client) secretAdvisories(ctx context.Context) (map[string]*advisory, error) {
	by := map[string]*advisory{}
	u := fmt.Sprintf("repos/%s/%s/security-advisories?per_page=100", c.c.Owner, c.c.Repo)
	for u != "" {
		req, err := c.gh.NewRequest("GET", u, nil)
		if err != nil {
			return nil, err
		}
		var page []*advisory
		resp, err := c.gh.Do(ctx, req, &page)
		if err != nil {
			return nil, refused(c.fail("list the repository's security advisories", PermAdvisories, err))
		}
		for _, a := range page {
			if v, ok := findMarker(a.Description, markIssue); ok && a.State != "closed" {
				if fp := fields(v)["fp"]; fp != "" && by[fp] == nil {
					by[fp] = a
				}
			}
		}
		u = nextLink(resp)
	}
	return by, nil
}

// nextLink is the rel="next" address of a cursor-paginated listing.
func nextLink(resp *gh.Response) string {
	if resp == nil {
		return ""
	}
	for part := range strings.SplitSeq(resp.Header.Get("Link"), ",") {
		if strings.Contains(part, `rel="next"`) {
			if i, j := strings.Index(part, "<"), strings.Index(part, ">"); i >= 0 && j > i {
				return part[i+1 : j]
			}
		}
	}
	return ""
}

// Unique returns one finding per secret (fingerprint).
func Unique(findings []scanner.Finding) []scanner.Finding {
	seen := map[string]bool{}
	var out []scanner.Finding
	for _, f := range findings {
		if fp := fingerprintOf(&f); !seen[fp] {
			seen[fp] = true
			out = append(out, f)
		}
	}
	return out
}
