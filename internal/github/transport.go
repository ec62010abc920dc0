package github

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults for Options.
const (
	// DefaultMaxWait is the longest hookscan waits for a rate limit.
	DefaultMaxWait = 3 * time.Minute
	// DefaultRetries is how many times a request that met a server error
	// (5xx) or no answer at all is sent again.
	DefaultRetries = 3
	// DefaultWriteInterval spaces out requests that create or change
	// content, as GitHub asks of integrations.
	DefaultWriteInterval = time.Second
	// secondaryWait is the wait for a secondary limit that names none; it
	// doubles with each further refusal.
	secondaryWait = time.Minute
	// maxLimited is how many rate-limit refusals one request sits out.
	maxLimited = 5
	// DefaultConnectTimeout bounds opening a connection (and its TLS
	// handshake) to the API.
	DefaultConnectTimeout = 10 * time.Second
	// DefaultRequestTimeout bounds one request from sending it to reading
	// the last byte of its answer; the wait for the answer's headers is
	// part of it.
	DefaultRequestTimeout = 30 * time.Second
	// timeoutRetries is how many times a request that met no answer within
	// its timeout is sent again: a server that hangs once mostly hangs
	// again, and each try costs the whole timeout.
	timeoutRetries = 1
)

// ErrRateLimited is the cause of an error after GitHub's primary rate
// limit ran out with its reset too far away to wait for.
var ErrRateLimited = errors.New("rate limit used up")

// rateLimitedError is ErrRateLimited: what GitHub's rate limit answer
// said, and why hookscan stopped waiting.
type rateLimitedError struct {
	status  int
	kind    limitKind
	reset   time.Time
	wait    time.Duration
	maxWait time.Duration
	limit   string
	// retryAfter is the Retry-After header when it was unusable or absurd.
	retryAfter string
	// tries is how many refusals were waited out before giving up.
	tries int
}

func (e *rateLimitedError) Error() string {
	switch {
	case e.retryAfter != "" && e.wait <= 0:
		return fmt.Sprintf("GitHub rate limit, with a Retry-After of %q that is no wait hookscan can take", e.retryAfter)
	case e.retryAfter != "":
		return fmt.Sprintf("GitHub rate limit: it asked for a wait of %ss (Retry-After), longer than the %s hookscan waits", e.retryAfter, e.maxWait)
	case e.kind == primaryLimit && e.tries <= maxLimited:
		return fmt.Sprintf("GitHub API rate limit (%s requests an hour) used up until %s, %s from now; that is longer than the %s hookscan waits",
			cmpOr(e.limit, "?"), e.reset.UTC().Format("15:04:05 UTC"), e.wait.Round(time.Second), e.maxWait)
	case e.kind == primaryLimit:
		return fmt.Sprintf("GitHub API rate limit still used up after %d waits", e.tries-1)
	case e.tries > maxLimited:
		return fmt.Sprintf("secondary rate limit: GitHub kept refusing after hookscan waited %d times", e.tries-1)
	}
	return fmt.Sprintf("secondary rate limit: GitHub asked for a wait of %s, longer than the %s hookscan waits", e.wait.Round(time.Second), e.maxWait)
}

// noAnswerError is a request that got no answer: the connection failed,
// or the answer did not come within the timeout. It names the endpoint.
type noAnswerError struct {
	method, path string
	timeout      time.Duration
	timedOut     bool
	err          error
}

func (e *noAnswerError) Error() string {
	if e.timedOut {
		return fmt.Sprintf("no answer from GitHub to %s %s within %s", e.method, e.path, e.timeout)
	}
	return fmt.Sprintf("no answer from GitHub to %s %s: %v", e.method, e.path, unwrapAll(e.err))
}

func (e *noAnswerError) Unwrap() error { return e.err }

// idempotent reports whether sending req twice has the effect of sending
// it once. Creates (POST) are not: the caller decides, after reading
// what the lost answer may have made (see Client.create).
func idempotent(req *http.Request) bool {
	return req.Method != http.MethodPost
}

func (e *rateLimitedError) Is(target error) bool { return target == ErrRateLimited }

// transport sits under go-github and owns every wait and retry, so that
// rate limits are handled in one place with one clock. It removes the
// X-RateLimit-Reset header from what it passes up: go-github would
// otherwise remember the limit and refuse later requests on its own,
// even after this transport has waited for the reset.
type transport struct {
	base    http.RoundTripper
	opts    Options
	mu      sync.Mutex
	lastPut time.Time
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	write := req.Method != http.MethodGet && req.Method != http.MethodHead
	retryable := idempotent(req) && (req.Body == nil || req.GetBody != nil)
	failures, timeouts, limited := 0, 0, 0
	for attempt := 0; ; attempt++ {
		r := req
		if attempt > 0 {
			var err error
			if r, err = rewind(req); err != nil {
				return nil, err
			}
		}
		if write {
			if err := t.spaceWrites(ctx); err != nil {
				return nil, err
			}
		}
		resp, err := t.send(r)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			na := &noAnswerError{method: req.Method, path: req.URL.Path, timeout: t.opts.RequestTimeout, err: err}
			na.timedOut = isTimeout(err)
			failures++
			if na.timedOut {
				timeouts++
			}
			if !retryable || failures > t.opts.Retries || timeouts > timeoutRetries {
				return nil, na
			}
			wait := backoff(failures)
			t.logf("%s; retrying in %s", na.Error(), wait)
			if err := t.opts.Sleep(ctx, wait); err != nil {
				return nil, err
			}
			continue
		}
		retry := false
		switch {
		case resp.StatusCode >= 500:
			failures++
			if !retryable || failures > t.opts.Retries {
				break
			}
			wait := backoff(failures)
			t.logf("GitHub answered %s to %s %s; retrying in %s (%d of %d retries)", resp.Status, req.Method, req.URL.Path, wait, failures, t.opts.Retries)
			discard(resp)
			if err := t.opts.Sleep(ctx, wait); err != nil {
				return nil, err
			}
			retry = true
		case resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusTooManyRequests:
			lim := t.classify(resp)
			if lim.kind == notLimited {
				break
			}
			limited++
			wait := lim.wait
			if lim.kind == secondaryLimit && !lim.given {
				wait = secondaryWait << (limited - 1)
			}
			if lim.absurd != "" || limited > maxLimited || wait > t.opts.MaxWait || (req.Body != nil && req.GetBody == nil) {
				// Give up, and say it was a rate limit: go-github would
				// word some of these answers as a refusal.
				discard(resp)
				return nil, &rateLimitedError{status: resp.StatusCode, kind: lim.kind, reset: t.opts.Now().Add(wait), wait: wait,
					maxWait: t.opts.MaxWait, limit: resp.Header.Get("X-RateLimit-Limit"), retryAfter: lim.absurd, tries: limited}
			}
			what := "secondary rate limit"
			if lim.kind == primaryLimit {
				what = "rate limit"
			}
			t.logf("GitHub %s on %s %s; waiting %s", what, req.Method, req.URL.Path, wait.Round(time.Second))
			discard(resp)
			if err := t.opts.Sleep(ctx, wait); err != nil {
				return nil, err
			}
			retry = true
		}
		if retry {
			continue
		}
		resp.Header.Del("X-RateLimit-Reset")
		return resp, nil
	}
}

