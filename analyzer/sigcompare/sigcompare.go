// Package sigcompare defines an Analyzer that reports MACs and webhook
// signatures compared in variable time.
package sigcompare

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/constant"
	"go/format"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"

	"github.com/hookscan/hookscan/analyzer/internal/callee"
	"github.com/hookscan/hookscan/analyzer/internal/edit"
	"github.com/hookscan/hookscan/analyzer/internal/suppress"
)

// Doc is the analyzer's documentation.
const Doc = `report MACs and signatures compared in variable time

Comparing a webhook signature with ==, !=, bytes.Equal, bytes.Compare,
strings.EqualFold or reflect.DeepEqual returns as soon as a byte differs,
so the time it takes tells an attacker how much of a forged signature is
right. The sigcompare analyzer reports such a comparison when one side is
an HMAC (the result of Sum on a hash made by hmac.New, possibly hex or
base64 encoded), a signature header (r.Header.Get("X-Hub-Signature-256"),
"Stripe-Signature", "X-Slack-Signature", X-…-Token, …), a credential
header compared with a value that is not a constant
(r.Header.Get("Authorization") != "Bearer "+token, X-…-Api-Key), a token or
signature in the query or the form (r.URL.Query().Get("api_key")), the
password of r.BasicAuth(), what a helper returns when it returns only one
of those (bearer(r)) or, in a package
that imports crypto/hmac, a value named like one (sig, signature, mac,
expectedHMAC):

	if hex.EncodeToString(mac.Sum(nil)) != r.Header.Get("X-Signature") { // reported

and suggests hmac.Equal, which takes the same time whatever the inputs:

	if !hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(r.Header.Get("X-Signature"))) {

Comparisons with a constant (sig == "") and of other headers
(Content-Type, X-GitHub-Event) are not reported. Test files are skipped
and test-support packages (…test, testutil…, mock…, fake…) unless
-tests is set; generated files are skipped; a "hookscan:allow"
comment on the line silences a report.`

// Config configures an analyzer made by New.
type Config struct {
	// Tests reports in _test.go files too.
	Tests bool
}

// Analyzer reports variable-time comparisons of MACs and signatures.
var Analyzer = newAnalyzer(&Config{})

// New returns an analyzer with its own configuration, for drivers that
// build analyzers instead of setting flags (golangci-lint).
func New(cfg Config) *analysis.Analyzer { return newAnalyzer(&cfg) }

func newAnalyzer(cfg *Config) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:             "sigcompare",
		Doc:              Doc,
		URL:              "https://pkg.go.dev/github.com/hookscan/hookscan/analyzer/sigcompare",
		RunDespiteErrors: true,
		FactTypes:        []analysis.Fact{new(macResult)},
		Run: func(pass *analysis.Pass) (any, error) {
			run(pass, cfg)
			return nil, nil
		},
	}
	a.Flags.BoolVar(&cfg.Tests, "tests", cfg.Tests, "report in _test.go files too")
	return a
}

