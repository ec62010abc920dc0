package contextkey

// No rule knows these values by shape; the built-in generic rule knows
// them by the name they are given.
const stripeWebhookSecret = "q8Fz3kLm9PxR2vTbW7nD" // want `generic-webhook-secret-assignment`

type settings struct{ GithubWebhookSecret string }

var s = settings{GithubWebhookSecret: "Zr5Yt2Wq8Lp3Kn7Vb1Mx"} // want `generic-webhook-secret-assignment`

// Low entropy or an identifier: not a secret.
const webhookSecretName = "WEBHOOK_SECRET_NAME_V1"
