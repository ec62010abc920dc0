package org

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	gh "github.com/google/go-github/v60/github"

	"github.com/hookscan/hookscan/internal/apiurl"
	ghapi "github.com/hookscan/hookscan/internal/github"
)

// DefaultAPIURL is the REST API root of github.com.
const DefaultAPIURL = "https://api.github.com"

// DefaultMaxWait is the longest wait for a rate limit to lift before the
// listing fails: a listing is cheap to wait for and the whole run needs
// it.
const DefaultMaxWait = 15 * time.Minute

// Repository is one repository of the organisation, as the listing gives
// it.
type Repository struct {
	// FullName is owner/name.
	FullName string `json:"fullName"`
	// CloneURL is the HTTPS URL git clones from; it never holds a token.
	CloneURL string `json:"cloneUrl"`
	// DefaultBranch is the branch HEAD names ("main").
	DefaultBranch string `json:"defaultBranch"`
	// Fork and Archived are GitHub's flags.
	Fork     bool `json:"fork"`
	Archived bool `json:"archived"`
	// Empty is set when GitHub reports a size of zero: nothing was ever
	// pushed.
	Empty bool `json:"empty"`
	// Visibility is public, private or internal.
	Visibility string `json:"visibility"`
	// Topics are the repository's topics.
	Topics []string `json:"topics"`
}

// Filter says which of the listed repositories to scan. The zero value
// scans every repository that is neither a fork nor empty.
type Filter struct {
	// Forks includes forks.
	Forks bool
	// Empty includes repositories GitHub reports as empty.
	Empty bool
	// Match keeps repositories whose name (without the owner) matches one
	// of these path.Match globs; empty keeps all.
	Match []string
	// Topics keeps repositories that carry one of these topics; empty
	// keeps all.
	Topics []string
	// Visibility keeps repositories of this visibility (public, private,
	// internal); empty keeps all.
	Visibility string
}

// Check reports a malformed glob or an unknown visibility.
func (f Filter) Check() error {
	for _, m := range f.Match {
		if _, err := path.Match(m, ""); err != nil {
			return fmt.Errorf("check name glob %q: %w", m, err)
		}
	}
	switch f.Visibility {
	case "", "public", "private", "internal":
		return nil
	}
	return fmt.Errorf("check visibility %q: want public, private or internal", f.Visibility)
}

// Keep reports whether the filter keeps r.
func (f Filter) Keep(r Repository) bool {
	if r.Fork && !f.Forks || r.Empty && !f.Empty {
		return false
	}
	if f.Visibility != "" && !strings.EqualFold(r.Visibility, f.Visibility) {
		return false
	}
	if len(f.Match) > 0 {
		name := r.FullName[strings.LastIndex(r.FullName, "/")+1:]
		if !slices.ContainsFunc(f.Match, func(m string) bool { ok, _ := path.Match(m, name); return ok }) {
			return false
		}
	}
	if len(f.Topics) > 0 && !slices.ContainsFunc(f.Topics, func(t string) bool { return slices.Contains(r.Topics, t) }) {
		return false
	}
	return true
}

// ListOptions configure a Lister.
type ListOptions struct {
	// APIURL is the REST API root: https://api.github.com, or
	// https://HOST/api/v3 on GitHub Enterprise Server. Empty means
	// DefaultAPIURL.
	APIURL string
	// Token authenticates the listing; empty lists public repositories
	// only.
	Token string
	// Limits say how rate limits and server errors are waited out and
	// retried (MaxWait, Retries, Sleep, Log, Transport); zero fields take
	// the defaults of package internal/github, except MaxWait, which
	// defaults to DefaultMaxWait: a listing is worth a longer wait than
	// a comment.
	Limits ghapi.Options
}

// Lister lists an organisation's repositories.
type Lister struct {
	gh   *gh.Client
	opts ListOptions
}

// NewLister returns a Lister for opts.
func NewLister(opts ListOptions) (*Lister, error) {
	if opts.APIURL == "" {
		opts.APIURL = DefaultAPIURL
	}
	if opts.Limits.MaxWait == 0 {
		opts.Limits.MaxWait = DefaultMaxWait
	}
	if log := opts.Limits.Log; log != nil && opts.Token != "" {
		opts.Limits.Log = func(s string) { log(strings.ReplaceAll(s, opts.Token, "***")) }
	}
	c := gh.NewClient(&http.Client{Transport: ghapi.NewTransport(opts.Limits)})
	if opts.Token != "" {
		c = c.WithAuthToken(opts.Token)
	}
	// GITHUB_API_URL is the root as it is (…/api/v3 on Enterprise
	// Server); WithEnterpriseURLs would append /api/v3/ again.
	base, err := apiurl.Parse(opts.APIURL)
	if err != nil {
		return nil, err
	}
	c.BaseURL = base
	c.UserAgent = "hookscan"
	return &Lister{gh: c, opts: opts}, nil
}

// List returns the repositories of owner (an organisation, or a user when
// no organisation has that name), 100 a page, sorted by full name.
func (l *Lister) List(ctx context.Context, owner string) ([]Repository, error) {
	if owner == "" || strings.Contains(owner, "/") {
		return nil, fmt.Errorf("list repositories: %q is not an organisation name", owner)
	}
	all, err := l.pages(func(o gh.ListOptions) ([]*gh.Repository, *gh.Response, error) {
		return l.gh.Repositories.ListByOrg(ctx, owner, &gh.RepositoryListByOrgOptions{Type: "all", ListOptions: o})
	})
	if notFound(err) {
		all, err = l.pages(func(o gh.ListOptions) ([]*gh.Repository, *gh.Response, error) {
			return l.gh.Repositories.ListByUser(ctx, owner, &gh.RepositoryListByUserOptions{Type: "all", ListOptions: o})
		})
		if notFound(err) {
			return nil, fmt.Errorf("organisation or user %s not found (404) at API URL %s", owner, l.gh.BaseURL.Redacted())
		}
	}
	if err != nil {
		return nil, fmt.Errorf("list repositories of %s: %w", owner, scrub(err, l.opts.Token))
	}
	out := make([]Repository, 0, len(all))
	for _, r := range all {
		out = append(out, Repository{
			FullName:      r.GetFullName(),
			CloneURL:      r.GetCloneURL(),
			DefaultBranch: r.GetDefaultBranch(),
			Fork:          r.GetFork(),
			Archived:      r.GetArchived(),
			Empty:         r.GetSize() == 0,
			Visibility:    r.GetVisibility(),
			Topics:        r.Topics,
		})
	}
	slices.SortFunc(out, func(a, b Repository) int { return strings.Compare(a.FullName, b.FullName) })
	return out, nil
}

// notFound reports whether err is GitHub's 404 answer.
func notFound(err error) bool {
	var er *gh.ErrorResponse
	return errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusNotFound
}

// pages follows the Link header's next page; the transport has already
// waited out rate limits.
func (l *Lister) pages(list func(gh.ListOptions) ([]*gh.Repository, *gh.Response, error)) ([]*gh.Repository, error) {
	opts := gh.ListOptions{PerPage: 100}
	var all []*gh.Repository
	for {
		items, resp, err := list(opts)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if resp == nil || resp.NextPage == 0 || resp.NextPage <= opts.Page {
			return all, nil
		}
		opts.Page = resp.NextPage
	}
}
