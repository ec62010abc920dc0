// Package splitname holds the same split value as package mailgun, but
// nothing around it names a provider: it is not reported.
package splitname

const key = "4e1b" + "83a7c6f09d2e5b1a8c4f7e0d29b6" + "-5c3a1e9f" + "-2d7b4f6e"

func Webhook() string {
	// "webhook" in a function name asks no generic rule.
	const secret = "9c1e" + "7b5a3f8d2c6e0a4b9f1d7c3e5a28"
	return secret
}
