package github

import (
	"net/http"
	"os"

	gh "github.com/google/go-github/v75/github"
)

var secretToken = []byte("github-secret-token")

func handle(r *http.Request, sig string, payload []byte) {
	gh.ValidatePayload(r, secretToken)                                          // want `hard-coded GitHub webhook secret passed to github.ValidatePayload \(variable secretToken\)`
	gh.ValidatePayloadFromBody("application/json", r.Body, sig, []byte("tok")) // want `github.ValidatePayloadFromBody`
	gh.ValidateSignature(sig, payload, []byte("another"))                      // want `github.ValidateSignature`
	gh.ValidatePayload(r, []byte(os.Getenv("GITHUB_WEBHOOK_SECRET")))
}
