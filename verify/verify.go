// Package verify asks providers whether the secrets in findings still
// work, without side effects: no message is posted, no automation fired,
// nothing changed.
//
// The probes are data in the rules (rules.Probe): a request built from
// the secret, and what a live and a revoked answer look like. This package
// runs them with care: HTTPS only, to the host the rule names and no
// other (redirects elsewhere are not followed), a few requests at a time
// per host and an overall rate, timeouts, Retry-After honoured, at most one
// request per distinct secret, and results cached by fingerprint so a
// second run asks nothing. Proxies (HTTPS_PROXY, NO_PROXY) and extra roots
// (SSL_CERT_FILE) are honoured as Go's net/http does.
//
// Verification is opt-in and runs after filtering: the engine and the
// analyzers never call it.
package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// Defaults for Options.
const (
	DefaultTimeout      = 10 * time.Second
	DefaultPerHost      = 2
	DefaultRate         = 10
	DefaultMaxRetryWait = 30 * time.Second
	DefaultCacheTTL     = 24 * time.Hour
)

// maxBody is how much of an answer is read: enough for every matcher.
const maxBody = 64 << 10

// Options configure a Verifier. Zero values take the defaults.
type Options struct {
	// Transport sends the requests; nil means a clone of
	// http.DefaultTransport, which honours HTTPS_PROXY, NO_PROXY and
	// SSL_CERT_FILE. Tests inject one that trusts a test CA.
	Transport http.RoundTripper
	// UserAgent names hookscan and its version.
	UserAgent string
	// Timeout bounds each request.
	Timeout time.Duration
	// PerHost is how many requests may be in flight to one host.
	PerHost int
	// Rate is how many requests may start per second, over all hosts.
	Rate float64
	// MaxRetryWait is the longest Retry-After waited out (once); a longer
	// one makes the result an error.
	MaxRetryWait time.Duration
	// Cache, when not nil, remembers results between runs.
	Cache *Cache
}

// Stats count what a Verify call did.
type Stats struct {
	// Secrets is the number of distinct secrets (fingerprints) seen.
	Secrets int
	// Requests is the number of HTTP requests sent, retries included.
	Requests int
	// Cached is the number of secrets answered from the cache.
	Cached int
}

// Verifier runs probes. It is safe for concurrent use; results of one
// Verifier are kept in memory, so a secret is asked about once per run
// even across several Verify calls.
type Verifier struct {
	opts   Options
	client *http.Client

	mu    sync.Mutex
	hosts map[string]chan struct{}
	next  time.Time
	seen  map[string]scanner.Verification
	stats Stats
}

// New returns a Verifier.
func New(opts Options) *Verifier {
	if opts.Transport == nil {
		opts.Transport = http.DefaultTransport.(*http.Transport).Clone()
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "hookscan (secret verification)"
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.PerHost <= 0 {
		opts.PerHost = DefaultPerHost
	}
	if opts.Rate <= 0 {
		opts.Rate = DefaultRate
	}
	if opts.MaxRetryWait <= 0 {
		opts.MaxRetryWait = DefaultMaxRetryWait
	}
	v := &Verifier{opts: opts, hosts: map[string]chan struct{}{}, seen: map[string]scanner.Verification{}}
	v.client = &http.Client{
		Transport: opts.Transport,
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			// Stay on the rule's host: a redirect elsewhere is answered
			// as it stands (and then matches neither live nor revoked).
			if req.URL.Scheme != "https" || req.URL.Host != via[0].URL.Host || len(via) >= 3 {
				return http.ErrUseLastResponse
			}
			return nil
		},
	}
	return v
}

// Stats returns what the Verifier has done so far.
func (v *Verifier) Stats() Stats {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.stats
}

