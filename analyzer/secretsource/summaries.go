package secretsource

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/hookscan/hookscan/analyzer/internal/callee"
	"github.com/hookscan/hookscan/analyzer/internal/sinks"
)

// sinkParams is the fact that a function passes some of its parameters to
// a secret sink: newMAC(key string) calls hmac.New with key. A call that
// passes a literal for such a parameter is reported where it is written,
// in this package or an importer. Like every fact it holds no value.
type sinkParams struct {
	// Params are the parameters that reach a sink.
	Params []sinkParam
}

// sinkParam is one parameter that reaches a sink.
type sinkParam struct {
	// Index is the parameter's position; for the variadic last one,
	// every argument from it on.
	Index int
	// What, Env and Sink describe the sink reached: "HMAC key",
	// "WEBHOOK_SECRET", "hmac.New".
	What, Env, Sink string
	// Kind is the sink's: a credential header is judged as one (its
	// placeholders and "Bearer " prefixes are no secret).
	Kind sinks.Kind
	// at is where the function passes the parameter to the sink; known
	// in the function's own package only (facts do not carry it).
	at token.Pos
}

// AFact marks sinkParams as a fact.
func (*sinkParams) AFact() {}

func (f *sinkParams) String() string {
	var parts []string
	for _, p := range f.Params {
		parts = append(parts, fmt.Sprintf("param %d to %s", p.Index, p.Sink))
	}
	return "sinks: " + strings.Join(parts, ", ")
}

