// Package secretsmanager is a stub of the AWS SDK v2 Secrets Manager client.
package secretsmanager

import "context"

type Options struct{}

type Client struct{}

func NewFromConfig(cfg any, optFns ...func(*Options)) *Client { return &Client{} }

type GetSecretValueInput struct {
	SecretId     *string
	VersionStage *string
}

type GetSecretValueOutput struct {
	SecretString *string
	SecretBinary []byte
}

func (c *Client) GetSecretValue(ctx context.Context, params *GetSecretValueInput, optFns ...func(*Options)) (*GetSecretValueOutput, error) {
	return &GetSecretValueOutput{}, nil
}