// Verify sets Verification on every finding that has none, asking each
// distinct secret's provider once. Revoked secrets are still reported, at
// severity low. rule looks up a finding's rule; findings of unknown rules
// are left alone. Verify returns when every probe is done or ctx ends
// (unfinished ones are then errors).
func (v *Verifier) Verify(ctx context.Context, findings []scanner.Finding, rule func(id string) *rules.Rule) {
	type job struct {
		rule   *rules.Rule
		secret string
		idx    []int
	}
	jobs := map[string]*job{}
	var order []string
	for i := range findings {
		f := &findings[i]
		if f.Verification != nil {
			continue
		}
		r := rule(f.RuleID)
		if r == nil {
			continue
		}
		if reason := r.VerifyReason(); reason != "" {
			f.Verification = &scanner.Verification{Status: scanner.VerifyUnsupported, Detail: reason}
			continue
		}
		if redacted(f.Secret) {
			// A report read back (hookscan merge) holds redacted secrets:
			// sending one would ask about a different credential.
			f.Verification = &scanner.Verification{Status: scanner.VerifyError, Detail: "only a redacted secret is at hand: verify the scan that found it"}
			continue
		}
		fp := f.Fingerprint
		if fp == "" {
			fp = scanner.Fingerprint(f.RuleID, f.Secret)
		}
		j, ok := jobs[fp]
		if !ok {
			j = &job{rule: r, secret: f.Secret}
			jobs[fp] = j
			order = append(order, fp)
		}
		j.idx = append(j.idx, i)
	}
	v.mu.Lock()
	v.stats.Secrets += len(order)
	v.mu.Unlock()

	results := make([]scanner.Verification, len(order))
	var wg sync.WaitGroup
	for n, fp := range order {
		j := jobs[fp]
		wg.Go(func() { results[n] = v.one(ctx, fp, j.rule, j.secret) })
	}
	wg.Wait()
	for n, fp := range order {
		for _, i := range jobs[fp].idx {
			res := results[n]
			findings[i].Verification = &res
			if res.Status == scanner.VerifyRevoked {
				findings[i].Severity = "low"
			}
		}
	}
}

// one verifies one distinct secret: from this run's memory, the cache, or
// the provider.
func (v *Verifier) one(ctx context.Context, fp string, r *rules.Rule, secret string) scanner.Verification {
	v.mu.Lock()
	res, ok := v.seen[fp]
	v.mu.Unlock()
	if ok {
		return res
	}
	if c := v.opts.Cache; c != nil {
		if res, ok := c.Get(fp); ok {
			v.mu.Lock()
			v.stats.Cached++
			v.seen[fp] = res
			v.mu.Unlock()
			return res
		}
	}
	res = v.probe(ctx, r.Verify, secret)
	res.Detail = scrub(res.Detail, secret)
	v.mu.Lock()
	v.seen[fp] = res
	v.mu.Unlock()
	if c := v.opts.Cache; c != nil && res.Status != scanner.VerifyError {
		c.Put(fp, res)
	}
	return res
}

// probe builds the request from the secret, sends it (once more after a
// short Retry-After) and classifies the answer.
func (v *Verifier) probe(ctx context.Context, p *rules.Probe, secret string) scanner.Verification {
	values := map[string]string{"secret": secret}
	if re := p.Compiled(); re != nil {
		m := re.FindStringSubmatch(secret)
		if m == nil {
			// The rule finds several forms of secret and the probe
			// asks about only some of them.
			return scanner.Verification{Status: scanner.VerifyUnsupported, Detail: "the probe does not apply to this form of the secret"}
		}
		for i, name := range re.SubexpNames() {
			if name != "" {
				values[name] = m[i]
			}
		}
	}
	target, err := expandURL(p.URL, values)
	if err != nil {
		return errorf("%s", err.Error())
	}
	body := rules.Expand(p.Body, values)
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, p.Method, target, strings.NewReader(body))
		if err != nil {
			return errorf("build request: %v", err)
		}
		if body == "" {
			req.Body, req.ContentLength = http.NoBody, 0
		}
		req.Header.Set("User-Agent", v.opts.UserAgent)
		for k, val := range p.Headers {
			req.Header.Set(k, rules.Expand(val, values))
		}
		resp, data, err := v.send(ctx, req)
		if err != nil {
			return errorf("request to %s failed: %s", req.URL.Host, describe(err))
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			wait, ok := retryAfter(resp.Header.Get("Retry-After"))
			if attempt == 0 && ok && wait <= v.opts.MaxRetryWait {
				if sleep(ctx, wait) != nil {
					return errorf("cancelled while waiting out a rate limit")
				}
				continue
			}
			return errorf("rate limited by %s (HTTP %d)", req.URL.Host, resp.StatusCode)
		}
		return classify(p, resp.StatusCode, data)
	}
}

// send waits for the host's slot and the overall rate, then sends.
func (v *Verifier) send(ctx context.Context, req *http.Request) (*http.Response, []byte, error) {
	slot := v.hostSlot(req.URL.Host)
	select {
	case slot <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	defer func() { <-slot }()
	if err := v.pace(ctx); err != nil {
		return nil, nil, err
	}
	v.mu.Lock()
	v.stats.Requests++
	v.mu.Unlock()
	resp, err := v.client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, nil, err
	}
	return resp, data, nil
}