func run(pass *analysis.Pass, cfg *Config) {
	var c *checker
	macs := macCandidates(pass)
	if macs {
		c = newChecker(pass)
		c.exportFacts()
	}
	if !cfg.Tests && suppress.TestPackage(pass.Pkg.Name()) {
		return
	}
	// Fast path: without HMACs, facts about them or net/http's headers
	// in reach, nothing is a MAC or a signature here (names count only
	// in packages that import crypto/hmac).
	if !macs && !reaches(pass.Pkg, "net/http") {
		return
	}
	files := suppress.Index(pass.Fset, pass.Files)
	for _, f := range pass.Files {
		sf := files[f]
		if sf.Skip(cfg.Tests) {
			continue
		}
		if c == nil {
			c = newChecker(pass)
		}
		done := map[*ast.CallExpr]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BinaryExpr:
				if n.Op != token.EQL && n.Op != token.NEQ {
					return true
				}
				// bytes.Compare(a, b) == 0
				if call, ok := c.compareCall(n); ok {
					done[call] = true
					c.check(f, sf, n, call.Args[0], call.Args[1], callee.Name(c.obj(call)), n.Op == token.NEQ)
					return true
				}
				c.check(f, sf, n, n.X, n.Y, n.Op.String(), n.Op == token.NEQ)
			case *ast.SwitchStmt:
				// switch sig { case expected: }: each case is an ==.
				if n.Tag == nil {
					return true
				}
				for _, st := range n.Body.List {
					if cc, ok := st.(*ast.CaseClause); ok {
						for _, e := range cc.List {
							c.check(f, sf, e, n.Tag, e, switchCase, false)
						}
					}
				}
			case *ast.CallExpr:
				if done[n] || len(n.Args) != 2 {
					return true
				}
				if name, ok := c.comparer(n); ok {
					c.check(f, sf, n, n.Args[0], n.Args[1], name, false)
					return true
				}
				fn, _, ok := callee.Of(pass.TypesInfo, n)
				if !ok {
					return true
				}
				switch fn {
				case bytesEqual, stringsEqualFold, reflectDeepEqual:
					c.check(f, sf, n, n.Args[0], n.Args[1], callee.Name(c.obj(n)), false)
				case stringsContains, bytesContains:
					// A signature looked for in a header that lists
					// several (Standard Webhooks' "v1,… v1,…").
					c.check(f, sf, n, n.Args[0], n.Args[1], callee.Name(c.obj(n)), false)
				case slicesContains:
					// A MAC looked for among the signatures sent: each
					// element is compared with ==.
					c.check(f, sf, n, n.Args[1], n.Args[1], callee.Name(c.obj(n)), false)
				}
			}
			return true
		})
	}
}

// switchCase is how a switch's comparison of its tag with a case is
// named in a report.
const switchCase = "a switch case"

// helperOp starts the name of a comparison made by a helper of the
// package (comparer).
const helperOp = "helper "

// comparer reports whether call calls a function of this package whose
// body only compares its two parameters in variable time (func same(a,
// b string) bool { return a == b }, a generic equal[T comparable]), and
// names it for the report.
func (c *checker) comparer(call *ast.CallExpr) (string, bool) {
	fn := c.obj(call)
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return "", false
	}
	fn = fn.Origin() // a generic function's declaration
	if v, seen := c.comparers[fn]; seen {
		return v, v != ""
	}
	c.comparers[fn] = ""
	decl := c.funcDecl(fn)
	if decl == nil || decl.Body == nil || len(decl.Body.List) != 1 || decl.Type.Params == nil {
		return "", false
	}
	var params []types.Object
	for _, field := range decl.Type.Params.List {
		for _, id := range field.Names {
			params = append(params, c.pass.TypesInfo.Defs[id])
		}
	}
	ret, ok := decl.Body.List[0].(*ast.ReturnStmt)
	if len(params) != 2 || !ok || len(ret.Results) != 1 {
		return "", false
	}
	isParam := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.pass.TypesInfo.Uses[id] != nil && (c.pass.TypesInfo.Uses[id] == params[0] || c.pass.TypesInfo.Uses[id] == params[1])
	}
	var x, y ast.Expr
	switch r := ast.Unparen(ret.Results[0]).(type) {
	case *ast.BinaryExpr:
		if r.Op == token.EQL {
			x, y = r.X, r.Y
		}
	case *ast.CallExpr:
		if f, _, ok := callee.Of(c.pass.TypesInfo, r); ok && len(r.Args) == 2 && (f == bytesEqual || f == stringsEqualFold || f == reflectDeepEqual) {
			x, y = r.Args[0], r.Args[1]
		}
	}
	if x == nil || !isParam(x) || !isParam(y) {
		return "", false
	}
	c.comparers[fn] = helperOp + fn.Name()
	return c.comparers[fn], true
}

