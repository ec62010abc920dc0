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
	"go/token"
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
	// Alg says where the algorithm that uses the key is named, for sinks
	// that take HMAC and public-key algorithms alike: only an HMAC key is
	// a shared secret to report.
	Alg Alg
	// AlgArg is the argument that names the algorithm, with AlgInArg.
	AlgArg int
}

// Alg says where a sink's algorithm is named.
type Alg int

const (
	// AlgNone: the sink takes HMAC keys only (hmac.New) or secrets that
	// are no keys.
	AlgNone Alg = iota
	// AlgInArg: argument AlgArg names the algorithm (jwt.WithKey(jwa.HS256, key)).
	AlgInArg
	// AlgInToken: the receiver is a token whose signing method is given
	// where it is made (jwt.NewWithClaims(jwt.SigningMethodHS256, …)).
	AlgInToken
	// AlgInField: the struct literal's Algorithm field names it
	// (jose.SigningKey{Algorithm: jose.HS256, Key: …}).
	AlgInField
)

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

// josePackages are the go-jose releases: github.com/go-jose/go-jose/v3
// and /v4, and the gopkg.in paths of v2.
var josePackages = []string{"github.com/go-jose/go-jose", "gopkg.in/square/go-jose.v2", "gopkg.in/go-jose/go-jose.v2", "github.com/square/go-jose"}

// jwx is lestrrat-go/jwx v2 and v3 (the major version is stripped).
const jwx = "github.com/lestrrat-go/jwx"

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
			Sink{Func: f(p, "Token", "SignedString"), Arg: 0, What: "JWT signing key", Env: "JWT_SIGNING_KEY", Alg: AlgInToken},
			Sink{Func: f(p, "SigningMethodHMAC", "Sign"), Arg: 1, What: "JWT signing key", Env: "JWT_SIGNING_KEY"},
			Sink{Func: f(p, "SigningMethodHMAC", "Verify"), Arg: 2, What: "JWT signing key", Env: "JWT_SIGNING_KEY"},
		)
	}
	for _, p := range josePackages {
		t = append(t,
			Sink{Func: f(p, "JSONWebSignature", "Verify"), Arg: 0, What: "JWS HMAC key", Env: "JWS_HMAC_KEY"},
			Sink{Func: f(p, "JSONWebSignature", "VerifyMulti"), Arg: 0, What: "JWS HMAC key", Env: "JWS_HMAC_KEY"},
			Sink{Func: f(p, "JSONWebSignature", "DetachedVerify"), Arg: 1, What: "JWS HMAC key", Env: "JWS_HMAC_KEY"},
			Sink{Func: f(p+"/jwt", "JSONWebToken", "Claims"), Arg: 0, What: "JWT HMAC key", Env: "JWT_SIGNING_KEY"},
		)
	}
	for _, p := range []string{jwx + "/jwt", jwx + "/jws"} {
		t = append(t, Sink{Func: f(p, "", "WithKey"), Arg: 1, What: "JWT HMAC key", Env: "JWT_SIGNING_KEY", Alg: AlgInArg, AlgArg: 0})
	}
	// A []byte given to jwk.FromRaw (v2) or jwk.Import (v3) becomes a
	// symmetric key; public keys are parsed values, never literals.
	t = append(t,
		Sink{Func: f(jwx+"/jwk", "", "FromRaw"), Arg: 0, What: "JWK symmetric key", Env: "JWK_SYMMETRIC_KEY"},
		Sink{Func: f(jwx+"/jwk", "", "Import"), Arg: 0, What: "JWK symmetric key", Env: "JWK_SYMMETRIC_KEY"},
	)
	return t
}()

// fieldSinks are struct fields that must never be hard-coded: the key of
// a go-jose signing key when its algorithm is HMAC.
var fieldSinks = func() map[typeName]*Sink {
	m := map[typeName]*Sink{}
	for _, p := range josePackages {
		m[typeName{p, "SigningKey"}] = &Sink{Func: f(p, "", "SigningKey"), What: "JWS HMAC signing key", Env: "JWS_HMAC_KEY", Alg: AlgInField}
	}
	return m
}()

// fieldSinkKey and fieldSinkAlg are the fields of a field sink that hold
// the key and name the algorithm.
const (
	fieldSinkKey = "Key"
	fieldSinkAlg = "Algorithm"
)

type typeName struct{ pkg, name string }

