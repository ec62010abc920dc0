package scanner

import (
	"bytes"
	_ "embed"
	"strings"
	"sync"
)

// The built-in filters every rule gets. They look at the secret (and, for
// context rules, the key it is assigned to) and drop what a person would
// not call a leaked secret: references to where the secret really lives,
// templates, placeholders from documentation, and identifiers.

// referencePatterns are values that point at a secret instead of holding
// one. They are matched against the whole secret, or for URLs against any
// part.
var referencePatterns = gated(lazyCompile(`(?i)` + strings.Join([]string{
	`\$\{\{[^}]*\}\}`,                             // ${{ secrets.X }} (GitHub Actions)
	`\$\{[^}]*\}`,                                 // ${X}, ${X:-default}
	`\{\{[^}]*\}\}`,                               // {{ .Values.x }}, {{x}}
	`\$\([^)]*\)`,                                 // $(cat file)
	`^\$[A-Za-z_][A-Za-z0-9_]*$`,                  // $X
	`^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/`,            // $HOME/.gem/credentials: a path under a variable
	`^[\w.-]+=\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$`,    // token=$TRIGGER_TOKEN: a parameter set from a variable
	`%[A-Za-z_][A-Za-z0-9_]*%`,                    // %X% (Windows, Maven filtering)
	`^@[A-Za-z_][A-Za-z0-9_]*@$`,                  // @X@ (autoconf)
	`getenv\(`,                                    // os.Getenv("X"), getenv
	`\benv\[`,                                     // ENV["X"]
	`process\.env\.`,                              // process.env.X
	`^env\.`,                                      // env.X
	`^(?:secrets|vars|inputs)\.\w+`,               // secrets.X in workflow expressions
	`^arn:aws:`,                                   // an ARN names a secret, it is not one
	`^vault:`,                                     // vault:secret/path
	`^(?:ref|secretref|keyvault)\+`,               // ref+vault://...
	`^\.[A-Za-z_][\w]*(?:\.[\w]+)+$`,              // .Values.x.y (Helm/Go template paths)
	`^%[-+# 0-9.*]*[sdvqxX]$`,                     // %s, %v: a format verb filled in later
	`^\{[A-Za-z_0-9]*\}$`,                         // {}, {0}, {key}: Python/C#/Rust format fields
	`^#\{[^}]*\}$`,                                // #{key}: Ruby interpolation
	`^env:[A-Za-z_][A-Za-z0-9_]*$`,                // env:NAME: an environment variable named
	`^(?:ext|exec|file):(?:\.{0,2}/|~/)[\w./-]+$`, // ext:/path: a script or file that holds it
}, "|")))

// placeholderWords are substrings that mark documentation placeholders.
var placeholderWords = []string{
	"xxxx", "changeme", "change_me", "change-me", "replace_me", "replace-me", "replaceme",
	"your-", "your_", "yourtoken", "yoursecret", "yourwebhook", "yourkey", "<your",
	"example", "placeholder", "dummy", "redacted", "insert", "todo:", "sample",
	"notreal", "not_real", "not-real", "secret_here", "token_here", "key_here", "here>",
	"changeit", "mykey", "my_key", "my-key", "mysecret", "my_secret", "mytoken", "my_token", "abcxyz",
	"hunter2", // the password everyone has seen as ******* (AzureDiamond:hunter2)
	"...", "…", "****",
}

// isReference reports whether a secret is a reference or template.
func isReference(s string) bool {
	return referencePatterns.MatchString(s)
}

// isPlaceholder reports whether a secret looks like a documentation
// placeholder: placeholder words, <angle-bracketed> names, a run of one
// character, or a run of sequential characters.
func isPlaceholder(s string) bool { return placeholderWithRun(s, 6) }

// placeholderWithRun is isPlaceholder with the shortest run of one
// character that marks a placeholder. Ids in URL paths may start with a
// run of base64 zeros (a Google Chat space is AAAA…, sometimes AAAAAA…);
// the placeholders written there are longer runs (T00000000, XXXX…).
func placeholderWithRun(s string, run int) bool {
	lower := strings.ToLower(s)
	for _, w := range placeholderWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	if strings.Contains(s, "<") && strings.Contains(s, ">") || strings.Contains(s, "FAKE") {
		return true // <your-key>, or a value marked in capitals as not real
	}
	if strings.HasPrefix(lower, "header.") || strings.HasSuffix(lower, ".signature") {
		return true // a JWT spelled out as header.<claims>.signature
	}
	// A long random value holds six counting characters more often than a
	// short one (a UUID, once in tens of thousands); typed placeholders of
	// that length count further (12345678-1234-…).
	seq := 6
	if len(s) >= 32 {
		seq = 7
	}
	return longestRun(lower) >= run || longestSequence(lower) >= seq ||
		len(s) >= 12 && len(s) <= 40 && interleavedSequences(longestSequence(onlyLetters(lower)), longestSequence(onlyDigits(lower))) ||
		repeatsItself(s)
}

