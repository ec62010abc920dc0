// Package jwa is a stub of github.com/lestrrat-go/jwx/v2/jwa.
package jwa

type KeyAlgorithm interface{ String() string }

type SignatureAlgorithm string

func (s SignatureAlgorithm) String() string { return string(s) }

const (
	HS256 SignatureAlgorithm = "HS256"
	HS512 SignatureAlgorithm = "HS512"
	RS256 SignatureAlgorithm = "RS256"
	ES256 SignatureAlgorithm = "ES256"
)
