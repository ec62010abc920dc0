package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/spf13/pflag"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/verify"
)

// verifyConfig holds --verify and its options, and the verifier one run
// shares between its reports so each secret is asked about once.
type verifyConfig struct {
	enabled  bool
	cacheTTL time.Duration
	// transport, when set, replaces Go's default (tests only).
	transport http.RoundTripper

	verifier *verify.Verifier
	cache    *verify.Cache
}

func (c *verifyConfig) addFlags(f *pflag.FlagSet) {
	f.BoolVar(&c.enabled, "verify", false, "ask each secret's provider, without side effects, whether it still works")
	f.DurationVar(&c.cacheTTL, "verify-cache-ttl", verify.DefaultCacheTTL, "remember verification results for this long (0: no cache)")
}

// verifyFindings gives every finding a verification status when --verify
// is on, and leaves them alone otherwise: without --verify nothing is
// sent anywhere.
func (a *app) verifyFindings(ctx context.Context, d *scanner.Detector, findings []scanner.Finding) []scanner.Finding {
	c := &a.verify
	if !c.enabled || len(findings) == 0 {
		return findings
	}
	if c.verifier == nil {
		if c.cacheTTL > 0 {
			path, err := verify.DefaultCachePath()
			if err == nil {
				c.cache, err = verify.OpenCache(path, c.cacheTTL)
			}
			if err != nil {
				a.warn(fmt.Errorf("verify without a cache: %w", err))
			}
		}
		c.verifier = verify.New(verify.Options{
			Transport: c.transport,
			UserAgent: "hookscan/" + buildVersion() + " (secret verification; +https://github.com/hookscan/hookscan)",
			Cache:     c.cache,
		})
	}
	c.verifier.Verify(ctx, findings, d.Rule)
	if c.cache != nil {
		if err := c.cache.Save(); err != nil {
			a.warn(err)
		}
	}
	if a.verbose {
		s := c.verifier.Stats()
		fmt.Fprintf(a.stderr, "hookscan: verified %d distinct secrets: %d requests, %d answered from the cache\n", s.Secrets, s.Requests, s.Cached)
	}
	return findings
}
