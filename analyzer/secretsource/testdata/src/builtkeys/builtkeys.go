// Package builtkeys holds keys built in ways a literal search misses: a
// file embedded in the binary, a buffer filled with literals.
package builtkeys

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	_ "embed"
	"fmt"
	"hash"
	"os"
	"strings"
	"sync"
)

//go:embed files/partner.key
var partnerKey []byte

// Partner is keyed with a file compiled into the binary.
func Partner() hash.Hash {
	return hmac.New(sha256.New, bytes.TrimSpace(partnerKey)) // want `hard-coded HMAC key passed to hmac.New \(variable partnerKey, embedded from files/partner.key\)`
}

// Fine: an embedded template is no key.
//
//go:embed files/alert.tmpl
var alertTemplate string

func Alert(title string) string { return strings.ReplaceAll(alertTemplate, "{{.Title}}", title) }

// Ledger is keyed with literals written into a buffer.
func Ledger() hash.Hash {
	var b bytes.Buffer
	b.WriteString("ldg_")
	b.WriteString("Vx3Np8Qk")
	return hmac.New(sha256.New, b.Bytes()) // want `hard-coded HMAC key passed to hmac.New`
}

// Audit is keyed with a builder of literals.
func Audit() hash.Hash {
	var sb strings.Builder
	sb.WriteString("aud-")
	sb.WriteByte('7')
	return hmac.New(sha256.New, []byte(sb.String())) // want `hard-coded HMAC key passed to hmac.New`
}

// Fine: a buffer holding the environment, one filled by fmt, one given.
func Mirror() hash.Hash {
	var b bytes.Buffer
	b.WriteString("mir-")
	b.WriteString(os.Getenv("MIRROR_KEY"))
	return hmac.New(sha256.New, b.Bytes())
}

func Printed() hash.Hash {
	var b bytes.Buffer
	fmt.Fprintf(&b, "prn-%s", "2024")
	return hmac.New(sha256.New, b.Bytes())
}

func Given(b *bytes.Buffer) hash.Hash {
	b.WriteString("-suffix")
	return hmac.New(sha256.New, b.Bytes())
}

// opsKey is made on first use; its fallback is a literal.
var opsKey = sync.OnceValue(func() []byte {
	if v, ok := os.LookupEnv("OPS_HOOK_KEY"); ok {
		return []byte(v)
	}
	return []byte("ops-fallback-9Kq2")
})

func Ops() hash.Hash {
	return hmac.New(sha256.New, opsKey()) // want `HMAC key passed to hmac.New may be hard-coded`
}

// Fine: made on first use from the environment alone.
var mirrorKey = sync.OnceValue(func() []byte { return []byte(os.Getenv("MIRROR_HOOK_KEY")) })

func MirrorOnce() hash.Hash {
	return hmac.New(sha256.New, mirrorKey())
}
