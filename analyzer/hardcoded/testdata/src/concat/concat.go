package concat

const base = "https://hooks.acme.test/in/"

// The token alone matches no rule; the concatenation does, and is
// reported where the two meet.
const hook = base + "Qm7Rt2Xv9Lp4Kz8Wb3Nc6Hd1" // want `acme-webhook-url`

const secret = "acmesig_Vb8Tq3Lz7Wm2Xk9Rp4Nd6Hf1Gc5Js0Ya" // want `acme-signing-secret`

// The secret comes whole from a named constant: reported once, above.
const header = "Acme-Signature-Key: " + secret

func f() string {
	return "https://hooks.acme.test/" + "in/Zt6Yp1Qw8Er3Ty5Ui7Op2As4" // want `acme-webhook-url`
}
