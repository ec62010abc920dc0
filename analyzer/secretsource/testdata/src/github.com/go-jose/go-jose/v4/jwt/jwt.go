// Package jwt is a stub of github.com/go-jose/go-jose/v4/jwt.
package jwt

import jose "github.com/go-jose/go-jose/v4"

type JSONWebToken struct{}

func ParseSigned(s string, signatureAlgorithms []jose.SignatureAlgorithm) (*JSONWebToken, error) {
	return nil, nil
}

func (t *JSONWebToken) Claims(key interface{}, out ...interface{}) error { return nil }
