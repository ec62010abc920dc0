// Package collections keeps secrets in maps and slices: the sink gets an
// element.
package collections

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"os"
)

var connectSecrets = map[string]string{
	"acct_eu": "connect-eu-endpoint-key",
	"acct_us": "connect-us-endpoint-key",
}

func commaOK(account string) {
	secret, ok := connectSecrets[account]
	if !ok {
		return
	}
	hmac.New(sha256.New, []byte(secret)) // want `hard-coded HMAC key passed to hmac.New \(variable connectSecrets\)`
}

func index(account string) {
	hmac.New(sha256.New, []byte(connectSecrets[account])) // want `hard-coded HMAC key passed to hmac.New \(variable connectSecrets\)`
}

// Struct literals in a slice, read in a range.
type endpoint struct{ id, secret string }

type keyring struct{ endpoints []endpoint }

var legacy = keyring{endpoints: []endpoint{
	{"ep_billing", "legacy-billing-key"},
	{"ep_orders", "legacy-orders-key"},
}}

func ranged() {
	for _, ep := range legacy.endpoints {
		hmac.New(sha256.New, []byte(ep.secret)) // want `hard-coded HMAC key passed to hmac.New \(field ep.secret\)`
	}
}

// Entries added one by one.
func entries() {
	keys := map[string]string{}
	keys["acme"] = "acme-inbound-key"
	for _, k := range keys {
		hmac.New(sha256.New, []byte(k)) // want `hard-coded HMAC key passed to hmac.New \(variable keys\)`
	}
}

// Fine: the elements come from the environment or a file.
var envSecrets = map[string]string{
	"acct_eu": os.Getenv("CONNECT_EU_SECRET"),
}

func fine(account string, data []byte) {
	hmac.New(sha256.New, []byte(envSecrets[account]))
	var loaded map[string]string
	if err := json.Unmarshal(data, &loaded); err != nil {
		return
	}
	hmac.New(sha256.New, []byte(loaded[account]))
	keys := map[string]string{}
	keys["acme"] = os.Getenv("ACME_KEY")
	if k, ok := keys[account]; ok {
		hmac.New(sha256.New, []byte(k))
	}
	var eps []endpoint
	_ = json.Unmarshal(data, &eps)
	for _, ep := range eps {
		hmac.New(sha256.New, []byte(ep.id))
	}
}

// A slice spread into a summarized variadic parameter.
func signAll(body []byte, keys ...[]byte) {
	for _, k := range keys {
		hmac.New(sha256.New, k)
	}
}

type merchant struct{ secret, old []byte }

var demo = []merchant{{secret: []byte("demo-merchant-key")}}

func spread(m merchant, body []byte) {
	keys := [][]byte{m.secret}
	if m.old != nil {
		keys = append(keys, m.old)
	}
	signAll(body, keys...) // want `hard-coded HMAC key passed to collections.signAll \(which passes it to hmac.New\)`
	fromEnv := [][]byte{[]byte(os.Getenv("KEY"))}
	signAll(body, fromEnv...)
}