// repeatsItself reports whether a value of 12 characters or more is one
// block of up to 256 written at least twice over (a value made to fill a
// field of 64: the same 32 characters twice). A random value repeats a
// block of p of its n characters about once in alphabet^(n-p) values. The
// bound keeps a long value that nearly repeats (abab…abc) from costing
// its length squared.
func repeatsItself(s string) bool {
	if len(s) < 12 {
		return false
	}
	for p := 1; 2*p <= len(s) && p <= 256; p++ {
		if s[p:] == s[:len(s)-p] {
			return true
		}
	}
	return false
}

// interleavedSequences reports whether a value's letters and digits, read
// apart, both count up or down (a1b2c3d4e5f6, abc123def456): a value typed
// to look random. One class alone is not enough: random hex holds "abcdef"
// among its letters once in a few hundred values; and values past 40
// characters (a 256-digit SNS token) hold both often enough that such
// typed placeholders, which are short, are not looked for there.
func interleavedSequences(letters, digits int) bool {
	return letters >= 6 && digits >= 4 || digits >= 6 && letters >= 4
}

// spelledWords are words a random secret never holds: a value that spells
// out what it is ("webhooksecret123", "verylongpassword") stands in for one.
var spelledWords = []string{"secret", "password", "passwd", "webhook"}

func spellsItsName(s string) bool {
	lower := strings.ToLower(s)
	plain := unleet.Replace(lower)
	for _, w := range spelledWords {
		if strings.Contains(lower, w) || strings.Contains(plain, w) {
			return true
		}
	}
	return false
}

// unleet reads digits as the letters they stand for in typed examples
// ("4-v3ry-53cr37-p455w0rd").
var unleet = strings.NewReplacer("4", "a", "3", "e", "5", "s", "7", "t", "0", "o", "1", "i", "@", "a", "$", "s")

// onlyLetters and onlyDigits keep one class of characters, to see
// interleaved sequences such as A1B2C3D4E5F6.
func onlyLetters(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, s)
}

func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// isPlaceholderSecret is isPlaceholder for a secret that may be a whole
// URL: the host and expiry or version parameters are not the secret, so
// only the path and the other query values are judged ("example.com" as
// a host, or the zeros of an expiry timestamp, are no sign of a
// placeholder token).
func isPlaceholderSecret(s string) bool {
	rest, ok := cutScheme(s)
	if !ok {
		return isPlaceholder(s) || spellsItsName(s)
	}
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		if strings.Contains(strings.ToLower(rest[:i]), "your") {
			return true // https://your-domain.com/hooks/…: a host to fill in
		}
		rest = rest[i:]
	} else {
		return false
	}
	path, query, _ := strings.Cut(rest, "?")
	for _, seg := range strings.Split(path, "/") {
		if seg != "" && placeholderWithRun(seg, 8) {
			return true
		}
	}
	for _, kv := range strings.Split(query, "&") {
		k, v, _ := strings.Cut(kv, "=")
		switch strings.ToLower(k) {
		case "se", "st", "sv", "sp", "api-version", "expires", "expiry", "timestamp", "ts", "t":
			continue
		}
		if v != "" && isPlaceholder(v) {
			return true
		}
	}
	return false
}

// cutScheme removes "https://" (or "http://", or none for a bare host with a
// path) and reports whether s is a URL.
func cutScheme(s string) (string, bool) {
	lower := strings.ToLower(s)
	for _, p := range []string{"https://", "http://"} {
		if strings.HasPrefix(lower, p) {
			return s[len(p):], true
		}
	}
	return s, bareURL.MatchString(s)
}

// bareURL matches a host name followed by a path, without a scheme.
var bareURL = lazyCompile(`^[\w-]+(?:\.[\w-]+)+(?::\d+)?/`)

// longestRun returns the length of the longest run of one repeated
// alphanumeric character.
func longestRun(s string) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] && isAlnum(s[i]) {
			run++
		} else {
			run = 1
		}
		best = max(best, run)
	}
	return best
}

// longestSequence returns the length of the longest run of ascending or
// descending consecutive letters or digits ("123456", "abcdef", "987654").
func longestSequence(s string) int {
	best, up, down := 1, 1, 1
	for i := 1; i < len(s); i++ {
		a, b := s[i-1], s[i]
		if isAlnum(a) && isAlnum(b) && b == a+1 && sameClass(a, b) {
			up++
		} else {
			up = 1
		}
		if isAlnum(a) && isAlnum(b) && b+1 == a && sameClass(a, b) {
			down++
		} else {
			down = 1
		}
		best = max(best, up, down)
	}
	if len(s) == 0 {
		return 0
	}
	return best
}