// funcDecl returns the declaration of fn among the package's files.
func (c *checker) funcDecl(fn *types.Func) *ast.FuncDecl {
	if c.decls == nil {
		c.decls = map[types.Object]*ast.FuncDecl{}
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					c.decls[c.pass.TypesInfo.Defs[fd.Name]] = fd
				}
			}
		}
	}
	return c.decls[fn]
}

var (
	bytesEqual       = callee.Func{Pkg: "bytes", Name: "Equal"}
	bytesCompare     = callee.Func{Pkg: "bytes", Name: "Compare"}
	stringsCompare   = callee.Func{Pkg: "strings", Name: "Compare"}
	stringsEqualFold = callee.Func{Pkg: "strings", Name: "EqualFold"}
	stringsContains  = callee.Func{Pkg: "strings", Name: "Contains"}
	bytesContains    = callee.Func{Pkg: "bytes", Name: "Contains"}
	slicesContains   = callee.Func{Pkg: "slices", Name: "Contains"}
	reflectDeepEqual = callee.Func{Pkg: "reflect", Name: "DeepEqual"}
	hashSum          = callee.Func{Pkg: "hash", Recv: "Hash", Name: "Sum"}
	hmacNew          = callee.Func{Pkg: "crypto/hmac", Name: "New"}
)

// public is the kind of a value known to be public: a hash of data
// (sha256.Sum256(body) compared with a published checksum), a public-key
// signature (ed25519.Sign), a field of a standard library type
// (x509.Certificate.Signature). Comparing one leaks nothing, whatever the
// other side is named.
const public = "public"

// publicFuncs return hashes and public-key signatures.
var publicFuncs = func() map[callee.Func]bool {
	m := map[callee.Func]bool{}
	for pkg, names := range map[string][]string{
		"crypto/sha256":  {"Sum256", "Sum224"},
		"crypto/sha512":  {"Sum512", "Sum384", "Sum512_224", "Sum512_256"},
		"crypto/sha1":    {"Sum"},
		"crypto/md5":     {"Sum"},
		"crypto/sha3":    {"Sum224", "Sum256", "Sum384", "Sum512"},
		"crypto/ed25519": {"Sign"},
		"crypto/rsa":     {"SignPKCS1v15", "SignPSS"},
		"crypto/ecdsa":   {"SignASN1"},
		"hash/crc32":     {"ChecksumIEEE", "Checksum"},
	} {
		for _, n := range names {
			m[callee.Func{Pkg: pkg, Name: n}] = true
		}
	}
	return m
}()

// hashNew are the constructors of plain (keyless) hashes: the sum of one
// is public.
var hashNew = map[callee.Func]bool{
	{Pkg: "crypto/sha256", Name: "New"}: true, {Pkg: "crypto/sha256", Name: "New224"}: true,
	{Pkg: "crypto/sha512", Name: "New"}: true, {Pkg: "crypto/sha512", Name: "New384"}: true,
	{Pkg: "crypto/sha1", Name: "New"}: true, {Pkg: "crypto/md5", Name: "New"}: true,
}

// encoders pass a MAC's kind on: hex.EncodeToString(mac.Sum(nil)) is
// still a MAC.
var encoders = func() map[callee.Func]bool {
	m := map[callee.Func]bool{}
	for _, name := range []string{"EncodeToString", "DecodeString", "AppendEncode", "AppendDecode"} {
		m[callee.Func{Pkg: "encoding/hex", Name: name}] = true
		m[callee.Func{Pkg: "encoding/base64", Recv: "Encoding", Name: name}] = true
		m[callee.Func{Pkg: "encoding/base32", Recv: "Encoding", Name: name}] = true
	}
	for _, pkg := range []string{"strings", "bytes"} {
		for _, name := range []string{"ToLower", "ToUpper", "TrimSpace", "TrimPrefix", "TrimSuffix", "Trim", "Clone"} {
			m[callee.Func{Pkg: pkg, Name: name}] = true
		}
	}
	for _, name := range []string{"Sprintf", "Sprint", "Appendf"} {
		m[callee.Func{Pkg: "fmt", Name: name}] = true
	}
	return m
}()

