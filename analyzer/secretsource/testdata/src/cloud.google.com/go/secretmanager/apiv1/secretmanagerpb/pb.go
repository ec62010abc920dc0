// Package secretmanagerpb is a stub of GCP Secret Manager's messages.
package secretmanagerpb

type AccessSecretVersionRequest struct{ Name string }

type SecretPayload struct{ Data []byte }

func (x *SecretPayload) GetData() []byte { return x.Data }

type AccessSecretVersionResponse struct {
	Name    string
	Payload *SecretPayload
}

func (x *AccessSecretVersionResponse) GetPayload() *SecretPayload { return x.Payload }
