package fixes

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"net/http"
	"strings"
)

func eq(r *http.Request, mac hash.Hash) bool {
	return hex.EncodeToString(mac.Sum(nil)) == r.Header.Get("X-Signature") // want `HMAC compared with ==`
}

func neq(expectedSig, sig string) bool {
	if expectedSig != sig { // want `signature compared with !=`
		return false
	}
	return true
}

func equal(mac hash.Hash, sig []byte) bool {
	return bytes.Equal(mac.Sum(nil), sig) // want `HMAC compared with bytes.Equal`
}

func fold(expectedSignature, got string) bool {
	return strings.EqualFold(expectedSignature, got) // want `signature compared with strings.EqualFold`
}

func compare(expectedMAC, got []byte) bool {
	return bytes.Compare(expectedMAC, got) != 0 // want `MAC compared with bytes.Compare`
}

func stringOfBytes(mac hash.Hash, sig string) bool {
	return string(mac.Sum(nil)) == sig // want `HMAC compared with ==`
}

func array(mac [sha256.Size]byte, sig [sha256.Size]byte) bool {
	return mac == sig // want `MAC compared with ==`
}

// The package uses HMACs: names count.
var _ = hmac.New