func sameClass(a, b byte) bool {
	return isDigit(a) == isDigit(b)
}

func isAlnum(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// identifierPattern matches values that are names, not secrets: words of
// letters joined by _ . - or /, or camelCase words. A word may start with
// an acronym (SQLAlchemy-based, HTTPServer_port).
var identifierPattern = lazyCompile(`^(?:(?:[a-z]+|[A-Z]+|(?:[A-Z][a-z]+)+|[A-Z]{2,}[a-z]+(?:[A-Z][a-z]+)*)(?:[_.\-/:](?:[a-z]+|[A-Z]+|(?:[A-Z][a-z]+)+|[A-Z]{2,}[a-z]+(?:[A-Z][a-z]+)*))+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[a-z]+(?:[A-Z][a-z]{2,})+|[A-Z][a-z]{2,}(?:[A-Z][a-z]{2,})+|(?:[A-Z][a-z]+){3,})$`)

// isIdentifier reports whether a secret is an identifier such as
// STRIPE_WEBHOOK_SECRET or webhookSecret, a Salesforce API name or a CSS
// custom property.
func isIdentifier(s string) bool {
	return identifierPattern.MatchString(s) && !allHexWords.MatchString(s) || isAPIName(s) || isCSSProperty(s)
}

// apiName matches a Salesforce API name: a custom field, object or
// relationship (Enable_Apex_Debug__c, Account__r, Setting__mdt), maybe
// read from a record (stripeConnectRec.API_Key__c). Apex and SOQL name
// fields after what they hold (API_Key__c, Global_Key__c).
var apiName = lazyCompile(`^(?:[A-Za-z_]\w*\.)*([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)__(?:c|r|e|x|b|s|mdt|pc|pr|kav|share|history|feed|tag)$`)

// isAPIName reports whether s is an apiName whose name has few digits,
// as words do (Address_Line_2__c), not random characters.
func isAPIName(s string) bool {
	m := apiName.FindStringSubmatch(s)
	return m != nil && digitCount(m[1]) <= 2
}

// cssProperty matches a CSS custom property (--lwc-colorBackgroundRowHover),
// a stylesheet's variable named in a comment or a var() call.
var cssProperty = lazyCompile(`^--[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$`)

func isCSSProperty(s string) bool { return cssProperty.MatchString(s) && digitCount(s) <= 3 }

// dashedName matches names built of short lower-case words and numbers
// joined by dashes (an etcd cluster token kilt-phx-dev-1-etcd-20260512, a
// resource name): four parts or more, none mixing letters and digits as
// random values do.
var dashedName = lazyCompile(`^[a-z]{2,12}(?:-(?:[a-z]{2,12}|[0-9]{1,8})){3,}$`)

// isNumberedName reports whether a value is words of code joined by - or
// _ with a short number run on (personal-access-token123,
// api_key_2), or a dashedName: a name, not random characters.
func isNumberedName(s string) bool {
	if dashedName.MatchString(s) {
		return true
	}
	body := strings.TrimRight(s, "0123456789")
	if len(s)-len(body) > 4 || len(body) == len(s) && !strings.ContainsAny(s, "-_") {
		return false
	}
	body = strings.TrimRight(body, "-_")
	words := strings.FieldsFunc(body, func(r rune) bool { return r == '-' || r == '_' })
	if len(words) < 2 {
		return false
	}
	dict, known := codeWords(), 0
	for _, w := range words {
		lw := strings.ToLower(w)
		if len(w) < 3 || lw != w && strings.ToUpper(w) != w {
			return false
		}
		switch {
		case dict[lw] || apiWords[lw]:
			known++
		case !pronounceable(lw):
			return false
		}
	}
	return known > 0
}

// allHexWords matches words of hex letters only (cafebabe:deadbeef): hex
// values, not names.
var allHexWords = lazyCompile(`^[a-fA-F]+(?:[_.\-/:][a-fA-F]+)+$`)

// codeReference matches what an unquoted value in code looks like: a
// (dotted) name, maybe called or combined with another.
var codeReference = lazyCompile(`^[A-Za-z_$][\w$]*(?:[.+-][\w$]+)*(?:\(\))?$`)

// codeWords are the words Go's standard library builds identifiers from
// (gen_codewords.go).
//
//go:generate sh -c "go run gen_codewords.go > codewords.txt"
//go:embed codewords.txt
var codeWordList string

var codeWords = sync.OnceValue(func() map[string]bool {
	set := make(map[string]bool, 12000)
	for _, w := range strings.Fields(codeWordList) {
		set[w] = true
	}
	return set
})

// isCodeName reports whether a value is a name in code
// (testRSAPrivateKey, crypto.SHA256, LOGON32_LOGON_INTERACTIVE) rather than
// random characters: at least 80% of its letters are in words that code
// is made of. Random strings split into short fragments that are not.
func isCodeName(s string) bool {
	if !codeReference.MatchString(s) || digitCount(s)*2 > len(s) {
		// Mostly digits: a key with a prefix (key-2774…), not a name.
		return false
	}
	if len(s) >= 16 && digitCount(s) > 0 && strings.IndexFunc(s, func(r rune) bool { return r > 0x7f || !isHex(byte(r)) }) < 0 {
		// Hex digits (a Slack signing secret): a-f make three-letter
		// words (cad, efa, fed) of any random run.
		return false
	}
	words := codeWords()
	letters, known := 0, 0
	var lower [64]byte
	for i := 0; i < len(s); {
		c := s[i]
		j := i + 1
		switch {
		case isDigit(c):
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			i = j
			continue
		case c >= 'A' && c <= 'Z':
			for j < len(s) && s[j] >= 'A' && s[j] <= 'Z' {
				j++
			}
			if j-i > 1 && j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
				j-- // "RSAPrivate": the last capital starts the next word
			}
			for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
				j++
			}
		case c >= 'a' && c <= 'z':
			for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
				j++
			}
		default:
			i = j
			continue
		}
		n := j - i
		letters += n
		if n >= 3 && n <= len(lower) {
			w := lower[:n]
			for k := range n {
				w[k] = s[i+k] | 0x20
			}
			if words[string(w)] || compoundWord(words, string(w)) {
				known += n
			}
		}
		i = j
	}
	return letters > 0 && known*5 >= letters*4
}