// signatureHeaders are headers that carry a webhook's signature or its
// shared token.
var signatureHeaders = regexp.MustCompile(`(?i)signature|(?:^|-)sig(?:-|$)|(?:^|-)hmac(?:-|$)|^x-(?:[a-z0-9]+-)*token$`)

var basicAuth = callee.Func{Pkg: "net/http", Recv: "Request", Name: "BasicAuth"}

// requestValues read a named value of the request: its query, its form.
var requestValues = map[callee.Func]bool{
	{Pkg: "net/url", Recv: "Values", Name: "Get"}:             true,
	{Pkg: "net/http", Recv: "Request", Name: "FormValue"}:     true,
	{Pkg: "net/http", Recv: "Request", Name: "PostFormValue"}: true,
}

// signatureParams and credentialParams are query and form parameters
// that carry a signature, or a token, key or password.
var (
	signatureParams  = regexp.MustCompile(`(?i)^(?:x-)?(?:[a-z0-9]+[-_.])*(?:signature|sig|hmac)$`)
	credentialParams = regexp.MustCompile(`(?i)^(?:[a-z0-9]+[-_.])*(?:api[-_]?key|apikey|token|access[-_]?token|auth[-_]?token|secret|password|passwd|key)$`)
)

// credentialHeaders are headers that carry a bearer token, a password or
// an API key: compared with the expected value, they leak it the same way.
var credentialHeaders = regexp.MustCompile(`(?i)^(?:proxy-)?authorization$|^x-(?:[a-z0-9]+-)*(?:api-?key|secret)$`)

// macWords mark a name as a MAC's or signature's; guardWords mark names
// that are about one without being one (sigAlg, macAddr, signatureHeader).
var (
	macWords   = map[string]bool{"signature": true, "signatures": true, "sig": true, "sigs": true, "hmac": true, "mac": true, "macs": true}
	guardWords = map[string]bool{"addr": true, "address": true, "hw": true, "hardware": true, "alg": true, "algo": true,
		"algorithm": true, "len": true, "length": true, "size": true, "type": true, "name": true, "header": true,
		"key": true, "scheme": true, "method": true, "version": true, "prefix": true, "format": true, "kind": true,
		"count": true, "id": true, "algorithms": true, "oid": true, "public": true, "pub": true,
		// What is signed is not a signature.
		"message": true, "msg": true, "payload": true, "body": true, "data": true, "input": true,
		"content": true, "canonical": true, "base": true, "request": true, "params": true, "options": true}
)

type checker struct {
	pass *analysis.Pass
	// macs holds the package's functions whose results are HMAC sums,
	// by result index.
	macs map[*types.Func][]int
	// macHashes holds the package's functions whose results are HMACs
	// (hash.Hash values made by hmac.New), by result index.
	macHashes map[*types.Func][]int
	// hmac is set when the package imports crypto/hmac: only then is a
	// value named like a signature taken for a MAC. Elsewhere such names
	// are public-key signatures, certificate fields and test vectors,
	// whose comparison leaks nothing.
	hmac bool
	// comparers holds, per function of the package asked about, the
	// report's name for it when it only compares its two parameters in
	// variable time, and "" when it does not (comparer).
	comparers map[*types.Func]string
	// decls are the package's function declarations, by object, made
	// the first time funcDecl is asked.
	decls map[types.Object]*ast.FuncDecl
	// defs holds what each local or package variable is assigned; an
	// entry of nil marks a definition that is not followed.
	defs    map[*types.Var][]def
	visited map[*types.Var]bool
	// steps counts the expressions visited for one comparison, to bound
	// the search in code with many assignments.
	steps int
}

type def struct {
	expr  ast.Expr
	index int
}

