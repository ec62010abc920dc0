// Package digestlib computes HMACs for other packages.
package digestlib

import (
	"crypto/hmac"
	"crypto/sha256"
	"hash"
)

type Signer struct{ Key []byte }

func (s Signer) Digest(body []byte) ([]byte, error) { // want Digest:`HMAC results \[0\]`
	m := hmac.New(sha256.New, s.Key)
	if _, err := m.Write(body); err != nil {
		return nil, err
	}
	return m.Sum(nil), nil
}

// Hash is a plain SHA-256: not a MAC.
func Hash(body []byte) []byte {
	s := sha256.Sum256(body)
	return s[:]
}

// NewMAC makes the HMAC its callers sum.
func NewMAC(key []byte) hash.Hash { return hmac.New(sha256.New, key) } // want NewMAC:`HMAC hashes \[0\]`

// NewHash is a plain hash.
func NewHash() hash.Hash { return sha256.New() }
