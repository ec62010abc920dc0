package report

import (
	"strings"
	"unicode/utf8"
)

// redactKeep is the most characters of a secret a redacted form shows.
const redactKeep = 4

// Redact returns the form of a secret that is safe to show: its first few
// characters followed by "…" (U+2026).
//
// It keeps min(4, n/2) characters of a secret of n characters (Unicode
// code points, not bytes), so a secret of 8 or more characters shows its
// first 4 ("whsec_Ab3…" becomes "whse…"), a shorter one at most half of
// itself ("abcdefg" becomes "abc…", "ab" becomes "a…"), and a single
// character shows nothing ("…"). The empty string stays empty. A
// URL-shaped secret is treated like any other: the rule's description and
// provider already say which service it belongs to.
//
// Redacting twice changes nothing: a value that already has the redacted
// form (at most 4 characters and "…") is returned as it is, so reports
// read back and merged (hookscan merge) show the same text as the scans
// they came from.
func Redact(secret string) string {
	if secret == "" {
		return ""
	}
	if strings.HasSuffix(secret, "…") && utf8.RuneCountInString(secret) <= redactKeep+1 {
		return secret
	}
	keep := min(redactKeep, utf8.RuneCountInString(secret)/2)
	cut := 0
	for range keep {
		_, size := utf8.DecodeRuneInString(secret[cut:])
		cut += size
	}
	return secret[:cut] + "…"
}