// compoundWord reports whether a lower-case run is two or three code
// words written together (matchingbracket, readtimeout), each of four
// letters or more: style and token names in code often are. Random
// letters almost never split that way.
func compoundWord(words map[string]bool, w string) bool {
	if len(w) < 8 {
		return false
	}
	var split func(rest string, parts int) bool
	split = func(rest string, parts int) bool {
		if rest == "" {
			return parts >= 2
		}
		if parts == 3 {
			return false
		}
		for n := len(rest); n >= 4; n-- {
			if words[rest[:n]] && split(rest[n:], parts+1) {
				return true
			}
		}
		return false
	}
	return split(w, 0)
}

// nonSecretKey matches key names whose values are not secrets even though
// the name mentions one: ids, names, URLs, paths, sizes, public keys.
var nonSecretKey = gated(lazyCompile(`(?i)(?:` + strings.Join([]string{
	`(?:_|-|\.|[a-z])(?:id|ids|name|names|url|uri|urls|path|paths|file|files|dir|length|len|size|type|types|version|header|headers|field|param|prefix|suffix|format|env|var|ref|arn|hash|digest|checksum|count|enabled|required|mode|algorithm|algo|label|title|description|desc|policy|expiry|expires|ttl|timeout|regex|pattern|method|methods|scheme|mechanism)$`,
	`Id$|Ids$|ID$|Name$|Url$|URL$|Uri$|Path$|File$|Length$|Size$|Type$|Version$|Header$|Field$`,
	`public|\bpub[_.-]|pubkey|verif(?:y|ication)[_.-]?key|(?:^|[_.-])kid$`,
	`(?:^|[_.-])sha\d*(?:$|[_.-])|sha(?:1|224|256|384|512)|md5|integrity|(?:^|[_.-])hashed(?:$|[_.-])|^(?:checksums?|digest)[/_.-]`,
	`(?:request|change|continuation|page|next|cursor|pagination|idempotency|creation|sync|lifecycle[_.-]?action|cancel(?:lation)?)[_.-]?token|nonce`,
	`search[_.-]?only`, // search-only API keys are published in web pages by design
	`author(?:s|name|email)?$|author[_.-]|csrf|xsrf|tokeniz|vault|captcha|[_.-]?(?:endpoint|issuer|audience|scope|scopes|grant|expires?[_.-]?(?:in|at))$`,
	`(?:^|[_.-])(?:user|users|username|user[_.-]name|login|email|e[_.-]?mail|account[_.-]?name)$|[a-z](?:User|Username|UserName|Login|Email)$`,
}, "|") + `)`))

