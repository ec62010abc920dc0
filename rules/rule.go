// Package rules holds hookscan's rule model: the YAML rule packs that ship
// embedded in the binary, the user configuration that extends or overrides
// them, and the self-test that runs every rule's examples.
//
// A rule says what a secret looks like (keywords, a regular expression, a
// minimum entropy), when a match is not one (allowlists), and what to do
// when one leaks (rotation guidance). The rules package never scans: the
// scanner package compiles rules into a Detector.
package rules

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
)

// Kinds of secret a rule can describe.
const (
	KindWebhookURL    = "webhook-url"
	KindSigningSecret = "signing-secret"
	KindAPIKey        = "api-key"
	KindToken         = "token"
	KindGeneric       = "generic"
)

// Severities, from worst to least.
var Severities = []string{"critical", "high", "medium", "low"}

// DefaultSeverity is a user's rule's severity when it names none.
const DefaultSeverity = "medium"

var kinds = []string{KindWebhookURL, KindSigningSecret, KindAPIKey, KindToken, KindGeneric}

// Rule describes one kind of secret.
type Rule struct {
	// ID names the rule in findings, baselines and configuration; it is
	// kebab-case, unique and stable.
	ID string `yaml:"id"`
	// Provider is the service that issued the secret ("Slack", "Stripe").
	Provider string `yaml:"provider"`
	// Kind is one of webhook-url, signing-secret, api-key, token, generic.
	Kind string `yaml:"kind"`
	// Severity is one of critical, high, medium, low.
	Severity string `yaml:"severity"`
	// Description is a one-line name for what was found.
	Description string `yaml:"description"`
	// Keywords are lower-case literals; the rule's regex runs only near a
	// place where one of them occurs (case-insensitively).
	Keywords []string `yaml:"keywords"`
	// Regex is an RE2 expression that matches the secret in its context.
	Regex string `yaml:"regex"`
	// SecretGroup is the capture group that holds the secret: 0 means the
	// whole match. When unset it is the group named "secret" if there is
	// one, else 1 if the regex has a group, else 0. A group named "key"
	// marks the variable or field name in context rules, which the
	// detector's key filters read.
	SecretGroup *int `yaml:"secretGroup,omitempty"`
	// Entropy is the minimum Shannon entropy, in bits per character, of the
	// secret; lower-entropy matches are dropped.
	Entropy float64 `yaml:"entropy,omitempty"`
	// Paths, when set, scopes the rule to the files it fits: slash-separated
	// globs (** spans directories) of the paths the rule runs on. A rule
	// for one product's configuration (Alertmanager YAML) says so here, so
	// it never reads the same field names in code.
	Paths []string `yaml:"paths,omitempty"`
	// Allow lists matches that are not secrets.
	Allow Allowlist `yaml:"allow,omitempty"`
	// Guidance tells a person how to rotate the secret.
	Guidance Guidance `yaml:"guidance"`
	// Examples are inputs the rule must find, and inputs it must not.
	Examples Examples `yaml:"examples"`
	// Verify says how to check, without side effects, whether a secret
	// the rule found still works, or why that cannot be done.
	Verify *Probe `yaml:"verify,omitempty"`

	// Source is where the rule was defined, "file:line", for messages.
	Source string `yaml:"-"`
	// Disabled rules are kept in the set (so overrides can name them) but
	// never compiled into a detector.
	Disabled bool `yaml:"-"`

	// embedded marks a rule that ships in the binary as it is: its
	// expressions are checked by the test suite, so loading it compiles
	// none of them, and a detector compiles its regex only when one of its
	// keywords is found.
	embedded bool
	// compiled caches Regex compiled (compiling is most of the cost of
	// loading and compiling the packs); compiledFrom is the source it was
	// compiled from, so an override that changes Regex recompiles.
	compiled     *regexp.Regexp
	compiledFrom string
}

// Compiled returns the rule's regex, compiled once.
func (r *Rule) Compiled() (*regexp.Regexp, error) {
	if r.compiled != nil && r.compiledFrom == r.Regex {
		return r.compiled, nil
	}
	re, err := regexp.Compile(r.Regex)
	if err != nil {
		return nil, err
	}
	r.compiled, r.compiledFrom = re, r.Regex
	return re, nil
}

// Allowlist describes matches that must not be reported.
type Allowlist struct {
	// Regexes are RE2 expressions tested against the secret; a match on any
	// one drops the finding.
	Regexes []string `yaml:"regexes,omitempty"`
	// LineRegexes are tested against the whole line that holds the match.
	LineRegexes []string `yaml:"lineRegexes,omitempty"`
	// Stopwords are lower-case substrings; a secret containing one is
	// dropped.
	Stopwords []string `yaml:"stopwords,omitempty"`
	// Paths are slash-separated globs (with ** for any depth) of files that
	// are never reported.
	Paths []string `yaml:"paths,omitempty"`
	// Commits are commit ids (full, or a prefix of at least 7 hex
	// digits) whose history findings are never reported.
	Commits []string `yaml:"commits,omitempty"`
}

// CommitAllowed reports whether a history finding's commit is listed in
// Commits.
func (a *Allowlist) CommitAllowed(sha string) bool {
	if sha == "" {
		return false
	}
	for _, c := range a.Commits {
		if strings.HasPrefix(strings.ToLower(sha), strings.ToLower(c)) {
			return true
		}
	}
	return false
}

