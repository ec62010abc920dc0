package fallback

import (
	"crypto/hmac"
	"crypto/sha256"
	"net/http"
	"os"
	"strings"
)

// A default secret used when the environment has none is still a
// hard-coded secret.
func key() {
	secret := os.Getenv("WEBHOOK_SECRET")
	if secret == "" {
		secret = "dev-secret"
	}
	hmac.New(sha256.New, []byte(secret)) // want `HMAC key passed to hmac.New may be hard-coded: variable secret falls back to a string literal`
}

var pkgSecret = "dev-secret"

func init() {
	if v, ok := os.LookupEnv("WEBHOOK_SECRET"); ok {
		pkgSecret = v
	}
}

func global() {
	hmac.New(sha256.New, []byte(pkgSecret)) // want `may be hard-coded: variable pkgSecret falls back`
}

// A parameter the function sets when it is empty: the literal ships, and
// is used whenever the caller's value is empty.
const legacySlackURL = "https://hooks.slack.com/services/T0PARAMFB/B0PARAMFB/paramFallbackToken00000"

type notifier struct{ url string }

func newNotifier(url string) *notifier {
	if url == "" {
		url = legacySlackURL
	}
	return &notifier{url: url}
}

func (n *notifier) notify() {
	http.Post(n.url, "application/json", nil) // want `may be hard-coded: .*falls back`
}

func keyed(secret string) {
	if secret == "" {
		secret = "param-dev-secret"
	}
	hmac.New(sha256.New, []byte(secret)) // want `may be hard-coded: variable secret falls back`
}

func trimmed(secret string) {
	secret = strings.TrimSpace(secret)
	hmac.New(sha256.New, []byte(secret))
}

func callers() {
	newNotifier(os.Getenv("LEGACY_SLACK_WEBHOOK")).notify()
	keyed(os.Getenv("KEYED_SECRET"))
	trimmed(os.Getenv("TRIMMED_SECRET"))
}