// notSecretValue matches values of context rules that are something else
// with a recognisable shape: host names, versions, paths, key=value pairs.
var notSecretValue = anyOf(`(?i)`, []string{
	`^(?:[a-z0-9-]+\.)+(?:com|net|org|io|dev|app|cloud|local|internal|corp|co|us|eu|uk|de|fr|jp|cn|ru|info|biz|gov|edu|mil|int|svc|cluster|lan|host|example|test|invalid|localhost)$`,
	`^[a-z][\w.-]*?[-_.:]v?\d+\.\d+(?:\.\d+)*(?:[-+][\w.]+)?$`, // name-1.2.3
	`^v?\d+\.\d+\.\d+`,                  // 1.2.3...
	`^(?:\.{0,2}/|~/)[\w./-]+$`,         // /etc/x, ./x
	`^[\w-]+(?:/[\w.-]+)+\.[a-z]{1,5}$`, // dir/file.ext
	`^[\w-]+\.(?:pem|key|crt|cer|p12|pfx|jks|json|ya?ml|txt|env|ini|conf|cfg|toml|xml|properties)$`,
	`(?-i)^(?:[a-z][a-z_]{1,30}=[a-z_]*|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+=.*)$`,
	`(?-i)^[a-z0-9._-]+(?:/[a-z0-9._-]+)+$`,                                    // lower-case paths: external/cwe/cwe-798
	`^(?:whpk_|pk_live_|pk_test_|pubkey-|sq0idp-)`,                             // public halves of key pairs                                       // k=v
	`^(?:application|text|image|audio|video|multipart|font|model)/[\w.+-]+$`,   // MIME types
	`(?-i)^(?:[a-z0-9-]+\.)+[a-z]{2,6}(?:/[a-z0-9._~-]+)+\.[A-Z][A-Za-z0-9]*$`, // a Go type by import path: github.com/org/pkg/v1.Authority
	`(?-i)^[-+]?[a-z]+[0-9]*(?:__?[a-z]+[0-9]*)+$`,                             // snake_case enum values, maybe a sort order's sign (-created_at)
	`/(?:aws4|goog4)_request$`,                                                 // a SigV4 credential scope: key id/date/region/service/aws4_request
	`^[\w-]*(?:signature|digest|hash|checksum|sig)=[0-9a-f]{16,}$`,             // Signature=<hex>: a computed signature, not a key
	`^[-+]?(?:[0-9]*\.[0-9]+(?:e[-+]?[0-9]+)?|[0-9]+e[-+]?[0-9]+)$`,            // decimal numbers
	`^[\w.+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,}$`,                                    // an e-mail address
	`^(?:[\^~]|[<>]=?)v?\d+(?:\.\d+)*(?:[-+][\w.]+)*$`,                         // a version range: ^5.0.0-beta.25, >=1.2
	`^[\w.-]+/[\w./-]+@(?:v?\d[\w.-]*|[0-9a-f]{40}|main|master)$`,              // a GitHub Actions step or workflow at a ref: actions/create-github-app-token@v1
	`^//[\w.-]`, // the rest of a URL after its scheme: //user@host
	`(?-i)^(?:(?:[A-Z][a-z]+|[a-z]{2,})(?:[A-Z][a-z]*)*[0-9]{0,2}/)+(?:[A-Z][a-z]+|[a-z]{2,})(?:[A-Z][a-z]*)*[0-9]{0,2}/?$`, // a path of words: email/FromPhoneNo/ToPhoneNo1/
}) // each on its own, so that (?-i) stays in it

// emptyDigests are the digests of no bytes at all (MD5, SHA-1, SHA-256,
// SHA-512 of ""): what a checksum field holds for an empty file, and a
// test's stand-in for a token, never a secret.
var emptyDigests = map[string]bool{
	"d41d8cd98f00b204e9800998ecf8427e":                                 true,
	"da39a3ee5e6b4b0d3255bfef95601890afd80709":                         true,
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855": true,
	"cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e": true,
}

// namesKey reports whether a value is a name built on its key's: a
// context key qualified by its package's path (sessionCredentials =
// "github.com/jcmturner/gokrb5/v8/sessionCredentials"), or the next name
// of an enum listed after it ('AuthenticationMethodEAPTLS',
// 'AuthenticationMethodEAPMSCHAPv2'). A random value shares neither.
func namesKey(key, s string) bool {
	if len(key) >= 6 && len(s) > len(key) && strings.EqualFold(s[len(s)-len(key):], key) && strings.ContainsRune("/.:", rune(s[len(s)-len(key)-1])) {
		return true
	}
	n := 0
	for n < len(key) && n < len(s) && lowerTable[key[n]] == lowerTable[s[n]] {
		n++
	}
	return n >= 10 && isWordChars(key) && isWordChars(s)
}

// isWordChars reports whether s is letters, digits and underscores.
func isWordChars(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) {
			return false
		}
	}
	return s != ""
}

