package rules

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
)

// Probe says how to ask a provider, without side effects, whether a secret
// found by the rule still works. Probes are data so that a provider's
// change is a fix to a rule file, and users can add their own.
//
// Templates (URL, header values, Body) name values with {{name}}: secret
// is the whole secret, and every named group of Pattern matched against
// the secret is available by its name.
type Probe struct {
	// Unsupported, when set, says why no side-effect-free check exists for
	// this rule; the other fields must then be empty.
	Unsupported string `yaml:"unsupported,omitempty"`
	// Method is GET, HEAD or POST.
	Method string `yaml:"method,omitempty"`
	// URL is an https URL whose scheme and host are fixed: only the path
	// and query may hold {{name}} placeholders.
	URL string `yaml:"url,omitempty"`
	// Pattern is an RE2 expression matched against the secret; its named
	// groups become template values. A secret it does not match is not
	// probed.
	Pattern string `yaml:"pattern,omitempty"`
	// Headers are sent with the request (authorization schemes go here).
	Headers map[string]string `yaml:"headers,omitempty"`
	// Body is the request body.
	Body string `yaml:"body,omitempty"`
	// Live describes an answer that means the secret works.
	Live *Answer `yaml:"live,omitempty"`
	// Revoked describes an answer that means the provider does not know or
	// has disabled the secret.
	Revoked *Answer `yaml:"revoked,omitempty"`
	// Why says, in one line, why the request cannot post, fire or change
	// anything.
	Why string `yaml:"why,omitempty"`
	// Docs is the provider's documentation of the request and its answers.
	Docs string `yaml:"docs,omitempty"`

	// pattern caches Pattern compiled.
	pattern atomic.Pointer[regexp.Regexp]
}

// Answer matches a provider's answer. Every part given must hold: the
// status is one of Status, the body contains one of Body, and every JSON
// condition holds.
type Answer struct {
	// Status lists HTTP status codes.
	Status []int `yaml:"status,omitempty"`
	// Body lists substrings; one of them must occur in the body.
	Body []string `yaml:"body,omitempty"`
	// JSON lists conditions on the JSON body: "path" (the dotted field is
	// present and not null) or "path=value" (its value, as text, is value).
	JSON []string `yaml:"json,omitempty"`
}

var (
	placeholder   = regexp.MustCompile(`\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}`)
	methods       = []string{"GET", "HEAD", "POST"}
	headerPattern = regexp.MustCompile(`^[A-Za-z0-9-]+$`)
)

// Expand fills a probe template: each {{name}} becomes values[name], or
// "x" when values is nil (to check the template's shape).
func Expand(tmpl string, values map[string]string) string {
	return placeholder.ReplaceAllStringFunc(tmpl, func(m string) string {
		if values == nil {
			return "x"
		}
		return values[m[2:len(m)-2]]
	})
}

// Supported reports whether the probe makes a request.
func (p *Probe) Supported() bool { return p != nil && p.Unsupported == "" && p.URL != "" }

// Compiled returns the probe's pattern, or nil when it has none.
// It is safe for concurrent use: embedded rules' probes are compiled
// when first used, by whichever verification gets there first.
func (p *Probe) Compiled() *regexp.Regexp {
	if p.Pattern == "" {
		return nil
	}
	if re := p.pattern.Load(); re != nil {
		return re
	}
	re, err := regexp.Compile(p.Pattern)
	if err != nil {
		return nil
	}
	p.pattern.Store(re)
	return re
}

// Host returns the host the probe's URL names.
func (p *Probe) Host() string {
	u, err := url.Parse(p.URL)
	if err != nil {
		return ""
	}
	return u.Host
}

// validate checks the probe of rule r: HTTPS only, a host fixed in the
// template, placeholders that exist, matchers for both answers, and no
// probe at all on generic rules, whose URLs may point anywhere.
func (p *Probe) validate(r *Rule) error {
	if p.Unsupported != "" {
		if p.Method != "" || p.URL != "" || p.Body != "" || len(p.Headers) > 0 || p.Live != nil || p.Revoked != nil || p.Pattern != "" {
			return fmt.Errorf("verify: unsupported probes take no request fields")
		}
		return nil
	}
	if r.Kind == KindGeneric {
		return fmt.Errorf("verify: generic rules cannot have a probe: their URLs may point at any host (say unsupported: and why)")
	}
	if p.URL == "" {
		return fmt.Errorf("verify: needs a url, or unsupported: with a reason")
	}
	if !slices.Contains(methods, p.Method) {
		return fmt.Errorf("verify: method %q is not one of %s", p.Method, strings.Join(methods, ", "))
	}
	if !strings.HasPrefix(p.URL, "https://") {
		return fmt.Errorf("verify: url %q is not https", p.URL)
	}
	hostPart, _, _ := strings.Cut(strings.TrimPrefix(p.URL, "https://"), "/")
	if strings.Contains(hostPart, "{{") || strings.ContainsAny(hostPart, "@?#") || hostPart == "" {
		return fmt.Errorf("verify: url %q must name a fixed host: placeholders may only appear in the path and query", p.URL)
	}
	if u, err := url.Parse(Expand(p.URL, nil)); err != nil || u.Host != hostPart {
		return fmt.Errorf("verify: url %q is not a valid URL", p.URL)
	}
	if p.Pattern != "" {
		if _, err := regexp.Compile(p.Pattern); err != nil {
			return fmt.Errorf("verify: invalid pattern %q: %s", p.Pattern, regexError(err))
		}
	}
	names := map[string]bool{"secret": true}
	if re := p.Compiled(); re != nil {
		for _, n := range re.SubexpNames() {
			if n != "" {
				names[n] = true
			}
		}
	}
	templates := []string{p.URL, p.Body}
	for k, v := range p.Headers {
		if !headerPattern.MatchString(k) {
			return fmt.Errorf("verify: invalid header name %q", k)
		}
		templates = append(templates, v)
	}
	for _, s := range templates {
		for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
			if !names[m[1]] {
				return fmt.Errorf("verify: template names {{%s}}, which is neither secret nor a named group of pattern", m[1])
			}
		}
	}
	if p.Live.empty() || p.Revoked.empty() {
		return fmt.Errorf("verify: needs both live: and revoked: answers")
	}
	if strings.TrimSpace(p.Why) == "" || strings.Contains(p.Why, "\n") {
		return fmt.Errorf("verify: needs why: one line on why the request has no side effect")
	}
	if !strings.HasPrefix(p.Docs, "https://") {
		return fmt.Errorf("verify: needs docs: the https URL of the provider's documentation of the request")
	}
	return nil
}

func (a *Answer) empty() bool {
	return a == nil || len(a.Status) == 0 && len(a.Body) == 0 && len(a.JSON) == 0
}

// VerifyReason returns why a rule's secrets cannot be verified, or "" when
// the rule has a probe.
func (r *Rule) VerifyReason() string {
	switch {
	case r.Verify.Supported():
		return ""
	case r.Verify != nil && r.Verify.Unsupported != "":
		return r.Verify.Unsupported
	case r.Kind == KindGeneric:
		return "generic rule: the secret may belong to any service or host, and nothing is sent where a rule does not fix the host"
	case r.Kind == KindSigningSecret:
		return "a signing secret is checked by the receiver, not the provider: there is nothing remote to ask"
	}
	return "no side-effect-free request is known for this secret"
}
