package jwt

import (
	"crypto/rsa"
	"errors"
	"os"

	jwt4 "github.com/golang-jwt/jwt/v4"
	"github.com/golang-jwt/jwt/v5"
)

// v4 is matched like v5.
func signV4() {
	t := jwt4.New(jwt4.SigningMethodHS512)
	t.SignedString([]byte("v4-signing-key")) // want `hard-coded JWT signing key passed to Token.SignedString`
}

// Only HMAC methods take a shared secret: a token signed with RS256 or
// ES256 takes a private key, which is never a literal of the right type,
// and is not reported whatever it is given.
func signRSA(priv *rsa.PrivateKey) {
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{})
	t.SignedString(priv)
	t.SignedString([]byte("rs256-would-fail-at-run-time"))
	jwt.New(jwt.SigningMethodES256).SignedString([]byte("es256-would-fail-too"))
	jwt.New(jwt.SigningMethodHS256).SignedString([]byte("chained-hs256-key")) // want `hard-coded JWT signing key passed to Token.SignedString`
}

// A keyfunc declared as a function or a method is followed like a
// function literal.
type verifier struct{ pub *rsa.PublicKey }

func hmacKeyfunc(t *jwt.Token) (interface{}, error) {
	if _, ok := t.Method.(*jwt.SigningMethodHMAC); !ok {
		return nil, errors.New("unexpected method")
	}
	return []byte("named-keyfunc-secret"), nil // want `hard-coded JWT HMAC key passed to jwt.Parse keyfunc`
}

func (v *verifier) keyfunc(t *jwt.Token) (interface{}, error) { return v.pub, nil }

func envKeyfunc(t *jwt.Token) (interface{}, error) {
	return []byte(os.Getenv("JWT_SIGNING_KEY")), nil
}

func parseNamed(tok string, v *verifier) {
	jwt.Parse(tok, hmacKeyfunc)
	jwt.Parse(tok, v.keyfunc)
	jwt.Parse(tok, envKeyfunc)
}