// Guidance is what a person should do about a leaked secret.
type Guidance struct {
	// Rotate is markdown: the provider's steps to revoke the secret and
	// issue a new one.
	Rotate string `yaml:"rotate"`
	// URL is the provider's documentation for those steps.
	URL string `yaml:"url"`
}

// Examples are the rule's self-test.
type Examples struct {
	// Match inputs must each yield exactly one finding of this rule.
	Match []string `yaml:"match"`
	// NoMatch inputs must yield no finding of this rule.
	NoMatch []string `yaml:"noMatch"`
}

// Embedded reports whether the rule ships in the binary unchanged (no
// override touched it). Its expressions were checked by the test suite, not
// when it was loaded.
func (r *Rule) Embedded() bool { return r.embedded }

// Group returns the capture group that holds the secret.
func (r *Rule) Group() int {
	if r.SecretGroup != nil {
		return *r.SecretGroup
	}
	re, err := r.Compiled()
	if err != nil {
		return 0
	}
	return r.GroupIn(re)
}

// GroupIn is Group for the rule's regex compiled by the caller.
func (r *Rule) GroupIn(re *regexp.Regexp) int {
	if r.SecretGroup != nil {
		return *r.SecretGroup
	}
	if i := re.SubexpIndex("secret"); i > 0 {
		return i
	}
	if re.NumSubexp() > 0 {
		return 1
	}
	return 0
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// Validate checks a rule on its own: fields, regexes, group, keywords.
// Errors do not carry the position; the loader adds it.
func (r *Rule) Validate() error {
	if r.ID == "" {
		return fmt.Errorf("rule has no id")
	}
	if !idPattern.MatchString(r.ID) {
		return fmt.Errorf("rule id %q is not kebab-case", r.ID)
	}
	if r.Regex == "" {
		return fmt.Errorf("rule %q has no regex", r.ID)
	}
	re, err := r.Compiled()
	if err != nil {
		return fmt.Errorf("invalid regex for rule %q: %s", r.ID, regexError(err))
	}
	if g := r.Group(); g < 0 || g > re.NumSubexp() {
		return fmt.Errorf("rule %q: secretGroup %d but the regex has %d groups", r.ID, g, re.NumSubexp())
	}
	if len(r.Keywords) == 0 {
		return fmt.Errorf("rule %q has no keywords: every rule needs at least one so it runs only where it can match", r.ID)
	}
	if len(r.Keywords) > MaxKeywords {
		return fmt.Errorf("rule %q has %d keywords; at most %d are supported", r.ID, len(r.Keywords), MaxKeywords)
	}
	for _, k := range r.Keywords {
		if k == "" || k != strings.ToLower(k) {
			return fmt.Errorf("rule %q: keyword %q must be a non-empty lower-case literal", r.ID, k)
		}
	}
	if r.Kind != "" && !contains(kinds, r.Kind) {
		return fmt.Errorf("rule %q: kind %q is not one of %s", r.ID, r.Kind, strings.Join(kinds, ", "))
	}
	if r.Severity != "" && !contains(Severities, r.Severity) {
		return fmt.Errorf("rule %q: severity %q is not one of %s", r.ID, r.Severity, strings.Join(Severities, ", "))
	}
	if r.Entropy < 0 || r.Entropy > 8 {
		return fmt.Errorf("rule %q: entropy %g is outside 0..8 bits per character", r.ID, r.Entropy)
	}
	if err := r.Allow.validate(); err != nil {
		return fmt.Errorf("rule %q: %w", r.ID, err)
	}
	if r.Verify != nil {
		if err := r.Verify.validate(r); err != nil {
			return fmt.Errorf("rule %q: %w", r.ID, err)
		}
	}
	for _, p := range r.Paths {
		if _, err := CompileGlob(p); err != nil {
			return fmt.Errorf("rule %q: invalid paths glob %q: %w", r.ID, p, err)
		}
	}
	return nil
}

// commitPattern is a commit id or a prefix of one.
var commitPattern = regexp.MustCompile(`^[0-9a-fA-F]{7,64}$`)

func (a *Allowlist) validate() error {
	for _, set := range [][]string{a.Regexes, a.LineRegexes} {
		for _, s := range set {
			if _, err := regexp.Compile(s); err != nil {
				return fmt.Errorf("invalid allow regex %q: %s", s, regexError(err))
			}
		}
	}
	for _, c := range a.Commits {
		if !commitPattern.MatchString(c) {
			return fmt.Errorf("invalid allow commit %q: want 7 to 64 hex digits", c)
		}
	}
	for _, p := range a.Paths {
		if _, err := CompileGlob(p); err != nil {
			return fmt.Errorf("invalid allow path %q: %w", p, err)
		}
	}
	return nil
}

// regexError strips Go's "error parsing regexp: " prefix so messages stay
// on one readable line.
func regexError(err error) string { return RegexError(err) }

// maxRegexQuote bounds how much of an offending expression an error quotes.
const maxRegexQuote = 60

// RegexError renders a regexp compile error on one line: Go's message
// quotes the offending part of the expression raw, and a pattern written
// as a YAML block holds newlines (and may be very long). The part is
// quoted with escapes and shortened.
func RegexError(err error) string {
	var se *syntax.Error
	if !errors.As(err, &se) {
		return strings.Join(strings.Fields(strings.TrimPrefix(err.Error(), "error parsing regexp: ")), " ")
	}
	expr := se.Expr
	if r := []rune(expr); len(r) > maxRegexQuote {
		expr = string(r[:maxRegexQuote]) + "…"
	}
	return se.Code.String() + ": " + strconv.Quote(expr)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
