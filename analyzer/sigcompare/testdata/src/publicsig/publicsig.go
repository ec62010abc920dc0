package publicsig

import "bytes"

// Public-key signatures and certificate fields are public: comparing them
// leaks nothing, and without crypto/hmac in the package their names alone
// are not taken for MACs.
func verify(sig, computedSig []byte, sigAlgorithm, other string) bool {
	return bytes.Equal(sig, computedSig) && sigAlgorithm == other
}

type cert struct{ Signature []byte }

func same(a, b cert) bool { return bytes.Equal(a.Signature, b.Signature) }
