// Package secretname decides when a Go name says that the value it holds
// is a secret (appSecret, SigningKey, partnerAPIKey), and when a value
// under such a name is one whatever its shape. The hardcoded analyzer
// reports such values; secretsource leaves them to it.
package secretname

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/hookscan/hookscan/scanner"
)

// The rules a Go name alone makes a value a secret under.
const (
	WebhookSecretRule = "generic-webhook-secret-assignment"
	SecretRule        = "generic-secret-assignment"
)

// MinLength is the shortest value a secret's name alone makes a
// secret: shorter ones are flags, words and test values more often than
// keys.
const MinLength = 12

// secretNoun are the last words of a name that hold a secret.
var secretNoun = map[string]bool{
	"secret": true, "token": true, "password": true, "passwd": true, "passphrase": true,
	"webhooksecret": true, "signingsecret": true, "hooksecret": true, "apitoken": true,
	"apikey": true, "hmackey": true, "signingkey": true, "secretkey": true,
}

// keyQualifier are the words before "key" that make it a secret key:
// signingKey, hmacKey, apiKey, jwtKey, sessionKey, rotationKeys (the
// keys a signer rotates through), stripeKey (a provider's key is its API
// key); a publicKey or cacheKey is not.
var keyQualifier = map[string]bool{
	"signing": true, "hmac": true, "secret": true, "api": true, "webhook": true, "hook": true,
	"shared": true, "mac": true, "auth": true, "access": true, "private": true, "master": true,
	"jwt": true, "jws": true, "encryption": true, "aes": true, "cipher": true,
	"sign": true, "signature": true, "session": true, "rotation": true, "rotating": true,
	"stripe": true, "slack": true, "github": true, "twilio": true, "sendgrid": true, "mailgun": true,
	"shopify": true, "paddle": true, "svix": true, "datadog": true, "pagerduty": true, "opsgenie": true,
}

// notSecretWord are words that, anywhere in a name, say its value is
// something else: the name of a secret, where it is read from, or made-up
// data.
var notSecretWord = map[string]bool{
	"header": true, "env": true, "name": true, "field": true, "param": true, "flag": true,
	"prefix": true, "suffix": true, "path": true, "file": true, "url": true, "uri": true,
	"type": true, "kind": true, "label": true, "id": true, "format": true,
	"regex": true, "re": true, "pattern": true, "query": true, "cookie": true, "example": true,
	"fake": true, "test": true, "mock": true, "dummy": true, "sample": true, "stub": true,
	"len": true, "length": true, "size": true, "ttl": true, "expiry": true, "mount": true,
	"ref": true, "arn": true, "version": true, "placeholder": true, "public": true, "pub": true,
	"msg": true, "message": true, "err": true, "error": true, "desc": true, "description": true,
	"usage": true, "help": true, "doc": true, "key": false,
}

// webhookWord are words that make a secret a webhook signing secret.
var webhookWord = []string{"webhook", "hook", "signing", "hmac", "shared", "endpoint"}

// Words splits a Go name, or a map key, into lower-case words at
// case changes and at _ - . separators (appSecret, APP_SECRET,
// webhook.secret, HMACKey).
func Words(name string) []string {
	var words []string
	rs := []rune(name)
	start := 0
	flush := func(end int) {
		if end > start {
			words = append(words, strings.ToLower(string(rs[start:end])))
		}
	}
	for i, r := range rs {
		switch {
		case r == '_' || r == '-' || r == '.' || r == ' ' || r == '/':
			flush(i)
			start = i + 1
		case i > start && unicode.IsUpper(r) && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]) ||
			i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])):
			flush(i)
			start = i
		}
	}
	flush(len(rs))
	return words
}

