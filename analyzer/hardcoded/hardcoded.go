// Package hardcoded defines an Analyzer that reports Go string literals
// and constants holding a secret that hookscan's rules recognise.
package hardcoded

import (
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/hookscan/hookscan/analyzer/internal/callee"
	"github.com/hookscan/hookscan/analyzer/internal/engine"
	"github.com/hookscan/hookscan/analyzer/internal/secretname"
	"github.com/hookscan/hookscan/analyzer/internal/suppress"
	"github.com/hookscan/hookscan/scanner"
)

// Doc is the analyzer's documentation.
const Doc = `report hard-coded webhook secrets in Go string literals

The hardcoded analyzer runs hookscan's rules (webhook URLs with tokens,
webhook signing secrets, related API keys) over the value of every string
literal and constant expression: literals in declarations, struct fields,
map entries and call arguments, raw strings, and concatenations of
constants. A concatenation no rule knows by its name alone is also tried
under its package and function name (mailgun.Sandbox.key), with
provider rules only. A literal assigned to a name is also scanned as Go writes it,
name = "value", so rules that know a secret by its name (webhookSecret)
apply too, and a Go name that says secret (appSecret, SigningKey) makes
a value of 12 characters or more a secret whatever its shape, unless it
is a placeholder, a reference, a URL or path, or words alone. Rules are
compiled only in packages where a literal holds one of their keywords.

	const slackHook = "https://hooks.slack.com/services/T…/B…/…" // reported

Read the value at run time instead:

	slackHook := os.Getenv("SLACK_WEBHOOK_URL")

A literal written directly as the secret argument of a known sink
(hmac.New, github.ValidatePayload, webhook.ConstructEvent, …) is reported
here when a rule knows it, as any other literal, so that this analyzer
alone misses no hard-coded secret; secretsource reports it too, whatever
its shape, with a fix. Generated files are skipped; a "hookscan:allow"
comment on the line silences a report.`

// Config configures an analyzer made by New.
type Config struct {
	// RuleFiles are extra rule files, rule packs or .hookscan.yaml
	// configurations, each pinned to its contents as FILE@sha256:HEX.
	RuleFiles []string
}

// Analyzer reports hard-coded secrets. Its -rules flag adds rule files.
var Analyzer = newAnalyzer(engine.Shared())

// New returns an analyzer with its own configuration, for drivers that
// build analyzers instead of setting flags (golangci-lint).
func New(cfg Config) (*analysis.Analyzer, error) {
	e, err := engine.New(cfg.RuleFiles...)
	if err != nil {
		return nil, err
	}
	return newAnalyzer(e), nil
}

func newAnalyzer(e *engine.Engine) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:             "hardcoded",
		Doc:              Doc,
		URL:              "https://pkg.go.dev/github.com/hookscan/hookscan/analyzer/hardcoded",
		RunDespiteErrors: true,
		Run: func(pass *analysis.Pass) (any, error) {
			return nil, run(pass, e)
		},
	}
	a.Flags.Var(e.Flag(), "rules", "comma-separated extra rule files (packs or .hookscan.yaml), each as ABSOLUTE-PATH@sha256:HEX of its contents so that go vet's cache sees edits; secretsource uses them too")
	return a
}