func newChecker(pass *analysis.Pass) *checker {
	c := &checker{pass: pass, defs: map[*types.Var][]def{}, visited: map[*types.Var]bool{}, comparers: map[*types.Func]string{}}
	for _, p := range pass.Pkg.Imports() {
		c.hmac = c.hmac || p.Path() == "crypto/hmac"
	}
	info := pass.TypesInfo
	add := func(id *ast.Ident, d def) {
		obj := info.Defs[id]
		if obj == nil {
			obj = info.Uses[id]
		}
		if v, ok := obj.(*types.Var); ok {
			c.defs[v] = append(c.defs[v], d)
		}
	}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					id, ok := ast.Unparen(lhs).(*ast.Ident)
					if !ok {
						continue
					}
					switch {
					case len(n.Lhs) == len(n.Rhs):
						add(id, def{n.Rhs[i], -1})
					case len(n.Rhs) == 1:
						add(id, def{n.Rhs[0], i})
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					switch {
					case len(n.Values) == len(n.Names):
						add(id, def{n.Values[i], -1})
					case len(n.Values) == 1:
						add(id, def{n.Values[0], i})
					}
				}
			case *ast.CallExpr:
				// copy(want[:], mac(…)): want holds what is copied.
				fn, ok := ast.Unparen(n.Fun).(*ast.Ident)
				if b, isBuiltin := info.Uses[fn].(*types.Builtin); !ok || !isBuiltin || b.Name() != "copy" || len(n.Args) != 2 {
					return true
				}
				dst := ast.Unparen(n.Args[0])
				if sl, ok := dst.(*ast.SliceExpr); ok {
					dst = ast.Unparen(sl.X)
				}
				if id, ok := dst.(*ast.Ident); ok {
					add(id, def{n.Args[1], -1})
				}
			}
			return true
		})
	}
	return c
}

func (c *checker) obj(call *ast.CallExpr) *types.Func {
	_, obj, _ := callee.Of(c.pass.TypesInfo, call)
	return obj
}

// compareCall returns the bytes.Compare or strings.Compare call of
// "Compare(a, b) == 0".
func (c *checker) compareCall(b *ast.BinaryExpr) (*ast.CallExpr, bool) {
	for _, pair := range [][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
		call, ok := ast.Unparen(pair[0]).(*ast.CallExpr)
		if !ok || len(call.Args) != 2 {
			continue
		}
		tv, ok := c.pass.TypesInfo.Types[pair[1]]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int || constant.Sign(tv.Value) != 0 {
			continue
		}
		if fn, _, ok := callee.Of(c.pass.TypesInfo, call); ok && (fn == bytesCompare || fn == stringsCompare) {
			return call, true
		}
	}
	return nil, false
}

// check reports a comparison of x and y when one of them is a MAC or a
// signature and neither is a constant.
func (c *checker) check(file *ast.File, sf *suppress.File, cmp ast.Expr, x, y ast.Expr, op string, negated bool) {
	info := c.pass.TypesInfo
	for _, e := range []ast.Expr{x, y} {
		tv, ok := info.Types[e]
		if !ok || tv.Value != nil || tv.IsNil() || !callee.IsStringLike(tv.Type) {
			return
		}
	}
	c.steps = 0
	kx := c.kind(x, 0)
	c.steps = 0
	ky := c.kind(y, 0)
	what := ""
	switch {
	case kx == "HMAC" || ky == "HMAC":
		what = "HMAC"
	case kx == public || ky == public:
		return // a hash of public data, a public-key signature
	case kx != "":
		what = kx
	default:
		what = ky
	}
	if what == "" || sf.Allowed(cmp.Pos()) {
		return
	}
	d := analysis.Diagnostic{
		Pos:      cmp.Pos(),
		End:      cmp.End(),
		Category: "variable-time-compare",
		Message:  fmt.Sprintf("%s compared with %s: use hmac.Equal, which takes constant time", what, op),
	}
	// The fix rewrites a comparison as a call; a switch's case is no
	// expression to rewrite, and a helper's call is left to the helper.
	if op != switchCase && !strings.HasPrefix(op, helperOp) && !strings.HasSuffix(op, ".Contains") {
		if fix, ok := c.fix(file, cmp, x, y, op, negated); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	c.pass.Report(d)
}

// kind says what e is, "HMAC", "signature header" or "signature", or ""
// when it is none of them.
func (c *checker) kind(e ast.Expr, depth int) string {
	if c.steps++; depth > 8 || c.steps > 2000 {
		return ""
	}
	info := c.pass.TypesInfo
	switch e := e.(type) {
	case *ast.ParenExpr:
		return c.kind(e.X, depth)
	case *ast.SliceExpr:
		return c.kind(e.X, depth+1)
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			if k := c.kind(e.X, depth+1); k != "" {
				return k
			}
			return c.kind(e.Y, depth+1)
		}
	case *ast.CallExpr:
		return c.callKind(e, -1, depth)
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok {
			return ""
		}
		if k := c.varKind(v, depth); k != "" {
			return k
		}
		return c.named(e.Name)
	case *ast.SelectorExpr:
		if sel := info.Selections[e]; sel != nil && sel.Kind() == types.FieldVal {
			if p := sel.Obj().Pkg(); p != nil && standard(p.Path()) {
				return public // x509.Certificate.Signature and the like
			}
			return c.named(e.Sel.Name)
		}
		if v, ok := info.Uses[e.Sel].(*types.Var); ok {
			return c.named(v.Name())
		}
	}
	return ""
}

