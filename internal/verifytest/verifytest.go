// Package verifytest stands fake providers behind a local HTTPS proxy for
// the tests of secret verification: one TLS server, with a certificate from
// a test CA for the providers' real host names, reached through a CONNECT
// proxy, so the code under test keeps real URLs and real HTTPS. Every
// request is recorded, with whether the real provider would have posted a
// message or fired an automation for it.
//
// The fakes answer as the providers document: Slack incoming webhooks
// (400 invalid_payload for a body that is not JSON, 200 and a post for a
// valid message, 404 no_service when revoked), Discord webhooks (GET
// returns the webhook object, POST executes it), Telegram getMe, Slack
// auth.test, GitHub GET /user, Zapier catch hooks (any request fires the
// Zap), and a host that rate-limits once and one that is broken.
package verifytest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Hosts are the provider hosts the fake answers for.
var Hosts = []string{
	"hooks.slack.com", "slack.com", "discord.com", "api.telegram.org", "api.github.com",
	"hooks.zapier.com", "api.stripe.com", "api.sendgrid.com", "hooks.internal.test",
}

// Request is one request a fake provider received.
type Request struct {
	Method, Host, Path, Body string
	// UserAgent is the request's User-Agent header.
	UserAgent string
	// SideEffect says what the real provider would have done: "posted",
	// "fired", or "" for nothing.
	SideEffect string
}

// Providers is a running fake of the providers and its proxy.
type Providers struct {
	// ProxyURL is the CONNECT proxy's URL, for HTTPS_PROXY.
	ProxyURL *url.URL
	// CAFile is the test CA certificate in PEM, for SSL_CERT_FILE.
	CAFile string
	// Roots trusts the test CA.
	Roots *x509.CertPool

	mu       sync.Mutex
	delay    time.Duration
	inFlight map[string]int
	maxIn    map[string]int
	requests []Request
	connects []string
	live     map[string]bool
	limited  map[string]int
}

// Start runs fake providers and a proxy for the test. live lists the
// credentials (secrets, or for URL secrets their token parts) the fakes
// accept; any other is revoked.
func Start(t testing.TB, live ...string) *Providers {
	t.Helper()
	p := &Providers{live: map[string]bool{}, limited: map[string]int{}, inFlight: map[string]int{}, maxIn: map[string]int{}}
	for _, s := range live {
		p.live[s] = true
	}
	caCert, caKey := newCA(t)
	leaf := newLeaf(t, caCert, caKey, Hosts)
	p.Roots = x509.NewCertPool()
	p.Roots.AddCert(caCert)
	p.CAFile = filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(p.CAFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caCert.Raw}), 0o600); err != nil {
		t.Fatal(err)
	}

	provider := httptest.NewUnstartedServer(http.HandlerFunc(p.serve))
	provider.TLS = &tls.Config{Certificates: []tls.Certificate{leaf}}
	provider.StartTLS()
	t.Cleanup(provider.Close)

	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
			return
		}
		p.mu.Lock()
		p.connects = append(p.connects, r.Host)
		p.mu.Unlock()
		up, err := net.Dial("tcp", provider.Listener.Addr().String())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		hj, ok := w.(http.Hijacker)
		if !ok {
			up.Close()
			return
		}
		w.WriteHeader(http.StatusOK)
		down, buf, err := hj.Hijack()
		if err != nil {
			up.Close()
			return
		}
		go func() {
			io.Copy(up, buf)
			up.Close()
		}()
		io.Copy(down, up)
		down.Close()
	}))
	t.Cleanup(proxy.Close)
	p.ProxyURL, _ = url.Parse(proxy.URL)
	return p
}

// Transport returns a transport that goes through the proxy and trusts
// the test CA, as the environment variables would make Go's default do.
func (p *Providers) Transport() *http.Transport {
	return &http.Transport{
		Proxy:           http.ProxyURL(p.ProxyURL),
		TLSClientConfig: &tls.Config{RootCAs: p.Roots},
	}
}

// Env returns HTTPS_PROXY and SSL_CERT_FILE settings for a child process.
func (p *Providers) Env() []string {
	return []string{"HTTPS_PROXY=" + p.ProxyURL.String(), "https_proxy=" + p.ProxyURL.String(), "NO_PROXY=", "no_proxy=", "SSL_CERT_FILE=" + p.CAFile}
}

// RateLimitOnce makes the next n requests carrying credential answer 429
// with Retry-After: 0.
func (p *Providers) RateLimitOnce(credential string, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.limited[credential] = n
}

// Requests returns the requests received so far.
func (p *Providers) Requests() []Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Request(nil), p.requests...)
}

// Connects returns the hosts the proxy was asked to reach.
func (p *Providers) Connects() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.connects...)
}

