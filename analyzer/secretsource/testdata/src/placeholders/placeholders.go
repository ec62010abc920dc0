package placeholders

import (
	"net/http"

	"github.com/slack-go/slack"
)

// Documentation placeholders are no secrets.
func examples(r *http.Request) {
	slack.New("YOUR_TOKEN_HERE")
	slack.PostWebhook("YOUR_WEBHOOK_URL_HERE", nil)
	slack.PostWebhook("https://hooks.slack.com/services/T000/B000/XXXXXXXX", nil)
	r.Header.Set("Authorization", "Bearer <token>")
	r.Header.Set("Authorization", "Bearer ${API_TOKEN}")
	slack.New("xoxb-your-token")
}

// A weak secret is still one.
func weak(r *http.Request) {
	slack.New("my-webhook-secret")                // want `hard-coded Slack token`
	r.Header.Set("Authorization", "Bearer "+"s3cr3t") // want `credential header`
}
