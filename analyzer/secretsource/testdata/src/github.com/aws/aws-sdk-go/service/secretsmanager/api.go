// Package secretsmanager is a stub of the AWS SDK v1 Secrets Manager client.
package secretsmanager

import "context"

type SecretsManager struct{}

func New(p any) *SecretsManager { return &SecretsManager{} }

type GetSecretValueInput struct{ SecretId *string }

type GetSecretValueOutput struct {
	SecretString *string
	SecretBinary []byte
}

func (c *SecretsManager) GetSecretValue(input *GetSecretValueInput) (*GetSecretValueOutput, error) {
	return &GetSecretValueOutput{}, nil
}

func (c *SecretsManager) GetSecretValueWithContext(ctx context.Context, input *GetSecretValueInput) (*GetSecretValueOutput, error) {
	return &GetSecretValueOutput{}, nil
}
