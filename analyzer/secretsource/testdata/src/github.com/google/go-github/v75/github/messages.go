// Package github is a stub of go-github's webhook validation.
package github

import (
	"io"
	"net/http"
)

func ValidatePayload(r *http.Request, secretToken []byte) (payload []byte, err error) { return nil, nil }

func ValidatePayloadFromBody(contentType string, readable io.Reader, signature string, secretToken []byte) (payload []byte, err error) {
	return nil, nil
}

func ValidateSignature(signature string, payload, secretToken []byte) error { return nil }