// varKind is the kind of what a variable is assigned: public only when
// every assignment is.
func (c *checker) varKind(v *types.Var, depth int) string {
	if c.visited[v] {
		return ""
	}
	c.visited[v] = true
	defer delete(c.visited, v)
	out := ""
	for i, d := range c.defs[v] {
		k := ""
		if d.index >= 0 {
			if call, ok := ast.Unparen(d.expr).(*ast.CallExpr); ok {
				k = c.callKind(call, d.index, depth+1)
			}
		} else {
			k = c.kind(d.expr, depth+1)
		}
		switch {
		case k != "" && k != public:
			return k
		case k == public && (i == 0 || out == public):
			out = public
		default:
			out = ""
		}
	}
	return out
}

// callKind is the kind of a call's result (result number index of a call
// with several, or -1).
func (c *checker) callKind(call *ast.CallExpr, index, depth int) string {
	info := c.pass.TypesInfo
	if arg, ok := callee.Conversion(info, call); ok {
		return c.kind(arg, depth+1)
	}
	fn, obj, ok := callee.Of(info, call)
	if !ok {
		return ""
	}
	if fn == basicAuth {
		if index == 1 {
			return "basic-auth password" // user, password, ok := r.BasicAuth()
		}
		return ""
	}
	if index > 0 {
		return ""
	}
	switch {
	case requestValues[fn]:
		// r.URL.Query().Get("api_key"), r.FormValue("token")
		switch p := c.constArg(call); {
		case p == "":
		case signatureParams.MatchString(p):
			return "signature parameter"
		case credentialParams.MatchString(p):
			return "credential parameter"
		}
		return ""
	case publicFuncs[fn]:
		return public
	case fn == hashSum:
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if c.plainHash(sel.X) {
				return public // whatever the hash is named
			}
			if c.isHMAC(sel.X, depth+1) {
				return "HMAC"
			}
		}
		return ""
	case encoders[fn]:
		for _, a := range call.Args {
			if k := c.kind(a, depth+1); k != "" {
				return k
			}
		}
		return ""
	case fn.Pkg == "net/http" && fn.Recv == "Header" && (fn.Name == "Get" || fn.Name == "Values"):
		switch h := c.constArg(call); {
		case h == "":
		case signatureHeaders.MatchString(h):
			return "signature header"
		case credentialHeaders.MatchString(h):
			return "credential header"
		}
		return ""
	}
	if obj != nil {
		if c.macFunc(obj, index) {
			return "HMAC" // v.digest(body), a helper returning an HMAC sum
		}
		if k := c.credentialFunc(obj, depth); k != "" {
			return k // bearer(r), a helper returning the request's token
		}
		return c.named(obj.Name())
	}
	return ""
}

