// Package keys returns keys from functions other packages call.
package keys

import (
	"encoding/base64"
	"errors"
	"os"
	"sync"
)

type sandboxKey string

const sandboxAcme sandboxKey = "sbx-acme-key"

func SandboxKey(partner string) ([]byte, error) { // want SandboxKey:`returns literal@keys.go:13`
	if partner == "acme" {
		return []byte(sandboxAcme), nil
	}
	return nil, errors.New("unknown partner")
}

var (
	once    sync.Once
	svixRaw []byte
)

func SvixLegacy() []byte { // want SvixLegacy:`returns literal@keys.go:29`
	once.Do(func() {
		svixRaw, _ = base64.StdEncoding.DecodeString("c3ZpeC1sZWdhY3k=")
	})
	return svixRaw
}

var envKey = os.Getenv("PARTNER_KEY")

func PartnerKey() []byte { return []byte(envKey) }

func DevKey() string { // want DevKey:`may return literal@keys.go:42`
	if v := os.Getenv("DEV_KEY"); v != "" {
		return v
	}
	return "dev-partner-key"
}
