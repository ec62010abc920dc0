package hardcoded

import (
	"go/ast"
	"go/constant"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/hookscan/hookscan/analyzer/internal/callee"
	"github.com/hookscan/hookscan/scanner"
)

// Rules that a Go name alone makes a value a secret are reported under.
const (
	webhookSecretRule = "generic-webhook-secret-assignment"
	secretRule        = "generic-secret-assignment"
)

// minNamedSecret is the shortest value a secret's name alone makes a
// secret: shorter ones are flags, words and test values more often than
// keys.
const minNamedSecret = 12

// secretNoun are the last words of a name that hold a secret.
var secretNoun = map[string]bool{
	"secret": true, "token": true, "password": true, "passwd": true, "passphrase": true,
	"webhooksecret": true, "signingsecret": true, "hooksecret": true, "apitoken": true,
	"apikey": true, "hmackey": true, "signingkey": true, "secretkey": true,
}

// keyQualifier are the words before "key" that make it a secret key:
// signingKey, hmacKey, apiKey; a publicKey or cacheKey is not.
var keyQualifier = map[string]bool{
	"signing": true, "hmac": true, "secret": true, "api": true, "webhook": true, "hook": true,
	"shared": true, "mac": true, "auth": true, "access": true, "private": true, "master": true,
}

// notSecretWord are words that, anywhere in a name, say its value is
// something else: the name of a secret, where it is read from, or made-up
// data.
var notSecretWord = map[string]bool{
	"header": true, "env": true, "name": true, "field": true, "param": true, "flag": true,
	"prefix": true, "suffix": true, "path": true, "file": true, "url": true, "uri": true,
	"endpoint": true, "type": true, "kind": true, "label": true, "id": true, "format": true,
	"regex": true, "re": true, "pattern": true, "query": true, "cookie": true, "example": true,
	"fake": true, "test": true, "mock": true, "dummy": true, "sample": true, "stub": true,
	"len": true, "length": true, "size": true, "ttl": true, "expiry": true, "mount": true,
	"ref": true, "arn": true, "version": true, "placeholder": true, "public": true, "pub": true,
	"msg": true, "message": true, "err": true, "error": true, "desc": true, "description": true,
	"usage": true, "help": true, "doc": true, "key": false,
}

// webhookWord are words that make a secret a webhook signing secret.
var webhookWord = []string{"webhook", "hook", "signing", "hmac", "shared"}

// nameWords splits a Go name, or a map key, into lower-case words at
// case changes and at _ - . separators (appSecret, APP_SECRET,
// webhook.secret, HMACKey).
func nameWords(name string) []string {
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

// secretName reports whether a name says its value is a secret, and
// which rule a secret under it is reported as: the name ends in a secret
// noun (webhookSecret, signingKey, API_TOKEN) and holds no word that makes
// it something else (secretName, tokenURL, fakeSecret).
func secretName(name string) (string, bool) {
	words := nameWords(name)
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
			return webhookSecretRule, true
		}
	}
	return secretRule, true
}

// wordsOnly matches values made of letters and separators alone: names,
// config keys and header names (webhook.secret, X-Hub-Signature,
// access_token), which a secret's name may hold.
var wordsOnly = regexp.MustCompile(`^[A-Za-z]+(?:[._:/-][A-Za-z]+)*$`)

// unleet reads digits as the letters they stand for in typed words.
var unleet = strings.NewReplacer("0", "o", "1", "i", "3", "e", "4", "a", "5", "s", "7", "t")

// namedSecretValue reports whether a value under a secret's name is a
// secret whatever its shape: a Go constant or variable named
// webhookSecret holds the secret, even one made of words and numbers
// (northwind-gh-app-hook-2024) that a file scan calls a name. It is not
// when it is short, a placeholder, a reference, a URL or path, program
// text (spaces, format verbs, brackets), or words alone.
func namedSecretValue(value string) bool {
	if len(value) < minNamedSecret || len(value) > 200 {
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
	return !scanner.Placeholder(value)
}

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
	for _, w := range nameWords(s) {
		if len(w) < 3 {
			return false
		}
	}
	return true
}

// namedArg is a call whose argument Value is named by the string constant
// at Name: a flag's default under the flag's name, a configuration
// default under its key, a variable set in the environment.
type namedArg struct{ Name, Value int }

// namedArgs are the calls that give a value a name (flag, pflag, viper,
// os.Setenv), by callee.
var namedArgs = func() map[callee.Func]namedArg {
	m := map[callee.Func]namedArg{
		{Pkg: "os", Name: "Setenv"}: {0, 1},
	}
	for _, recv := range []string{"", "FlagSet"} {
		for _, p := range []string{"flag", "github.com/spf13/pflag"} {
			m[callee.Func{Pkg: p, Recv: recv, Name: "String"}] = namedArg{0, 1}
			m[callee.Func{Pkg: p, Recv: recv, Name: "StringVar"}] = namedArg{1, 2}
		}
		m[callee.Func{Pkg: "github.com/spf13/pflag", Recv: recv, Name: "StringP"}] = namedArg{0, 2}
		m[callee.Func{Pkg: "github.com/spf13/pflag", Recv: recv, Name: "StringVarP"}] = namedArg{1, 3}
	}
	for _, recv := range []string{"", "Viper"} {
		for _, name := range []string{"SetDefault", "Set"} {
			m[callee.Func{Pkg: "github.com/spf13/viper", Recv: recv, Name: name}] = namedArg{0, 1}
		}
	}
	return m
}()

// argName names the argument of a call that namedArgs knows: the value
// is keyed under the constant the call names it by.
func (c *checker) argName(call *ast.CallExpr) {
	fn, _, ok := callee.Of(c.pass.TypesInfo, call)
	if !ok {
		return
	}
	na, ok := namedArgs[fn]
	if !ok || na.Value >= len(call.Args) {
		return
	}
	tv, ok := c.pass.TypesInfo.Types[call.Args[na.Name]]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return
	}
	c.keys[call.Args[na.Value]] = constant.StringVal(tv.Value)
}

// defaultTags are the struct tags that hold a field's default value
// (envconfig, kong, caarlos0/env, creasty/defaults).
var defaultTags = []string{"default", "envDefault"}

// nameTags name a field's setting better than its Go name does.
var nameTags = []string{"env", "envconfig"}

// tagDefault queues a struct field's default from its tag
// (`env:"GITHUB_WEBHOOK_SECRET" default:"…"`): a default written in the
// source ships in the binary like any literal. It is named by its
// environment variable, or else by the field.
func (c *checker) tagDefault(f *ast.Field) {
	if f.Tag == nil || len(f.Names) == 0 {
		return
	}
	raw, err := strconv.Unquote(f.Tag.Value)
	if err != nil {
		return
	}
	tag := reflect.StructTag(raw)
	name := f.Names[0].Name
	for _, t := range nameTags {
		if v, ok := tag.Lookup(t); ok && v != "" {
			name, _, _ = strings.Cut(v, ",")
			break
		}
	}
	for _, t := range defaultTags {
		v, ok := tag.Lookup(t)
		if !ok || len(v) < 8 {
			continue
		}
		c.keys[f.Tag] = name
		c.literals = append(c.literals, literal{expr: f.Tag, value: v, file: c.file, path: c.path})
		return
	}
}
