package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	gh "github.com/google/go-github/v60/github"

	"github.com/hookscan/hookscan/internal/apiurl"
)

// Token permissions each kind of call needs, as a workflow's permissions:
// block spells them.
const (
	PermPullRequests   = "pull-requests: write"
	PermIssues         = "issues: write"
	PermSecurityEvents = "security-events: write"
)

// Options tune a Client. The zero value gives GitHub's recommended
// behaviour.
type Options struct {
	// Transport sends the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
	// Log receives one line for every wait and retry; nil drops them. No
	// line holds the token.
	Log func(string)
	// MaxWait is the longest wait for a rate limit to lift; a longer one
	// fails the call at once. 0 means DefaultMaxWait.
	MaxWait time.Duration
	// Retries is how many times a request that met a server error (5xx)
	// or no answer is sent again. 0 means DefaultRetries; negative, none.
	Retries int
	// WriteInterval is the least time between two requests that create or
	// change content. 0 means DefaultWriteInterval; negative, no spacing.
	WriteInterval time.Duration
	// Sleep waits for a duration or until the context is done; nil means
	// a timer. Tests replace it to record waits without taking them.
	Sleep func(context.Context, time.Duration) error
	// Now tells the time; nil means time.Now.
	Now func() time.Time
	// ConnectTimeout bounds opening a connection and its TLS handshake; 0
	// means DefaultConnectTimeout. It applies to the default transport.
	ConnectTimeout time.Duration
	// RequestTimeout bounds each request, from sending it to the last
	// byte of its answer (the wait for headers included); 0 means
	// DefaultRequestTimeout.
	RequestTimeout time.Duration
	// UserAgent names the client to GitHub; empty means "hookscan".
	UserAgent string
	// Label is the label put on issues; empty means "hookscan".
	Label string
}

// withDefaults fills in what opts leaves zero.
func (opts Options) withDefaults() Options {
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = DefaultConnectTimeout
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = DefaultRequestTimeout
	}
	if opts.Transport == nil {
		opts.Transport = newHTTPTransport(opts)
	}
	if opts.MaxWait == 0 {
		opts.MaxWait = DefaultMaxWait
	}
	switch {
	case opts.Retries == 0:
		opts.Retries = DefaultRetries
	case opts.Retries < 0:
		opts.Retries = 0
	}
	if opts.WriteInterval == 0 {
		opts.WriteInterval = DefaultWriteInterval
	}
	if opts.Sleep == nil {
		opts.Sleep = sleep
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Label == "" {
		opts.Label = "hookscan"
	}
	return opts
}

// Client reports findings to one repository.
type Client struct {
	gh    *gh.Client
	c     Context
	links Links
	label string
	log   func(string)
	opts  Options
}

// NewClient returns a client for the repository in c, authenticated with
// c.Token, talking to c.APIURL.
func NewClient(c Context, opts Options) (*Client, error) {
	c.Defaults()
	if err := c.checkAPI(); err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	if log := opts.Log; log != nil && c.Token != "" {
		opts.Log = func(s string) { log(strings.ReplaceAll(s, c.Token, "***")) }
	}
	tr := &transport{base: opts.Transport, opts: opts}
	client := gh.NewClient(&http.Client{Transport: tr}).WithAuthToken(c.Token)
	// GITHUB_API_URL is the API root as it is (…/api/v3 on Enterprise
	// Server); WithEnterpriseURLs would add /api/v3/ to it again.
	base, err := apiurl.Parse(c.APIURL)
	if err != nil {
		return nil, err
	}
	client.BaseURL = base
	if !strings.EqualFold(base.Host, "api.github.com") {
		client.UploadURL = base
	}
	client.UserAgent = cmpOr(opts.UserAgent, "hookscan")
	return &Client{gh: client, c: c, links: c.Links(), label: opts.Label, log: opts.Log, opts: opts}, nil
}

func (c *Client) logf(format string, args ...any) {
	if c.log != nil {
		c.log(fmt.Sprintf(format, args...))
	}
}

// scrub removes the token from text that is about to leave the client.
func (c *Client) scrub(s string) string {
	if c.c.Token == "" {
		return s
	}
	return strings.ReplaceAll(s, c.c.Token, "***")
}

// APIError is a failed GitHub API call, said in one line: what hookscan
// was doing, what GitHub answered, and what to change.
type APIError struct {
	// Op says what hookscan was doing ("create a review on pull request #7").
	Op string
	// Status is the HTTP status GitHub answered; 0 when it never answered.
	Status int
	// Message is GitHub's explanation, with the token removed.
	Message string
	// Permission is the token permission the call needs, as a workflow's
	// permissions block spells it.
	Permission string
	// Hint is the advice that ends the line.
	Hint string
	err  error
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Op + ": ")
	if e.Status != 0 {
		fmt.Fprintf(&b, "GitHub answered %d %s", e.Status, http.StatusText(e.Status))
		if e.Message != "" && e.Message != http.StatusText(e.Status) {
			b.WriteString(" (" + e.Message + ")")
		}
	} else {
		b.WriteString(e.Message)
	}
	if e.Hint != "" {
		b.WriteString(": " + e.Hint)
	}
	return b.String()
}

// Unwrap returns what go-github or the transport returned.
func (e *APIError) Unwrap() error { return e.err }

// StatusOf returns the HTTP status behind err, or 0.
func StatusOf(err error) int {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Status
	}
	return 0
}

