package fixesbytes

import (
	"bytes"
	"hash"
)

// bytes.Equal was the only use of bytes: the fix drops the import.
func equal(mac hash.Hash, sig []byte) bool {
	return bytes.Equal(mac.Sum(nil), sig) // want `HMAC compared with bytes.Equal`
}
