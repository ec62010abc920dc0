// Package app calls the keys package's functions.
package app

import (
	"crypto/hmac"
	"crypto/sha256"

	"crossresults/keys"
)

func use() {
	k, err := keys.SandboxKey("acme")
	if err != nil {
		return
	}
	hmac.New(sha256.New, k)                     // want `hard-coded HMAC key passed to hmac.New \(result of keys.SandboxKey set at keys.go:13\)`
	hmac.New(sha256.New, keys.SvixLegacy())     // want `hard-coded HMAC key passed to hmac.New \(result of keys.SvixLegacy set at keys.go:29\)`
	hmac.New(sha256.New, []byte(keys.DevKey())) // want `may be hard-coded: result of keys.DevKey set at keys.go:42 falls back to a string literal`
	hmac.New(sha256.New, keys.PartnerKey())
}
