// Package embedded reads secrets through promoted fields of embedded
// structs.
package embedded

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"os"
)

type credentials struct {
	keyID  string
	secret string
}

type tenant struct {
	label string
	credentials
}

// pilots hold their secrets in the embedded credentials.
var pilots = []tenant{
	{label: "acme", credentials: credentials{keyID: "k1", secret: "acme-pilot-key"}},
	{label: "globex", credentials: credentials{secret: os.Getenv("GLOBEX_KEY")}},
}

func signPilot(name string, body []byte) []byte {
	for _, t := range pilots {
		if t.label == name {
			return hmac.New(sha256.New, []byte(t.secret)).Sum(body) // want `HMAC key passed to hmac.New may be hard-coded: field t.secret falls back to a string literal`
		}
	}
	return nil
}

var partner = tenant{credentials: credentials{secret: "partner-key"}}

func signPartner() { hmac.New(sha256.New, []byte(partner.secret)) } // want `hard-coded HMAC key passed to hmac.New`

// account embeds a tenant; accounts are only ever decoded from JSON, so
// an account's secret is not one of the pilots' literals.
type account struct {
	tenant
	plan string
}

func (a account) sign(body []byte) []byte {
	return hmac.New(sha256.New, []byte(a.secret)).Sum(body)
}

func load(data []byte) ([]account, error) {
	var as []account
	err := json.Unmarshal(data, &as)
	return as, err
}

// gold embeds a *tenant built from the environment.
type gold struct {
	*tenant
	sla string
}

func goldFromEnv() gold {
	return gold{tenant: &tenant{credentials: credentials{secret: os.Getenv("GOLD_SECRET")}}}
}

func (g gold) sign(body []byte) []byte { return hmac.New(sha256.New, []byte(g.secret)).Sum(body) }

// trial embeds a *tenant built with a literal: its secret is hard-coded.
type trial struct{ *tenant }

var trialTenant = trial{&tenant{credentials: credentials{secret: "trial-key"}}}

func (t trial) sign(body []byte) []byte { return hmac.New(sha256.New, []byte(t.secret)).Sum(body) } // want `hard-coded HMAC key passed to hmac.New \(field secret\)`

// demo sets the promoted field by assignment.
type demo struct{ tenant }

func newDemo() *demo {
	d := &demo{}
	d.secret = "demo-key"
	return d
}

func (d *demo) sign(body []byte) []byte { return hmac.New(sha256.New, []byte(d.secret)).Sum(body) } // want `hard-coded HMAC key passed to hmac.New \(field secret\)`
