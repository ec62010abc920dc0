package broken

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
)

var x int = "not an int"

func verify(key, body, sig []byte) bool {
	mac := hmac.New(sha256.New, key)
	mac.Write(undefinedBody)
	return bytes.Equal(mac.Sum(nil), sig) // want `HMAC compared with bytes.Equal`
}
