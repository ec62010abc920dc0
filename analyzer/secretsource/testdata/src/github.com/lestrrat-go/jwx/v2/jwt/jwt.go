// Package jwt is a stub of github.com/lestrrat-go/jwx/v2/jwt.
package jwt

import "github.com/lestrrat-go/jwx/v2/jwa"

type Token interface{}

type Option interface{}

type SignEncryptParseOption interface{ Option }

type SignOption interface{ Option }

type ParseOption interface{ Option }

func New() Token { return nil }

func WithKey(alg jwa.KeyAlgorithm, key interface{}, suboptions ...Option) SignEncryptParseOption {
	return nil
}

func Sign(t Token, options ...SignOption) ([]byte, error) { return nil, nil }

func Parse(s []byte, options ...ParseOption) (Token, error) { return nil, nil }