func run(pass *analysis.Pass, e *engine.Engine) error {
	e, err := e.For(engine.FirstFile(pass.Fset, pass.Files))
	if err != nil {
		return err
	}
	// Collect the literals first: most packages hold none that a rule's
	// keyword occurs in, and then the rules need not be compiled.
	files := suppress.Index(pass.Fset, pass.Files)
	roots := map[string]string{}
	c := &checker{pass: pass, engine: e, keys: map[ast.Expr]string{}, inSecrets: map[ast.Expr]bool{}, around: map[ast.Expr][2]string{}}
	for _, f := range pass.Files {
		sf := files[f]
		if sf.Skip(true) {
			continue
		}
		c.file = sf
		c.path = relPath(roots, pass.Fset.File(f.FileStart).Name())
		for _, d := range f.Decls {
			c.fn = ""
			if fd, ok := d.(*ast.FuncDecl); ok {
				c.fn = fd.Name.Name
			}
			ast.Inspect(d, c.visit)
		}
	}
	var todo []literal
	for _, l := range c.literals {
		ok, err := e.MayMatch(l.qual + c.keys[l.expr] + " = " + l.value)
		if err != nil {
			return err
		}
		if ok {
			todo = append(todo, l)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	d, err := e.Detector()
	if err != nil {
		return err
	}
	c.d = d
	for _, l := range todo {
		if d.PathAllowed(l.path) {
			continue
		}
		c.file, c.path = l.file, l.path
		if err := c.check(l.expr, l.value, l.lit, l.qual); err != nil {
			return err
		}
	}
	return nil
}

type checker struct {
	pass   *analysis.Pass
	engine *engine.Engine
	d      *scanner.Detector
	file   *suppress.File
	path   string
	// keys names the literal assigned in a declaration, assignment, field
	// or map entry, for rules that need the name.
	keys map[ast.Expr]string
	// inSecrets holds the values of maps and slices whose name says they
	// hold secrets: keys names them after the container.
	inSecrets map[ast.Expr]bool
	// around holds the text a format string writes before and after a
	// constant argument (fmt.Sprintf("https://hooks.slack.com/services/%s",
	// "T…/B…/…")): a value that is a secret only in its place.
	around map[ast.Expr][2]string
	// literals are the string constants to scan.
	literals []literal
	// fn is the name of the function being visited, "" at package level.
	fn string
}

var (
	cmpOr         = callee.Func{Pkg: "cmp", Name: "Or"}
	syncOnceValue = callee.Func{Pkg: "sync", Name: "OnceValue"}
)

// literal is a string constant expression to scan, and where it is.
type literal struct {
	expr  ast.Expr
	value string
	lit   *ast.BasicLit // when expr is a single literal
	file  *suppress.File
	path  string
	// qual qualifies the name of a constant split into parts ("key-" +
	// "…") with its package and function, "mailgun.Sandbox.": a value
	// split to hide it from scanners is known by where it is declared.
	qual string
}

func (c *checker) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.ImportSpec:
		// Import paths are not values.
		return false
	case *ast.Field:
		// Struct tags are not values, but a default in one is.
		c.tagDefault(n)
		return false
	case *ast.ValueSpec:
		for i, v := range n.Values {
			if i < len(n.Names) && len(n.Values) == len(n.Names) {
				c.keys[v] = n.Names[i].Name
			}
		}
	case *ast.AssignStmt:
		if len(n.Lhs) == len(n.Rhs) {
			for i, v := range n.Rhs {
				name := exprName(n.Lhs[i])
				if ix, ok := n.Lhs[i].(*ast.IndexExpr); ok {
					// tenantSecrets["acme"] = "…": an entry of a map
					// named as holding secrets.
					if single, ok := secretname.Container(exprName(ix.X)); ok {
						if _, secret := secretname.Rule(name); !secret {
							name = single
						}
					}
				}
				if name != "" {
					c.keys[v] = name
				}
			}
		}
	case *ast.CompositeLit:
		if b, ok := c.byteLiteral(n); ok {
			// var signingKey = []byte{0x69, 0xfb, …}: the key written
			// byte by byte, judged under its name as hex.
			if _, secret := secretname.Rule(c.keys[n]); secret && len(b) >= 16 && randomBytes(b) {
				c.literals = append(c.literals, literal{expr: n, value: hex.EncodeToString(b), file: c.file, path: c.path})
			}
			return false
		}
		// A map or slice under a name that says it holds secrets
		// (tenantSecrets, signingKeys): each value is one, whatever key
		// it is filed under (a tenant's name, a key's version).
		if single, ok := secretname.Container(c.keys[n]); ok {
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					e = kv.Value
				}
				c.keys[e] = single
				c.inSecrets[e] = true
			}
		}
	case *ast.KeyValueExpr:
		var name string
		switch k := n.Key.(type) {
		case *ast.Ident:
			name = k.Name
		case *ast.BasicLit:
			if s, err := strconv.Unquote(k.Value); err == nil && k.Kind == token.STRING {
				name = s
			}
		}
		if _, secret := secretname.Rule(name); name != "" && (secret || !c.inSecrets[n.Value]) {
			c.keys[n.Value] = name
		}
	case *ast.CallExpr:
		if arg, ok := callee.Conversion(c.pass.TypesInfo, n); ok && c.keys[n] != "" {
			c.keys[arg] = c.keys[n] // name = []byte("…")
		}
		fn, _, _ := callee.Of(c.pass.TypesInfo, n)
		if fn == syncOnceValue && c.keys[n] != "" && len(n.Args) == 1 {
			// refreshKey = sync.OnceValue(func() []byte { …; return
			// []byte("…") }): what the function returns is the name's.
			if fl, ok := ast.Unparen(n.Args[0]).(*ast.FuncLit); ok {
				ast.Inspect(fl.Body, func(m ast.Node) bool {
					switch m := m.(type) {
					case *ast.FuncLit:
						return false
					case *ast.ReturnStmt:
						if len(m.Results) == 1 {
							c.keys[m.Results[0]] = c.keys[n]
						}
					}
					return true
				})
			}
		}
		if fn == cmpOr {
			// name = cmp.Or(os.Getenv("…"), "…"): the fallback is
			// the name's value when the environment has none; the
			// variable's name says what it is when the Go name does
			// not (ghKey := cmp.Or(os.Getenv("GITHUB_WEBHOOK_SECRET"), "…")).
			name := c.keys[n]
			if _, secret := secretname.Rule(name); !secret {
				if env := c.envName(n.Args); env != "" {
					name = env
				}
			}
			if name != "" {
				for _, a := range n.Args {
					c.keys[a] = name
				}
			}
		}
		c.formatArgs(fn, n)
		c.argName(n)
	case ast.Expr:
		s, lit, ok := c.constant(n)
		if !ok {
			return true
		}
		if len(s) >= 8 {
			l := literal{expr: n, value: s, lit: lit, file: c.file, path: c.path}
			if _, split := n.(*ast.BinaryExpr); split {
				l.qual = c.pass.Pkg.Name() + "."
				if c.fn != "" {
					l.qual += c.fn + "."
				}
			}
			c.literals = append(c.literals, l)
		}
		return false
	}
	return true
}

