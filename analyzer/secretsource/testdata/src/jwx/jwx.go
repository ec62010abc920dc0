// Package jwx signs with lestrrat-go/jwx v2 and v3.
package jwx

import (
	"crypto/rsa"
	"os"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwk"
	"github.com/lestrrat-go/jwx/v2/jwt"
	jwa3 "github.com/lestrrat-go/jwx/v3/jwa"
	jwk3 "github.com/lestrrat-go/jwx/v3/jwk"
	jwt3 "github.com/lestrrat-go/jwx/v3/jwt"
)

const sharedKey = "jwx-shared-hmac-key"

func v2(priv *rsa.PrivateKey) {
	tok := jwt.New()
	jwt.Sign(tok, jwt.WithKey(jwa.HS256, []byte(sharedKey)))                  // want `hard-coded JWT HMAC key passed to jwt.WithKey \(constant sharedKey\)`
	jwt.Parse(nil, jwt.WithKey(jwa.HS512, []byte("jwx-parse-key")))           // want `hard-coded JWT HMAC key passed to jwt.WithKey`
	jwt.Sign(tok, jwt.WithKey(jwa.HS256, []byte(os.Getenv("JWT_SIGNING_KEY")))) // fine: from outside
	jwt.Sign(tok, jwt.WithKey(jwa.RS256, priv))                               // fine: a private key, RS256
	jwt.Sign(tok, jwt.WithKey(jwa.ES256, []byte("not-an-hmac-algorithm")))    // fine: not HMAC

	jwk.FromRaw([]byte("jwk-symmetric-key")) // want `hard-coded JWK symmetric key passed to jwk.FromRaw`
	jwk.FromRaw(priv)
	jwk.ParseKey([]byte(os.Getenv("JWK_JSON")))
}

func v3(priv *rsa.PrivateKey) {
	tok := jwt3.New()
	jwt3.Sign(tok, jwt3.WithKey(jwa3.HS256(), []byte("jwx-v3-hmac-key"))) // want `hard-coded JWT HMAC key passed to jwt.WithKey`
	jwt3.Sign(tok, jwt3.WithKey(jwa3.RS256(), priv))
	jwt3.Sign(tok, jwt3.WithKey(jwa3.EdDSA(), []byte("an-eddsa-seed-is-no-hmac")))

	jwk3.Import([]byte("jwk-v3-symmetric-key")) // want `hard-coded JWK symmetric key passed to jwk.Import`
	jwk3.Import(priv)
}
