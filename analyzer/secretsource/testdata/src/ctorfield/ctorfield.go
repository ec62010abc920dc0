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