// randomBytes reports whether bytes look drawn at random rather than
// written as a pattern: a known-answer test's 0x01, 0x02, … 0x20 or a
// repeated byte is a test vector, not a key.
func randomBytes(b []byte) bool {
	seen := map[byte]bool{}
	steps := map[byte]bool{}
	for i, x := range b {
		seen[x] = true
		if i > 0 {
			steps[x-b[i-1]] = true
		}
	}
	return len(seen) >= len(b)/2 && len(steps) > 2
}

// byteLiteral returns the bytes of a []byte or [N]byte literal whose
// elements are all constants.
func (c *checker) byteLiteral(cl *ast.CompositeLit) ([]byte, bool) {
	var elem types.Type
	switch t := c.pass.TypesInfo.TypeOf(cl).Underlying().(type) {
	case *types.Slice:
		elem = t.Elem()
	case *types.Array:
		elem = t.Elem()
	default:
		return nil, false
	}
	if b, ok := elem.Underlying().(*types.Basic); !ok || b.Kind() != types.Byte || len(cl.Elts) == 0 {
		return nil, false
	}
	out := make([]byte, 0, len(cl.Elts))
	for _, e := range cl.Elts {
		if _, ok := e.(*ast.KeyValueExpr); ok {
			return nil, false
		}
		tv, ok := c.pass.TypesInfo.Types[e]
		if !ok || tv.Value == nil {
			return nil, false
		}
		n, ok := constant.Uint64Val(constant.ToInt(tv.Value))
		if !ok || n > 255 {
			return nil, false
		}
		out = append(out, byte(n))
	}
	return out, true
}

