// Package ifaces gets its key through an interface.
package ifaces

import (
	"crypto/hmac"
	"crypto/sha256"
	"os"
)

type KeySource interface{ SigningKey() []byte }

type staticKey struct{}

func (staticKey) SigningKey() []byte { return []byte("admin-ui-signing-key") }

type envKey struct{ name string }

func (k envKey) SigningKey() []byte { return []byte(os.Getenv(k.name)) }

// The variable is assigned one concrete type.
func assigned() {
	var ks KeySource = staticKey{}
	hmac.New(sha256.New, ks.SigningKey()) // want `hard-coded HMAC key passed to hmac.New \(result of SigningKey\)`
}

func fromEnv() {
	var ks KeySource = envKey{"SIGNING_KEY"}
	hmac.New(sha256.New, ks.SigningKey())
}

// A parameter may hold either implementation: not followed.
func param(ks KeySource) { hmac.New(sha256.New, ks.SigningKey()) }

// An interface with one implementation in the package.
type Partners interface{ Secret(name string) string }

type builtin struct{}

func (builtin) Secret(name string) string { return "builtin-partner-key" }

func sign(p Partners, name string) {
	hmac.New(sha256.New, []byte(p.Secret(name))) // want `hard-coded HMAC key passed to hmac.New \(result of Secret\)`
}
