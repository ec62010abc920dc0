package broken

// The package does not type-check; literals are still scanned.
var x int = undefinedName

const hook = "https://hooks.acme.test/in/Qm7Rt2Xv9Lp4Kz8Wb3Nc6Hd1" // want `acme-webhook-url`

func f() {
	var s string = 42
	_ = "acmesig_Vb8Tq3Lz7Wm2Xk9Rp4Nd6Hf1Gc5Js0Ya" // want `acme-signing-secret`
}
