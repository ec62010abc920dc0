// Package azsecrets is a stub of the Azure Key Vault secrets client.
package azsecrets

import "context"

type Client struct{}

func NewClient(vaultURL string, credential any, options *ClientOptions) (*Client, error) { return &Client{}, nil }

type ClientOptions struct{}

type GetSecretOptions struct{}

type Secret struct {
	Value *string
}

type GetSecretResponse struct {
	Secret
}

func (client *Client) GetSecret(ctx context.Context, name string, version string, options *GetSecretOptions) (GetSecretResponse, error) {
	return GetSecretResponse{}, nil
}
