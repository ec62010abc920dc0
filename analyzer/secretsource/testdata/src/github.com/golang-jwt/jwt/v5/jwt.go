// Package jwt is a stub of github.com/golang-jwt/jwt/v5: the shapes of the
// API the analyzer matches.
package jwt

type Claims interface{}

type MapClaims map[string]interface{}

type SigningMethod interface{ Alg() string }

type SigningMethodHMAC struct{ Name string }

func (m *SigningMethodHMAC) Alg() string { return m.Name }

func (m *SigningMethodHMAC) Sign(signingString string, key interface{}) ([]byte, error) { return nil, nil }

func (m *SigningMethodHMAC) Verify(signingString string, sig []byte, key interface{}) error { return nil }

type SigningMethodRSA struct{ Name string }

func (m *SigningMethodRSA) Alg() string { return m.Name }

type SigningMethodECDSA struct{ Name string }

func (m *SigningMethodECDSA) Alg() string { return m.Name }

var (
	SigningMethodHS256 = &SigningMethodHMAC{"HS256"}
	SigningMethodHS512 = &SigningMethodHMAC{"HS512"}
	SigningMethodRS256 = &SigningMethodRSA{"RS256"}
	SigningMethodES256 = &SigningMethodECDSA{"ES256"}
)

type Token struct {
	Method SigningMethod
}

func New(method SigningMethod) *Token { return &Token{Method: method} }

func NewWithClaims(method SigningMethod, claims Claims) *Token { return &Token{Method: method} }

func (t *Token) SignedString(key interface{}) (string, error) { return "", nil }

type Keyfunc func(*Token) (interface{}, error)

type Parser struct{}

func Parse(tokenString string, keyFunc Keyfunc, options ...interface{}) (*Token, error) {
	return nil, nil
}

func ParseWithClaims(tokenString string, claims Claims, keyFunc Keyfunc, options ...interface{}) (*Token, error) {
	return nil, nil
}

func (p *Parser) Parse(tokenString string, keyFunc Keyfunc) (*Token, error) { return nil, nil }
