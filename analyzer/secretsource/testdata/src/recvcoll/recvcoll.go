// Package recvcoll looks keys up in methods of map and slice types.
package recvcoll

import (
	"crypto/hmac"
	"crypto/sha256"
	"os"
)

type keyring map[string][]byte

func (k keyring) key(id string) []byte { return k[id] }

var accepted = keyring{
	"2023-q4": []byte("merchant-2023q4"),
	"2024-q1": []byte(os.Getenv("MERCHANT_2024Q1")),
}

func verify(id string) {
	hmac.New(sha256.New, accepted.key(id)) // want `may be hard-coded: it falls back to a string literal`
}

type app struct {
	shop   string
	secret []byte
}

type apps []app

func (a apps) secretFor(shop string) []byte {
	for _, x := range a {
		if x.shop == shop {
			return x.secret
		}
	}
	return nil
}

var shops = apps{{shop: "demo", secret: []byte("shop-app-secret")}}

func shopify(shop string) {
	hmac.New(sha256.New, shops.secretFor(shop)) // want `hard-coded HMAC key passed to hmac.New`
}

// Fine: a type whose values are made at run time.
type envring map[string][]byte

func (e envring) key(id string) []byte { return e[id] }

func loaded(id string) {
	e := make(envring)
	e[id] = []byte(os.Getenv("KEY_" + id))
	hmac.New(sha256.New, e.key(id))
}
