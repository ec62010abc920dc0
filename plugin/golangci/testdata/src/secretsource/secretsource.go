package secretsource

import (
	"crypto/hmac"
	"crypto/sha256"
	"hash"
)

const webhookSecret = "shop-webhook-secret"

func mac() hash.Hash {
	return hmac.New(sha256.New, []byte(webhookSecret)) // want `hard-coded HMAC key passed to hmac.New \(constant webhookSecret\)`
}
