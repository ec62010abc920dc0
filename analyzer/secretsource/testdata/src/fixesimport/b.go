package fixesimport

import (
	"crypto/hmac"
	"crypto/sha256"
	"net/http"
)

func b(r *http.Request) {
	r.Header.Set("Authorization", "Bearer t0ken")    // want `credential header`
	hmac.New(sha256.New, []byte("b-secret"))        // want `hard-coded HMAC key`
}

// os is taken here: the fix reads through requireEnv, declared elsewhere.
const shadowKey = "shadow-secret"

func shadow() {
	os := 1
	_ = os
	hmac.New(sha256.New, []byte(shadowKey)) // want `constant shadowKey`
}

// A variable named os is fixed the same way.
func named() {
	os := "named-secret"
	hmac.New(sha256.New, []byte(os)) // want `variable os`
}
