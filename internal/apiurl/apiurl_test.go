package apiurl

import (
	"net/url"
	"testing"
)

func TestParse(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://api.github.com":                 true,
		"https://ghe.example.com/api/v3/":        true,
		"http://127.0.0.1:8080":                  true,
		"http://localhost:9999/api/v3":           true,
		"http://[::1]:8080":                      true,
		"http://ghe.example.com/api/v3":          false, // the token in the clear
		"http://10.0.0.5:8080":                   false,
		"http://127.0.0.1.nip.io":                false, // a name, not the loopback address
		"ftp://api.github.com":                   false,
		"api.github.com":                         false,
		"":                                       false,
		"https://":                               false,
		"http://localhost.attacker.example:8080": false,
	} {
		u, err := Parse(raw)
		if (err == nil) != ok {
			t.Errorf("Parse(%q): %v, want ok=%v", raw, err, ok)
		}
		if err == nil && u.Path[len(u.Path)-1] != '/' {
			t.Errorf("Parse(%q) path %q lacks its trailing slash", raw, u.Path)
		}
	}
}

// TestSameGitHub: the token goes to the git host paired with the API and
// nowhere else.
func TestSameGitHub(t *testing.T) {
	for _, tc := range []struct {
		api, clone string
		want       bool
	}{
		{"https://api.github.com/", "https://github.com/acme/api.git", true},
		{"https://api.github.com/", "https://GitHub.com./acme/api.git", true},
		{"https://api.github.com/", "https://api.github.com/acme/api.git", true},
		{"https://ghe.example.com/api/v3/", "https://ghe.example.com/acme/api.git", true},
		{"https://api.acme.ghe.com/", "https://acme.ghe.com/acme/api.git", true},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080/acme/api.git", true},
		{"https://api.github.com/", "https://gitlab.com/acme/api.git", false},
		{"https://api.github.com/", "https://evil.github.com/acme/api.git", false},
		{"https://api.github.com/", "https://github.com.evil.example/acme/api.git", false},
		{"https://api.github.com/", "https://github.com:8443/acme/api.git", false},
		{"https://ghe.example.com/api/v3/", "https://example.com/acme/api.git", false},
		{"https://ghe.example.com/api/v3/", "https://github.com/acme/api.git", false},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:9090/acme/api.git", false},
		{"http://127.0.0.1:8080/", "http://localhost:8080/acme/api.git", false},
	} {
		api, err := Parse(tc.api)
		if err != nil {
			t.Fatal(err)
		}
		u, err := url.Parse(tc.clone)
		if err != nil {
			t.Fatal(err)
		}
		if got := SameGitHub(api, u); got != tc.want {
			t.Errorf("SameGitHub(%s, %s) = %v, want %v", tc.api, tc.clone, got, tc.want)
		}
	}
}

func TestSecure(t *testing.T) {
	for raw, want := range map[string]bool{
		"https://github.com/acme/api.git":       true,
		"http://127.0.0.1:8080/acme/api.git":    true,
		"http://[::1]/acme/api.git":             true,
		"http://192.0.2.2:18081/o/r.git":        false,
		"http://github.com/acme/api.git":        false,
		"ftp://github.com/acme/api.git":         false,
		"http://localhost.evil.example/o/r.git": false,
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := Secure(u); got != want {
			t.Errorf("Secure(%s) = %v, want %v", raw, got, want)
		}
	}
}
