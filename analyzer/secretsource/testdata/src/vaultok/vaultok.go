package vaultok

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"

	vault "github.com/hashicorp/vault/api"
	"github.com/stripe/stripe-go/v85/webhook"
)

func kv(ctx context.Context, c *vault.Client, payload []byte, header string) {
	s, err := c.KVv2("secret").Get(ctx, "webhooks/stripe")
	if err != nil {
		return
	}
	secret, _ := s.Data["signing_secret"].(string)
	webhook.ConstructEvent(payload, header, secret)
}

func logical(c *vault.Client) {
	s, err := c.Logical().Read("secret/data/webhooks")
	if err != nil {
		return
	}
	key := s.Data["hmac_key"].(string)
	hmac.New(sha256.New, []byte(key))
}
