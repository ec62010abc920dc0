package fallback

import (
	"crypto/hmac"
	"crypto/sha256"
	"os"
)

// A default secret used when the environment has none is still a
// hard-coded secret.
func key() {
	secret := os.Getenv("WEBHOOK_SECRET")
	if secret == "" {
		secret = "dev-secret"
	}
	hmac.New(sha256.New, []byte(secret)) // want `HMAC key passed to hmac.New may be hard-coded: variable secret falls back to a string literal`
}

var pkgSecret = "dev-secret"

func init() {
	if v, ok := os.LookupEnv("WEBHOOK_SECRET"); ok {
		pkgSecret = v
	}
}

func global() {
	hmac.New(sha256.New, []byte(pkgSecret)) // want `may be hard-coded: variable pkgSecret falls back`
}
