package urls

import (
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
