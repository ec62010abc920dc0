// Package interprocok is interproc with every secret from outside the
// program: nothing is reported.
package interprocok

import (
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"flag"
	"os"

	vault "github.com/hashicorp/vault/api"
)

type Options struct{ Key string }

type Verifier struct{ key []byte }

func NewVerifier(o Options) *Verifier { return &Verifier{key: []byte(o.Key)} }

func (v *Verifier) Sum(b []byte) []byte {
	m := hmac.New(sha256.New, v.key)
	m.Write(b)
	return m.Sum(nil)
}

var partner = NewVerifier(Options{Key: os.Getenv("PARTNER_KEY")})

// The key comes from the caller: a parameter.
func NewFromCaller(key string) *Verifier { return NewVerifier(Options{Key: key}) } // want NewFromCaller:`sinks: param 0 to hmac.New`

type Server struct{ secret []byte }

type Option func(*Server)

func WithSecret(s []byte) Option { return func(srv *Server) { srv.secret = s } } // want WithSecret:`sinks: param 0 to hmac.New`

func NewServer(opts ...Option) *Server {
	srv := &Server{}
	for _, o := range opts {
		o(srv)
	}
	return srv
}

func (s *Server) mac() { hmac.New(sha256.New, s.secret) }

var flagKey = flag.String("hook-key", "", "webhook key")

func connectSecret() string { return os.Getenv("CONNECT_SECRET") }

func connect() { hmac.New(sha256.New, []byte(connectSecret())) }

func vaultSecret(c *vault.Client) string {
	s, err := c.KVv2("secret").Get(context.Background(), "hooks")
	if err != nil {
		return ""
	}
	v, _ := s.Data["key"].(string)
	return v
}

func fromVault(c *vault.Client) { hmac.New(sha256.New, []byte(vaultSecret(c))) }

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func fallbacks() {
	hmac.New(sha256.New, []byte(firstNonEmpty(os.Getenv("HOOK_KEY"), *flagKey)))
	hmac.New(sha256.New, []byte(cmp.Or(os.Getenv("HOOK_KEY"), *flagKey)))
}

var initKey []byte

func init() { initKey, _ = base64.StdEncoding.DecodeString(os.Getenv("HOOK_KEY_B64")) }

func useInit() { hmac.New(sha256.New, initKey) }
