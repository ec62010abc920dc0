package fields

import (
	"crypto/hmac"
	"crypto/sha256"
	"os"
)

type Config struct {
	Secret string // want Secret:`may hold literal@fields.go:14`
	Name   string // want Name:`may hold literal@fields.go:14`
}

var Defaults = Config{Secret: "default-secret", Name: "hook"} // want Defaults:`hard-coded fields Secret@fields.go:14 Name@fields.go:14`

func local() {
	cfg := Config{Secret: "local-secret"}
	hmac.New(sha256.New, []byte(cfg.Secret)) // want `hard-coded HMAC key passed to hmac.New \(field cfg.Secret\)`
}

func positional() {
	cfg := &Config{"positional-secret", "x"}
	hmac.New(sha256.New, []byte(cfg.Secret)) // want `\(field cfg.Secret\)`
}

func global() {
	hmac.New(sha256.New, []byte(Defaults.Secret)) // want `\(field Defaults.Secret\)`
}

func assigned() {
	var cfg Config
	cfg.Secret = "assigned-secret"
	hmac.New(sha256.New, []byte(cfg.Secret)) // want `\(field cfg.Secret\)`
}

// Set from the environment: fine.
func fromEnv() {
	cfg := Config{Secret: os.Getenv("WEBHOOK_SECRET")}
	hmac.New(sha256.New, []byte(cfg.Secret))
}

// Unset: the zero value is no secret.
func unset() {
	cfg := Config{Name: "x"}
	hmac.New(sha256.New, []byte(cfg.Secret))
}

// A pointer handed to a loader may be filled by it.
func loaded() {
	cfg := &Config{Secret: "placeholder"}
	load(cfg)
	hmac.New(sha256.New, []byte(cfg.Secret))
}

func load(c *Config) { c.Secret = os.Getenv("WEBHOOK_SECRET") }

// A pointer-receiver method may change it.
func (c *Config) Load() { c.Secret = os.Getenv("WEBHOOK_SECRET") }

func method() {
	cfg := Config{Secret: "placeholder"}
	cfg.Load()
	hmac.New(sha256.New, []byte(cfg.Secret))
}

// Parameters come from the caller: a field the package never sets from a
// literal holds what callers pass.
type remoteConfig struct{ Secret string }

func param(c remoteConfig) {
	hmac.New(sha256.New, []byte(c.Secret))
}

// Read through a parameter, a field holds whatever the package stores in
// it: here a literal.
func paramLiteral(c Config) {
	hmac.New(sha256.New, []byte(c.Secret)) // want `may be hard-coded: field Secret falls back to a string literal`
}