func (v *Verifier) hostSlot(host string) chan struct{} {
	v.mu.Lock()
	defer v.mu.Unlock()
	s, ok := v.hosts[host]
	if !ok {
		s = make(chan struct{}, v.opts.PerHost)
		v.hosts[host] = s
	}
	return s
}

// pace spaces request starts 1/Rate seconds apart.
func (v *Verifier) pace(ctx context.Context) error {
	gap := time.Duration(float64(time.Second) / v.opts.Rate)
	v.mu.Lock()
	now := time.Now()
	at := v.next
	if at.Before(now) {
		at = now
	}
	v.next = at.Add(gap)
	v.mu.Unlock()
	return sleep(ctx, at.Sub(now))
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

// classify matches an answer against the probe's live and revoked
// answers; anything else is an error that says what came back.
func classify(p *rules.Probe, status int, body []byte) scanner.Verification {
	switch {
	case matches(p.Live, status, body):
		return scanner.Verification{Status: scanner.VerifyLive, Detail: fmt.Sprintf("HTTP %d from %s", status, p.Host())}
	case matches(p.Revoked, status, body):
		return scanner.Verification{Status: scanner.VerifyRevoked, Detail: fmt.Sprintf("HTTP %d from %s", status, p.Host())}
	}
	return errorf("unexpected answer from %s: HTTP %d", p.Host(), status)
}

func matches(a *rules.Answer, status int, body []byte) bool {
	if a == nil {
		return false
	}
	if len(a.Status) > 0 && !slices.Contains(a.Status, status) {
		return false
	}
	if len(a.Body) > 0 && !slices.ContainsFunc(a.Body, func(s string) bool { return bytes.Contains(body, []byte(s)) }) {
		return false
	}
	if len(a.JSON) > 0 {
		var doc any
		if json.Unmarshal(body, &doc) != nil {
			return false
		}
		for _, cond := range a.JSON {
			path, want, hasValue := strings.Cut(cond, "=")
			got, ok := lookup(doc, path)
			if !ok || got == nil || hasValue && jsonText(got) != want {
				return false
			}
		}
	}
	return true
}

// lookup follows a dotted path through JSON objects.
func lookup(doc any, path string) (any, bool) {
	for _, key := range strings.Split(path, ".") {
		m, ok := doc.(map[string]any)
		if !ok {
			return nil, false
		}
		if doc, ok = m[key]; !ok {
			return nil, false
		}
	}
	return doc, true
}

func jsonText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// safeValue is what a value put into a URL may hold: nothing that could
// change the host, start a query where none was meant, or climb paths.
var safeValue = regexp.MustCompile(`^[A-Za-z0-9._~:/+=-]*$`)

// expandURL fills the URL template and checks the result still names the
// template's host over https.
func expandURL(tmpl string, values map[string]string) (string, error) {
	for name, val := range values {
		if strings.Contains(tmpl, "{{"+name+"}}") && (!safeValue.MatchString(val) || strings.Contains(val, "..") || strings.Contains(val, "//")) {
			return "", fmt.Errorf("the secret holds characters that cannot go into the probe's URL")
		}
	}
	want, err := url.Parse(rules.Expand(tmpl, nil))
	if err != nil {
		return "", fmt.Errorf("invalid probe URL")
	}
	s := rules.Expand(tmpl, values)
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host != want.Host {
		return "", fmt.Errorf("the probe's URL would leave its host")
	}
	return s, nil
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h string) (time.Duration, bool) {
	if h == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(time.Until(t), 0), true
	}
	return 0, false
}

// describe turns a transport error into words without the URL, which may
// hold the secret.
func describe(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return "timed out"
		}
		err = ue.Err
	}
	return err.Error()
}

// redacted reports whether a secret is the redacted form writers show
// ("whse…", "https://hooks.slack.com/services/T04…/B05…/****"), which no
// rule's alphabet produces.
func redacted(s string) bool {
	return s == "" || strings.Contains(s, "…") || strings.Contains(s, "****")
}

// scrub keeps the secret out of a detail, whatever produced it.
func scrub(s, secret string) string {
	if secret == "" {
		return s
	}
	return strings.ReplaceAll(s, secret, "[secret]")
}

func errorf(format string, args ...any) scanner.Verification {
	return scanner.Verification{Status: scanner.VerifyError, Detail: fmt.Sprintf(format, args...)}
}
