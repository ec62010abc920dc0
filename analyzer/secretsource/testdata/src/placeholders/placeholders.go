package placeholders

import (
	"net/http"

	"github.com/google/go-github/v75/github"
	"github.com/slack-go/slack"
)

// Documentation placeholders in a URL or a header are no secrets.
func examples(r *http.Request) {
	slack.PostWebhook("YOUR_WEBHOOK_URL_HERE", nil)
	slack.PostWebhook("https://hooks.slack.com/services/T000/B000/XXXXXXXX", nil)
	r.Header.Set("Authorization", "Bearer <token>")
	r.Header.Set("Authorization", "Bearer ${API_TOKEN}")
}

// At a secret sink any literal is a hard-coded secret, placeholder-like or
// not: it is what the program ships with.
func atSink(r *http.Request) {
	slack.New("YOUR_TOKEN_HERE")                        // want `hard-coded Slack token`
	slack.New("xoxb-your-token")                        // want `hard-coded Slack token`
	github.ValidatePayload(r, []byte("changeme-later")) // want `hard-coded GitHub webhook secret`
}

// A weak secret is still one.
func weak(r *http.Request) {
	slack.New("my-webhook-secret")                    // want `hard-coded Slack token`
	r.Header.Set("Authorization", "Bearer "+"s3cr3t") // want `credential header`
}
