package server

import (
	"crypto/hmac"
	"crypto/sha256"
	"net/http"

	"crosspkg/config"

	"github.com/google/go-github/v75/github"
)

func handle(r *http.Request) {
	github.ValidatePayload(r, []byte(config.WebhookSecret)) // want `hard-coded GitHub webhook secret passed to github.ValidatePayload \(variable config.WebhookSecret set at config.go:11\)`
	github.ValidatePayload(r, []byte(config.SigningSecret)) // want `\(constant config.SigningSecret set at config.go:9\)`
	hmac.New(sha256.New, []byte(config.Default.Secret))     // want `\(field config.Default.Secret set at config.go:20\)`
	hmac.New(sha256.New, []byte(config.Default.Token))
	hmac.New(sha256.New, []byte(config.FromEnv))
	hmac.New(sha256.New, []byte(config.Flagged))
}
