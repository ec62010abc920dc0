package fixesbytes

import (
	"bytes"
	"crypto/hmac"
	"hash"
)

// bytes.Equal was the only use of bytes: the fix drops the import.
func equal(mac hash.Hash, sig []byte) bool {
	return bytes.Equal(mac.Sum(nil), sig) // want `HMAC compared with bytes.Equal`
}

// The package uses HMACs: names count.
var _ = hmac.New
