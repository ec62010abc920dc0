// Package app reads the loaded configuration's fields.
package app

import (
	"crypto/hmac"
	"crypto/sha256"

	"crossfields/config"
)

func run() {
	cfg, err := config.Load()
	if err != nil {
		return
	}
	use(cfg)
	hmac.New(sha256.New, []byte(cfg.ShopifySecret)) // want `may be hard-coded: field ShopifySecret set at config.go:17 falls back to a string literal`
	hmac.New(sha256.New, []byte(cfg.GitHubSecret))
}

func use(*config.Config) {}
