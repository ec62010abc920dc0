package consts

import (
	"crypto/hmac"
	"crypto/sha256"
	"hash"
)

const webhookSecret = "my-webhook-secret"

type Key string

const typed Key = "typed-secret"

var pkgVar = "package-var-secret"

var pkgBytes = []byte("package-bytes-secret")

func direct() hash.Hash {
	return hmac.New(sha256.New, []byte("my-webhook-secret")) // want `hard-coded HMAC key passed to hmac.New$`
}

func viaConst() hash.Hash {
	return hmac.New(sha256.New, []byte(webhookSecret)) // want `hard-coded HMAC key passed to hmac.New \(constant webhookSecret\)`
}

func viaTyped() hash.Hash {
	return hmac.New(sha256.New, []byte(typed)) // want `\(constant typed\)`
}

func viaLocal() hash.Hash {
	key := "local-secret"
	k2 := key
	return hmac.New(sha256.New, []byte(k2)) // want `\(variable key\)`
}

func viaLocalConst() hash.Hash {
	const local = "local-const-secret"
	return hmac.New(sha256.New, []byte(local)) // want `\(constant local\)`
}

func viaGlobals() (hash.Hash, hash.Hash) {
	return hmac.New(sha256.New, []byte(pkgVar)), // want `\(variable pkgVar\)`
		hmac.New(sha256.New, pkgBytes) // want `\(variable pkgBytes\)`
}

func bytesLiteral() hash.Hash {
	return hmac.New(sha256.New, []byte{0x73, 0x65, 0x63, 0x72, 0x65, 0x74}) // want `hard-coded HMAC key passed to hmac.New`
}

func concat() hash.Hash {
	prefix := "whsec_"
	return hmac.New(sha256.New, []byte(prefix+"rest-of-secret")) // want `hard-coded HMAC key`
}

// Empty keys and nil are no hard-coded secret.
func empty() (hash.Hash, hash.Hash) {
	var none []byte
	return hmac.New(sha256.New, []byte("")), hmac.New(sha256.New, none)
}

// hookscan:allow on the line keeps quiet.
func allowed() hash.Hash {
	return hmac.New(sha256.New, []byte("documented-example-key")) // hookscan:allow
}
