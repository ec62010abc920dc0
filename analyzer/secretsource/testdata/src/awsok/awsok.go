package awsok

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"

	smv1 "github.com/aws/aws-sdk-go/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/stripe/stripe-go/v85/webhook"
)

func str(s string) *string { return &s }

func v2(ctx context.Context, c *secretsmanager.Client, payload []byte, header string) {
	out, err := c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: str("prod/stripe/webhook")})
	if err != nil {
		return
	}
	webhook.ConstructEvent(payload, header, *out.SecretString)
	hmac.New(sha256.New, out.SecretBinary)
}

func v1(ctx context.Context, c *smv1.SecretsManager) {
	out, err := c.GetSecretValueWithContext(ctx, &smv1.GetSecretValueInput{SecretId: str("prod/hmac")})
	if err != nil {
		return
	}
	hmac.New(sha256.New, []byte(*out.SecretString))
	old, _ := c.GetSecretValue(&smv1.GetSecretValueInput{SecretId: str("old")})
	hmac.New(sha256.New, old.SecretBinary)
}
