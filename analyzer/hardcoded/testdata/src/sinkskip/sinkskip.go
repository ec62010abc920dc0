package sinkskip

import (
	"crypto/hmac"
	"crypto/sha256"
)

// A literal written as a sink's secret argument is reported here too (and
// by secretsource, with a fix): run alone, this analyzer misses none.
var mac = hmac.New(sha256.New, []byte("acmesig_Vb8Tq3Lz7Wm2Xk9Rp4Nd6Hf1Gc5Js0Ya")) // want `acme-signing-secret`

// Not an argument of the sink: reported here.
var key = []byte("acmesig_DAnv4UklKFLIkPZxmLTgdgPwrq98houO") // want `acme-signing-secret`

var mac2 = hmac.New(sha256.New, key)

// A value no rule knows is secretsource's alone.
var mac3 = hmac.New(sha256.New, []byte("my-webhook-secret"))
