// Package main is an example program: placeholders mark where the reader
// puts their own token, and are not reported here (they are anywhere
// else); a value that is not a placeholder still is.
package main

import "github.com/slack-go/slack"

func main() {
	slack.New("YOUR_TOKEN_HERE")
	slack.New("xoxb-your-bot-token")
	slack.New("relay-bot-credential") // want `hard-coded Slack token passed to slack.New`
}

func notify() {
	slack.PostWebhook("https://hooks.slack.com/services/YOUR/WEBHOOK/URL", nil)
}
