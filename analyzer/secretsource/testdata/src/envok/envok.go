package envok

import (
	"crypto/hmac"
	"crypto/sha256"
	"flag"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/google/go-github/v75/github"
)

var secretFlag = flag.String("webhook-secret", "", "GitHub webhook secret")

var bound string

func init() { flag.StringVar(&bound, "secret", "", "secret") }

func handle(w http.ResponseWriter, r *http.Request) {
	github.ValidatePayload(r, []byte(os.Getenv("GITHUB_WEBHOOK_SECRET")))
	if s, ok := os.LookupEnv("GITHUB_WEBHOOK_SECRET"); ok {
		github.ValidatePayload(r, []byte(s))
	}
	github.ValidatePayload(r, []byte(*secretFlag))
	github.ValidatePayload(r, []byte(bound))

	key, err := os.ReadFile("/run/secrets/webhook")
	if err != nil {
		return
	}
	hmac.New(sha256.New, key)
	hmac.New(sha256.New, []byte(strings.TrimSpace(string(key))))

	body, _ := io.ReadAll(r.Body)
	hmac.New(sha256.New, body)
}

func verify(secret []byte, r *http.Request) {
	github.ValidatePayload(r, secret)
	mac := hmac.New(sha256.New, secret)
	_ = mac
}

type handler struct{ secret []byte }

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	github.ValidatePayload(r, h.secret)
}