// constant reports whether e is a string constant expression worth
// scanning, its value, and whether it is a single literal. A bare name of
// a constant is not: its declaration is scanned.
func (c *checker) constant(e ast.Expr) (string, *ast.BasicLit, bool) {
	if lit, ok := e.(*ast.BasicLit); ok {
		if lit.Kind != token.STRING {
			return "", nil, false
		}
		// Literals have their value even where type-checking failed.
		s, err := strconv.Unquote(lit.Value)
		return s, lit, err == nil
	}
	switch e.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		return "", nil, false
	}
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", nil, false
	}
	return constant.StringVal(tv.Value), nil, true
}

func (c *checker) check(e ast.Expr, value string, lit *ast.BasicLit, qual string) error {
	if len(value) < 8 {
		return nil
	}
	// First the value alone: the literal's text, whatever format it
	// holds. Then, for rules that know a secret by the name it is given,
	// the literal as Go writes it after its name: name = "value". A
	// secret found both ways is reported once, as the value alone found
	// it (shape rules are more specific than context rules).
	var found []string
	overlaps := func(secret string) bool {
		for _, s := range found {
			if strings.Contains(s, secret) || strings.Contains(secret, s) {
				return true
			}
		}
		return false
	}
	raw := []byte(value)
	for _, f := range c.d.Scan(scanner.Fragment{Path: c.path, Raw: raw}) {
		if overlaps(f.Secret) {
			continue
		}
		found = append(found, f.Secret)
		if c.fromNamedOperand(e, f) {
			continue
		}
		pos, end := e.Pos(), e.End()
		if lit != nil && lit.Value[0] == '`' && !strings.Contains(lit.Value, "\r") {
			// Raw strings map byte for byte: point at the secret.
			pos = lit.Pos() + token.Pos(1+offset(raw, f.Line, f.Column))
			end = min(pos+token.Pos(len(f.Secret)), lit.End())
		}
		c.report(e, pos, end, f)
	}
	if ctx, ok := c.around[e]; ok && len(found) == 0 {
		// The value in the text its format string writes around it.
		raw := []byte(ctx[0] + value + ctx[1])
		for _, f := range c.d.Scan(scanner.Fragment{Path: c.path, Raw: raw}) {
			if overlaps(f.Secret) || !strings.Contains(f.Secret, value) && !strings.Contains(value, f.Secret) {
				continue
			}
			found = append(found, f.Secret)
			c.report(e, e.Pos(), e.End(), f)
		}
	}
	key := c.keys[e]
	if key == "" && qual == "" {
		return nil
	}
	quoted := strconv.Quote(value)
	if lit != nil {
		quoted = lit.Value
	}
	named := func(prefix string, rule func(string) bool) {
		raw := []byte(prefix + quoted)
		for _, f := range c.d.Scan(scanner.Fragment{Path: c.path, Raw: raw}) {
			if offset(raw, f.Line, f.Column) < len(prefix) || overlaps(f.Secret) || !rule(f.RuleID) {
				continue // the secret is (in) the name, or was reported
			}
			found = append(found, f.Secret)
			if !c.fromNamedOperand(e, f) {
				c.report(e, e.Pos(), e.End(), f)
			}
		}
	}
	if key != "" {
		named(key+" = ", func(string) bool { return true })
	}
	if qual != "" && len(found) == 0 {
		// A split constant that no rule knows by its name alone: a
		// provider's rule may know it by its package or function
		// (mailgun.key, Mailgun.sandboxKey). Generic rules are not asked:
		// "webhook" in a package name says nothing about a value.
		named(qual+key+" = ", func(id string) bool { return !strings.HasPrefix(id, "generic-") })
	}
	if len(found) > 0 || key == "" {
		return nil
	}
	return c.checkNamed(e, key, value)
}

