// Package digestuse compares what another package's helper returns: the
// fact on digestlib.Signer.Digest says it is an HMAC. This package does not
// import crypto/hmac.
package digestuse

import (
	"bytes"
	"encoding/hex"

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

// An HMAC made by another package's constructor, summed here.
func CheckHex(key, body []byte, given string) bool {
	m := digestlib.NewMAC(key)
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil)) == given // want `compared with ==`
}

// Fine: a plain hash made there.
func SameHex(body []byte, published string) bool {
	h := digestlib.NewHash()
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil)) == published
}
