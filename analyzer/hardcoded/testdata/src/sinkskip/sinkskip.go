package sinkskip

import (
	"crypto/hmac"
	"crypto/sha256"
)

// A literal written as a sink's secret argument is secretsource's to
// report, with a fix; hardcoded stays silent on it.
var mac = hmac.New(sha256.New, []byte("acmesig_Vb8Tq3Lz7Wm2Xk9Rp4Nd6Hf1Gc5Js0Ya"))

// Not an argument of the sink: reported here.
var key = []byte("acmesig_DAnv4UklKFLIkPZxmLTgdgPwrq98houO") // want `acme-signing-secret`

var mac2 = hmac.New(sha256.New, key)
