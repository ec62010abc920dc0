package generics

import (
	"crypto/hmac"
	"crypto/sha256"
	"hash"
)

type Key interface{ ~string | ~[]byte }

func mac[K Key](key K) hash.Hash {
	return hmac.New(sha256.New, []byte(key))
}

type Signer[T any] struct {
	key []byte
	v   T
}

func (s Signer[T]) New() hash.Hash { return hmac.New(sha256.New, s.key) } // want `hard-coded HMAC key passed to hmac.New \(field key\)`

func use() {
	mac("generic-secret")  // want `hard-coded HMAC key passed to generics.mac \(which passes it to hmac.New\)`
	mac[string]("another") // want `which passes it to hmac.New`
	_ = Signer[int]{key: []byte("in-struct")}
	hmac.New(sha256.New, []byte(pick("a-secret", "b-secret"))) // want `hard-coded HMAC key passed to hmac.New`
}

func pick[T any](a, b T) T { return a }

func inGeneric[T any]() hash.Hash {
	return hmac.New(sha256.New, []byte("generic-body-secret")) // want `hard-coded HMAC key passed to hmac.New`
}
