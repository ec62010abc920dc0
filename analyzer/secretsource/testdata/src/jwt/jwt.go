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
