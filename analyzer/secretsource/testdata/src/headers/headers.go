package headers

import (
	"fmt"
	"net/http"
	"os"
)

const apiToken = "tok_live_header"

func set(r *http.Request) {
	r.Header.Set("Authorization", "Bearer abc123")           // want `hard-coded credential header passed to Header.Set`
	r.Header.Set("Authorization", "Bearer "+apiToken)        // want `\(constant apiToken\)`
	r.Header.Add("X-Gitlab-Token", "gitlab-token")           // want `Header.Add`
	r.Header.Set("X-Api-Key", fmt.Sprintf("%s", apiToken))   // want `\(constant apiToken\)`
	r.SetBasicAuth("user", "hunter2")                        // want `hard-coded HTTP basic-auth password passed to Request.SetBasicAuth`
	tok := "local-token"
	r.Header.Set("Authorization", fmt.Sprintf("Bearer %s", tok)) // want `\(variable tok\)`
	r.Header.Set("DD-API-KEY", "dd-api-key-literal")             // want `Header.Set`
	r.Header.Set("PRIVATE-TOKEN", apiToken)                      // want `\(constant apiToken\)`
	r.Header.Set("Idempotency-Key", "order-1234")

	// Not credentials, or not hard-coded.
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-GitHub-Event", "push")
	r.Header.Set("Authorization", "Bearer "+os.Getenv("API_TOKEN"))
	r.Header.Set("Authorization", fmt.Sprintf("Bearer %s", os.Getenv("API_TOKEN")))
	r.SetBasicAuth("user", os.Getenv("PASSWORD"))
}

// A header map written as a literal is set like Header.Set sets it.
func literal(r *http.Request) {
	r.Header = http.Header{
		"Content-Type":  {"application/json"},
		"Authorization": {"Bearer lit-7Hq2Lx9"}, // want `hard-coded credential header passed to http.Header`
		"X-Api-Key":     []string{apiToken},     // want `\(constant apiToken\)`
	}
	// Fine: the environment, and headers that hold no credential.
	r.Header = http.Header{
		"Authorization": {"Bearer " + os.Getenv("STATUS_TOKEN")},
		"Accept":        {"application/json"},
	}
}
