// Package contains looks for a MAC among the signatures a request sent:
// strings.Contains and slices.Contains compare in variable time too.
package contains

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"slices"
	"strings"
)

func sign(secret, body []byte) string { // want sign:`HMAC results \[0\]`
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

func standard(r *http.Request, secret, body []byte) bool {
	want := "v1," + sign(secret, body)
	return strings.Contains(r.Header.Get("webhook-signature"), want) // want `HMAC compared with strings.Contains`
}

func anyOf(sigs []string, secret, body []byte) bool {
	return slices.Contains(sigs, sign(secret, body)) // want `HMAC compared with slices.Contains`
}

// Fine: what is looked for is no secret.
func fine(r *http.Request, events []string) bool {
	return strings.Contains(r.Header.Get("Content-Type"), "json") && slices.Contains(events, r.Header.Get("X-GitHub-Event"))
}
