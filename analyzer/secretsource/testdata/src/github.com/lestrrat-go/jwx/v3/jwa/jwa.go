// Package jwa is a stub of github.com/lestrrat-go/jwx/v3/jwa: algorithms
// are values returned by functions.
package jwa

type KeyAlgorithm interface{ String() string }

type SignatureAlgorithm struct{ name string }

func (s SignatureAlgorithm) String() string { return s.name }

func HS256() SignatureAlgorithm { return SignatureAlgorithm{"HS256"} }

func RS256() SignatureAlgorithm { return SignatureAlgorithm{"RS256"} }

func EdDSA() SignatureAlgorithm { return SignatureAlgorithm{"EdDSA"} }
