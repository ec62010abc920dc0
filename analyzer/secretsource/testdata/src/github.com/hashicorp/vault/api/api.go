// Package api is a stub of HashiCorp Vault's client.
package api

import "context"

type Client struct{}

func NewClient(c *Config) (*Client, error) { return &Client{}, nil }

type Config struct{ Address string }

type KVSecret struct {
	Data map[string]interface{}
}

type KVv2 struct{}

func (c *Client) KVv2(mountPath string) *KVv2 { return &KVv2{} }

func (kv *KVv2) Get(ctx context.Context, secretPath string) (*KVSecret, error) { return &KVSecret{}, nil }

type Secret struct {
	Data map[string]interface{}
}

type Logical struct{}

func (c *Client) Logical() *Logical { return &Logical{} }

func (c *Logical) Read(path string) (*Secret, error) { return &Secret{}, nil }
