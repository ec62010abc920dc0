package fixes

import (
	"crypto/hmac"
	"crypto/sha256"
	"net/http"
	"os"

	"github.com/google/go-github/v75/github"
	"github.com/stripe/stripe-go/v85/webhook"
)

const stripeEndpointSecret = "whsec_local_testing"

var githubWebhookSecret = []byte("github-secret")

type settings struct{ SlackSigningSecret string } // want SlackSigningSecret:`may hold literal@fixes.go:37`

func inline() {
	hmac.New(sha256.New, []byte("inline-secret")) // want `hard-coded HMAC key`
}

func constant(payload []byte, header string) {
	webhook.ConstructEvent(payload, header, stripeEndpointSecret) // want `constant stripeEndpointSecret`
}

func variable(r *http.Request) {
	github.ValidatePayload(r, githubWebhookSecret) // want `variable githubWebhookSecret`
}

func local() {
	hmacKey := "local-secret"
	hmac.New(sha256.New, []byte(hmacKey)) // want `variable hmacKey`
}

func field() {
	s := settings{SlackSigningSecret: "slack-secret"}
	hmac.New(sha256.New, []byte(s.SlackSigningSecret)) // want `field s.SlackSigningSecret`
}

func bytesKey() {
	hmac.New(sha256.New, []byte{1, 2, 3, 4}) // want `hard-coded HMAC key`
}

var _ = os.Getenv // keeps os imported before the fix
