package report

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRedact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"a", "…"},
		{"ab", "a…"},
		{"abc", "a…"},
		{"abcd", "ab…"},
		{"abcdefg", "abc…"},
		{"abcdefgh", "abcd…"},
		{"whsec" + "_Ab3dE5gH7jK9", "whsec_A…"},
		{"whsec" + "_Ab3dE5gH7jK9Ab3dE5gH7jK9Ab3dE5gH", "whsec_Ab3d…"},
		{"xoxb" + "-123456789012-1234567890123-abcdefghijklmnopqrstuvwx", "xoxb-1234…"},
		{"sk_live" + "_abc", "sk_live_…"},
		{"https://hooks.slack" + ".com/services/T04ABCDEFG/B05ABCDEFGH/abcdefghijklmnopqrstuvwx", "https://hooks.slack.com/services/T04…/B05…/****"},
		{"hooks.slack" + ".com/services/T04ABCDEFG/B05ABCDEFGH/abcdefghijklmnopqrstuvwx", "hooks.slack.com/services/T04…/B05…/****"},
		{"https://discord.com/api/webhooks/123456789012345678/" + strings.Repeat("aB3d", 17), "https://discord.com/api/webhooks/123…/****"},
		{"https://hooks.zapier.com/hooks/catch/123456/abcde/silent/", "https://hooks.zapier.com/hooks/catch/123…/****/silent/"},
		{"https://chat.googleapis.com/v1/spaces/AAAA1234/messages?key=AIza" + strings.Repeat("x1", 17) + "&token=" + strings.Repeat("ab12", 11), "https://chat.googleapis.com/v1/spaces/AAA…/messages?key=****&token=****"},
		{"https://acme.webhook.office.com/webhookb2/12345678-1234-1234-1234-123456789012@12345678-1234-1234-1234-123456789012/IncomingWebhook/0123456789abcdef0123456789abcdef/12345678-1234-1234-1234-123456789012", "https://acme.webhook.office.com/webhookb2/123…/IncomingWebhook/012…/****"},
		{"https://user:" + "s3cr3tpassw0rd" + "@hooks.example.com/notify", "https://us…:****@hooks.example.com/notify"},
		{"https://a1b2c3d4:" + "e5f6a7b8" + "@gems.contribsys.com", "https://a1b…:****@gems.contribsys.com"},
		{"https://api.netlify.com/build_hooks/0123456789abcdef01234567", "https://api.netlify.com/build_hooks/****"},
		{"https://example.com/hook?longvaluewithoutkey#frag", "https://example.com/hook?****#****"},
		{"https://example.com/hooks/notify", "https://example.com/hooks/****"},
		{"ééééééééé", "éééé…"},       // characters, not bytes
		{"日本語の秘密", "日本語…"},           // 6 characters show 3
		{"ab\xffcdefgh", "ab\xffc…"}, // invalid UTF-8 counts one character a byte
	} {
		if got := Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRedactBounds checks the documented rule on every length up to 40:
// a prefix of at most 4 characters and at most half the secret.
func TestRedactBounds(t *testing.T) {
	const alphabet = "Kx7Qm2Zp9Lw4Rt8Vn3Hc6Jb5Fd1Gs0Yé"
	for n := 1; n <= 40; n++ {
		secret := string([]rune(strings.Repeat(alphabet, 2))[:n])
		got := Redact(secret)
		shown, ok := strings.CutSuffix(got, "…")
		if !ok {
			t.Fatalf("Redact(%d characters) = %q: no ellipsis", n, got)
		}
		if !strings.HasPrefix(secret, shown) {
			t.Errorf("Redact(%q) = %q: not a prefix", secret, got)
		}
		if c := utf8.RuneCountInString(shown); c > 4 || 2*c > n {
			t.Errorf("Redact of %d characters shows %d", n, c)
		}
	}
}

// FuzzRedact checks that no valid UTF-8 input of two or more characters, not
// redacted already, comes back
// whole, and that Redact never panics.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{"https://hooks.slack" + ".com/services/T04ABCDEFG/B05ABCDEFGH/abcdefghijklmnopqrstuvwx",
		"https://x.io/", "key-x", "whsec" + "_abc", "a.bc/?=&#", "https://u:p@h.io"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Redact(s)
		if utf8.ValidString(s) && !redacted(s) && utf8.RuneCountInString(s) >= 2 && strings.Contains(got, s) {
			t.Errorf("Redact(%q) = %q shows it whole", s, got)
		}
	})
}
