package broken

import (
	"crypto/hmac"
	"crypto/sha256"
)

var x int = undefinedName

func f() {
	var s string = 42
	hmac.New(sha256.New, []byte(s))
	hmac.New(sha256.New, []byte(undefinedKey))
	hmac.New(sha256.New, []byte("still-reported")) // want `hard-coded HMAC key passed to hmac.New`
}
