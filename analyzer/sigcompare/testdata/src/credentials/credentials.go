// Package credentials compares what a request carries (a token in the
// query or the form, a basic-auth password, the Authorization header read
// through a helper) with the expected value: each leaks it as a
// signature would. It does not import crypto/hmac.
package credentials

import (
	"net/http"
	"strings"
)

func bearerOf(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

func tokenOnly(token string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if bearerOf(r) != token { // want `credential header compared with !=`
			http.Error(w, "forbidden", http.StatusForbidden)
		}
	}
}

type auth struct{ apiKey []byte }

func (a *auth) query(r *http.Request) bool {
	return r.URL.Query().Get("api_key") == string(a.apiKey) // want `credential parameter compared with ==`
}

func (a *auth) form(r *http.Request, want string) bool {
	return r.FormValue("access_token") == want // want `credential parameter compared with ==`
}

func basic(r *http.Request, user, password string) bool {
	u, p, ok := r.BasicAuth()
	return ok && u == user && p == password // want `basic-auth password compared with ==`
}

// Fine: presence checks, names compared with names, a helper that
// returns something else too, public parameters.
func fine(r *http.Request, user, page string) bool {
	if r.URL.Query().Get("token") == "" {
		return false
	}
	u, _, _ := r.BasicAuth()
	if u != user {
		return false
	}
	if mixed(r) != page {
		return false
	}
	return r.URL.Query().Get("page") == page
}

func mixed(r *http.Request) string {
	if v := r.Header.Get("Authorization"); v != "" {
		return v
	}
	return r.URL.Query().Get("page")
}

// Meta's subscription handshake: hub.verify_token, read from the query
// kept in a variable.
func verifyHandshake(r *http.Request, verifyToken string) bool {
	q := r.URL.Query()
	if q.Get("hub.mode") != "subscribe" {
		return false
	}
	return q.Get("hub.verify_token") == verifyToken // want `credential parameter compared with ==`
}

func inline(r *http.Request, verifyToken string) bool {
	return r.URL.Query().Get("hub.verify_token") == verifyToken // want `credential parameter compared with ==`
}

func queryVar(r *http.Request, want string) bool {
	q := r.URL.Query()
	return q.Get("access_token") == want // want `credential parameter compared with ==`
}
