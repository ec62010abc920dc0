// Package secretsource defines an Analyzer that reports hard-coded values
// reaching a secret sink: webhook verification secrets, HMAC and JWT keys,
// credential headers and webhook URLs.
package secretsource

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"

	"github.com/hookscan/hookscan/analyzer/internal/callee"
	"github.com/hookscan/hookscan/analyzer/internal/engine"
	"github.com/hookscan/hookscan/analyzer/internal/sinks"
	"github.com/hookscan/hookscan/analyzer/internal/suppress"
	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// Doc is the analyzer's documentation.
const Doc = `report hard-coded values that reach a webhook secret sink

A value passed as a webhook verification secret, an HMAC or JWT signing
key, an Authorization or X-…-Token header, or a webhook URL must come from
outside the program: the environment, a flag, a file, or a secret manager
(Vault, AWS Secrets Manager, Azure Key Vault, GCP Secret Manager). The
secretsource analyzer follows each such argument back through local
assignments, conversions, helpers such as fmt.Sprintf and hex.DecodeString,
struct fields, package-level variables and constants, and, with facts,
variables of other packages. A value that is a string literal on some path
is reported whatever its entropy:

	mac := hmac.New(sha256.New, []byte("my-webhook-secret")) // reported

with a suggested fix that reads it from the environment at start-up and
fails closed, through a helper the fix adds (os.LookupEnv, panic when the
variable is unset or empty: an empty key would accept forged signatures):

	var webhookSecretFromEnv = requireEnv("WEBHOOK_SECRET")
	…
	mac := hmac.New(sha256.New, []byte(webhookSecretFromEnv))

Sinks: hmac.New; go-github ValidatePayload, ValidatePayloadFromBody and
ValidateSignature; stripe-go webhook.ConstructEvent* and ValidatePayload*;
slack-go NewSecretsVerifier, New and PostWebhook*; svix NewWebhook; JWT
SignedString of HS* tokens, SigningMethodHMAC Sign/Verify and the keys
jwt.Parse keyfuncs return; go-jose SigningKey{Algorithm: HS256, Key: …}
and Verify/Claims keys; lestrrat-go/jwx WithKey(jwa.HS256, key) and
jwk.FromRaw/Import of bytes (keys of public-key algorithms are not
reported); discordgo New and
WebhookExecute; go-teams-notify Send; http.Header Set/Add of
Authorization and X-…-Token/Secret/Api-Key headers; Request.SetBasicAuth;
and http.Post, Get, PostForm and NewRequest* when the URL is one a
webhook-url rule recognises. Test files and test-support packages
(httptest-style names: …test, testutil…, mock…, fake…) are skipped unless
-tests is set: tests need fixed secrets to check signatures. Generated files are skipped;
a "hookscan:allow" comment on the line of the argument or of the literal
silences a report.`

// Config configures an analyzer made by New.
type Config struct {
	// Tests reports in _test.go files too.
	Tests bool
	// RuleFiles are extra rule files, each pinned as FILE@sha256:HEX; their
	// webhook-url rules say which URLs passed to net/http are webhooks.
	RuleFiles []string
}

// Analyzer reports hard-coded secrets that reach sinks. It shares the
// hardcoded analyzer's rules, extra rule files included.
var Analyzer = newAnalyzer(&Config{}, engine.Shared())

// New returns an analyzer with its own configuration, for drivers that
// build analyzers instead of setting flags (golangci-lint).
func New(cfg Config) (*analysis.Analyzer, error) {
	e, err := engine.New(cfg.RuleFiles...)
	if err != nil {
		return nil, err
	}
	return newAnalyzer(&cfg, e), nil
}

func newAnalyzer(cfg *Config, e *engine.Engine) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:      "secretsource",
		Doc:       Doc,
		URL:       "https://pkg.go.dev/github.com/hookscan/hookscan/analyzer/secretsource",
		FactTypes: []analysis.Fact{new(literalVar), new(literalField), new(literalResult), new(sinkParams), new(fieldResult)},
		// Partial type information is handled: what is not typed is
		// not followed.
		RunDespiteErrors: true,
		Run: func(pass *analysis.Pass) (any, error) {
			return nil, run(pass, cfg, e)
		},
	}
	a.Flags.BoolVar(&cfg.Tests, "tests", cfg.Tests, "report in _test.go files too")
	return a
}

