// Package slack is a stub of slack-go.
package slack

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"hash"
	"net/http"
)

type SecretsVerifier struct{ hmac hash.Hash }

// NewSecretsVerifier keys an HMAC with the secret, as slack-go does: it is
// a sink in the table and, by its summary, a helper of hmac.New.
func NewSecretsVerifier(header http.Header, secret string) (sv SecretsVerifier, err error) {
	return SecretsVerifier{hmac: hmac.New(sha256.New, []byte(secret))}, nil
}

func (v *SecretsVerifier) Write(body []byte) (n int, err error) { return len(body), nil }

func (v SecretsVerifier) Ensure() error { return nil }

type Client struct{}

type Option func(*Client)

func New(token string, options ...Option) *Client { return &Client{} }

type WebhookMessage struct{ Text string }

func PostWebhook(url string, msg *WebhookMessage) error { return nil }

func PostWebhookContext(ctx context.Context, url string, msg *WebhookMessage) error { return nil }
