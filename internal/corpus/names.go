package corpus

import "strings"

// style is a way to spell a variable or key name from its words.
type style int

const (
	screaming style = iota // SLACK_WEBHOOK_URL
	snake                  // slack_webhook_url
	camel                  // slackWebhookUrl
	pascal                 // SlackWebhookUrl
	kebab                  // slack-webhook-url
	dotted                 // slack.webhook-url (Spring relaxed binding)
)

// spell joins words in a style.
func spell(words []string, s style) string {
	switch s {
	case screaming:
		return strings.ToUpper(strings.Join(words, "_"))
	case snake:
		return strings.Join(words, "_")
	case kebab:
		return strings.Join(words, "-")
	case dotted:
		if len(words) == 1 {
			return words[0]
		}
		return words[0] + "." + strings.Join(words[1:], "-")
	case camel, pascal:
		var b strings.Builder
		for i, w := range words {
			if i == 0 && s == camel {
				b.WriteString(w)
				continue
			}
			b.WriteString(title(w))
		}
		return b.String()
	}
	return strings.Join(words, "_")
}

// title upper-cases the first letter, and the whole of a few acronyms Go
// and C# spell in capitals.
func title(w string) string {
	switch w {
	case "url", "id", "api", "hmac", "sid", "jws":
		return strings.ToUpper(w)
	}
	if w == "" {
		return w
	}
	return strings.ToUpper(w[:1]) + w[1:]
}
