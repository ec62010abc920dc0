// Package config loads settings whose fields fall back to literals.
package config

import "os"

type Config struct {
	ShopifySecret string // want ShopifySecret:`may hold literal@config.go:17`
	GitHubSecret  string
}

func Load() (*Config, error) {
	c := &Config{
		ShopifySecret: os.Getenv("SHOPIFY_SECRET"),
		GitHubSecret:  os.Getenv("GITHUB_WEBHOOK_SECRET"),
	}
	if c.ShopifySecret == "" {
		c.ShopifySecret = "local-dev-shopify"
	}
	return c, nil
}
