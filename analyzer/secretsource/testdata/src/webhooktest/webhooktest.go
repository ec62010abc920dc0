// Package webhooktest is test support: a fake server with a fixed token.
package webhooktest

import "github.com/slack-go/slack"

func Client() *slack.Client { return slack.New("fake-server-token") }
