// Package digestuse compares what another package's helper returns: the
// fact on digestlib.Signer.Digest says it is an HMAC. This package does not
// import crypto/hmac.
package digestuse

import (
	"bytes"

	"digestlib"
)

func Check(s digestlib.Signer, body, given []byte) bool {
	sum, err := s.Digest(body)
	if err != nil {
		return false
	}
	return bytes.Equal(sum, given) // want `HMAC compared with bytes.Equal`
}

// Fine: a plain hash from the same package.
func Same(body, published []byte) bool { return bytes.Equal(digestlib.Hash(body), published) }
