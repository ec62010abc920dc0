package fields

type Config struct {
	WebhookURL string `json:"webhook_url"` // struct tags are not values
	Secret     []byte
}

var cfg = Config{
	WebhookURL: "https://hooks.acme.test/in/Qm7Rt2Xv9Lp4Kz8Wb3Nc6Hd1", // want `acme-webhook-url`
	Secret:     []byte("acmesig_Vb8Tq3Lz7Wm2Xk9Rp4Nd6Hf1Gc5Js0Ya"), // want `acme-signing-secret`
}

var byTeam = map[string]string{
	"ops": "https://hooks.acme.test/in/Zt6Yp1Qw8Er3Ty5Ui7Op2As4", // want `acme-webhook-url`
	"dev": "https://hooks.acme.test/in/XXXXXXXXXXXXXXXXXXXXXXXX",
}

var list = []Config{{Secret: []byte("acmesig_DAnv4UklKFLIkPZxmLTgdgPwrq98houO")}} // want `acme-signing-secret`

func send(c Config) {}

func use() {
	send(Config{WebhookURL: "https://hooks.acme.test/in/Pq3Wd8Lk1Zx6Mn9Bv2Cr5Ty7"}) // want `acme-webhook-url`
	cfg.WebhookURL = "https://hooks.acme.test/in/Hy4Tg7Rf2Ed9Ws1Qa6Zx3Cv8" // want `acme-webhook-url`
}