// fail turns an error from go-github into an APIError.
func (c *Client) fail(op, perm string, err error) error {
	if err == nil {
		return nil
	}
	var na *noAnswerError
	if !errors.As(err, &na) && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return fmt.Errorf("%s: %w", op, err)
	}
	e := &APIError{Op: op, Permission: perm, err: err}
	var (
		rl  *rateLimitedError
		gRL *gh.RateLimitError
		ab  *gh.AbuseRateLimitError
		er  *gh.ErrorResponse
		ue  *url.Error
	)
	switch {
	case errors.As(err, &rl):
		e.Status = rl.status
		e.Message = rl.Error()
		e.Hint = "run again later"
	case errors.As(err, &na):
		e.Message = na.Error()
		e.Hint = "GitHub or the network between is down or overloaded; run again later"
	case errors.As(err, &gRL):
		e.Status = responseStatus(gRL.Response)
		e.Message = "API rate limit used up"
		e.Hint = "run again later"
	case errors.As(err, &ab):
		e.Status = responseStatus(ab.Response)
		e.Message = "secondary rate limit"
		e.Hint = "GitHub kept refusing after hookscan waited; run again later"
	case errors.As(err, &er):
		e.Status = responseStatus(er.Response)
		e.Message = errorMessage(er)
		e.Hint = c.hint(e.Status, perm)
	case errors.As(err, &ue):
		e.Message = "no answer from " + c.c.APIURL + ": " + unwrapAll(ue.Err).Error()
	default:
		e.Message = err.Error()
	}
	e.Message = c.scrub(e.Message)
	e.Op = c.scrub(e.Op)
	return e
}

// hint says what to change for a refusal.
func (c *Client) hint(status int, perm string) string {
	switch {
	case status == http.StatusUnauthorized:
		return "the token is missing, expired or revoked; pass a valid one (in a workflow, ${{ github.token }})"
	case status == http.StatusForbidden && perm == PermAdvisories:
		return "the token lacks `" + perm + "`: a workflow's GITHUB_TOKEN cannot be given it; pass a token that has it (a classic token with the repo scope, or a fine-grained token or GitHub App with \"Repository security advisories: write\") with --token-env NAME"
	case status == http.StatusForbidden && perm != "":
		return "the token lacks `" + perm + "`: add it to the workflow's permissions (pull requests from forks only ever get a read-only token)"
	case status == http.StatusNotFound && perm != "":
		return c.c.Repository() + " or the item does not exist, or the token cannot see it (it needs `" + perm + "`)"
	case status >= 500:
		return "GitHub kept failing after retries; run again later"
	}
	return ""
}

func responseStatus(r *http.Response) int {
	if r == nil {
		return 0
	}
	return r.StatusCode
}

// errorMessage joins GitHub's message and its error details.
func errorMessage(er *gh.ErrorResponse) string {
	parts := []string{}
	if er.Message != "" {
		parts = append(parts, er.Message)
	}
	for _, d := range er.Errors {
		switch {
		case d.Message != "":
			parts = append(parts, d.Message)
		case d.Code != "":
			parts = append(parts, strings.TrimSpace(d.Resource+" "+d.Field+" "+d.Code))
		}
	}
	return strings.Join(parts, ": ")
}

func unwrapAll(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		err = u
	}
}

// pages calls list for every page of a listing, 100 items a page,
// following the Link header's next page.
func pages[T any](list func(opts gh.ListOptions) ([]T, *gh.Response, error)) ([]T, error) {
	opts := gh.ListOptions{PerPage: 100}
	var all []T
	for {
		items, resp, err := list(opts)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if resp == nil || resp.NextPage <= opts.Page || resp.NextPage == 0 {
			return all, nil
		}
		opts.Page = resp.NextPage
	}
}

// create sends a request that creates something (do). GitHub can do the
// work and still lose its answer (a 502 from a proxy, or no answer within
// the timeout): so after such a failure, create reads back what exists
// (landed) before sending the request again, and sends it again only when
// nothing was made. A lost answer never makes a duplicate.
func (c *Client) create(ctx context.Context, op, perm string, do func() error, landed func() (bool, error)) error {
	for failures := 0; ; failures++ {
		err := do()
		if err == nil {
			return nil
		}
		if !lostAnswer(err) || failures >= c.opts.Retries {
			return c.fail(op, perm, err)
		}
		wait := backoff(failures + 1)
		c.logf("%s: %s; checking what GitHub made before trying again in %s", op, c.scrub(lostWhy(err)), wait)
		if err := c.opts.Sleep(ctx, wait); err != nil {
			return c.fail(op, perm, err)
		}
		if landed == nil {
			continue
		}
		ok, err := landed()
		if err != nil {
			return err
		}
		if ok {
			c.logf("%s: GitHub had done it; not sending it again", op)
			return nil
		}
	}
}

// lostAnswer reports whether err may hide work GitHub did: a server
// error, or no answer.
func lostAnswer(err error) bool {
	var na *noAnswerError
	if errors.As(err, &na) {
		return true
	}
	var er *gh.ErrorResponse
	return errors.As(err, &er) && er.Response != nil && er.Response.StatusCode >= 500
}

func lostWhy(err error) string {
	var na *noAnswerError
	if errors.As(err, &na) {
		return na.Error()
	}
	var er *gh.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		s := "GitHub answered " + er.Response.Status
		if r := er.Response.Request; r != nil {
			s += " to " + r.Method + " " + r.URL.Path
		}
		return s
	}
	return err.Error()
}