func run(pass *analysis.Pass, cfg *Config, e *engine.Engine) error {
	sinkable := reachesSinks(pass.Pkg) && (cfg.Tests || !suppress.TestPackage(pass.Pkg.Name()))
	if !sinkable && !hasFactCandidates(pass.Pkg) && !returnsValues(pass) {
		return nil // fast path: nothing to report, nothing to export
	}
	ix := newIndex(pass, cfg.Tests)
	ix.exportFacts()
	if !sinkable {
		return nil
	}
	ix.summarize()
	e, err := e.For(engine.FirstFile(pass.Fset, pass.Files))
	if err != nil {
		return err
	}
	files := suppress.Index(pass.Fset, pass.Files)
	c := &checker{pass: pass, ix: ix, engine: e, envVars: map[string]token.Pos{}, envValues: map[string]string{}}
	for _, f := range pass.Files {
		sf := files[f]
		if sf.Skip(cfg.Tests) {
			continue
		}
		var err error
		// An argument is checked once: slack.NewSecretsVerifier is a sink
		// and, by its package's summary, a helper of hmac.New too; the
		// sink itself, listed first, names it best.
		checked := map[ast.Expr]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			if err != nil {
				return false
			}
			for _, a := range ix.sinkArgs(n) {
				if checked[a.Expr] {
					continue
				}
				checked[a.Expr] = true
				if err = c.check(sf, files, n, a); err != nil {
					break
				}
			}
			return true
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// reachesSinks reports whether pkg imports, directly or not, a package
// that holds a sink: without one, no call in pkg can be a sink.
func reachesSinks(pkg *types.Package) bool {
	seen := map[*types.Package]bool{}
	var walk func(p *types.Package) bool
	walk = func(p *types.Package) bool {
		if seen[p] {
			return false
		}
		seen[p] = true
		if sinks.Package(p.Path()) {
			return true
		}
		for _, q := range p.Imports() {
			if walk(q) {
				return true
			}
		}
		return false
	}
	for _, q := range pkg.Imports() {
		if walk(q) {
			return true
		}
	}
	return false
}

// hasFactCandidates reports whether pkg has an exported variable or
// struct field that could hold a hard-coded secret for an importer.
func hasFactCandidates(pkg *types.Package) bool {
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.Var:
			if obj.Exported() && (stringLike(obj.Type()) || structOf(obj.Type()) != nil) {
				return true
			}
		case *types.TypeName:
			// A struct with exported string fields: a configuration
			// whose defaults may be literals.
			if st, ok := obj.Type().Underlying().(*types.Struct); ok && !obj.IsAlias() {
				for i := range st.NumFields() {
					if f := st.Field(i); f.Exported() && stringLike(f.Type()) {
						return true
					}
				}
			}
		}
	}
	return false
}

// returnsValues reports whether an exported function of the package
// returns a constant or a package-level variable as its string or []byte
// result: a candidate for a literalResult fact.
func returnsValues(pass *analysis.Pass) bool {
	ix := &index{pass: pass}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || fd.Body == nil || !fd.Name.IsExported() || fd.Type.Results == nil {
				continue
			}
			if t := pass.TypesInfo.TypeOf(fd.Type.Results.List[0].Type); t == nil || !stringLike(t) {
				continue
			}
			found := false
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.ReturnStmt:
					found = found || len(n.Results) > 0 && ix.namesValue(n.Results[0])
				}
				return !found
			})
			if found {
				return true
			}
		}
	}
	return false
}

func stringLike(t types.Type) bool { return callee.IsStringLike(t) }

type checker struct {
	pass   *analysis.Pass
	ix     *index
	engine *engine.Engine
	// helperFile is where the fixes add requireEnv, chosen at the first.
	helperFile *ast.File
	// envVars are the package-level variables the fixes add, by
	// environment variable, and where each is declared.
	envVars map[string]token.Pos
	// envValues are the values the fixes read from each environment
	// variable (envFor).
	envValues map[string]string
}

func (c *checker) check(sf *suppress.File, files map[*ast.File]*suppress.File, call ast.Node, a sinks.Arg) error {
	if !c.ix.hmacKey(a) {
		return nil
	}
	v := c.ix.argValue(a)
	if a.Kind != sinks.Secret || c.example(a.Expr.Pos()) {
		// At a secret sink any literal is a hard-coded secret, however
		// much it looks like a placeholder: "changeme-later" ships. An
		// example program (examples/, _examples/, demo/) is the
		// exception: it is written to be copied and filled in, and
		// slack.New("YOUR_TOKEN_HERE") there marks where a token goes,
		// while a real-looking value in one is still reported.
		v.leaves = c.secrets(v.leaves)
	}
	if !v.literal() {
		return nil
	}
	if a.Kind == sinks.AnyURL {
		d, err := c.engine.Detector()
		if err != nil {
			return err
		}
		kept := v.leaves[:0:0]
		for _, l := range v.leaves {
			if s, ok := c.leafValue(l); ok && webhookURL(d, s) {
				kept = append(kept, l)
			}
		}
		if len(kept) == 0 {
			// A URL put together from constants: its pieces are no
			// webhook URL each, the whole is.
			if s, ok := c.ix.constString(a.Expr, 0); !ok || !webhookURL(d, s) {
				return nil
			}
			kept = v.leaves
		}
		v.leaves = kept
	}
	if sf.Allowed(a.Expr.Pos()) || sf.Allowed(call.Pos()) {
		return nil
	}
	if allowed, err := c.allowed(v.leaves); err != nil || allowed {
		return err
	}
	l := primary(v.leaves)
	if l.lit != nil {
		for f, s := range files {
			if l.lit.Pos() >= f.FileStart && l.lit.Pos() < f.FileEnd && s.Allowed(l.lit.Pos()) {
				return nil
			}
		}
	}
	d := analysis.Diagnostic{
		Pos:      a.Expr.Pos(),
		End:      a.Expr.End(),
		Category: "hard-coded-secret",
		Message:  c.message(a, v, l),
	}
	d.Related = c.related(a, l)
	if fix, ok := c.fix(a, v, l); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.pass.Report(d)
	return nil
}

