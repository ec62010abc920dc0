package compare

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"net/http"
	"reflect"
	"strings"
)

func github(r *http.Request, body, secret []byte) bool {
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	expected := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	return expected == r.Header.Get("X-Hub-Signature-256") // want `HMAC compared with ==: use hmac.Equal, which takes constant time`
}

func decoded(r *http.Request, body, secret []byte) bool {
	sig, err := hex.DecodeString(r.Header.Get("X-Signature"))
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	return bytes.Equal(mac.Sum(nil), sig) // want `HMAC compared with bytes.Equal`
}

func header(r *http.Request, computed string) bool {
	return r.Header.Get("X-Slack-Signature") != computed // want `signature header compared with !=`
}

func token(r *http.Request, secret string) bool {
	return r.Header.Get("X-Gitlab-Token") == secret // want `signature header compared with ==`
}

func named(expectedSignature, got string) bool {
	return strings.EqualFold(expectedSignature, got) // want `signature compared with strings.EqualFold`
}

func deep(mac hash.Hash, sig []byte) bool {
	return reflect.DeepEqual(mac.Sum(nil), sig) // want `HMAC compared with reflect.DeepEqual`
}

func compare(expectedMAC, got []byte) bool {
	return bytes.Compare(expectedMAC, got) == 0 // want `MAC compared with bytes.Compare`
}

func base64Sig(r *http.Request, mac hash.Hash) bool {
	return base64.StdEncoding.EncodeToString(mac.Sum(nil)) == r.FormValue("sig") // want `HMAC compared with ==`
}

func switched(r *http.Request, expected string) bool {
	switch r.Header.Get("X-Hub-Signature-256") {
	case "sha256=" + expected: // want `signature header compared with a switch case`
		return true
	}
	switch r.Method {
	case http.MethodPost, "PUT":
		return false
	}
	return false
}

// A helper that only compares its two parameters compares what it is
// given: reported where signatures are passed to it.
func same(a, b string) bool { return a == b }

func equal[T comparable](a, b T) bool { return a == b }

func viaHelpers(r *http.Request, expected string, mac hash.Hash) bool {
	got := r.Header.Get("X-Hub-Signature-256")
	return same(got, "sha256="+expected) || // want `signature header compared with helper same`
		equal(hex.EncodeToString(mac.Sum(nil)), r.FormValue("sig")) // want `HMAC compared with helper equal`
}

func helperOnNames(a, b string) bool {
	return same(a, b) && equal(a, b)
}

// Not reported: constant-time compares, constants, other headers, other
// things.
func fine(r *http.Request, mac hash.Hash, sig []byte, a, b string) bool {
	ok := hmac.Equal(mac.Sum(nil), sig)
	ok = ok && r.Header.Get("X-Hub-Signature-256") != ""
	ok = ok && r.Header.Get("Content-Type") == "application/json"
	ok = ok && r.Header.Get("X-GitHub-Event") == a
	ok = ok && len(sig) == 32
	ok = ok && a == b
	sum := sha256.Sum256([]byte(a))
	ok = ok && hex.EncodeToString(sum[:]) == b // a plain digest, not a MAC
	var macAddr, other string
	ok = ok && macAddr == other
	var sigAlg string
	ok = ok && sigAlg == a
	return ok
}

func allowed(expectedSig, sig string) bool {
	return expectedSig == sig // hookscan:allow both are public
}

// Credential headers compared with the expected value leak it too.
func bearer(r *http.Request, token, apiKey string) bool {
	if r.Header.Get("Authorization") != "Bearer "+token { // want `credential header compared with !=`
		return false
	}
	return apiKey == r.Header.Get("X-Partner-Api-Key") // want `credential header compared with ==`
}

// Fine: presence checks, constant-time comparison, and other headers.
func bearerFine(r *http.Request, token, ctype string) bool {
	if r.Header.Get("Authorization") == "" {
		return false
	}
	if r.Header.Get("Content-Type") != ctype {
		return false
	}
	return hmac.Equal([]byte(r.Header.Get("Authorization")), []byte("Bearer "+token))
}
