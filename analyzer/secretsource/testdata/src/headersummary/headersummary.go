// Package headersummary sets credentials in headers through options.
package headersummary

import (
	"net/http"
	"os"
)

type client struct{ token string }

type option func(*client)

func withToken(t string) option { return func(c *client) { c.token = t } }

func newClient(opts ...option) *client {
	c := &client{}
	for _, o := range opts {
		o(c)
	}
	return c
}

func (c *client) do(req *http.Request) {
	req.Header.Set("Authorization", "Bearer "+c.token)
}

var (
	shipping = newClient(withToken("shipfast-gateway-token")) // want `hard-coded credential header passed to headersummary.withToken \(which passes it to Header.Set\)`
	ledger   = newClient(withToken(os.Getenv("LEDGER_TOKEN")))
	// A documentation placeholder is no credential.
	sample = newClient(withToken("YOUR_TOKEN_HERE"))
)
