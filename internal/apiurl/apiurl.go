// Package apiurl checks the REST API roots the GitHub commands are given
// (--api-url, GITHUB_API_URL): the token goes with every request, so it
// must not cross a network in the clear.
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
	if u.Scheme == "http" && !loopback(u.Hostname()) {
		return nil, fmt.Errorf("API URL %q: http would send the token unencrypted; use https (http is accepted only for a loopback host)", raw)
	}
	return u, nil
}

// loopback reports whether host is localhost or a loopback address.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
