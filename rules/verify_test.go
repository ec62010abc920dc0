package rules_test

import (
	"strings"
	"testing"

	"github.com/hookscan/hookscan/rules"
)

const probeRule = `rules:
  - id: acme-hook
    kind: webhook-url
    keywords: [hooks.acme.test]
    regex: 'https://hooks\.acme\.test/([a-z0-9]{20})'
    verify:
`

func TestProbeValidation(t *testing.T) {
	good := "      method: GET\n      url: https://api.acme.test/hooks/{{id}}\n      pattern: '/(?P<id>[a-z0-9]+)$'\n" +
		"      live: {status: [200]}\n      revoked: {status: [404]}\n      why: GET reads only\n      docs: https://docs.acme.test/hooks\n"
	cases := []struct {
		name, verify, want string
	}{
		{"http", strings.Replace(good, "https://api", "http://api", 1), `custom.yaml:7:7: rule "acme-hook": verify: url "http://api.acme.test/hooks/{{id}}" is not https`},
		{"host from secret", strings.Replace(good, "https://api.acme.test/hooks/{{id}}", "https://{{id}}.acme.test/", 1), "must name a fixed host"},
		{"userinfo", strings.Replace(good, "https://api.acme.test", "https://evil.test@api.acme.test", 1), "must name a fixed host"},
		{"unknown placeholder", strings.Replace(good, "{{id}}", "{{token}}", 1), "template names {{token}}"},
		{"method", strings.Replace(good, "GET", "DELETE", 1), `method "DELETE" is not one of GET, HEAD, POST`},
		{"no revoked", strings.Replace(good, "      revoked: {status: [404]}\n", "", 1), "needs both live: and revoked:"},
		{"no why", strings.Replace(good, "      why: GET reads only\n", "", 1), "needs why:"},
		{"no docs", strings.Replace(good, "      docs: https://docs.acme.test/hooks\n", "", 1), "needs docs:"},
		{"bad pattern", strings.Replace(good, "'/(?P<id>[a-z0-9]+)$'", "'(['", 1), "invalid pattern"},
		{"unsupported with request", "      unsupported: fires the hook\n      method: GET\n", "unsupported probes take no request fields"},
		{"unknown key", good + "      follow: true\n", `custom.yaml:14:7: unknown key "follow"`},
		{"header name", good + "      headers: {'Bad Header': x}\n", `invalid header name "Bad Header"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := rules.ParsePack("custom.yaml", []byte(probeRule+c.verify))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
		})
	}
	rs, err := rules.ParsePack("custom.yaml", []byte(probeRule+good))
	if err != nil {
		t.Fatal(err)
	}
	if !rs[0].Verify.Supported() || rs[0].VerifyReason() != "" || rs[0].Verify.Host() != "api.acme.test" {
		t.Errorf("good probe: supported %v, reason %q, host %q", rs[0].Verify.Supported(), rs[0].VerifyReason(), rs[0].Verify.Host())
	}
}

func TestProbeOnGenericRule(t *testing.T) {
	pack := strings.Replace(probeRule, "webhook-url", "generic", 1) +
		"      method: GET\n      url: https://api.acme.test/x\n      live: {status: [200]}\n      revoked: {status: [404]}\n      why: reads\n      docs: https://docs.acme.test\n"
	_, err := rules.ParsePack("custom.yaml", []byte(pack))
	if err == nil || !strings.Contains(err.Error(), "generic rules cannot have a probe") {
		t.Fatalf("error %v, want generic rules refused", err)
	}
}

// Every default rule either has a probe or says why not, and the ones the
// webhook catalogue calls unsafe to touch never get a request.
func TestDefaultProbes(t *testing.T) {
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*rules.Rule{}
	for _, r := range rs {
		byID[r.ID] = r
		if !r.Verify.Supported() && r.VerifyReason() == "" {
			t.Errorf("%s: neither a probe nor a reason", r.ID)
		}
	}
	for _, id := range []string{"slack-incoming-webhook-url", "discord-webhook-url", "telegram-bot-token", "slack-bot-token", "github-classic-pat", "stripe-secret-or-restricted-key", "sendgrid-api-key"} {
		if r := byID[id]; r == nil || !r.Verify.Supported() {
			t.Errorf("%s has no probe", id)
		}
	}
	for _, id := range []string{"zapier-catch-hook-url", "make-webhook-url", "n8n-webhook-url", "ifttt-webhooks-key", "stripe-webhook-signing-secret", "standard-webhooks-asymmetric-secret-key", "generic-webhook-url-basic-auth", "generic-webhook-url-token-param", "generic-secret-assignment", "msteams-workflows-powerautomate-url"} {
		if r := byID[id]; r == nil || r.Verify.Supported() || r.VerifyReason() == "" {
			t.Errorf("%s must be unsupported with a reason", id)
		}
	}
}

// FuzzProbe: a probe the loader accepts is https to a fixed host, and a
// refused one gets a one-line error.
func FuzzProbe(f *testing.F) {
	f.Add("https://api.acme.test/hooks/{{id}}", "/(?P<id>[a-z0-9]+)$", "GET")
	f.Add("https://{{id}}.acme.test/", "(?P<id>.*)", "POST")
	f.Add("https://evil.test@api.acme.test/{{secret}}", "", "GET")
	f.Add("https://api.acme.test:8443/x?{{secret}}", "", "HEAD")
	f.Fuzz(func(t *testing.T, url, pattern, method string) {
		pack := probeRule + "      method: '" + strings.ReplaceAll(method, "'", "''") + "'\n" +
			"      url: '" + strings.ReplaceAll(url, "'", "''") + "'\n" +
			"      pattern: '" + strings.ReplaceAll(pattern, "'", "''") + "'\n" +
			"      live: {status: [200]}\n      revoked: {status: [404]}\n      why: reads\n      docs: https://docs.acme.test\n"
		rs, err := rules.ParsePack("f.yaml", []byte(pack))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("multi-line error %q", err)
			}
			return
		}
		p := rs[0].Verify
		host := p.Host()
		if !strings.HasPrefix(p.URL, "https://"+host+"/") && p.URL != "https://"+host || strings.Contains(host, "{") || host == "" {
			t.Errorf("accepted url %q with host %q", p.URL, host)
		}
	})
}
