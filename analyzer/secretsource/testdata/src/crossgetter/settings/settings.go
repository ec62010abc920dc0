// Package settings holds typed settings whose getters return a field of
// their receiver.
package settings

import "os"

// Setting is a typed setting with a default.
type Setting[T any] struct {
	Env     string // want Env:`may hold literal@settings.go:33`
	Default T
}

// Get returns the environment's value, parsed, or the default.
func (s Setting[T]) Get(parse func(string) (T, error)) T { // want Get:`may return field Default`
	if v, ok := os.LookupEnv(s.Env); ok {
		if t, err := parse(v); err == nil {
			return t
		}
	}
	return s.Default
}

// Raw returns the default alone.
func (s Setting[T]) Raw() T { return s.Default } // want Raw:`returns field Default`

// Name returns the variable's name: a field, but not a secret one.
func (s Setting[T]) Name() string { return s.Env } // want Name:`returns field Env`

// String parses a string setting.
func String(s string) (string, error) { return s, nil }

var (
	StripeSecret = Setting[string]{Env: "STRIPE_WEBHOOK_SECRET", Default: "stripe-dev-secret"} // want StripeSecret:`fields Env@settings.go:33 Default@settings.go:33`
	GitHubSecret = Setting[string]{Env: "GITHUB_WEBHOOK_SECRET"}                              // want GitHubSecret:`fields Env@settings.go:34`
)

// Plain has no variable set from a literal: its getters get no fact.
type Plain struct{ key string }

// Key returns the key.
func (p Plain) Key() string { return p.key }
