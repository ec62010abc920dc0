package sigcompare

import (
	"hash"
	"net/http"
)

func verify(r *http.Request, mac hash.Hash) bool {
	return string(mac.Sum(nil)) == r.Header.Get("X-Signature") // want `signature header compared with ==`
}
