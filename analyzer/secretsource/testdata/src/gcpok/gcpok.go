package gcpok

import (
	"context"

	secretmanager "cloud.google.com/go/secretmanager/apiv1"
	"cloud.google.com/go/secretmanager/apiv1/secretmanagerpb"
	"github.com/slack-go/slack"
	"net/http"
)

func verify(ctx context.Context, c *secretmanager.Client, h http.Header) {
	resp, err := c.AccessSecretVersion(ctx, &secretmanagerpb.AccessSecretVersionRequest{
		Name: "projects/p/secrets/slack-signing-secret/versions/latest",
	})
	if err != nil {
		return
	}
	slack.NewSecretsVerifier(h, string(resp.Payload.Data))
	slack.NewSecretsVerifier(h, string(resp.GetPayload().GetData()))
}
