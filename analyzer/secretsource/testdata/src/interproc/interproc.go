// Package interproc hides hard-coded secrets one step away from the sink.
package interproc

import (
	"cmp"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"os"
)

// A constructor stores Options.Key in a field that a method uses.
type Options struct{ Key string } // want Key:`may hold literal@interproc.go:25`

type Verifier struct{ key []byte }

func NewVerifier(o Options) *Verifier { return &Verifier{key: []byte(o.Key)} }

func (v *Verifier) Sum(b []byte) []byte {
	m := hmac.New(sha256.New, v.key) // want `HMAC key passed to hmac.New may be hard-coded: field Key falls back to a string literal`
	m.Write(b)
	return m.Sum(nil)
}

var partner = NewVerifier(Options{Key: "partner-callback-key"})

// A functional option overrides a hard-coded default.
type Server struct{ secret []byte }

type Option func(*Server)

func WithSecret(s []byte) Option { return func(srv *Server) { srv.secret = s } } // want WithSecret:`sinks: param 0 to hmac.New`

func NewServer(opts ...Option) *Server {
	srv := &Server{secret: []byte("server-default-secret")}
	for _, o := range opts {
		o(srv)
	}
	return srv
}

func (s *Server) mac() { hmac.New(sha256.New, s.secret) } // want `may be hard-coded: field secret falls back to a string literal`

// A function whose only return is a literal.
func connectSecret() string { return "connect-secret-value" }

func connect() { hmac.New(sha256.New, []byte(connectSecret())) } // want `hard-coded HMAC key passed to hmac.New \(result of connectSecret\)`

// Fallbacks: the environment is read, but a secret ships.
func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func fallbacks() {
	hmac.New(sha256.New, []byte(firstNonEmpty(os.Getenv("HOOK_KEY"), "dev-hook-key"))) // want `may be hard-coded: it falls back to a string literal`
	hmac.New(sha256.New, []byte(cmp.Or(os.Getenv("HOOK_KEY"), "dev-hook-key")))        // want `may be hard-coded: it falls back to a string literal`
}

// A key decoded from a literal at package init.
var initKey []byte

func init() { initKey, _ = base64.StdEncoding.DecodeString("aW5pdC1zZWNyZXQta2V5") }

func useInit() { hmac.New(sha256.New, initKey) } // want `hard-coded HMAC key passed to hmac.New \(variable initKey\)`