// publicPEM reports whether text starts a PEM block that holds nothing
// secret: a certificate, a certificate request or a public key.
func publicPEM(text []byte) bool {
	rest, ok := bytes.CutPrefix(text, []byte("-----BEGIN "))
	if !ok {
		return false
	}
	if i := bytes.IndexByte(rest, '-'); i >= 0 {
		rest = rest[:i]
	}
	switch string(rest) {
	case "CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CRL", "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST", "PUBLIC KEY", "RSA PUBLIC KEY", "EC PUBLIC KEY", "PGP PUBLIC KEY BLOCK", "SSH2 PUBLIC KEY":
		return true
	}
	return false
}

// isNonSecretKey reports whether a context rule's key names something
// that is not a secret value.
func isNonSecretKey(key string) bool {
	key = strings.Trim(key, `'"`+"`[]$@:. \t")
	return nonSecretKey.MatchString(key)
}

// digestOfNamed reports whether the name that starts at ks is qualified
// as a digest of the secret it names: checksum/webhook-secret,
// hashed_secret (detect-secrets' baseline), digest.api-token.
func digestOfNamed(text []byte, ks int) bool {
	i := ks
	for i > 0 && ks-i < 40 && (isWordByte(text[i-1]) || text[i-1] == '/' || text[i-1] == '.' || text[i-1] == '-') {
		i--
	}
	return ks > i && digestQualifier.Match(text[i:ks])
}

// inARN reports whether the name that starts at ks is a segment of an
// Amazon Resource Name (arn:aws:secretsmanager:region:account:secret:…),
// which names a secret held elsewhere.
func inARN(text []byte, ks int) bool {
	i := ks
	for i > 0 && ks-i < 120 && text[i-1] > ' ' && text[i-1] != '"' && text[i-1] != '\'' && text[i-1] != '=' {
		i--
	}
	return bytes.HasPrefix(text[i:ks], []byte("arn:aws")) && bytes.Count(text[i:ks], []byte(":")) >= 5
}

// kmsCiphertext reports whether s is an AWS KMS ciphertext blob in
// base64: its version byte 1, then the header of a symmetric key's
// ciphertext ("AQICAH…", "AQEDAH…"), long enough to hold the key's ARN.
func kmsCiphertext(s string) bool {
	return len(s) >= 100 && (strings.HasPrefix(s, "AQICAH") || strings.HasPrefix(s, "AQEDAH") || strings.HasPrefix(s, "AQECAH"))
}

// digestQualifier is what digestOfNamed looks for before a name.
var digestQualifier = lazyCompile(`(?i)(?:^|[/_.-])(?:checksums?|hashed|hash|digest|sha(?:1|256|512)?)[/_.-]$`)

// hashPrefix matches values that are digests with their algorithm named,
// and password hashes: bcrypt ($2a$10$…), PostgreSQL's md5 + 32 hex digits
// and SCRAM-SHA-256$…, argon2 ($argon2id$…): what a server stores to
// check a password.
var hashPrefix = lazyCompile(`(?i)^(?:sha(?:1|224|256|384|512)[-:=]|md5[-:=]|h1:|sha256~|blake2b?[-:])|^\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}$|^md5[0-9a-f]{32}$|^SCRAM-SHA-256\$\d+:|^\$argon2(?:id|i|d)\$`)

// isUUID reports whether s is a UUID in canonical form.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isHex(c) {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// accessKeyID matches access key ids as signature schemes name them in a
// Credential= field (AWS and S3-compatible stores: 16 to 32 capitals and
// digits, alone or before the credential scope).
var accessKeyID = lazyCompile(`^[A-Z0-9]{16,32}(?:/|$)`)

// strongSecretKey matches key names that say outright that they hold a
// secret; a UUID under such a name is reported, under any other it is an
// identifier.
var strongSecretKey = lazyCompile(`(?i)secret|token|passw|pwd|credential|signing|hmac|private|api[_.-]?key|geniekey|routing[_.-]?key|integration[_.-]?key`)

// testWord marks values of generic rules that are test data or
// placeholders by a word they hold ("task_test_…", "fake-token-1").
var testWord = gated(lazyCompile(`(?i)(?:^|[_.\-/])(?:test|tests|testing|fake|mock|dummy|sample|demo|fixture|lorem|ipsum)(?:[_.\-/]|$)`))

// testDataKey matches names that say their value is made up
// (ExampleOperatorToken1, fakeOTCToken, DUMMY_API_KEY, mock_secret): one of
// the name's words, in any spelling, is example, fake, dummy, mock or stub.
var testDataKey = gated(lazyCompile(`(?:^|[^A-Za-z])(?:[Ee]xample|EXAMPLE|[Ff]ake|FAKE|[Dd]ummy|DUMMY|[Mm]ock|MOCK|[Ss]tub|STUB)(?:[^a-z]|$)|[a-z](?:Example|Fake|Dummy|Mock|Stub)(?:[^a-z]|$)`))

