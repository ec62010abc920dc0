package azureok

import (
	"context"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/security/keyvault/azsecrets"
	"github.com/google/go-github/v75/github"
)

func handle(ctx context.Context, c *azsecrets.Client, r *http.Request) {
	resp, err := c.GetSecret(ctx, "github-webhook-secret", "", nil)
	if err != nil {
		return
	}
	github.ValidatePayload(r, []byte(*resp.Value))
	secret := resp.Secret
	github.ValidatePayload(r, []byte(*secret.Value))
}
