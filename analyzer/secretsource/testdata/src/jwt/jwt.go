package jwt

import (
	"os"

	"github.com/golang-jwt/jwt/v5"
)

var signingKey = []byte("jwt-signing-key")

func sign() {
	t := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "me"})
	t.SignedString(signingKey)                           // want `hard-coded JWT signing key passed to Token.SignedString \(variable signingKey\)`
	t.SignedString([]byte(os.Getenv("JWT_SIGNING_KEY")))
	jwt.SigningMethodHS256.Sign("header.payload", []byte("inline")) // want `SigningMethodHMAC.Sign`
}

// The key a keyfunc returns verifies tokens: a literal is an HMAC secret.
func parse(tok string, pub interface{}) {
	jwt.Parse(tok, func(t *jwt.Token) (interface{}, error) {
		return []byte("keyfunc-hmac-secret"), nil // want `hard-coded JWT HMAC key passed to jwt.Parse keyfunc`
	})
	jwt.ParseWithClaims(tok, jwt.MapClaims{}, func(t *jwt.Token) (interface{}, error) {
		return []byte(os.Getenv("JWT_SIGNING_KEY")), nil
	})
	// A public key from the caller (RS256): fine.
	jwt.Parse(tok, func(t *jwt.Token) (interface{}, error) { return pub, nil })
}
