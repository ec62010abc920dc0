package svix

import (
	"os"

	svix "github.com/svix/svix-webhooks/go"
)

func verifier() {
	svix.NewWebhook("whsec_svix_inline")               // want `hard-coded Svix webhook secret passed to svix.NewWebhook`
	svix.NewWebhookRaw([]byte("raw-svix-secret"))      // want `svix.NewWebhookRaw`
	svix.NewWebhook(os.Getenv("SVIX_WEBHOOK_SECRET"))
}