// byFunc indexes table; packages holds every package path in it.
var byFunc, packages = func() (map[callee.Func][]*Sink, map[string]bool) {
	by, pkgs := map[callee.Func][]*Sink{}, map[string]bool{}
	for i := range table {
		s := &table[i]
		by[s.Func] = append(by[s.Func], s)
		pkgs[s.Func.Pkg] = true
	}
	for _, s := range fieldSinks {
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
	// AlgExpr names the algorithm (Alg AlgInArg or AlgInField), or nil.
	AlgExpr ast.Expr
	// Token is the receiver, for Alg AlgInToken.
	Token ast.Expr
	// Inner is where a helper of the same package passes the argument on
	// to the sink itself, when the call is of such a helper.
	Inner token.Pos
	// Spread marks a slice spread into a variadic parameter
	// (sign(body, keys...)): its elements reach the sink.
	Spread bool
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
			a := Arg{Sink: s, Expr: call.Args[i], Callee: callee.Name(obj)}
			switch s.Alg {
			case AlgInArg:
				a.AlgExpr = call.Args[s.AlgArg]
			case AlgInToken:
				if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
					a.Token = sel.X
				}
			}
			out = append(out, a)
		}
	}
	return out
}

// Fields returns the fields of a struct literal that are sinks: the Key
// of jose.SigningKey{Algorithm: jose.HS256, Key: …}.
func Fields(info *types.Info, lit *ast.CompositeLit) []Arg {
	t := info.TypeOf(lit)
	if t == nil {
		return nil
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return nil
	}
	if n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "Header" {
		return headerFields(info, lit)
	}
	s := fieldSinks[typeName{callee.Path(n.Obj().Pkg().Path()), n.Obj().Name()}]
	if s == nil {
		return nil
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	var key, alg ast.Expr
	for i, el := range lit.Elts {
		name := ""
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				name, el = id.Name, kv.Value
			}
		} else if i < st.NumFields() {
			name = st.Field(i).Name()
		}
		switch name {
		case fieldSinkKey:
			key = el
		case fieldSinkAlg:
			alg = el
		}
	}
	if key == nil {
		return nil
	}
	return []Arg{{Sink: s, Expr: key, Callee: n.Obj().Pkg().Name() + "." + n.Obj().Name(), AlgExpr: alg}}
}

// headerFields are the values of credential headers in an http.Header
// literal (http.Header{"Authorization": {"Bearer …"}}): each is given to
// the server as Header.Set would give it.
func headerFields(info *types.Info, lit *ast.CompositeLit) []Arg {
	set := byFunc[f("net/http", "Header", "Set")][0]
	var out []Arg
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok || !credentialHeader(info, kv.Key) {
			continue
		}
		vals, ok := ast.Unparen(kv.Value).(*ast.CompositeLit)
		if !ok {
			continue
		}
		for _, v := range vals.Elts {
			out = append(out, Arg{Sink: set, Expr: v, Callee: "http.Header"})
		}
	}
	return out
}

// HMAC says whether an expression naming an algorithm names an HMAC one
// (HS256, jwt.SigningMethodHS384, jwa.HS512(), "HS256"), and whether it
// could tell. What it cannot tell is left to the caller.
func HMAC(info *types.Info, e ast.Expr) (hmac, known bool) {
	if e == nil {
		return false, false
	}
	e = ast.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return algHMAC(constant.StringVal(tv.Value)), true
	}
	if t := info.TypeOf(e); t != nil {
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok && strings.HasPrefix(n.Obj().Name(), "SigningMethod") {
			// golang-jwt: *SigningMethodHMAC, *SigningMethodRSA, …
			if name := n.Obj().Name(); name != "SigningMethod" {
				return name == "SigningMethodHMAC", true
			}
		}
	}
	var name string
	switch x := e.(type) {
	case *ast.Ident:
		name = x.Name
	case *ast.SelectorExpr:
		name = x.Sel.Name
	case *ast.CallExpr:
		// jwx v3: jwa.HS256()
		if len(x.Args) == 0 {
			switch fn := ast.Unparen(x.Fun).(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
		}
	}
	name = strings.TrimPrefix(name, "SigningMethod")
	if algName.MatchString(name) {
		return algHMAC(name), true
	}
	return false, false
}

// algName matches the JWA names of signature algorithms.
var algName = regexp.MustCompile(`^(?:HS|RS|ES|PS)(?:256|384|512)$|^EdDSA$|^ES256K$`)

func algHMAC(name string) bool { return strings.HasPrefix(strings.ToUpper(name), "HS") }

// credentialHeaders are header names whose values are credentials:
// Authorization, and X-…-Token, X-…-Secret, X-…-Api-Key, with or without
// the X- (Datadog's DD-API-KEY and DD-APPLICATION-KEY, GitLab's
// PRIVATE-TOKEN).
var credentialHeaders = regexp.MustCompile(`^(?:proxy-)?authorization$|^x-(?:[a-z0-9]+-)*(?:token|secret|api-?key|auth-key|access-key)$|^(?:[a-z0-9]+-)*(?:api-key|apikey|auth-key|access-key|app-key|application-key|private-token|access-token|auth-token|api-token|secret)$`)

func credentialHeader(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return false
	}
	return credentialHeaders.MatchString(strings.ToLower(constant.StringVal(tv.Value)))
}