// constArg returns the string constant a call of one argument is given
// (a header's or a parameter's name), or "".
func (c *checker) constArg(call *ast.CallExpr) string {
	if len(call.Args) != 1 {
		return ""
	}
	if tv, ok := c.pass.TypesInfo.Types[call.Args[0]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value)
	}
	return ""
}

// credentialFunc is the kind of what a function of the package returns
// when every return statement gives a credential the request carries
// (bearer(r): the Authorization header without its scheme), or "".
func (c *checker) credentialFunc(fn *types.Func, depth int) string {
	if fn.Pkg() != c.pass.Pkg || depth > 4 {
		return ""
	}
	fd := c.funcDecl(fn)
	if fd == nil || fd.Body == nil || fd.Type.Results == nil || fd.Type.Results.NumFields() != 1 {
		return ""
	}
	out := ""
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 || out == "-" {
				out = "-"
				return false
			}
			tv, ok := c.pass.TypesInfo.Types[n.Results[0]]
			if ok && tv.Value != nil {
				return false // return "": no credential, not a different one
			}
			switch k := c.kind(n.Results[0], depth+1); k {
			case "credential header", "credential parameter", "signature header", "signature parameter", "basic-auth password":
				if out == "" || out == k {
					out = k
					return false
				}
			}
			out = "-"
		}
		return true
	})
	if out == "-" {
		return ""
	}
	return out
}

// plainHash reports whether a hash.Hash is made by a keyless hash's New
// (sha256.New()), directly or through a local variable.
func (c *checker) plainHash(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		fn, _, ok := callee.Of(c.pass.TypesInfo, e)
		return ok && hashNew[fn]
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok || len(c.defs[v]) != 1 || c.defs[v][0].index >= 0 {
			return false
		}
		call, ok := ast.Unparen(c.defs[v][0].expr).(*ast.CallExpr)
		if !ok {
			return false
		}
		fn, _, ok := callee.Of(c.pass.TypesInfo, call)
		return ok && hashNew[fn]
	}
	return false
}

// standard reports whether an import path is the standard library's. A
// first element without a dot is not enough: a module may be named
// "gateway" or "m5".
func standard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return stdRoots[first]
}

// stdRoots are the first elements of the standard library's import paths.
var stdRoots = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range strings.Fields(`archive bufio bytes cmp compress container context crypto database debug
		embed encoding errors expvar flag fmt go hash html image index internal io iter log maps math
		mime net os path plugin reflect regexp runtime slices sort strconv strings structs sync syscall
		testing text time unicode unique unsafe weak`) {
		m[r] = true
	}
	return m
}()

// isHashType reports whether t is hash.Hash.
func isHashType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "hash" && n.Obj().Name() == "Hash"
}

// isHMAC reports whether a hash.Hash is made by hmac.New, or named like
// a MAC.
func (c *checker) isHMAC(e ast.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		fn, obj, ok := callee.Of(c.pass.TypesInfo, e)
		// hmac.New(…), or newMAC(key), a helper that returns it.
		return ok && (fn == hmacNew || c.macHashes != nil && c.macHashFunc(obj))
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok || c.visited[v] {
			return false
		}
		c.visited[v] = true
		defer delete(c.visited, v)
		for _, d := range c.defs[v] {
			if d.index < 0 && c.isHMAC(d.expr, depth+1) {
				return true
			}
		}
		return c.named(e.Name) != ""
	case *ast.SelectorExpr:
		return c.named(e.Sel.Name) != ""
	}
	return false
}

// named is nameKind where names count: in packages that use HMACs.
func (c *checker) named(name string) string {
	if !c.hmac {
		return ""
	}
	return nameKind(name)
}

// nameKind says whether a name is a MAC's or a signature's.
func nameKind(name string) string {
	found := ""
	for _, w := range words(name) {
		if guardWords[w] {
			return ""
		}
		if macWords[w] {
			found = "signature"
			if strings.Contains(w, "mac") {
				found = "MAC"
			}
		}
	}
	return found
}

