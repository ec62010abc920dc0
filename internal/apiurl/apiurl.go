// Package apiurl checks the REST API roots the GitHub commands are given
// (--api-url, GITHUB_API_URL), and the git URLs an organisation listing
// names: the token goes with every request, so it must not cross a
// network in the clear, nor reach a host other than that GitHub's.
package apiurl

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Parse returns raw as an absolute URL, with a trailing slash added to
// its path. It must be https, or http to a loopback host (a test server,
// a local proxy): over plain http anywhere else the token would travel
// unencrypted.
func Parse(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/") + "/")
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("API URL %q: want an absolute https URL such as https://api.github.com", raw)
	}
	if !Secure(u) {
		return nil, fmt.Errorf("API URL %q: http would send the token unencrypted; use https (http is accepted only for a loopback host)", raw)
	}
	return u, nil
}

// Secure reports whether a token may travel to u: over https, or over
// plain http to a loopback host.
func Secure(u *url.URL) bool {
	return u.Scheme == "https" || u.Scheme == "http" && loopback(u.Hostname())
}

// SameGitHub reports whether u belongs to the GitHub whose REST API root
// is api: same port, and either the API's own host (GitHub Enterprise
// Server serves https://HOST/api/v3 and its git URLs on https://HOST) or
// X for an API at api.X (api.github.com and github.com, api.SUB.ghe.com
// and SUB.ghe.com).
func SameGitHub(api, u *url.URL) bool {
	if port(api) != port(u) {
		return false
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	apiHost := strings.TrimSuffix(strings.ToLower(api.Hostname()), ".")
	return host != "" && (host == apiHost || "api."+host == apiHost)
}

// port is u's port, or its scheme's default.
func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch u.Scheme {
	case "http":
		return "80"
	case "https":
		return "443"
	}
	return ""
}

// loopback reports whether host is localhost or a loopback address.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
