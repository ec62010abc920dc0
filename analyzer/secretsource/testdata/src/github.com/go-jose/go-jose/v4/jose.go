// Package jose is a stub of github.com/go-jose/go-jose/v4: the shapes of
// the API the analyzer matches.
package jose

type SignatureAlgorithm string

const (
	EdDSA = SignatureAlgorithm("EdDSA")
	HS256 = SignatureAlgorithm("HS256")
	HS384 = SignatureAlgorithm("HS384")
	HS512 = SignatureAlgorithm("HS512")
	RS256 = SignatureAlgorithm("RS256")
	ES256 = SignatureAlgorithm("ES256")
)

type SigningKey struct {
	Algorithm SignatureAlgorithm
	Key       interface{}
}

type SignerOptions struct{}

type Signer interface {
	Sign(payload []byte) (*JSONWebSignature, error)
}

func NewSigner(sig SigningKey, opts *SignerOptions) (Signer, error) { return nil, nil }

type JSONWebSignature struct{}

func ParseSigned(signature string, signatureAlgorithms []SignatureAlgorithm) (*JSONWebSignature, error) {
	return nil, nil
}

func (obj JSONWebSignature) Verify(verificationKey interface{}) ([]byte, error) { return nil, nil }

func (obj JSONWebSignature) DetachedVerify(payload []byte, verificationKey interface{}) error {
	return nil
}
