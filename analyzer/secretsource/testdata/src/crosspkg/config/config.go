// Package config exports hard-coded values another package uses.
package config

import (
	"flag"
	"os"
)

const SigningSecret = "const-signing-secret"

var WebhookSecret = "var-webhook-secret" // want WebhookSecret:`hard-coded literal@config.go:11`

type Settings struct {
	Secret string // want Secret:`may hold literal@config.go:20`
	Token  string
	Region string
}

var Default = Settings{ // want Default:`hard-coded fields Secret@config.go:20$`
	Secret: "field-secret",
	Token:  os.Getenv("TOKEN"),
}

// FromEnv is set at start-up: not hard-coded.
var FromEnv = "placeholder"

func init() { FromEnv = os.Getenv("WEBHOOK_SECRET") }

// Flagged is bound to a flag: not hard-coded.
var Flagged = "default"

func Bind() { flag.StringVar(&Flagged, "secret", Flagged, "webhook secret") }