// words splits a Go name into lower-case words: expectedHMAC → expected,
// hmac; sig_header → sig, header.
func words(name string) []string {
	var out []string
	rs := []rune(name)
	start := 0
	flush := func(i int) {
		if i > start {
			out = append(out, strings.ToLower(string(rs[start:i])))
		}
		start = i
	}
	for i, r := range rs {
		switch {
		case r == '_' || unicode.IsDigit(r):
			flush(i)
			start = i + 1
		case i > 0 && unicode.IsUpper(r) && (unicode.IsLower(rs[i-1]) ||
			unicode.IsUpper(rs[i-1]) && i+1 < len(rs) && unicode.IsLower(rs[i+1])):
			flush(i)
		}
	}
	flush(len(rs))
	return out
}

// fix rewrites the comparison as hmac.Equal.
func (c *checker) fix(file *ast.File, cmp ast.Expr, x, y ast.Expr, op string, negated bool) (analysis.SuggestedFix, bool) {
	info := c.pass.TypesInfo
	name, edits, ok := edit.Import(info, c.pass.Pkg, file, "crypto/hmac", "hmac", cmp.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	fold := op == "strings.EqualFold"
	var args []string
	for _, e := range []ast.Expr{x, y} {
		s, ok := c.bytesOf(e, fold)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		args = append(args, s)
	}
	text := name + ".Equal(" + args[0] + ", " + args[1] + ")"
	if negated {
		text = "!" + text
	}
	edits = append(edits, analysis.TextEdit{Pos: cmp.Pos(), End: cmp.End(), NewText: []byte(text)})
	// bytes.Equal was perhaps the file's only use of bytes.
	if call, ok := cmp.(*ast.CallExpr); ok {
		if fn, _, ok := callee.Of(info, call); ok && (fn == bytesEqual || fn == reflectDeepEqual) {
			if del, ok := edit.RemoveImport(info, c.pass.Fset, file, fn.Pkg, 1); ok {
				edits = append(edits, del)
			}
		}
	}
	return analysis.SuggestedFix{Message: "Compare with hmac.Equal", TextEdits: edits}, true
}

// bytesOf returns Go text for e as a []byte: e itself, the []byte that
// string(b) converts, or []byte(e). With fold, the text is lower-cased
// first, as strings.EqualFold ignored case.
func (c *checker) bytesOf(e ast.Expr, fold bool) (string, bool) {
	info := c.pass.TypesInfo
	t := info.TypeOf(e)
	if t == nil {
		return "", false
	}
	text, ok := c.text(e)
	if !ok {
		return "", false
	}
	if fold {
		return "[]byte(strings.ToLower(" + text + "))", true
	}
	switch u := t.Underlying().(type) {
	case *types.Slice:
		return text, true
	case *types.Array:
		if _, ok := ast.Unparen(e).(*ast.Ident); ok {
			return text + "[:]", true // addressable
		}
		return "", false
	case *types.Basic:
		if u.Info()&types.IsString == 0 {
			return "", false
		}
		if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
			if arg, ok := callee.Conversion(info, call); ok {
				if s, ok := info.TypeOf(arg).Underlying().(*types.Slice); ok && s != nil {
					return c.text(arg)
				}
			}
		}
		return "[]byte(" + text + ")", true
	}
	return "", false
}

func (c *checker) text(e ast.Expr) (string, bool) {
	var buf bytes.Buffer
	if err := format.Node(&buf, c.pass.Fset, e); err != nil {
		return "", false
	}
	return buf.String(), true
}

// reaches reports whether pkg imports path, directly or not.
func reaches(pkg *types.Package, path string) bool {
	seen := map[*types.Package]bool{}
	var walk func(p *types.Package) bool
	walk = func(p *types.Package) bool {
		if seen[p] {
			return false
		}
		seen[p] = true
		if p.Path() == path {
			return true
		}
		return slices.ContainsFunc(p.Imports(), walk)
	}
	return slices.ContainsFunc(pkg.Imports(), walk)
}
