// Package scantest holds what the engine's and the sources' tests share: a
// small rule pack, detectors compiled from packs written in tests, and
// synthetic secrets assembled at run time so no file holds anything
// secret-shaped.
package scantest

import (
	"testing"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// Pack is a rule pack with one URL rule, one prefixed-secret rule and one
// context rule.
const Pack = `
rules:
  - id: test-slack-url
    provider: Slack
    kind: webhook-url
    severity: high
    description: Slack incoming webhook URL
    keywords: [hooks.slack.com]
    regex: '((?:https?://)?hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24})(?:[^A-Za-z0-9]|$)'
  - id: test-whsec
    provider: Stripe
    kind: signing-secret
    severity: high
    description: webhook signing secret
    keywords: [whsec_]
    regex: '\b(whsec_[A-Za-z0-9+/=]{32,88})'
    entropy: 3
  - id: test-context
    provider: GitHub
    kind: signing-secret
    severity: medium
    description: GitHub webhook secret
    keywords: [github]
    regex: '(?i)(?P<key>[\w.-]{0,40}?github[\w.-]{0,20}?secret[\w.-]{0,10}?)[''"]?[ \t]{0,3}(?:=|:=|:)[ \t]{0,3}[''"]?(?P<secret>[\w+/=-]{16,100})'
    entropy: 3
`

// Synthetic values.
var (
	SlackURL = "https://hooks.slack.com/services/" + "T0AB12CD3E" + "/" + "B0ZY98XW7V" + "/" + "q8Rk2LmN5pVx7TzW3bYc9HdF"
	Whsec    = "whsec" + "_" + "Qm9wZ3JhY2VfaG9va3NjYW5fdGVzdF92YWx1ZQ4kP"
)

// Detector compiles Pack.
func Detector(t testing.TB) *scanner.Detector {
	t.Helper()
	return CompilePack(t, "test.yaml", Pack)
}

// CompilePack compiles a detector from a rule pack written in a test.
func CompilePack(t testing.TB, name, pack string) *scanner.Detector {
	t.Helper()
	rs, err := rules.ParsePack(name, []byte(pack))
	return compile(t, rs, err)
}

// Defaults compiles the embedded default rules.
func Defaults(t testing.TB) *scanner.Detector {
	t.Helper()
	rs, err := rules.Defaults()
	return compile(t, rs, err)
}

// compile compiles rules that loaded without error.
func compile(t testing.TB, rs []*rules.Rule, err error) *scanner.Detector {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	d, err := scanner.Compile(rs, scanner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}
