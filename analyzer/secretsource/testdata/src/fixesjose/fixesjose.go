package fixesjose

import (
	jose "github.com/go-jose/go-jose/v4"
	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwt"
)

const jwtSigningKey = "jwx-fix-signing-key"

func joseSigner() {
	jose.NewSigner(jose.SigningKey{Algorithm: jose.HS256, Key: []byte("jose-fix-key")}, nil) // want `hard-coded JWS HMAC signing key passed to jose.SigningKey`
}

func jwxSign(tok jwt.Token) {
	jwt.Sign(tok, jwt.WithKey(jwa.HS256, []byte(jwtSigningKey))) // want `constant jwtSigningKey`
}
