package consts

const hook = "https://hooks.acme.test/in/Qm7Rt2Xv9Lp4Kz8Wb3Nc6Hd1" // want `hard-coded Acme incoming webhook URL \(acme-webhook-url\)`

const (
	signing     = "acmesig_Vb8Tq3Lz7Wm2Xk9Rp4Nd6Hf1Gc5Js0Ya" // want `hard-coded Acme webhook signing secret \(acme-signing-secret\)`
	placeholder = "acmesig_00000000000000000000000000000000"
	docs        = "https://hooks.acme.test/in/XXXXXXXXXXXXXXXXXXXXXXXX"
	name        = "ACME_SIGNING_SECRET"
	short       = "acmesig_"
)

type Key string

const typed Key = "acmesig_Pz4Wq8Lm2Tx7Rk3Vb9Nc5Hd1Gf6Js0Ya" // want `acme-signing-secret`

var global = "https://hooks.acme.test/in/Zt6Yp1Qw8Er3Ty5Ui7Op2As4" // want `acme-webhook-url`

func local() string {
	s := "acmesig_DAnv4UklKFLIkPZxmLTgdgPwrq98houO" // want `acme-signing-secret`
	var t = []byte("acmesig_xlLLPADjwekiKK3anxSob9r77BUPVr4T") // want `acme-signing-secret`
	return s + string(t) + signing + hook + name
}
