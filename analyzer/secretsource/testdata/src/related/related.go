// Package related checks the path a report gives: where the value is
// written, what holds it, and where a helper hands it to the sink.
package related

import (
	"crypto/hmac"
	"crypto/sha256"
	"hash"
)

const webhookSecret = "related-webhook-secret"

func newMAC(key []byte) hash.Hash {
	return hmac.New(sha256.New, key)
}

func verify() {
	newMAC([]byte(webhookSecret)) // want `hard-coded HMAC key passed to related.newMAC \(which passes it to hmac.New\) \(constant webhookSecret\)`
}
