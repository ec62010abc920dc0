package urls

import (
	"fmt"
	"net/http"
	"os"
	"strings"
)

const hook = "https://hooks.acme.test/in/Qm7Rt2Xv9Lp4Kz8Wb3Nc6Hd1"

func post() {
	http.Post(hook, "application/json", strings.NewReader("{}"))                                 // want `hard-coded webhook URL passed to http.Post \(constant hook\)`
	http.NewRequest("POST", "https://hooks.acme.test/in/Zt6Yp1Qw8Er3Ty5Ui7Op2As4", nil) // want `http.NewRequest`

	// Not webhook URLs, placeholders, or not hard-coded.
	http.Post("https://api.example.com/v1/events", "application/json", nil)
	http.Get("https://hooks.acme.test/in/XXXXXXXXXXXXXXXXXXXXXXXX")
	http.Post(os.Getenv("WEBHOOK_URL"), "application/json", nil)
}

// A helper that posts to the URL it is given passes a literal on.
func send(url string) {
	http.Post(url, "application/json", strings.NewReader("{}"))
}

func viaHelper() {
	send("https://hooks.acme.test/in/Pq4Wm8Zx2Cv6Bn1Lk9Jh3Gf7") // want `webhook URL`
	send("https://api.example.com/v1/events")
	send(os.Getenv("WEBHOOK_URL"))
}

// A URL put together from constants: no piece is a webhook URL, the whole is.
const (
	acmeBase  = "https://hooks.acme.test/in"
	acmeToken = "Hb5Tn2Wq8Lm3Kx7Rv1Zc4Pd9"
)

func alertsURL() string { return fmt.Sprintf("%s/%s", acmeBase, acmeToken) }

var joined = strings.Join([]string{acmeBase, acmeToken}, "/")

func assembled() {
	http.Post(acmeBase+"/"+acmeToken, "application/json", nil)                  // want `webhook URL`
	http.Post(fmt.Sprintf("%s/%s", acmeBase, acmeToken), "application/json", nil) // want `webhook URL`
	http.Post(alertsURL(), "application/json", nil)                              // want `webhook URL`
	http.Post(joined, "application/json", nil)                                   // want `webhook URL`

	// Not hard-coded, or no webhook URL.
	http.Post(fmt.Sprintf("%s/%s", acmeBase, os.Getenv("ACME_TOKEN")), "application/json", nil)
	http.Post(fmt.Sprintf("%s/%s", "https://api.example.com", "v1"), "application/json", nil)
}

// Set once from constants: in init, or in a local variable.
var initURL string

func init() { initURL = fmt.Sprintf("%s/%s", acmeBase, acmeToken) }

func setOnce() {
	http.Post(initURL, "application/json", nil) // want `webhook URL`
	u := fmt.Sprintf("%s/%s", acmeBase, acmeToken)
	http.Post(u, "application/json", nil) // want `webhook URL`

	// A fallback when the environment has none is still hard-coded.
	v := fmt.Sprintf("%s/%s", acmeBase, acmeToken)
	if env := os.Getenv("ACME_URL"); env != "" {
		v = env
	}
	http.Post(v, "application/json", nil) // want `may be hard-coded`

	// Put together with a value from the environment.
	w := fmt.Sprintf("%s/%s", acmeBase, os.Getenv("ACME_TOKEN"))
	http.Post(w, "application/json", nil)
}

// A URL set once, stored in a field and posted by a method.
type channel struct{ url string }

func (c *channel) send() {
	http.Post(c.url, "application/json", nil) // want `webhook URL`
}

func releases() *channel { return &channel{url: initURL} }

func incidents() *channel { return &channel{url: acmeBase + "/" + acmeToken} }

// A URL written piece by piece into a strings.Builder.
func built() {
	var b strings.Builder
	b.WriteString(acmeBase)
	b.WriteByte('/')
	b.WriteString(acmeToken)
	http.Post(b.String(), "application/json", nil) // want `webhook URL`

	var c strings.Builder
	c.WriteString(acmeBase)
	c.WriteByte('/')
	c.WriteString(os.Getenv("ACME_TOKEN"))
	http.Post(c.String(), "application/json", nil)
}