// shortWords are the words under three letters that names are built from
// (rearrangeAuthenticationIp, MyAWSCredToken, SNSNoAuthorizationFault).
var shortWords = map[string]bool{
	"id": true, "ip": true, "io": true, "of": true, "to": true, "on": true, "in": true, "by": true,
	"is": true, "at": true, "or": true, "no": true, "ok": true, "up": true, "db": true, "my": true,
	"as": true, "if": true, "me": true, "we": true, "os": true, "ui": true, "v": true, "x": true,
}

// camelWords splits a name into the words of its camelCase, PascalCase or
// acronym spelling (OAuth2Extractor: O, Auth, 2, Extractor) and returns how
// many there are, or -1 when the value is not such a name. A name is mostly
// words: every run of lower-case letters has three or more of them (or is
// a short English word), there are more words than acronyms and most of
// the words' letters spell words code is made of; digits only follow
// letters, briefly and rarely (OAuth2, Sha256). Random strings break into
// fragments that fail these tests.
func camelWords(s string) int {
	words, acronyms, digitRuns, letters, known, inDict := 0, 0, 0, 0, 0, 0
	dict := codeWords()
	word := func(w string) bool {
		if len(w) > 24 || len(w) < 3 && !shortWords[strings.ToLower(w)] {
			return false
		}
		words++
		letters += len(w)
		lw := strings.ToLower(w)
		if len(w) < 3 || dict[lw] || apiWords[lw] || len(lw) > 4 && lw[len(lw)-1] == 's' && (dict[lw[:len(lw)-1]] || apiWords[lw[:len(lw)-1]]) {
			inDict += len(w)
		}
		if len(w) < 3 || pronounceable(lw) || dict[lw] {
			known += len(w)
		}
		return true
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			j := i
			for j < len(s) && s[j] >= 'A' && s[j] <= 'Z' {
				j++
			}
			k := j
			for k < len(s) && s[k] >= 'a' && s[k] <= 'z' {
				k++
			}
			switch {
			case k == j && i == 0 && j == len(s): // one upper-case word: TOKEN
				if !word(s) {
					return -1
				}
			case k > j: // capitals then lower case: the last capital starts a word
				if j-1 > i {
					if j-1-i > 6 {
						return -1
					}
					acronyms++
				}
				if !word(s[j-1 : k]) {
					return -1
				}
			default:
				if j-i > 6 {
					return -1
				}
				acronyms++
			}
			i = k
		case c >= 'a' && c <= 'z':
			if i > 0 && isAlnum(s[i-1]) {
				return -1 // lower case after a digit: "3bufPi"
			}
			j := i
			for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
				j++
			}
			if !word(s[i:j]) {
				return -1
			}
			i = j
		case isDigit(c):
			j := i
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			digitRuns++
			if i == 0 || j-i > 3 || !isAlnum(s[i-1]) || digitRuns > 1 || j < len(s) && !(s[j] >= 'A' && s[j] <= 'Z') {
				return -1
			}
			i = j
		default:
			return -1
		}
	}
	if words == 0 || acronyms > words || known*5 < letters*4 || inDict*2 < letters {
		return -1
	}
	return words + acronyms
}

// apiWords are words of web and cloud API names that Go's standard
// library does not use.
var apiWords = map[string]bool{
	"authorize": true, "authorized": true, "authorizer": true, "ingress": true, "egress": true, "extractor": true,
	"middleware": true, "oauth": true, "webhook": true, "cred": true, "creds": true, "clientid": true,
	"tenant": true, "subnet": true, "bucket": true, "lambda": true, "cluster": true, "quota": true,
	"vault": true, "azure": true, "auth": true, "login": true, "logout": true, "signin": true, "signup": true,
	"callback": true, "endpoint": true, "api": true, "sdk": true, "saml": true, "oidc": true, "jwt": true,
}

// pronounceable reports whether a lower-case word of four or more letters
// reads like one: it has a vowel, and no run of more than three
// consonants or vowels.
func pronounceable(w string) bool {
	if len(w) < 4 {
		return false
	}
	vowels, cons, hasVowel := 0, 0, false
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			vowels, cons, hasVowel = vowels+1, 0, true
		default:
			vowels, cons = 0, cons+1
		}
		if vowels > 3 || cons > 3 {
			return false
		}
	}
	return hasVowel
}

// signatureScheme matches names of signature and MAC algorithms, which
// fill "authorization" and "signing" fields without being secrets.
var signatureScheme = lazyCompile(`(?i)(?:^|[-_.])(?:hmac|rsa|ecdsa|dsa|ed25519)[-_]?sha[-_]?(?:1|224|256|384|512)(?:$|[-_.])|^(?:aws4|goog4|eg1|osc4)-`)

