// Package jose signs and verifies with go-jose: HMAC keys written in the
// code are reported, public-key algorithms and keys from outside are not.
package jose

import (
	"crypto/ed25519"
	"crypto/rsa"
	"os"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	josev2 "gopkg.in/square/go-jose.v2"
)

var hmacKey = []byte("jose-hmac-signing-key")

func signers(priv *rsa.PrivateKey, edPriv ed25519.PrivateKey) {
	// Bad: an HMAC key written in the code.
	jose.NewSigner(jose.SigningKey{Algorithm: jose.HS256, Key: hmacKey}, nil)                 // want `hard-coded JWS HMAC signing key passed to jose.SigningKey \(variable hmacKey\)`
	jose.NewSigner(jose.SigningKey{Algorithm: jose.HS512, Key: []byte("inline-jose-key")}, nil) // want `hard-coded JWS HMAC signing key passed to jose.SigningKey`
	josev2.NewSigner(josev2.SigningKey{josev2.HS256, []byte("v2-positional-key")}, nil)         // want `hard-coded JWS HMAC signing key passed to jose.SigningKey`

	// Fine: the key from the environment; public-key algorithms.
	jose.NewSigner(jose.SigningKey{Algorithm: jose.HS256, Key: []byte(os.Getenv("JWS_HMAC_KEY"))}, nil)
	jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: priv}, nil)
	jose.NewSigner(jose.SigningKey{Algorithm: jose.EdDSA, Key: edPriv}, nil)
	// A key that is not a literal, whatever the algorithm, is fine too.
	jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: []byte("es256-needs-an-ecdsa-key")}, nil)
}

func verify(token string, pub *rsa.PublicKey) {
	jws, _ := jose.ParseSigned(token, []jose.SignatureAlgorithm{jose.HS256})
	jws.Verify([]byte("jose-verify-key")) // want `hard-coded JWS HMAC key passed to JSONWebSignature.Verify`
	jws.Verify(pub)
	jws.Verify([]byte(os.Getenv("JWS_HMAC_KEY")))
	// A hard-coded Ed25519 public key is public: fine.
	jws.Verify(ed25519.PublicKey([]byte("0123456789abcdef0123456789abcdef")))

	tok, _ := jwt.ParseSigned(token, []jose.SignatureAlgorithm{jose.HS256})
	var claims map[string]any
	tok.Claims([]byte("jose-jwt-claims-key"), &claims) // want `hard-coded JWT HMAC key passed to JSONWebToken.Claims`
	tok.Claims(pub, &claims)
}
