// Package secretmanager is a stub of GCP Secret Manager's client.
package secretmanager

import (
	"context"

	"cloud.google.com/go/secretmanager/apiv1/secretmanagerpb"
)

type Client struct{}

func NewClient(ctx context.Context) (*Client, error) { return &Client{}, nil }

type CallOption interface{}

func (c *Client) AccessSecretVersion(ctx context.Context, req *secretmanagerpb.AccessSecretVersionRequest, opts ...CallOption) (*secretmanagerpb.AccessSecretVersionResponse, error) {
	return &secretmanagerpb.AccessSecretVersionResponse{}, nil
}
