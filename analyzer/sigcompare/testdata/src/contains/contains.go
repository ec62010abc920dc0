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

// Digest is a MAC held in an array.
type Digest [32]byte

func digest(secret, body []byte) []byte { // want digest:`HMAC results \[0\]`
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return m.Sum(nil)
}

// A MAC copied into an array and compared with ==.
func verifyDigest(got Digest, secret, body []byte) bool {
	var want Digest
	copy(want[:], digest(secret, body))
	return got == want // want `HMAC compared with ==`
}
