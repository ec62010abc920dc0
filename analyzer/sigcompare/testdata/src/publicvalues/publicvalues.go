// Package publicvalues uses HMACs, so names count here, and also compares
// public values named like signatures: none of those is reported.
package publicvalues

import (
	"bytes"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
)

// Fine: certificate signatures are public.
func sameCert(a, b *x509.Certificate) bool { return bytes.Equal(a.Signature, b.Signature) }

// Fine: an Ed25519 signature is public (ed25519.Verify is still the way
// to check one).
func edSig(priv ed25519.PrivateKey, msg, signature []byte) bool {
	sig := ed25519.Sign(priv, msg)
	return bytes.Equal(sig, signature)
}

// Fine: a hash of the body compared with a published checksum.
func published(body []byte, signature string) bool {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:]) == signature
}

// Bad, beside them: the HMAC of the body.
func mac(key, body []byte, signature string) bool {
	m := hmac.New(sha256.New, key)
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil)) == signature // want `HMAC compared with ==`
}

// Bad: a value named like a signature, from nothing known to be public.
func named(expectedSig, got []byte) bool {
	return bytes.Equal(expectedSig, got) // want `signature compared with bytes.Equal`
}
