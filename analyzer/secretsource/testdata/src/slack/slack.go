package slack

import (
	"context"
	"net/http"
	"os"

	"github.com/slack-go/slack"
)

func handle(h http.Header) {
	slack.NewSecretsVerifier(h, "8f742231b10e8888abcd99yyyzzz85a5") // want `hard-coded Slack signing secret passed to slack.NewSecretsVerifier`
	slack.NewSecretsVerifier(h, os.Getenv("SLACK_SIGNING_SECRET"))
	slack.New("xoxb-not-a-real-token") // want `hard-coded Slack token passed to slack.New`
	slack.New(os.Getenv("SLACK_BOT_TOKEN"))
}

// Any literal URL given to PostWebhook is a hard-coded webhook URL,
// whatever it looks like.
func post(ctx context.Context) {
	slack.PostWebhook("https://hooks.internal.corp/notify/k3Jd8Qp2", &slack.WebhookMessage{Text: "hi"}) // want `hard-coded Slack webhook URL passed to slack.PostWebhook`
	slack.PostWebhookContext(ctx, os.Getenv("SLACK_WEBHOOK_URL"), &slack.WebhookMessage{Text: "hi"})
}
