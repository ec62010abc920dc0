// Package closures builds keys in function literals and with append.
package closures

import (
	"crypto/hmac"
	"crypto/sha256"
	"net/http"
	"os"
)

func local(body []byte) {
	opsKey := func() []byte { return []byte("ops-ping-hmac") }
	hmac.New(sha256.New, opsKey()) // want `hard-coded HMAC key passed to hmac.New`
	envKey := func() []byte { return []byte(os.Getenv("OPS_KEY")) }
	hmac.New(sha256.New, envKey())
}

var ledgerKey []byte

func init() {
	ledgerKey = append([]byte("ledger-"), "internal-hs512"...)
}

func appended() {
	hmac.New(sha256.New, ledgerKey) // want `hard-coded HMAC key passed to hmac.New \(variable ledgerKey\)`
	k := append([]byte("prefix-"), os.Getenv("KEY_SUFFIX")...)
	hmac.New(sha256.New, k)
}

func goroutine() {
	secret := "worker-shared-secret"
	go func() {
		hmac.New(sha256.New, []byte(secret)) // want `hard-coded HMAC key passed to hmac.New \(variable secret\)`
	}()
	fromEnv := os.Getenv("WORKER_SECRET")
	go func() { hmac.New(sha256.New, []byte(fromEnv)) }()
}

// A method value called later.
type accounts struct{}

func (accounts) secret(id string) string {
	if id == "acct_test" {
		return "connected-test-account"
	}
	return os.Getenv("SECRET_" + id)
}

type envAccounts struct{}

func (envAccounts) secret(id string) string { return os.Getenv("SECRET_" + id) }

func methodValue(id string) {
	lookup := accounts{}.secret
	hmac.New(sha256.New, []byte(lookup(id))) // want `may be hard-coded: result of secret falls back to a string literal`
	fromEnv := envAccounts{}.secret
	hmac.New(sha256.New, []byte(fromEnv(id)))
}

// A function literal held in a local variable passes its parameter on.
func heldLiteral() {
	post := func(u string) error {
		_, err := http.Post(u, "application/json", nil)
		return err
	}
	post("https://hooks.slack.com/services/T0HELDLIT/B0HELDLIT/heldLiteralToken0000000") // want `hard-coded .* passed to post \(which passes it to http.Post\)`
	post(os.Getenv("HEARTBEAT_URL"))
	sign := func(body []byte, key string) []byte {
		return hmac.New(sha256.New, []byte(key)).Sum(body)
	}
	sign(nil, "held-literal-key") // want `hard-coded HMAC key passed to sign`
	sign([]byte("body-is-no-key"), os.Getenv("SIGN_KEY"))
}