// checkNamed reports a value that no rule found but whose Go name says it
// is a secret (webhookSecret, signingKey): in Go code the name is the
// program's own word for what the value is, so its shape does not matter.
// Tests, test packages and test data are left alone, as the generic
// rules leave them: their values are test vectors.
func (c *checker) checkNamed(e ast.Expr, key, value string) error {
	id, ok := secretname.Rule(key)
	if !ok || !secretname.Value(value) || c.testData() {
		return nil
	}
	if c.file.Test || suppress.TestPackage(c.pass.Pkg.Name()) {
		return nil
	}
	r := c.d.Rule(id)
	if r == nil {
		return nil // disabled by the configuration
	}
	if allowed, err := c.engine.Allowed(value); err != nil || allowed {
		return err
	}
	c.report(e, e.Pos(), e.End(), scanner.Finding{RuleID: id, Description: r.Description})
	return nil
}

// testData reports whether the file being checked is test data or a
// fixture, where values under secret names are test vectors.
func (c *checker) testData() bool {
	for _, seg := range strings.Split(c.path, "/") {
		switch seg {
		case "testdata", "test", "tests", "fixtures", "__fixtures__", "spec":
			return true
		}
	}
	return false
}

func (c *checker) report(e ast.Expr, pos, end token.Pos, f scanner.Finding) {
	if c.file.Allowed(pos) || c.file.Allowed(e.Pos()) {
		return
	}
	d := analysis.Diagnostic{
		Pos:      pos,
		End:      end,
		Category: f.RuleID,
		Message:  message(f),
	}
	if r := c.d.Rule(f.RuleID); r != nil && r.Guidance.URL != "" {
		d.URL = r.Guidance.URL
	}
	c.pass.Report(d)
}

func message(f scanner.Finding) string {
	what := f.Description
	if what == "" {
		what = "secret"
	}
	what = lowerFirst(what)
	if !strings.HasPrefix(what, "hard-coded ") {
		what = "hard-coded " + what
	}
	msg := fmt.Sprintf("%s (%s)", what, f.RuleID)
	if f.DecodedFrom != "" {
		msg += ", " + f.DecodedFrom + "-encoded"
	}
	return msg + ": read it at run time from the environment or a secret manager"
}

// lowerFirst lower-cases a description's first word unless it is a name
// (Slack, GitHub) or an acronym.
func lowerFirst(s string) string {
	if len(s) < 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'a' || s[1] > 'z' {
		return s
	}
	word, _, _ := strings.Cut(s, " ")
	switch strings.ToLower(word) {
	case "hard-coded", "generic", "webhook", "signing", "incoming", "outgoing", "private", "personal", "secret":
		return strings.ToLower(s[:1]) + s[1:]
	}
	return s
}

// fromNamedOperand reports whether a finding in a concatenation comes
// whole from one named constant operand: that constant's declaration is
// where it is reported.
func (c *checker) fromNamedOperand(e ast.Expr, f scanner.Finding) bool {
	if _, ok := e.(*ast.BasicLit); ok {
		return false
	}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.Ident, *ast.SelectorExpr:
			tv, ok := c.pass.TypesInfo.Types[n.(ast.Expr)]
			if ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				for _, g := range c.d.Scan(scanner.Fragment{Path: c.path, Raw: []byte(constant.StringVal(tv.Value))}) {
					if g.Fingerprint == f.Fingerprint {
						found = true
					}
				}
			}
			return false
		}
		return true
	})
	return found
}

// offset converts a 1-based line and byte column in text to an offset.
func offset(text []byte, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(string(text[off:]), '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	return off + col - 1
}

// exprName returns the name an assignment's left side gives its value:
// x, or the field name of x.f.
func exprName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		if e.Name != "_" {
			return e.Name
		}
	case *ast.SelectorExpr:
		return e.Sel.Name
	case *ast.IndexExpr:
		if lit, ok := e.Index.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			s, _ := strconv.Unquote(lit.Value)
			return s
		}
	}
	return ""
}

// relPath returns a file's path relative to its module root, slash
// separated, for the rules' path allowlists; roots caches the root of each
// directory.
func relPath(roots map[string]string, name string) string {
	dir := filepath.Dir(name)
	root, ok := roots[dir]
	if !ok {
		root, _ = engine.ModuleRoot(dir)
		roots[dir] = root
	}
	if root != "" {
		if rel, err := filepath.Rel(root, name); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(name)
}