// related is the path of a report, for editors and go vet -json: where
// the value is written, what it is stored in on the way, and, for a call
// of a helper, where the helper hands it to the sink. The report itself is
// where the value is used.
func (c *checker) related(a sinks.Arg, l leaf) []analysis.RelatedInformation {
	var out []analysis.RelatedInformation
	elsewhere := func(p token.Pos) bool { return p.IsValid() && (p < a.Expr.Pos() || p >= a.Expr.End()) }
	if l.lit != nil && elsewhere(l.lit.Pos()) {
		out = append(out, analysis.RelatedInformation{Pos: l.lit.Pos(), End: l.lit.End(), Message: "the hard-coded value is written here"})
	}
	if l.via != nil && l.via.Pkg() == c.pass.Pkg && elsewhere(l.via.Pos()) && (l.lit == nil || !within(l.via.Pos(), l.lit)) {
		name := c.describe(leaf{via: l.via, base: l.base})
		out = append(out, analysis.RelatedInformation{
			Pos:     l.via.Pos(),
			End:     l.via.Pos() + token.Pos(len(l.via.Name())),
			Message: "it is held by " + name + ", declared here",
		})
	}
	if elsewhere(a.Inner) {
		out = append(out, analysis.RelatedInformation{Pos: a.Inner, Message: sinkName(a) + " receives it here"})
	}
	return out
}

func within(p token.Pos, n ast.Node) bool { return p >= n.Pos() && p < n.End() }

// example reports whether pos is in an example program: a file of a
// package whose import path has an examples/, _examples/, sample/, demo/
// or quickstart/ element (github.com/slack-go/slack/examples/files), or
// whose name marks it as one.
func (c *checker) example(pos token.Pos) bool {
	name := filepath.Base(c.pass.Fset.Position(pos).Filename)
	return scanner.Classify(c.pass.Pkg.Path()+"/"+name, nil) == scanner.ContextExample
}

// allowed reports whether the configuration's allowlist lets every
// hard-coded value through.
func (c *checker) allowed(ls []leaf) (bool, error) {
	for _, l := range ls {
		s, ok := c.leafValue(l)
		if !ok {
			return false, nil
		}
		if a, err := c.engine.Allowed(s); err != nil || !a {
			return false, err
		}
	}
	return true, nil
}

