// Package signer passes its callers' keys to hmac.New: a call with a
// literal key is reported in the caller's package.
package signer

import (
	"crypto/hmac"
	"crypto/sha256"
	"hash"
)

func New(key []byte) hash.Hash { return hmac.New(sha256.New, key) } // want New:`sinks: param 0 to hmac.New`

// Keyed passes the key on through New.
func Keyed(name string, key string) hash.Hash { return New([]byte(key)) } // want Keyed:`sinks: param 1 to hmac.New`

// Named does not pass its parameter to a sink.
func Named(name string) string { return "signer " + name }
