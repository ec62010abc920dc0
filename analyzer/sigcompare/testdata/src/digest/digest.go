// Package digest compares the result of a helper that computes an HMAC.
package digest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
)

type Verifier struct{ key []byte }

func (v *Verifier) digest(body []byte) []byte { // want digest:`HMAC results \[0\]`
	m := hmac.New(sha256.New, v.key)
	m.Write(body)
	return m.Sum(nil)
}

// hexDigest passes through another helper.
func (v *Verifier) hexDigest(body []byte) string { return hex.EncodeToString(v.digest(body)) } // want hexDigest:`HMAC results \[0\]`

// checksum returns a plain hash, however its variable is named.
func checksum(body []byte) []byte {
	mac := sha256.New()
	mac.Write(body)
	return mac.Sum(nil)
}

func newHash() hash.Hash { return sha256.New() }

// Bad: the helpers' results are MACs.
func (v *Verifier) Check(body, given []byte, header string) bool {
	if bytes.Equal(v.digest(body), given) { // want `HMAC compared with bytes.Equal`
		return true
	}
	return v.hexDigest(body) == header // want `HMAC compared with ==`
}

// Fine: a plain hash of the body, compared with a published checksum.
func Published(body, want []byte) bool { return bytes.Equal(checksum(body), want) }

// Fine: the constant-time comparison.
func (v *Verifier) Good(body, given []byte) bool { return hmac.Equal(v.digest(body), given) }
