// Package jwt is a stub of github.com/golang-jwt/jwt/v4: the part of its
// API that the v4 scenario uses (v5 has the same shapes).
package jwt

type SigningMethod interface{ Alg() string }

type SigningMethodHMAC struct{ Name string }

func (m *SigningMethodHMAC) Alg() string { return m.Name }

var SigningMethodHS512 = &SigningMethodHMAC{"HS512"}

type Token struct{ Method SigningMethod }

func New(method SigningMethod) *Token { return &Token{Method: method} }

func (t *Token) SignedString(key interface{}) (string, error) { return "", nil }
