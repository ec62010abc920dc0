package scanner

import (
	"regexp"
	"strings"
)

// Provider objects in source code: a dictionary, hash, object or array
// named after a provider and holding its keys,
//
//	DATADOG = {
//	    "api_key": "…",
//	    "app_key": "…",
//	}
//
// names each key only by its place in the object, and the key alone
// (app_key, routing_key) says too little for a provider's rule. The
// structure passes read such objects in data files; in source code this
// pass reads those whose name holds a provider's name, and makes up a
// line for each key that may hold a secret, named after the provider and
// the key (datadog_app_key = "…", as the rules' keywords spell it). Only the objects the detector's search found
// an opening of are read.

// objectOpeners are the pass literals that open an object after its
// name.
var objectOpeners = []passLiteral{litObjEq, litObjColon, litObjDict, litObjArrowBracket, litObjArrowBrace, litObjEqBracket, litObjArray}

// maxObjectBytes bounds how far an object is read.
const maxObjectBytes = 16 << 10

// objectPairs adds the made-up lines of the provider objects of text.
func objectPairs(v *virtualText, text []byte, lits *literalHits) {
	for _, lit := range objectOpeners {
		for _, at := range lits.at[lit] {
			name := providerIn(nameBefore(text, at))
			if name == "" {
				continue
			}
			open := at + len(lit.text()) - 1
			end := objectEnd(text, open)
			body := text[open+1 : end]
			for _, m := range objectPair.FindAllSubmatchIndex(body, -1) {
				key := string(body[m[2]:m[3]])
				if secretLeaf(key) {
					v.add([]string{name, key}, " = ", text, open+1+m[4], open+1+m[5])
				}
			}
		}
	}
}

// objectPair is one key and quoted value of an object, in any of the
// languages' spellings: "key": "v", key: 'v', :key => "v", 'key' => 'v',
// key="v" (Python's dict(...)).
var objectPair = regexp.MustCompile(`(?:^|[{(\[,\n])[ \t]*:?["']?([A-Za-z_][\w.-]{0,60})["']?[ \t]*(?::|=>|=)[ \t]*((?:"[^"\n\\]{8,}"|'[^'\n\\]{8,}'|` + "`[^`\\n]{8,}`" + `))`)

// nameBefore returns the name written before the opener at pos: a word,
// possibly quoted, a symbol (:datadog) or a variable ($datadog), with
// what qualifies it (self.datadog, config.datadog); "" when there is none.
func nameBefore(text []byte, pos int) string {
	end := pos
	if end > 0 && (text[end-1] == '"' || text[end-1] == '\'') {
		end--
	}
	start := end
	for start > 0 && end-start < 80 {
		c := text[start-1]
		if c == '_' || c == '.' || c == '-' || c == '$' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z' {
			start--
			continue
		}
		break
	}
	return strings.Trim(string(text[start:end]), ".-$")
}

// objectEnd returns the offset of the bracket that closes the one at
// open, or where reading stopped (the end of the text, or maxObjectBytes
// further). Quoted strings are skipped.
func objectEnd(text []byte, open int) int {
	depth := 0
	limit := min(len(text), open+maxObjectBytes)
	for i := open; i < limit; i++ {
		switch c := text[i]; c {
		case '{', '[', '(':
			depth++
		case '}', ']', ')':
			depth--
			if depth == 0 {
				return i
			}
		case '"', '\'', '`':
			j := i + 1
			for j < limit && text[j] != c && text[j] != '\n' {
				if text[j] == '\\' {
					j++
				}
				j++
			}
			if j < limit && text[j] == c {
				i = j
			}
		}
	}
	return limit
}

// providerIn returns the provider a name holds as one of its words
// (DATADOG, datadog_config, newRelic, PAGER_DUTY), in lower case with its
// words run together, or "".
func providerIn(name string) string {
	var words []string
	start := 0
	for i := 1; i <= len(name); i++ {
		if i == len(name) || name[i] == '_' || name[i] == '.' || name[i] == '-' ||
			name[i] >= 'A' && name[i] <= 'Z' && name[i-1] >= 'a' && name[i-1] <= 'z' {
			if i > start {
				words = append(words, strings.ToLower(strings.Trim(name[start:i], "_.-")))
			}
			start = i
		}
	}
	for i, w := range words {
		if providerWords[w] {
			return w
		}
		if i > 0 && providerWords[words[i-1]+w] {
			return words[i-1] + w
		}
	}
	return ""
}

// providerWords are the providers whose keys the rules know by a name
// that says whose they are (a Datadog application key is 40 hexadecimal
// digits, a PagerDuty routing key 32), in lower case, words run together.
var providerWords = map[string]bool{
	"slack": true, "discord": true, "teams": true, "twilio": true, "sendgrid": true, "mailgun": true,
	"pagerduty": true, "opsgenie": true, "datadog": true, "newrelic": true, "sentry": true,
	"github": true, "gitlab": true, "bitbucket": true, "shopify": true, "stripe": true, "svix": true,
	"square": true, "razorpay": true, "paypal": true, "paddle": true, "plaid": true, "adyen": true,
	"coinbase": true, "typeform": true, "calendly": true, "docusign": true, "intercom": true,
	"hubspot": true, "okta": true, "zoom": true, "twitch": true, "vercel": true, "netlify": true,
	"linear": true, "telegram": true, "mattermost": true, "rocketchat": true, "webex": true,
	"dingtalk": true, "feishu": true, "lark": true, "wecom": true, "zapier": true, "ifttt": true,
	"workato": true, "tines": true, "postmark": true, "grafana": true, "facebook": true,
	"whatsapp": true, "instagram": true, "messenger": true, "sidekiq": true, "jira": true,
	"victorops": true, "pushover": true, "googlechat": true, "hangouts": true,
}

// hasObjectOpener reports whether the search found an object's opening.
func hasObjectOpener(lits *literalHits) bool {
	for _, l := range objectOpeners {
		if lits.has(l) {
			return true
		}
	}
	return false
}

// netrcPairs reads a .netrc file: each password under the machine it is
// for, named after the provider the host names (machine api.twilio.com
// … password … is a Twilio auth token), as twilio_secret = "…".
// Passwords for other hosts are left to the line scan.
func netrcPairs(v *virtualText, text []byte) {
	host := ""
	for i := 0; i < len(text); {
		for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') {
			i++
		}
		start := i
		for i < len(text) && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r' {
			i++
		}
		word := string(text[start:i])
		if word != "machine" && word != "password" {
			continue
		}
		for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
		vs := i
		for i < len(text) && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r' {
			i++
		}
		switch {
		case word == "machine":
			host = providerIn(string(text[vs:i]))
		case host != "" && i > vs:
			v.add([]string{host + "_secret"}, ` = "`, text, vs, i)
		}
	}
}
