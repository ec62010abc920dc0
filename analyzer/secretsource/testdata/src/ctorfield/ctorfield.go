// Package ctorfield passes secrets to constructors and options that store
// them in a field a method later hands to the sink.
package ctorfield

import (
	"crypto/hmac"
	"crypto/sha256"
	"flag"
	"os"
)

type Shopify struct{ secret []byte }

func NewShopify(secret string) *Shopify { return &Shopify{secret: []byte(secret)} } // want NewShopify:`sinks: param 0 to hmac.New`

func (s *Shopify) valid(body []byte) []byte {
	m := hmac.New(sha256.New, s.secret)
	m.Write(body)
	return m.Sum(nil)
}

// An option stores its argument in the field.
type Client struct{ token string }

type Option func(*Client)

func WithToken(t string) Option { return func(c *Client) { c.token = t } } // want WithToken:`sinks: param 0 to hmac.New`

func (c *Client) sign() { hmac.New(sha256.New, []byte(c.token)) }

// A closure-returning handler stores it in a local struct whose method
// value is called later.
type signature struct{ secret []byte }

func (s signature) compute(body []byte) []byte { return hmac.New(sha256.New, s.secret).Sum(body) }

func Handler(secret string) func([]byte) []byte { // want Handler:`sinks: param 0 to hmac.New`
	sig := signature{secret: []byte(secret)}
	compute := sig.compute
	return func(b []byte) []byte { return compute(b) }
}

var hookKey = flag.String("hook-key", "", "")

func bad() {
	NewShopify("popup-store-app-secret") // want `hard-coded HMAC key passed to ctorfield.NewShopify \(which passes it to hmac.New\)`
	WithToken("client-token-value")      // want `hard-coded HMAC key passed to ctorfield.WithToken`
	dev := "dev-" + "workspace"
	Handler(dev) // want `hard-coded HMAC key passed to ctorfield.Handler \(which passes it to hmac.New\) \(variable dev\)`
}

func fine(fromCaller string) {
	NewShopify(os.Getenv("SHOPIFY_SECRET"))
	NewShopify(fromCaller)
	WithToken(*hookKey)
	Handler(os.Getenv("SLACK_SIGNING_SECRET"))
}

// Rotation signs with a key it is given; it is called through method
// expressions, which pass the receiver first.
type Rotation struct{ header string }

func (Rotation) With(key, body []byte) []byte { return hmac.New(sha256.New, key).Sum(body) } // want With:`sinks: param 0 to hmac.New`

func (*Rotation) WithPtr(key []byte) []byte { return hmac.New(sha256.New, key).Sum(nil) } // want WithPtr:`sinks: param 0 to hmac.New`

func methodExprs(body []byte) {
	Rotation.With(Rotation{}, []byte("rotation-current"), body) // want `hard-coded HMAC key passed to Rotation.With \(which passes it to hmac.New\)`
	with := Rotation.With
	with(Rotation{header: "X-Sig"}, []byte("rotation-next"), body) // want `hard-coded HMAC key passed to Rotation.With`
	withPtr := (*Rotation).WithPtr
	withPtr(&Rotation{}, []byte("rotation-ptr")) // want `hard-coded HMAC key passed to`
	sign := NewShopify
	sign("held-function-secret") // want `hard-coded HMAC key passed to ctorfield.NewShopify`

	// Fine: the key comes from outside; the receiver argument is not the key.
	with(Rotation{header: "hard-coded-header"}, []byte(os.Getenv("ROTATION_KEY")), body)
	Rotation.With(Rotation{}, []byte(*hookKey), body)
	withPtr(&Rotation{header: "X-Sig"}, []byte(os.Getenv("ROTATION_KEY")))
}
