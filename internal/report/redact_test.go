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
		{"whsec" + "_Ab3dE5gH7jK9", "whse…"},
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