// Rule reports whether a name says its value is a secret, and
// which rule a secret under it is reported as: the name ends in a secret
// noun (webhookSecret, signingKey, API_TOKEN) and holds no word that makes
// it something else (secretName, tokenURL, fakeSecret).
func Rule(name string) (string, bool) {
	words := Words(name)
	if len(words) == 0 {
		return "", false
	}
	for _, w := range words {
		if notSecretWord[w] {
			return "", false
		}
	}
	last := words[len(words)-1]
	ok := secretNoun[last]
	if !ok && last == "key" && len(words) > 1 {
		ok = keyQualifier[words[len(words)-2]]
	}
	if !ok {
		return "", false
	}
	joined := strings.Join(words, "")
	for _, w := range webhookWord {
		if strings.Contains(joined, w) {
			return WebhookSecretRule, true
		}
	}
	return SecretRule, true
}

// Container reports whether a name of two words or more says it holds
// secrets (tenantSecrets, signingKeys, fallback_tokens): the plural of a
// name Rule accepts. It returns that singular name, under which each
// value the map or slice holds is judged. A bare plural (secrets, keys,
// tokens) says too little: a lexer's tokens, a cache's keys.
func Container(name string) (string, bool) {
	words := Words(name)
	if len(words) < 2 {
		return "", false
	}
	last := words[len(words)-1]
	if len(last) < 4 || !strings.HasSuffix(last, "s") || strings.HasSuffix(last, "ss") {
		return "", false
	}
	single := strings.Join(append(words[:len(words)-1:len(words)-1], strings.TrimSuffix(last, "s")), "_")
	if _, ok := Rule(single); !ok {
		return "", false
	}
	return single, true
}

// wordsOnly matches values made of letters and separators alone: names,
// config keys and header names (webhook.secret, X-Hub-Signature,
// access_token), which a secret's name may hold.
var wordsOnly = regexp.MustCompile(`^[A-Za-z]+(?:[._:/-][A-Za-z]+)*$`)

// unleet reads digits as the letters they stand for in typed words.
var unleet = strings.NewReplacer("0", "o", "1", "i", "3", "e", "4", "a", "5", "s", "7", "t")

// Value reports whether a value under a secret's name is a
// secret whatever its shape: a Go constant or variable named
// webhookSecret holds the secret, even one made of words and numbers
// (northwind-gh-app-hook-2024) that a file scan calls a name. It is not
// when it is short, a placeholder, a reference, a URL or path, program
// text (spaces, format verbs, brackets), words alone, or a label that
// says what kind of key it stands for (harbor-sandbox-signing-2025).
func Value(value string) bool {
	if len(value) < MinLength || len(value) > 200 {
		return false
	}
	if strings.ContainsAny(value, " \t\r\n%{}()[]<>\"'`\\,;|?") || strings.Contains(value, "://") ||
		strings.HasPrefix(value, "/") || strings.HasPrefix(value, "$") {
		return false
	}
	if wordsOnly.MatchString(value) && (strings.ContainsAny(value, "._:/-") || camelWords(value)) {
		return false
	}
	if strings.ContainsAny(value, "._:/-") && leetWords(value) {
		return false // words written in digits: d3v-workspace-signing
	}
	lower := strings.ToLower(value)
	for _, w := range labelWords {
		if strings.Contains(lower, w) {
			return false
		}
	}
	return !scanner.Placeholder(value)
}

// labelWords are words a random key never holds and a label written for
// one does; scanner.Placeholder knows secret, password and webhook.
var labelWords = []string{"signing"}

// leetWords reports whether a value is words some of whose letters are
// written as digits (d3v-workspace-signing); a part that is a number
// (northwind-hook-2024) is a number, not a letter.
func leetWords(s string) bool {
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("._:/-", r) })
	for _, p := range parts {
		if strings.Trim(p, "0123456789") == "" {
			return false
		}
	}
	return wordsOnly.MatchString(unleet.Replace(s))
}

// camelWords reports whether letters alone read as words
// (Authorization, XHubSignature, lowercase): each word of three letters
// or more, as random letters (qWeRtYzXcVbN) are not.
func camelWords(s string) bool {
	for _, w := range Words(s) {
		if len(w) < 3 {
			return false
		}
	}
	return true
}