// send makes one attempt, bounded by RequestTimeout from sending the
// request to closing the answer's body.
func (t *transport) send(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), t.opts.RequestTimeout)
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		if ctx.Err() == context.DeadlineExceeded && req.Context().Err() == nil {
			err = fmt.Errorf("%w: %w", errTimedOut, err)
		}
		return nil, err
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

var errTimedOut = errors.New("timed out")

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, errTimedOut) || errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// cancelBody ends an attempt's deadline when its body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// newHTTPTransport is the default transport: proxies from the
// environment, and bounded connection, TLS and header waits.
func newHTTPTransport(opts Options) *http.Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: opts.ConnectTimeout, KeepAlive: 30 * time.Second}).DialContext
	tr.TLSHandshakeTimeout = opts.ConnectTimeout
	tr.ResponseHeaderTimeout = opts.RequestTimeout
	return tr
}

type limitKind int

const (
	notLimited limitKind = iota
	primaryLimit
	secondaryLimit
)

// limit is what a rate-limit answer asks for.
type limit struct {
	kind limitKind
	wait time.Duration
	// given is set when the answer named its wait.
	given bool
	// absurd holds a Retry-After that is no wait to take: negative,
	// unreadable, or longer than a day.
	absurd string
}

// classify tells a rate-limit refusal from a permission refusal, as
// GitHub documents them: Retry-After means wait that long; no requests
// left means wait for the reset; a message about secondary limits, or a
// 429, means wait at least a minute.
func (t *transport) classify(resp *http.Response) limit {
	if ra := strings.TrimSpace(resp.Header.Get("Retry-After")); ra != "" {
		if s, err := strconv.ParseInt(ra, 10, 64); err == nil {
			if s < 0 || s > 24*60*60 {
				return limit{kind: secondaryLimit, absurd: ra, wait: time.Duration(max(s, 0)) * time.Second, given: true}
			}
			return limit{kind: secondaryLimit, wait: time.Duration(s) * time.Second, given: true}
		}
		if at, err := http.ParseTime(ra); err == nil {
			return limit{kind: secondaryLimit, wait: max(at.Sub(t.opts.Now()), 0), given: true}
		}
		return limit{kind: secondaryLimit, absurd: ra}
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "0" {
		wait := secondaryWait
		if s, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			// One second more: the reset is rounded down to the second.
			wait = max(time.Unix(s, 0).Sub(t.opts.Now())+time.Second, 0)
		}
		return limit{kind: primaryLimit, wait: wait, given: true}
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	lower := strings.ToLower(string(body))
	if strings.Contains(lower, "secondary rate limit") || strings.Contains(lower, "abuse-rate-limits") || strings.Contains(lower, "abuse detection") || resp.StatusCode == http.StatusTooManyRequests {
		return limit{kind: secondaryLimit, wait: secondaryWait}
	}
	return limit{}
}

// spaceWrites keeps WriteInterval between requests that create content.
func (t *transport) spaceWrites(ctx context.Context) error {
	if t.opts.WriteInterval <= 0 {
		return nil
	}
	t.mu.Lock()
	now := t.opts.Now()
	wait := t.lastPut.Add(t.opts.WriteInterval).Sub(now)
	t.lastPut = now.Add(max(wait, 0))
	t.mu.Unlock()
	if wait <= 0 {
		return nil
	}
	return t.opts.Sleep(ctx, wait)
}

func (t *transport) logf(format string, args ...any) {
	if t.opts.Log != nil {
		t.opts.Log(fmt.Sprintf(format, args...))
	}
}

// backoff is the wait before the n-th retry: 1s, 2s, 4s, … up to 30s.
func backoff(n int) time.Duration {
	return min(time.Second<<(n-1), 30*time.Second)
}

// rewind returns a copy of req with a fresh body, to send it again.
func rewind(req *http.Request) (*http.Request, error) {
	r := req.Clone(req.Context())
	if req.Body != nil && req.GetBody != nil {
		b, err := req.GetBody()
		if err != nil {
			return nil, fmt.Errorf("resend %s %s: %w", req.Method, req.URL.Path, err)
		}
		r.Body = b
	}
	return r, nil
}

func discard(resp *http.Response) {
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
