package apiurl

import "testing"

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
