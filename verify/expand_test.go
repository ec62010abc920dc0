package verify

import (
	"net/url"
	"testing"
)

// FuzzExpandURL: whatever the secret, a URL built from it is https and
// names the template's host.
func FuzzExpandURL(f *testing.F) {
	f.Add("123456:AAabc")
	f.Add("../../evil")
	f.Add("x@evil.test")
	f.Add("a/b?c#d")
	f.Add("%2F%2Fevil")
	f.Fuzz(func(t *testing.T, secret string) {
		for _, tmpl := range []string{"https://api.telegram.org/bot{{secret}}/getMe", "https://hooks.slack.com/services/{{secret}}"} {
			s, err := expandURL(tmpl, map[string]string{"secret": secret})
			if err != nil {
				continue
			}
			u, err := url.Parse(s)
			want, _ := url.Parse(tmpl)
			if err != nil || u.Scheme != "https" || u.Host != want.Host {
				t.Errorf("secret %q built %q", secret, s)
			}
		}
	})
}
