package github

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
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
)

// ErrRateLimited is the cause of an error after GitHub's primary rate
// limit ran out with its reset too far away to wait for.
var ErrRateLimited = errors.New("rate limit used up")

// rateLimitedError is ErrRateLimited with the time it lifts.
type rateLimitedError struct {
	reset   time.Time
	wait    time.Duration
	maxWait time.Duration
	limit   string
}

func (e *rateLimitedError) Error() string {
	return fmt.Sprintf("GitHub API rate limit (%s requests an hour) used up until %s, %s from now; that is longer than the %s hookscan waits",
		cmpOr(e.limit, "?"), e.reset.UTC().Format("15:04:05 UTC"), e.wait.Round(time.Second), e.maxWait)
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
	failures, limited := 0, 0
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
		resp, err := t.base.RoundTrip(r)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			failures++
			if failures > t.opts.Retries || (req.Body != nil && req.GetBody == nil) {
				return nil, err
			}
			wait := backoff(failures)
			t.logf("no answer from GitHub to %s %s; retrying in %s", req.Method, req.URL.Path, wait)
			if err := t.opts.Sleep(ctx, wait); err != nil {
				return nil, err
			}
			continue
		}
		retry := false
		switch {
		case resp.StatusCode >= 500:
			failures++
			if failures > t.opts.Retries || (req.Body != nil && req.GetBody == nil) {
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
			kind, wait := t.classify(resp)
			if kind == notLimited {
				break
			}
			limited++
			if kind == primaryLimit && wait > t.opts.MaxWait {
				discard(resp)
				return nil, &rateLimitedError{reset: t.opts.Now().Add(wait), wait: wait, maxWait: t.opts.MaxWait, limit: resp.Header.Get("X-RateLimit-Limit")}
			}
			if kind == secondaryLimit && resp.Header.Get("Retry-After") == "" {
				wait = secondaryWait << (limited - 1)
			}
			if limited > maxLimited || wait > t.opts.MaxWait {
				// Give up: go-github turns the answer into a rate-limit
				// error, which the caller words.
				break
			}
			what := "secondary rate limit"
			if kind == primaryLimit {
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

type limitKind int

const (
	notLimited limitKind = iota
	primaryLimit
	secondaryLimit
)

// classify tells a rate-limit refusal from a permission refusal, as
// GitHub documents them: Retry-After means wait that long; no requests
// left means wait for the reset; a message about secondary limits, or a
// 429, means wait at least a minute.
func (t *transport) classify(resp *http.Response) (limitKind, time.Duration) {
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		if s, err := strconv.Atoi(strings.TrimSpace(ra)); err == nil && s >= 0 {
			return secondaryLimit, time.Duration(s) * time.Second
		}
		if at, err := http.ParseTime(ra); err == nil {
			return secondaryLimit, max(at.Sub(t.opts.Now()), 0)
		}
		return secondaryLimit, secondaryWait
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "0" {
		wait := secondaryWait
		if s, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			// One second more: the reset is rounded down to the second.
			wait = max(time.Unix(s, 0).Sub(t.opts.Now())+time.Second, 0)
		}
		return primaryLimit, wait
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	lower := strings.ToLower(string(body))
	if strings.Contains(lower, "secondary rate limit") || strings.Contains(lower, "abuse-rate-limits") || strings.Contains(lower, "abuse detection") || resp.StatusCode == http.StatusTooManyRequests {
		return secondaryLimit, secondaryWait
	}
	return notLimited, 0
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