// secrets drops the leaves of a header or URL that are no secret:
// documentation placeholders ("YOUR_TOKEN_HERE") and the scheme before a credential
// ("Bearer "). Leaves whose value is not known here are kept.
func (c *checker) secrets(ls []leaf) []leaf {
	out := ls[:0:0]
	for _, l := range ls {
		if s, ok := c.leafValue(l); ok && (placeholder(s) || authScheme.MatchString(s)) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// authScheme matches what is written before a credential in a header.
var authScheme = regexp.MustCompile(`(?i)^\s*(?:bearer|basic|token|bot|digest|apikey|api-key|sso-key|key)?[\s:=]*$`)

// placeholderWords mark documentation placeholders, not secrets.
var placeholderWords = []string{
	"your_", "your-", "/your/", "yourtoken", "yoursecret", "yourkey", "your token", "your secret", "<", "xxx",
	"changeme", "change_me", "change-me", "replace_me", "replace-me", "replaceme", "placeholder",
	"dummy", "example", "sample", "insert_", "insert-", "todo", "_here", "-here", " here", "...", "…",
	"****", "redacted", "notreal", "not_real", "not-real",
}

// placeholder reports whether a literal is a documentation placeholder or
// a template reference.
func placeholder(s string) bool {
	lower := strings.ToLower(s)
	for _, w := range placeholderWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return strings.Contains(s, "${") || strings.Contains(s, "{{")
}

var (
	fmtSprintf  = callee.Func{Pkg: "fmt", Name: "Sprintf"}
	stringsJoin = callee.Func{Pkg: "strings", Name: "Join"}
)

// webhookURL reports whether a webhook-url rule finds a secret in s.
func webhookURL(d *scanner.Detector, s string) bool {
	for _, f := range d.Scan(scanner.Fragment{Path: "url.go", Raw: []byte(s)}) {
		if f.Kind == rules.KindWebhookURL {
			return true
		}
	}
	return false
}

// leafValue returns a hard-coded value's text, when it is known here:
// values of other packages' variables are not (facts do not hold them).
func (c *checker) leafValue(l leaf) (string, bool) {
	info := c.pass.TypesInfo
	if l.lit != nil {
		if tv, ok := info.Types[l.lit]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
			return constant.StringVal(tv.Value), true
		}
		if call, ok := l.lit.(*ast.CallExpr); ok {
			return c.ix.constString(call, 0) // fmt.Sprintf(…) of constants
		}
		if cl, ok := l.lit.(*ast.CompositeLit); ok {
			var b []byte
			for _, el := range cl.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					el = kv.Value
				}
				n, ok := constant.Uint64Val(constant.ToInt(info.Types[el].Value))
				if !ok {
					return "", false
				}
				b = append(b, byte(n))
			}
			return string(b), true
		}
		return "", false
	}
	if k, ok := l.via.(*types.Const); ok && k.Val().Kind() == constant.String {
		return constant.StringVal(k.Val()), true
	}
	return "", false
}

// primary picks the leaf a report is about: one that came through a name
// (it says more, and is what the fix changes), else the first.
func primary(ls []leaf) leaf {
	for _, l := range ls {
		if l.via != nil {
			return l
		}
	}
	return ls[0]
}

func (c *checker) message(a sinks.Arg, v value, l leaf) string {
	name := c.describe(l)
	if v.other {
		if name == "" {
			name = "it"
		}
		return fmt.Sprintf("%s passed to %s may be hard-coded: %s falls back to a string literal", a.What, a.Callee, name)
	}
	msg := fmt.Sprintf("hard-coded %s passed to %s", a.What, a.Callee)
	if name != "" {
		msg += " (" + name + ")"
	}
	return msg
}

// describe names the constant, variable or field a value came through,
// and where it is written when that is in another package.
func (c *checker) describe(l leaf) string {
	if l.via == nil {
		return ""
	}
	qual := func(obj types.Object) string {
		if obj.Pkg() != nil && obj.Pkg() != c.pass.Pkg {
			return obj.Pkg().Name() + "." + obj.Name()
		}
		return obj.Name()
	}
	var s string
	switch obj := l.via.(type) {
	case *types.Const:
		s = "constant " + qual(obj)
	case *types.Func:
		s = "result of " + qual(obj)
	case *types.Var:
		switch {
		case obj.IsField() && l.base != nil:
			s = "field " + qual(l.base) + "." + obj.Name()
		case obj.IsField():
			s = "field " + obj.Name()
		default:
			s = "variable " + qual(obj)
		}
	}
	if l.remote != "" {
		s += " set at " + l.remote
	}
	if l.embed != "" {
		s += ", embedded from " + l.embed
	}
	return s
}

func isString(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isByteSlice(t types.Type) bool {
	s, ok := t.(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().(*types.Basic)
	return ok && (b.Kind() == types.Byte || b.Kind() == types.Uint8)
}

// genericNames are variable names too vague to name an environment
// variable after; the sink's own name is used instead.
var genericNames = map[string]bool{
	"SECRET": true, "KEY": true, "TOKEN": true, "PASSWORD": true, "PASS": true, "VALUE": true,
	"VAL": true, "SEC": true, "S": true, "K": true, "V": true, "X": true, "B": true, "URL": true,
	"U": true, "SIG": true, "HMAC": true, "MAC": true, "DATA": true,
}

// envName is the environment variable a fix reads: named after the
// constant, variable or field (webhookSecret → WEBHOOK_SECRET), or after
// the sink.
func envName(l leaf, a sinks.Arg) string {
	if l.via != nil {
		if n := upperSnake(l.via.Name()); !genericNames[n] {
			return n
		}
	}
	return a.Env
}

// upperSnake turns webhookSecret, HMACKey or slack_url into
// WEBHOOK_SECRET, HMAC_KEY or SLACK_URL.
func upperSnake(name string) string {
	rs := []rune(name)
	var b strings.Builder
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) {
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || unicode.IsUpper(prev) && nextLower {
				b.WriteByte('_')
			}
		}
		if r == '-' || r == '.' {
			r = '_'
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}
