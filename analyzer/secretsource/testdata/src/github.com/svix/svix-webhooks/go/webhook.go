// Package svix is a stub of Svix's Go library.
package svix

type Webhook struct{}

func NewWebhook(secret string) (*Webhook, error) { return &Webhook{}, nil }

func NewWebhookRaw(secret []byte) (*Webhook, error) { return &Webhook{}, nil }
