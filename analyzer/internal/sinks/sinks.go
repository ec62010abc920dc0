// Package sinks lists the calls whose arguments must never be hard-coded:
// webhook verification secrets, HMAC and JWT keys, credentials in HTTP
// headers, and webhook URLs.
//
// secretsource reports hard-coded values that reach these arguments;
// hardcoded leaves a literal written directly in such an argument to
// secretsource, so that one literal gets one report.
package sinks

import (
	"go/ast"
	"go/constant"
	"go/types"
	"regexp"
	"strings"

	"github.com/hookscan/hookscan/analyzer/internal/callee"
)

// Sink is an argument that must hold a secret from outside the program.
type Sink struct {
	// Func is the function or method called.
	Func callee.Func
	// Arg is the index of the argument; with Variadic, every argument from
	// Arg on.
	Arg      int
	Variadic bool
	// What names the value for messages: "GitHub webhook secret".
	What string
	// Env is the environment variable the suggested fix reads when the
	// value has no name of its own.
	Env string
	// Kind says how a literal in the argument is judged.
	Kind Kind
}

// Kind says what a sink's argument holds.
type Kind int

const (
	// Secret arguments hold a secret: any non-empty literal is reported.
	Secret Kind = iota
	// WebhookURL arguments are URLs that are credentials in themselves:
	// any non-empty literal is reported.
	WebhookURL
	// AnyURL arguments take any URL: a literal is reported only when a
	// webhook-url rule matches it.
	AnyURL
	// Header arguments are header values: reported when the header's name,
	// the argument before, carries credentials.
	Header
)

const (
	github  = "github.com/google/go-github/github"
	stripe  = "github.com/stripe/stripe-go/webhook"
	slack   = "github.com/slack-go/slack"
	svix    = "github.com/svix/svix-webhooks/go"
	discord = "github.com/bwmarrin/discordgo"
	teams   = "github.com/atc0005/go-teams-notify"
)

// jwtPackages are the JWT libraries whose HMAC signing keys are sinks.
var jwtPackages = []string{"github.com/golang-jwt/jwt", "github.com/dgrijalva/jwt-go", "github.com/form3tech-oss/jwt-go"}

func f(pkg, recv, name string) callee.Func { return callee.Func{Pkg: pkg, Recv: recv, Name: name} }