// isCodeValue reports whether a value under a secret's name is a piece of
// program text rather than a secret: a CamelCase or camelCase API name of
// two or more words (opListVPCAssociationAuthorizations, ErrCode…), a
// member access or qualified name (cfg.Credentials, request.OAuth2Extractor,
// c.authToken), a signature scheme (AWS4-HMAC-SHA256), a flag setting an
// option to a name (environment=AzurePublicCloud) or a slash path of
// words (src/middleware/errorHandler.ts).
func isCodeValue(s string) bool {
	s = strings.TrimLeft(s, "+&*!")
	if t := strings.TrimSuffix(s, "+"); t != s && t != "" {
		s = t // "Auths: "+mapStringForAuths+",\n": a variable between two concatenations
	}
	if camelWords(s) >= 2 || signatureScheme.MatchString(s) || selfMember.MatchString(s) || pythonName.MatchString(s) || cookieName.MatchString(s) {
		return true
	}
	if k, v, ok := strings.Cut(s, "="); ok && k != "" && !strings.Contains(v, "=") && v != "" {
		if (isNameLike(k) || optionName.MatchString(k)) && (isNameLike(v) || isIdentifier(v) || optionValue.MatchString(v)) {
			return true
		}
	}
	for _, sep := range []string{".", "/"} {
		parts := strings.Split(strings.TrimRight(strings.TrimSuffix(s, "()"), "_."), sep)
		if len(parts) < 2 {
			continue
		}
		if sep == "/" && len(parts) < 3 {
			continue
		}
		code := true
		for i, p := range parts {
			if sep == "/" && i == len(parts)-1 {
				p, _, _ = strings.Cut(p, ".") // file.ext
			}
			if sep == "." && i < len(parts)-1 && receiverName.MatchString(p) {
				continue // a package or receiver: c.authToken, udnssdk.NewClient
			}
			if sep == "/" && i > 0 && len(p) <= 3 && digitCount(p) == len(p) {
				continue // an index in a key path: basicAuth/users/0
			}
			if !isNameLike(p) {
				code = false
				break
			}
		}
		if code {
			return true
		}
	}
	return false
}

// pythonName matches a Python module path of three parts or more
// (apps.pipeline.google.disconnect_oauth2_settings, a Django setting's
// dotted path) and a Django migration's name (0002_squashed_0001_initial,
// a migration's dependency): lower-case names no secret is written as.
var pythonName = lazyCompile(`^(?:[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*){2,}|[0-9]{4}_[a-z][a-z0-9_]*)$`)

// cookieName matches a cookie's name with the prefixes browsers enforce
// (__Host-authgw-session, __Secure-token): a session cookie's name, which
// a setting under a token's name holds, not its value.
var cookieName = lazyCompile(`^__(?:Host|Secure)-[A-Za-z0-9_.-]+$`)

// optionName matches command-line option names (apiserver-id).
var optionName = lazyCompile(`^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$`)

// optionValue matches what an option set in a name's value often holds
// besides a name: a small number or an absolute path
// (refresh_device_session=1, destination=/certs-common-name-auth).
var optionValue = lazyCompile(`^(?:\d{1,5}|/[\w.-]+(?:/[\w.-]+)*)$`)

// selfMember matches a member of the object a method runs on, in the
// languages that name it (this.session.token, self.api_key): an
// expression, whatever its members are called.
var selfMember = lazyCompile(`^(?:(?:this|self)\.|@)[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\(\))?$`)

// receiverName matches the short lower-case names of packages and
// receivers in qualified names.
var receiverName = lazyCompile(`^[a-z_][a-z0-9_]{0,11}$`)

// isNameLike reports whether one part of a qualified name is a name: a
// word, a camelCase name, or SCREAMING_SNAKE or snake_case words.
func isNameLike(p string) bool {
	if p == "" {
		return false
	}
	for _, w := range strings.FieldsFunc(p, func(r rune) bool { return r == '_' || r == '-' }) {
		if w == "" {
			continue
		}
		if camelWords(w) < 1 {
			return false
		}
	}
	return true
}

func digitCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n
}

// Placeholder reports whether a value only stands in for a secret: a
// reference or template (${X}), a documentation placeholder (changeme,
// your-…, <key>), a run or sequence typed by hand, a value that spells
// what it is (webhooksecret123), or test words (fake-token-1). The
// analyzers use it for values that a Go name, not a rule, says are
// secrets.
func Placeholder(s string) bool {
	return isReference(s) || isPlaceholderSecret(s) || testWord.MatchString(s)
}
