package report

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// redactKeep is the most characters of a plain secret a redacted form
// shows, and of the random part after a known prefix.
const redactKeep = 4

// idKeep is the most characters a redacted URL shows of a path segment
// that is an id (a team, a workflow, an account), not the token itself.
const idKeep = 3

// masked stands for the part of a secret that must never be shown.
const masked = "****"

// Redact returns the form of a secret that is safe to show: enough to
// tell which secret it is and where it belongs, never enough to use it.
//
//   - A URL (with or without its scheme) keeps its scheme, host, port and
//     the words of its path; path segments that are ids show their first 3
//     characters ("T04…"), and the last id, which is the token, is masked:
//     https://hooks.slack.com/services/T04…/B05…/****. A password in the
//     URL and the values of query parameters named like a credential
//     (token, key, sig, secret, code, auth…) are masked too.
//   - A secret with a well-known prefix keeps the prefix and at most 4
//     characters after it, when those are at most an eighth of the rest:
//     whsec_Ab3d…, xoxb-1234….
//   - Any other secret shows its first min(4, n/2) characters of n
//     (Unicode code points, not bytes), then "…" (U+2026): "abcdefgh"
//     becomes "abcd…", "ab" becomes "a…", one character "…".
//
// The empty string stays empty. Redacting twice changes nothing: a value
// that already has a redacted form is returned as it is, so reports read
// back and merged (hookscan merge) show the same text as the scans they
// came from.
func Redact(secret string) string {
	if secret == "" {
		return ""
	}
	if redacted(secret) {
		return secret
	}
	if s, ok := redactURL(secret); ok && !strings.Contains(s, secret) {
		return s
	}
	if s, ok := redactPrefixed(secret); ok {
		return s
	}
	return redactPlain(secret, redactKeep)
}

// redacted reports whether s already has one of Redact's forms. Secrets
// hold neither "…" nor "****", so only Redact's output passes.
func redacted(s string) bool {
	if !strings.Contains(s, "…") && !strings.Contains(s, masked) {
		return false
	}
	if u, ok := redactURL(s); ok && u == s {
		return true
	}
	if p, ok := redactPrefixed(s); ok && p == s {
		return true
	}
	return strings.HasSuffix(s, "…") && utf8.RuneCountInString(s) <= redactKeep+1
}

// partial shows the first few characters of an id, keeping one that is
// shown that way already.
func partial(s string) string {
	if strings.HasSuffix(s, "…") && utf8.RuneCountInString(s) <= idKeep+1 {
		return s
	}
	return redactPlain(s, idKeep)
}

// redactPlain keeps at most keep characters, and at most half the secret.
func redactPlain(secret string, keep int) string {
	keep = min(keep, utf8.RuneCountInString(secret)/2)
	return firstRunes(secret, keep) + "…"
}

// firstRunes returns the first n characters of s.
func firstRunes(s string, n int) string {
	cut := 0
	for range n {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
	}
	return s[:cut]
}

// knownPrefixes are the fixed prefixes providers put on their secrets;
// they say what a secret is and are the same for every one of its kind.
// Longer prefixes come before the shorter ones they start with.
var knownPrefixes = []string{
	"github_pat_", "sk_live_", "sk_test_", "rk_live_", "rk_test_", "pk_live_", "pk_test_",
	"whsec_", "whsk_", "whpk_", "xoxb-", "xoxp-", "xoxa-", "xoxe-", "xoxs-", "xapp-",
	"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "glpat-", "glptt-", "gldt-",
	"shpss_", "shpat_", "shpca_", "shppa_", "lin_wh_", "lin_api_", "tfp_", "pdl_",
	"sntrys_", "sntryu_", "dop_v1_", "SG.", "key-",
}

// redactPrefixed keeps a known prefix and a few characters after it.
func redactPrefixed(secret string) (string, bool) {
	for _, p := range knownPrefixes {
		rest, ok := strings.CutPrefix(secret, p)
		if !ok || rest == "" {
			continue
		}
		n := utf8.RuneCountInString(rest)
		if strings.HasSuffix(rest, "…") && n <= redactKeep+1 {
			return secret, true // redacted already
		}
		if n < 8 {
			return p + "…", true
		}
		return p + firstRunes(rest, min(redactKeep, n/8)) + "…", true
	}
	return "", false
}

var (
	urlScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]{0,15}://`)
	// bareHost is a host name that starts a scheme-less URL:
	// "hooks.slack.com/services/…".
	bareHost = regexp.MustCompile(`^(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::[0-9]{1,5})?(?:[/?]|$)`)
	// pathWord is a path segment that is a word of the API (services,
	// webhookb2, IncomingWebhook, build_hooks), not an id or a token.
	pathWord = regexp.MustCompile(`^(?:[a-z]+|[A-Z][a-z]+)(?:[A-Z][a-z]+|[-_.][a-z]+)*[0-9]{0,2}$`)
	// secretParam names a query parameter whose value is a credential.
	secretParam = regexp.MustCompile(`(?i)token|key|sig|secret|code|auth|pass|access|hash|cred`)
)

// trailingWords end some webhook paths after the token.
var trailingWords = map[string]bool{"silent": true, "invoke": true, "run": true, "send": true, "messages": true}

// isPathWord reports whether a path segment is a word of the API rather
// than an id or a token.
func isPathWord(s string) bool {
	return len(s) <= 20 && pathWord.MatchString(s)
}

// redactURL redacts a URL-shaped secret; ok is false when it is not one.
func redactURL(secret string) (string, bool) {
	scheme := urlScheme.FindString(secret)
	rest := secret[len(scheme):]
	if scheme == "" && !bareHost.MatchString(rest) {
		return "", false
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	authority, rest := rest[:end], rest[end:]
	var b strings.Builder
	b.WriteString(scheme)
	hidden := false
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		user, _, hasPass := strings.Cut(authority[:at], ":")
		if hasPass {
			b.WriteString(partial(user) + ":" + masked + "@")
		} else {
			b.WriteString(masked + "@")
		}
		hidden = true
		authority = authority[at+1:]
	}
	b.WriteString(authority)

	path, query, fragment := rest, "", ""
	if i := strings.IndexByte(path, '#'); i >= 0 {
		path, fragment = path[:i], path[i:]
	}
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path, query = path[:i], path[i+1:]
	}
	queryHides := false
	params := strings.Split(query, "&")
	for i, p := range params {
		k, v, ok := strings.Cut(p, "=")
		switch {
		case !ok && utf8.RuneCountInString(p) > 8:
			params[i] = masked
			queryHides = true
		case !ok || v == "":
		case secretParam.MatchString(k):
			params[i] = k + "=" + masked
			queryHides = true
		case utf8.RuneCountInString(v) > 12:
			params[i] = k + "=" + partial(v)
		}
	}
	// The token is the last segment of the path (before a trailing word
	// such as "silent" or "invoke"), unless the query or the user
	// information holds it.
	segs := strings.Split(path, "/")
	last := -1
	for i := len(segs) - 1; i >= 0; i-- {
		if segs[i] != "" && !trailingWords[strings.ToLower(segs[i])] {
			last = i
			break
		}
	}
	if hidden || queryHides {
		last = -1 // the credential is masked already; ids stay partial
	}
	for i, s := range segs {
		switch {
		case s == "":
		case i == last:
			segs[i] = masked
		case !isPathWord(s):
			segs[i] = partial(s)
		}
	}
	b.WriteString(strings.Join(segs, "/"))
	if query != "" {
		b.WriteString("?" + strings.Join(params, "&"))
	}
	if fragment != "" {
		b.WriteString("#" + masked)
	}
	return b.String(), true
}