// table is every sink. It is built once and never changed.
var table = func() []Sink {
	t := []Sink{
		{Func: f("crypto/hmac", "", "New"), Arg: 1, What: "HMAC key", Env: "WEBHOOK_SECRET"},

		{Func: f(github, "", "ValidatePayload"), Arg: 1, What: "GitHub webhook secret", Env: "GITHUB_WEBHOOK_SECRET"},
		{Func: f(github, "", "ValidatePayloadFromBody"), Arg: 3, What: "GitHub webhook secret", Env: "GITHUB_WEBHOOK_SECRET"},
		{Func: f(github, "", "ValidateSignature"), Arg: 2, What: "GitHub webhook secret", Env: "GITHUB_WEBHOOK_SECRET"},

		{Func: f(slack, "", "NewSecretsVerifier"), Arg: 1, What: "Slack signing secret", Env: "SLACK_SIGNING_SECRET"},
		{Func: f(slack, "", "New"), Arg: 0, What: "Slack token", Env: "SLACK_TOKEN"},
		{Func: f(slack, "", "PostWebhook"), Arg: 0, What: "Slack webhook URL", Env: "SLACK_WEBHOOK_URL", Kind: WebhookURL},
		{Func: f(slack, "", "PostWebhookContext"), Arg: 1, What: "Slack webhook URL", Env: "SLACK_WEBHOOK_URL", Kind: WebhookURL},
		{Func: f(slack, "", "PostWebhookCustomHTTP"), Arg: 0, What: "Slack webhook URL", Env: "SLACK_WEBHOOK_URL", Kind: WebhookURL},
		{Func: f(slack, "", "PostWebhookCustomHTTPContext"), Arg: 1, What: "Slack webhook URL", Env: "SLACK_WEBHOOK_URL", Kind: WebhookURL},

		{Func: f(svix, "", "NewWebhook"), Arg: 0, What: "Svix webhook secret", Env: "SVIX_WEBHOOK_SECRET"},
		{Func: f(svix, "", "NewWebhookRaw"), Arg: 0, What: "Svix webhook secret", Env: "SVIX_WEBHOOK_SECRET"},

		{Func: f(discord, "", "New"), Arg: 0, Variadic: true, What: "Discord bot token", Env: "DISCORD_TOKEN"},
		{Func: f(discord, "Session", "WebhookExecute"), Arg: 1, What: "Discord webhook token", Env: "DISCORD_WEBHOOK_TOKEN"},
		{Func: f(discord, "Session", "WebhookThreadExecute"), Arg: 1, What: "Discord webhook token", Env: "DISCORD_WEBHOOK_TOKEN"},

		{Func: f(teams, "TeamsClient", "Send"), Arg: 0, What: "Microsoft Teams webhook URL", Env: "TEAMS_WEBHOOK_URL", Kind: WebhookURL},
		{Func: f(teams, "TeamsClient", "SendWithContext"), Arg: 1, What: "Microsoft Teams webhook URL", Env: "TEAMS_WEBHOOK_URL", Kind: WebhookURL},
		{Func: f(teams, "TeamsClient", "SendWithRetry"), Arg: 1, What: "Microsoft Teams webhook URL", Env: "TEAMS_WEBHOOK_URL", Kind: WebhookURL},

		{Func: f("net/http", "Header", "Set"), Arg: 1, What: "credential header", Env: "API_TOKEN", Kind: Header},
		{Func: f("net/http", "Header", "Add"), Arg: 1, What: "credential header", Env: "API_TOKEN", Kind: Header},
		{Func: f("net/http", "Request", "SetBasicAuth"), Arg: 1, What: "HTTP basic-auth password", Env: "API_PASSWORD"},
		{Func: f("net/http", "", "Post"), Arg: 0, What: "webhook URL", Env: "WEBHOOK_URL", Kind: AnyURL},
		{Func: f("net/http", "", "PostForm"), Arg: 0, What: "webhook URL", Env: "WEBHOOK_URL", Kind: AnyURL},
		{Func: f("net/http", "", "Get"), Arg: 0, What: "webhook URL", Env: "WEBHOOK_URL", Kind: AnyURL},
		{Func: f("net/http", "Client", "Post"), Arg: 0, What: "webhook URL", Env: "WEBHOOK_URL", Kind: AnyURL},
		{Func: f("net/http", "Client", "PostForm"), Arg: 0, What: "webhook URL", Env: "WEBHOOK_URL", Kind: AnyURL},
		{Func: f("net/http", "Client", "Get"), Arg: 0, What: "webhook URL", Env: "WEBHOOK_URL", Kind: AnyURL},
		{Func: f("net/http", "", "NewRequest"), Arg: 1, What: "webhook URL", Env: "WEBHOOK_URL", Kind: AnyURL},
		{Func: f("net/http", "", "NewRequestWithContext"), Arg: 2, What: "webhook URL", Env: "WEBHOOK_URL", Kind: AnyURL},
	}
	for _, name := range []string{"ConstructEvent", "ConstructEventIgnoringTolerance", "ConstructEventWithTolerance",
		"ConstructEventWithOptions", "ValidatePayload", "ValidatePayloadIgnoringTolerance", "ValidatePayloadWithTolerance"} {
		t = append(t, Sink{Func: f(stripe, "", name), Arg: 2, What: "Stripe webhook signing secret", Env: "STRIPE_WEBHOOK_SECRET"})
	}
	for _, p := range jwtPackages {
		t = append(t,
			Sink{Func: f(p, "Token", "SignedString"), Arg: 0, What: "JWT signing key", Env: "JWT_SIGNING_KEY"},
			Sink{Func: f(p, "SigningMethodHMAC", "Sign"), Arg: 1, What: "JWT signing key", Env: "JWT_SIGNING_KEY"},
			Sink{Func: f(p, "SigningMethodHMAC", "Verify"), Arg: 2, What: "JWT signing key", Env: "JWT_SIGNING_KEY"},
		)
	}
	return t
}()

// byFunc indexes table; packages holds every package path in it.
var byFunc, packages = func() (map[callee.Func][]*Sink, map[string]bool) {
	by, pkgs := map[callee.Func][]*Sink{}, map[string]bool{}
	for i := range table {
		s := &table[i]
		by[s.Func] = append(by[s.Func], s)
		pkgs[s.Func.Pkg] = true
	}
	return by, pkgs
}()

// All returns every sink, for documentation.
func All() []Sink { return append([]Sink(nil), table...) }

// Package reports whether an import path holds any sink: a package that
// imports none of them, directly or through a package with facts, can
// make no sink call.
func Package(path string) bool { return packages[callee.Path(path)] }

// Arg is one argument of a call that is a sink.
type Arg struct {
	*Sink
	// Expr is the argument.
	Expr ast.Expr
	// Callee names the function called, as a reader would write it.
	Callee string
}

// Args returns the arguments of call that are sinks.
func Args(info *types.Info, call *ast.CallExpr) []Arg {
	fn, obj, ok := callee.Of(info, call)
	if !ok {
		return nil
	}
	ss := byFunc[fn]
	if len(ss) == 0 {
		return nil
	}
	var out []Arg
	for _, s := range ss {
		if s.Arg >= len(call.Args) {
			continue
		}
		if s.Kind == Header && !credentialHeader(info, call.Args[s.Arg-1]) {
			continue
		}
		last := s.Arg
		if s.Variadic {
			last = len(call.Args) - 1
		}
		for i := s.Arg; i <= last; i++ {
			out = append(out, Arg{Sink: s, Expr: call.Args[i], Callee: callee.Name(obj)})
		}
	}
	return out
}

// credentialHeaders are header names whose values are credentials:
// Authorization, and X-…-Token, X-…-Secret, X-…-Api-Key.
var credentialHeaders = regexp.MustCompile(`^(?:proxy-)?authorization$|^x-(?:[a-z0-9]+-)*(?:token|secret|api-?key|auth-key|access-key)$`)

func credentialHeader(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return false
	}
	return credentialHeaders.MatchString(strings.ToLower(constant.StringVal(tv.Value)))
}
