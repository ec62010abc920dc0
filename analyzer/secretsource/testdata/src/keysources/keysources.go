// Package keysources reads keys through a generic interface held in a
// field, with several implementations.
package keysources

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"os"

	"github.com/golang-jwt/jwt/v5"
)

type keySource[K any] interface {
	Key() (K, error)
}

// static is a key source with a fixed key.
type static[K any] struct{ k K }

func (s static[K]) Key() (K, error) { return s.k, nil }

// env reads the environment.
type env struct{ name string }

func (e env) Key() ([]byte, error) {
	v := os.Getenv(e.name)
	if v == "" {
		return nil, errors.New("unset")
	}
	return []byte(v), nil
}

type issuer[K any] struct {
	method jwt.SigningMethod
	source keySource[K]
}

func (is issuer[K]) issue(claims jwt.Claims) (string, error) {
	k, err := is.source.Key()
	if err != nil {
		return "", err
	}
	return jwt.NewWithClaims(is.method, claims).SignedString(k) // want `JWT signing key passed to Token.SignedString may be hard-coded: field k falls back to a string literal`
}

var (
	internal = issuer[[]byte]{method: jwt.SigningMethodHS256, source: env{name: "INTERNAL_JWT_KEY"}}
	demo     = issuer[[]byte]{method: jwt.SigningMethodHS256, source: static[[]byte]{k: []byte("demo-issuer-key")}}
)

func parseDemo(raw string) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		return demo.source.Key() // want `JWT HMAC key passed to jwt.Parse keyfunc may be hard-coded: field k falls back to a string literal`
	})
}

// A verifier whose sources are all read from outside is fine.
type verifier struct{ source keySource[[]byte] }

var verifiers = []verifier{{source: env{name: "A"}}, {source: env{name: "B"}}}

func (v verifier) mac() error {
	k, err := v.source.Key()
	hmac.New(sha256.New, k)
	return err
}

func parseFine(raw string) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		return verifiers[0].source.Key()
	})
}