// SlowDown makes every answer wait d, so concurrent requests overlap.
func (p *Providers) SlowDown(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.delay = d
}

// MaxInFlight returns the most requests to host that were in progress at
// once.
func (p *Providers) MaxInFlight(host string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.maxIn[host]
}

func (p *Providers) serve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.inFlight[r.Host]++
	p.maxIn[r.Host] = max(p.maxIn[r.Host], p.inFlight[r.Host])
	delay := p.delay
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		p.inFlight[r.Host]--
		p.mu.Unlock()
	}()
	time.Sleep(delay)
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	req := Request{Method: r.Method, Host: r.Host, Path: r.URL.RequestURI(), Body: string(body), UserAgent: r.UserAgent()}
	status, answer, effect := p.answer(r, body)
	req.SideEffect = effect
	p.mu.Lock()
	p.requests = append(p.requests, req)
	p.mu.Unlock()
	if status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "0")
	}
	if status == http.StatusFound {
		w.Header().Set("Location", answer)
		answer = ""
	}
	if strings.HasPrefix(answer, "{") {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	io.WriteString(w, answer)
}

func (p *Providers) isLive(cred string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.live[cred]
}

func (p *Providers) rateLimited(cred string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.limited[cred] > 0 {
		p.limited[cred]--
		return true
	}
	return false
}

func bearer(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

// answer is what the provider at r.Host documents for the request.
func (p *Providers) answer(r *http.Request, body []byte) (int, string, string) {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	last := parts[len(parts)-1]
	switch r.Host {
	case "hooks.slack.com":
		if p.rateLimited(last) {
			return http.StatusTooManyRequests, "rate_limited", ""
		}
		if !p.isLive(last) {
			return http.StatusNotFound, "no_service", ""
		}
		var msg map[string]any
		if r.Method != http.MethodPost || json.Unmarshal(body, &msg) != nil {
			return http.StatusBadRequest, "invalid_payload", ""
		}
		if msg["text"] == nil && msg["blocks"] == nil {
			return http.StatusBadRequest, "no_text", ""
		}
		return http.StatusOK, "ok", "posted"
	case "discord.com":
		if len(parts) < 4 || !p.isLive(last) {
			return http.StatusUnauthorized, `{"message": "Invalid Webhook Token", "code": 50027}`, ""
		}
		if r.Method == http.MethodPost {
			return http.StatusNoContent, "", "posted"
		}
		return http.StatusOK, `{"type": 1, "id": "` + parts[2] + `", "name": "hook", "channel_id": "1", "guild_id": "2", "token": "` + last + `"}`, ""
	case "api.telegram.org":
		token := strings.TrimPrefix(parts[0], "bot")
		if !p.isLive(token) {
			return http.StatusUnauthorized, `{"ok":false,"error_code":401,"description":"Unauthorized"}`, ""
		}
		if last != "getMe" {
			return http.StatusOK, `{"ok":true,"result":{}}`, "posted"
		}
		return http.StatusOK, `{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"bot"}}`, ""
	case "slack.com":
		if !p.isLive(bearer(r)) {
			return http.StatusOK, `{"ok":false,"error":"invalid_auth"}`, ""
		}
		return http.StatusOK, `{"ok":true,"url":"https://acme.slack.com/","team":"Acme"}`, ""
	case "api.github.com":
		if !p.isLive(bearer(r)) {
			return http.StatusUnauthorized, `{"message":"Bad credentials","status":"401"}`, ""
		}
		return http.StatusOK, `{"login":"octocat","id":1}`, ""
	case "hooks.zapier.com":
		return http.StatusOK, `{"status":"success"}`, "fired"
	case "api.stripe.com":
		if p.rateLimited(bearer(r)) {
			return http.StatusTooManyRequests, `{"error":{"type":"rate_limit"}}`, ""
		}
		if strings.HasSuffix(bearer(r), "Redirect") {
			return http.StatusFound, "https://hooks.internal.test/elsewhere", ""
		}
		if strings.HasSuffix(bearer(r), "Broken") {
			return http.StatusInternalServerError, "<html>oops</html>", ""
		}
		if !p.isLive(bearer(r)) {
			return http.StatusUnauthorized, `{"error":{"type":"invalid_request_error"}}`, ""
		}
		return http.StatusOK, `{"object":"balance"}`, ""
	}
	return http.StatusOK, "ok", "fired"
}

func newCA(t testing.TB) (*x509.Certificate, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "hookscan test CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		KeyUsage:              x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert, key
}

func newLeaf(t testing.TB, ca *x509.Certificate, caKey *ecdsa.PrivateKey, hosts []string) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: hosts[0]},
		DNSNames:     hosts,
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}
