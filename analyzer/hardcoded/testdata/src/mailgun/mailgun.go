// Package mailgun declares signing keys split into parts: the package's
// name says whose they are.
package mailgun

// Split in parts, named only "key": known by the package's name.
const key = "4e1b" + "83a7c6f09d2e5b1a8c4f7e0d29b6" + "-5c3a1e9f" + "-2d7b4f6e" // want `Mailgun private API key \(mailgun-api-key\)`

func Sandbox() string {
	const sandbox = "5f2c" + "94b8d7e1ae3f6c2b9d5f8e1a3c07" + "-6d4b2f0a" + "-3e8c5a7f" // want `mailgun-api-key`
	return sandbox
}

// Fine: a single literal is not a split value, and a split value that is
// no key of the provider's stays quiet.
const single = "6a3d05c9e8f2bf4a7d3c0e9f2b4d6a8c-7e5c3a1b-4f9d6b8a"

const route = "https://api.mailgun.net/v3/" + "domains/mg.example.com/messages"