// summarize finds which parameters of the package's functions reach a
// secret sink, directly or through another summarized function, and
// exports the summaries of the exported ones.
func (ix *index) summarize() {
	ix.summaries = map[*types.Func]*sinkParams{}
	fns := make([]*types.Func, 0, len(ix.funcs))
	for fn := range ix.funcs {
		fns = append(fns, fn)
	}
	slices.SortFunc(fns, func(a, b *types.Func) int { return int(a.Pos() - b.Pos()) })
	// A chain of helpers needs one round per link; a few cover what
	// people write.
	for range 4 {
		changed := false
		for _, fn := range fns {
			if ix.summarizeFunc(fn) {
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for _, fn := range fns {
		if s := ix.summaries[fn]; s != nil && fn.Exported() {
			ix.pass.ExportObjectFact(fn, s)
		}
	}
}

// summarizeFunc adds to the summaries the parameters fn's sink calls use:
// fn's own, and those of the functions that store the fields fn passes
// (a constructor's key, read by a method); it reports whether one grew.
func (ix *index) summarizeFunc(fn *types.Func) bool {
	decl := ix.funcs[fn]
	grew := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		for _, a := range ix.sinkArgs(n) {
			if !ix.summarized(a) {
				continue
			}
			v := ix.argValue(a)
			for _, p := range v.params {
				owner := ix.paramFunc[p]
				if owner == nil {
					continue
				}
				i := slices.Index(paramList(owner.Type().(*types.Signature)), p)
				if i < 0 {
					continue
				}
				s := ix.summaries[owner]
				if s == nil {
					s = &sinkParams{}
					ix.summaries[owner] = s
				}
				if slices.ContainsFunc(s.Params, func(q sinkParam) bool { return q.Index == i }) {
					continue
				}
				s.Params = append(s.Params, sinkParam{Index: i, What: a.What, Env: a.Env, Sink: sinkName(a), Kind: a.Kind, at: sinkAt(a)})
				grew = true
			}
		}
		return true
	})
	return grew
}

// summarized reports whether a sink argument is one a summary follows
// back to a parameter: a secret, a credential header or a URL (an HMAC
// key only when the MAC is keyed with it).
func (ix *index) summarized(a sinks.Arg) bool {
	switch a.Kind {
	case sinks.Secret, sinks.Header, sinks.WebhookURL, sinks.AnyURL:
		return ix.hmacKey(a)
	}
	return false
}

// sinkAt is where an argument reaches its sink: inside the helper that
// passes it on, or the argument itself.
func sinkAt(a sinks.Arg) token.Pos {
	if a.Inner.IsValid() {
		return a.Inner
	}
	return a.Expr.Pos()
}

// sinkName is the sink an argument ends in: "hmac.New".
func sinkName(a sinks.Arg) string {
	if i := strings.Index(a.Callee, " (which passes it to "); i >= 0 {
		return strings.TrimSuffix(a.Callee[i+len(" (which passes it to "):], ")")
	}
	return a.Callee
}

func paramList(sig *types.Signature) []*types.Var {
	out := make([]*types.Var, sig.Params().Len())
	for i := range out {
		out[i] = sig.Params().At(i)
	}
	return out
}

// sinkArgs are the arguments of a call that reach a secret sink (the
// sink's own, and those a summarized function passes on to one), or the
// fields of a struct literal that are sinks.
func (ix *index) sinkArgs(n ast.Node) []sinks.Arg {
	if lit, ok := n.(*ast.CompositeLit); ok {
		return sinks.Fields(ix.info(), lit)
	}
	call, ok := n.(*ast.CallExpr)
	if !ok {
		return nil
	}
	out := sinks.Args(ix.info(), call)
	fn, obj, ok := callee.Of(ix.info(), call)
	// A method expression, T.M(recv, key), passes the receiver first.
	shift := methodExpr(ix.info(), call.Fun)
	if !ok {
		// sign := T.M; sign(recv, key): the function a local variable
		// holds.
		if obj, shift = ix.heldFunc(call.Fun); obj == nil {
			return append(out, ix.litSinkArgs(call)...)
		}
	} else if i, ok := keyfuncArg(fn); ok && i < len(call.Args) {
		out = append(out, ix.keyfuncReturns(call.Args[i], callee.Name(obj))...)
	}
	var s *sinkParams
	if obj.Pkg() == ix.pass.Pkg {
		s = ix.summaries[obj.Origin()]
	} else {
		var f sinkParams
		if ix.pass.ImportObjectFact(obj.Origin(), &f) {
			s = &f
		}
	}
	if s == nil {
		return out
	}
	sig := obj.Type().(*types.Signature)
	for _, p := range s.Params {
		first, last := p.Index+shift, p.Index+shift
		if sig.Variadic() && p.Index == sig.Params().Len()-1 {
			last = len(call.Args) - 1
		}
		spread := call.Ellipsis.IsValid() && last == len(call.Args)-1
		for i := first; i <= last && i < len(call.Args); i++ {
			out = append(out, sinks.Arg{
				Sink:   &sinks.Sink{What: p.What, Env: p.Env, Kind: p.Kind},
				Expr:   call.Args[i],
				Callee: callee.Name(obj) + " (which passes it to " + p.Sink + ")",
				Inner:  p.at,
				Spread: spread && i == last,
			})
		}
	}
	return out
}

// litSinkArgs are the arguments of a call of a function literal held in
// a local variable (post := func(u string) { http.Post(u, …) }; post(x))
// that the literal passes to a secret sink.
func (ix *index) litSinkArgs(call *ast.CallExpr) []sinks.Arg {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := ix.info().Uses[id].(*types.Var)
	if !ok || ix.visiting[v] {
		return nil
	}
	lit := ix.funcLit(v)
	if lit == nil || call.Ellipsis.IsValid() {
		return nil
	}
	ix.visiting[v] = true
	defer delete(ix.visiting, v)
	var params []*types.Var
	for _, fld := range lit.Type.Params.List {
		for _, name := range fld.Names {
			params = append(params, ix.varOf(name))
		}
		if len(fld.Names) == 0 {
			params = append(params, nil)
		}
	}
	var out []sinks.Arg
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		for _, a := range ix.sinkArgs(n) {
			if !ix.summarized(a) {
				continue
			}
			for _, p := range ix.argValue(a).params {
				i := slices.Index(params, p)
				if i < 0 || i >= len(call.Args) {
					continue
				}
				out = append(out, sinks.Arg{Sink: a.Sink, Expr: call.Args[i], Callee: id.Name + " (which passes it to " + sinkName(a) + ")", Inner: sinkAt(a)})
			}
		}
		return true
	})
	return out
}

// methodExpr is 1 when fun is a method expression (T.M, (*T).M), whose
// calls pass the receiver as the first argument, and 0 otherwise.
func methodExpr(info *types.Info, fun ast.Expr) int {
	if sel, ok := ast.Unparen(fun).(*ast.SelectorExpr); ok {
		if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodExpr {
			return 1
		}
	}
	return 0
}

