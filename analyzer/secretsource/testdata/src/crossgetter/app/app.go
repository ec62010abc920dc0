// Package app reads settings of another package through their getters.
package app

import (
	"crypto/hmac"
	"crypto/sha256"

	"crossgetter/settings"
)

func use(s settings.Setting[string]) {
	hmac.New(sha256.New, []byte(settings.StripeSecret.Get(settings.String))) // want `may be hard-coded: field settings.StripeSecret.Default set at settings.go:33 falls back`
	hmac.New(sha256.New, []byte(settings.StripeSecret.Raw()))                // want `hard-coded HMAC key passed to hmac.New`

	// Fine: no default, the variable's name, a setting from the caller.
	hmac.New(sha256.New, []byte(settings.GitHubSecret.Get(settings.String)))
	hmac.New(sha256.New, []byte(s.Get(settings.String)))
}
