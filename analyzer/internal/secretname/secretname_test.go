package secretname

import (
	"slices"
	"testing"
)

func TestNameWords(t *testing.T) {
	for name, want := range map[string][]string{
		"appSecret":                       {"app", "secret"},
		"APP_SECRET":                      {"app", "secret"},
		"HMACKey":                         {"hmac", "key"},
		"partnerAPIKey":                   {"partner", "api", "key"},
		"webhooks.partner.signing_secret": {"webhooks", "partner", "signing", "secret"},
		"slack-signing-secret":            {"slack", "signing", "secret"},
		"key2Secret":                      {"key2", "secret"},
	} {
		if got := Words(name); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestSecretName(t *testing.T) {
	for name, want := range map[string]string{
		"webhookSecret":       WebhookSecretRule,
		"SigningKey":          WebhookSecretRule,
		"partnerAPIKey":       SecretRule,
		"jwtKey":              SecretRule,
		"JWTKey":              SecretRule,
		"stripeKey":           SecretRule,
		"encryptionKey":       SecretRule,
		"rotationKey":         SecretRule,
		"sessionKey":          SecretRule,
		"signatureKey":        SecretRule,
		"routingKey":          "",
		"DB_PASSWORD":         SecretRule,
		"secretName":          "",
		"tokenURL":            "",
		"endpointSecret":      WebhookSecretRule, // Stripe's word for a webhook's signing secret
		"tokenEndpoint":       "",
		"webhookSecretEnv":    "",
		"fakeSecret":          "",
		"publicKey":           "",
		"cacheKey":            "",
		"key":                 "",
		"SecretFile":          "",
		"GITHUB_TOKEN_HEADER": "",
	} {
		got, _ := Rule(name)
		if got != want {
			t.Errorf("Rule(%q) = %q, want %q", name, got, want)
		}
	}
}
