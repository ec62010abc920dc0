// Package relay calls signer: literal keys are reported here, keys from
// the environment or the caller are not.
package relay

import (
	"os"

	"crosspkg/signer"
)

func bad() {
	signer.New([]byte("relay-partner-key"))    // want `hard-coded HMAC key passed to signer.New \(which passes it to hmac.New\)`
	signer.Keyed("partner", "relay-keyed-key") // want `hard-coded HMAC key passed to signer.Keyed \(which passes it to hmac.New\)`
}

func fine(key string) {
	signer.New([]byte(os.Getenv("RELAY_KEY")))
	signer.Keyed("partner", key)
	_ = signer.Named("literal names are no keys")
}
