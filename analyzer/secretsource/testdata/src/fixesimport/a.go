package fixesimport

import "crypto/hmac"
import "crypto/sha256"

func a() {
	hmac.New(sha256.New, []byte("a-secret")) // want `hard-coded HMAC key`
}