// heldFunc is the function a local variable called as fun holds when its
// only definition is a function, a method value or a method expression
// (with := Rotation.With), and how many arguments come before the
// function's own parameters.
func (ix *index) heldFunc(fun ast.Expr) (*types.Func, int) {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok {
		return nil, 0
	}
	v, ok := ix.info().Uses[id].(*types.Var)
	if !ok || ix.params[v] || ix.addrTaken[v] || len(ix.defs[v]) != 1 {
		return nil, 0
	}
	d := ix.defs[v][0]
	if d.expr == nil || d.index >= 0 {
		return nil, 0
	}
	var obj types.Object
	switch x := ast.Unparen(d.expr).(type) {
	case *ast.Ident:
		obj = ix.info().Uses[x]
	case *ast.SelectorExpr:
		obj = ix.info().Uses[x.Sel]
	}
	fn, ok := obj.(*types.Func)
	if !ok {
		return nil, 0
	}
	return fn, methodExpr(ix.info(), d.expr)
}

// keyfuncArg is the position of the keyfunc argument of a golang-jwt
// parse call: the key it returns verifies the token.
func keyfuncArg(fn callee.Func) (int, bool) {
	if fn.Pkg != "github.com/golang-jwt/jwt" {
		return 0, false
	}
	switch fn.Name {
	case "Parse":
		return 1, true
	case "ParseWithClaims":
		return 2, true
	}
	return 0, false
}

// keyfuncReturns are the keys a keyfunc returns: a function literal, or
// a function or method of this package named as the keyfunc. Only a
// literal can be reported, and a literal key is an HMAC secret: RSA and
// ECDSA public keys are parsed values, never literals.
func (ix *index) keyfuncReturns(arg ast.Expr, name string) []sinks.Arg {
	var body *ast.BlockStmt
	switch x := ast.Unparen(arg).(type) {
	case *ast.FuncLit:
		body = x.Body
	case *ast.Ident, *ast.SelectorExpr:
		id, _ := x.(*ast.Ident)
		if sel, ok := x.(*ast.SelectorExpr); ok {
			id = sel.Sel
		}
		if fn, ok := ix.info().Uses[id].(*types.Func); ok {
			if decl := ix.funcs[fn.Origin()]; decl != nil {
				body = decl.Body
			}
		}
	}
	if body == nil {
		return nil
	}
	var out []sinks.Arg
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			switch len(n.Results) {
			case 2:
				out = append(out, sinks.Arg{Sink: keyfuncSink, Expr: n.Results[0], Callee: name + " keyfunc"})
			case 1:
				// return ks.Key(): its first result is the key.
				if c, ok := ast.Unparen(n.Results[0]).(*ast.CallExpr); ok {
					out = append(out, sinks.Arg{Sink: keyfuncSink, Expr: c, Callee: name + " keyfunc"})
				}
			}
		}
		return true
	})
	return out
}

// hmacKey reports whether a sink argument may be an HMAC key: always for
// sinks that take nothing else; for those that also take public-key
// algorithms, unless the algorithm is known and not HMAC
// (jwt.SigningMethodRS256, jwa.ES256, jose.EdDSA), or the key's type is
// one of crypto's public-key types.
func (ix *index) hmacKey(a sinks.Arg) bool {
	if publicKeyType(ix.info().TypeOf(a.Expr)) {
		return false
	}
	alg := a.AlgExpr
	if a.Alg == sinks.AlgInToken && a.Token != nil {
		alg = ix.tokenMethod(a.Token, 0)
	}
	if hmac, known := sinks.HMAC(ix.info(), alg); known && !hmac {
		return false
	}
	return true
}

// tokenMethod is the signing method a golang-jwt token was made with
// (jwt.New(m), jwt.NewWithClaims(m, c)), or nil when not known here.
func (ix *index) tokenMethod(e ast.Expr, depth int) ast.Expr {
	if depth > 4 {
		return nil
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		fn, _, ok := callee.Of(ix.info(), x)
		if ok && (fn.Name == "New" || fn.Name == "NewWithClaims") && len(x.Args) > 0 && fn.Recv == "" {
			return x.Args[0]
		}
	case *ast.Ident:
		v, ok := ix.info().Uses[x].(*types.Var)
		if !ok || ix.params[v] || len(ix.defs[v]) != 1 {
			return nil
		}
		if d := ix.defs[v][0]; d.expr != nil && (d.index < 0 || d.index == 0) {
			return ix.tokenMethod(d.expr, depth+1)
		}
	}
	return nil
}

// publicKeyType reports whether t is one of crypto's key types
// (ed25519.PublicKey, ed25519.PrivateKey, …): byte slices that are not
// HMAC keys.
func publicKeyType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	return strings.HasPrefix(n.Obj().Pkg().Path(), "crypto/") && strings.HasSuffix(n.Obj().Name(), "Key")
}

var keyfuncSink = &sinks.Sink{What: "JWT HMAC key", Env: "JWT_SIGNING_KEY", Kind: sinks.Secret}
