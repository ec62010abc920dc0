package stripe

import (
	"os"

	"github.com/stripe/stripe-go/v85/webhook"
)

const endpointSecret = "whsec_local_testing"

func handle(payload []byte, header string) {
	webhook.ConstructEvent(payload, header, "whsec_inline")                                          // want `hard-coded Stripe webhook signing secret passed to webhook.ConstructEvent$`
	webhook.ConstructEvent(payload, header, endpointSecret)                                          // want `\(constant endpointSecret\)`
	webhook.ConstructEventWithOptions(payload, header, endpointSecret, webhook.ConstructEventOptions{}) // want `webhook.ConstructEventWithOptions`
	webhook.ValidatePayload(payload, header, endpointSecret)                                         // want `webhook.ValidatePayload`
	webhook.ConstructEvent(payload, header, os.Getenv("STRIPE_WEBHOOK_SECRET"))
}
