package secretsource

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/hookscan/hookscan/analyzer/internal/callee"
	"github.com/hookscan/hookscan/analyzer/internal/sinks"
)

// The value flow is syntactic and flow-insensitive, like go vet's own
// checks: a variable may hold whatever any assignment to it in the package
// stores, a struct field whatever the composite literals and assignments of
// that variable store. A variable whose address is taken (flag.StringVar,
// json.Unmarshal) or that is a parameter holds a value from outside, never
// a literal. Anything not understood is "other": the analyzer stays silent
// rather than guess.

// maxDepth bounds how many definitions deep a value is followed, and
// maxSteps how many expressions one question may visit: code with many
// assignments to many variables must not make the search explode.
const (
	maxDepth = 16
	maxSteps = 4000
)

// leaf is one hard-coded value a sink argument may hold.
type leaf struct {
	// lit is the literal or constant expression in this package, nil when
	// the value is declared in another package.
	lit ast.Expr
	// via is the named constant, variable or field that holds the
	// literal (the one nearest the literal, when it passes through
	// several); nil when the literal is written in the argument.
	via types.Object
	// base is the variable holding the struct when via is a field.
	base types.Object
	// remote is where a value from another package is declared
	// ("file.go:12"), from a fact or the constant's position.
	remote string
	// caller marks a value a call passes to the function being followed:
	// the callee's variables do not name it.
	caller bool
	// embed is the //go:embed pattern of a variable whose value is a
	// file compiled into the program.
	embed string
}

// value is what an expression may evaluate to.
type value struct {
	// leaves are the hard-coded values it may be.
	leaves []leaf
	// other is set when it may also be something that is not a literal:
	// a parameter, an environment variable, a call result.
	other bool
	// params are the parameters of the function being read that the value
	// may come from: a summary of which parameters reach a sink.
	params []*types.Var
}

// literal reports whether the value may be hard-coded.
func (v value) literal() bool { return len(v.leaves) > 0 }

// canBeLiteral reports whether the value is a literal or nothing at all
// (an empty string, a zero value): a concatenation is hard-coded only
// when each part can be.
func (v value) canBeLiteral() bool { return len(v.leaves) > 0 || !v.other }

func (v value) union(w value) value {
	return value{
		leaves: append(v.leaves[:len(v.leaves):len(v.leaves)], w.leaves...),
		other:  v.other || w.other,
		params: append(v.params[:len(v.params):len(v.params)], w.params...),
	}
}

var other = value{other: true}

// def is one value stored into a variable or field.
type def struct {
	// expr is the value stored; nil for a value that is not a literal
	// (a range variable).
	expr ast.Expr
	// index is the result of a multi-valued expr that is stored, or -1.
	index int
	// zero marks "var x T": the zero value, no secret.
	zero bool
	// elem marks the value variable of a range over expr: it holds the
	// elements of expr.
	elem bool
}

// frame binds the parameters of a function whose result is being
// followed to the arguments of one call.
type frame struct {
	fn   *types.Func
	args []ast.Expr
}

// fieldKey names one field of one variable.
type fieldKey struct {
	base  *types.Var
	field *types.Var
}

// index holds every definition in the package.
type index struct {
	pass *analysis.Pass
	defs map[*types.Var][]def
	// fields holds assignments to x.f for a variable x.
	fields map[fieldKey][]def
	// addrTaken holds variables whose address is taken (&x, x.M() with a
	// pointer receiver) or that are written through (x[i] = …, *x = …):
	// their values can change out of sight.
	addrTaken map[*types.Var]bool
	// escaped holds fields whose address is taken (&c.secret): they may
	// be written out of sight.
	escaped map[*types.Var]bool
	// recvs are method receivers.
	recvs map[*types.Var]bool
	// typeLits holds the composite literals of each named map or slice
	// type of the package; typeOther marks those whose values are also
	// made otherwise (make, a conversion, a call, another package).
	typeLits  map[*types.TypeName][]*ast.CompositeLit
	typeOther map[*types.TypeName]bool
	// entries holds what m[k] = v stores into a map variable m.
	entries map[*types.Var][]def
	// aliased holds pointer variables used other than by selecting a
	// field: the struct they point to can change out of sight.
	aliased map[*types.Var]bool
	// params are function parameters and results.
	params map[*types.Var]bool
	// paramFunc maps the parameters of the package's declared functions
	// to their function: a parameter stored into a field that a method
	// passes to a sink makes the function (a constructor, an option) a
	// summarized one.
	paramFunc map[*types.Var]*types.Func
	// consts maps a constant declared in this package to its value
	// expression.
	consts map[*types.Const]ast.Expr
	// fieldWrites holds every value stored into a field, whatever the
	// variable: composite literals and assignments, for fields read
	// through a parameter or a receiver (s.key in a method, set by the
	// constructor).
	fieldWrites map[*types.Var][]def
	// assigned holds the values assignments (x.f = …) store into a field
	// promoted through embedded ones, by the outermost embedded field
	// and the field.
	assigned map[[2]*types.Var][]def
	// funcs are the functions declared in the package.
	funcs map[*types.Func]*ast.FuncDecl
	// summaries are the package's functions whose parameters reach a
	// secret sink.
	summaries map[*types.Func]*sinkParams
	// frames are the calls whose callee's result is being followed.
	frames []frame
	// skipTests leaves _test.go files out of fieldWrites.
	skipTests bool
	inTest    bool
	// embeds holds the package's //go:embed variables and their
	// patterns: a file compiled into the binary ships like a literal.
	embeds map[*types.Var]string
	// writes holds what is written into a local bytes.Buffer or
	// strings.Builder, by the variable.
	writes map[*types.Var][]ast.Expr
	// visiting guards against cycles (s = s + "x").
	visiting map[types.Object]bool
	// steps counts the expressions visited for the current question.
	steps int
}

// value is what e may evaluate to: the entry point for one question.
func (ix *index) value(e ast.Expr) value {
	ix.steps = 0
	return ix.eval(e, 0)
}

// argValue is what a sink argument may hold: for a slice spread into a
// variadic parameter, any of its elements.
func (ix *index) argValue(a sinks.Arg) value {
	if a.Spread {
		ix.steps = 0
		return ix.elements(a.Expr, 0)
	}
	return ix.value(a.Expr)
}

func newIndex(pass *analysis.Pass, tests bool) *index {
	ix := &index{
		fieldWrites: map[*types.Var][]def{},
		assigned:    map[[2]*types.Var][]def{},
		funcs:       map[*types.Func]*ast.FuncDecl{},
		skipTests:   !tests,
		pass:        pass,
		defs:        map[*types.Var][]def{},
		fields:      map[fieldKey][]def{},
		addrTaken:   map[*types.Var]bool{},
		aliased:     map[*types.Var]bool{},
		entries:     map[*types.Var][]def{},
		recvs:       map[*types.Var]bool{},
		typeLits:    map[*types.TypeName][]*ast.CompositeLit{},
		typeOther:   map[*types.TypeName]bool{},
		escaped:     map[*types.Var]bool{},
		params:      map[*types.Var]bool{},
		paramFunc:   map[*types.Var]*types.Func{},
		consts:      map[*types.Const]ast.Expr{},
		visiting:    map[types.Object]bool{},
		embeds:      map[*types.Var]string{},
		writes:      map[*types.Var][]ast.Expr{},
	}
	for _, f := range pass.Files {
		ix.inTest = strings.HasSuffix(pass.Fset.File(f.FileStart).Name(), "_test.go")
		ast.Inspect(f, ix.visit)
	}
	return ix
}

func (ix *index) info() *types.Info { return ix.pass.TypesInfo }

func (ix *index) varOf(id *ast.Ident) *types.Var {
	obj := ix.info().Defs[id]
	if obj == nil {
		obj = ix.info().Uses[id]
	}
	v, _ := obj.(*types.Var)
	return v
}

func (ix *index) visit(n ast.Node) bool {
	info := ix.info()
	switch n := n.(type) {
	case *ast.FuncType:
		for _, list := range []*ast.FieldList{n.TypeParams, n.Params, n.Results} {
			if list == nil {
				continue
			}
			for _, fld := range list.List {
				for _, id := range fld.Names {
					if v := ix.varOf(id); v != nil {
						ix.params[v] = true
					}
				}
			}
		}
	case *ast.GenDecl:
		ix.embedDecl(n)
	case *ast.CompositeLit:
		ix.compositeFields(n)
		if tn := ix.collection(info.TypeOf(n)); tn != nil {
			ix.typeLits[tn] = append(ix.typeLits[tn], n)
		}
	case *ast.CallExpr:
		ix.bufferWrite(n)
		// make(keyring), keyring(m), loadKeyring(): values of a
		// collection type that are not its literals.
		if tn := ix.collection(info.TypeOf(n)); tn != nil {
			ix.typeOther[tn] = true
		}
	case *ast.FuncDecl:
		if fn, ok := info.Defs[n.Name].(*types.Func); ok && n.Body != nil {
			ix.funcs[fn] = n
			for _, p := range paramList(fn.Type().(*types.Signature)) {
				ix.paramFunc[p] = fn
			}
		}
		if n.Recv != nil {
			for _, fld := range n.Recv.List {
				for _, id := range fld.Names {
					if v := ix.varOf(id); v != nil {
						ix.params[v] = true
						ix.recvs[v] = true
					}
				}
			}
		}
	case *ast.ValueSpec:
		for i, id := range n.Names {
			switch obj := info.Defs[id].(type) {
			case *types.Const:
				if i < len(n.Values) {
					ix.consts[obj] = n.Values[i]
				}
			case *types.Var:
				switch {
				case len(n.Values) == 0:
					ix.defs[obj] = append(ix.defs[obj], def{index: -1, zero: true})
				case len(n.Values) == len(n.Names):
					ix.defs[obj] = append(ix.defs[obj], def{expr: n.Values[i], index: -1})
				case len(n.Values) == 1:
					ix.defs[obj] = append(ix.defs[obj], def{expr: n.Values[0], index: i})
				}
			}
		}
	case *ast.AssignStmt:
		for i, lhs := range n.Lhs {
			d := def{index: -1}
			switch {
			case len(n.Lhs) == len(n.Rhs):
				d.expr = n.Rhs[i]
			case len(n.Rhs) == 1:
				d = def{expr: n.Rhs[0], index: i}
			}
			ix.store(ast.Unparen(lhs), d)
		}
	case *ast.RangeStmt:
		if n.Key != nil {
			ix.store(ast.Unparen(n.Key), def{index: -1})
		}
		if n.Value != nil {
			d := def{index: -1}
			if t := info.TypeOf(n.X); t != nil {
				switch t.Underlying().(type) {
				case *types.Slice, *types.Array, *types.Map:
					d = def{expr: n.X, index: -1, elem: true}
				}
			}
			ix.store(ast.Unparen(n.Value), d)
		}
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			ix.escape(n.X)
		}
	case *ast.SelectorExpr:
		// x.M() with a pointer receiver takes x's address; a buffer's
		// writes are recorded instead.
		if sel := info.Selections[n]; sel != nil && sel.Kind() == types.MethodVal && !isBuffer(sel.Recv()) {
			if fn, ok := sel.Obj().(*types.Func); ok {
				if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
					if _, ptr := sig.Recv().Type().(*types.Pointer); ptr {
						ix.escape(n.X)
					}
				}
			}
		}
		// Selecting a field of a pointer does not let it escape.
		if info.Selections[n] != nil {
			if _, ok := ast.Unparen(n.X).(*ast.Ident); ok {
				return false
			}
		}
	case *ast.Ident:
		// A pointer used other than by selecting a field may be written
		// through by whoever receives it.
		if v, ok := info.Uses[n].(*types.Var); ok && !v.IsField() {
			if _, ptr := v.Type().Underlying().(*types.Pointer); ptr {
				ix.aliased[v] = true
			}
		}
	}
	return true
}

// store records that d is stored into lhs.
func (ix *index) store(lhs ast.Expr, d def) {
	switch lhs := lhs.(type) {
	case *ast.Ident:
		if v := ix.varOf(lhs); v != nil {
			ix.defs[v] = append(ix.defs[v], d)
		}
	case *ast.SelectorExpr:
		sel := ix.info().Selections[lhs]
		if sel == nil || sel.Kind() != types.FieldVal {
			// pkg.Var = …
			if v, ok := ix.info().Uses[lhs.Sel].(*types.Var); ok {
				ix.defs[v] = append(ix.defs[v], d)
			}
			return
		}
		fv, _ := sel.Obj().(*types.Var)
		if fv != nil && !(ix.inTest && ix.skipTests) {
			ix.addFieldWrite(fv, d)
			if path := selPath(sel); len(path) > 1 {
				k := [2]*types.Var{path[0].Origin(), fv.Origin()}
				ix.assigned[k] = append(ix.assigned[k], d)
			}
		}
		if id, ok := ast.Unparen(lhs.X).(*ast.Ident); ok && fv != nil {
			if base := ix.varOf(id); base != nil {
				ix.fields[fieldKey{base, fv}] = append(ix.fields[fieldKey{base, fv}], d)
				return
			}
		}
		if v := rootVar(ix.info(), lhs.X); v != nil {
			ix.addrTaken[v] = true // a.b.f = …: not followed
		}
	case *ast.IndexExpr:
		// m[k] = v adds an entry to the map m.
		if id, ok := ast.Unparen(lhs.X).(*ast.Ident); ok {
			if v := ix.varOf(id); v != nil {
				if _, ok := v.Type().Underlying().(*types.Map); ok {
					ix.entries[v] = append(ix.entries[v], d)
					return
				}
			}
		}
		if v := rootVar(ix.info(), lhs); v != nil {
			ix.addrTaken[v] = true // s[i] = …
		}
	default:
		if v := rootVar(ix.info(), lhs); v != nil {
			ix.addrTaken[v] = true // *p = …
		}
	}
}

func (ix *index) escape(e ast.Expr) {
	if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
		if s := ix.info().Selections[sel]; s != nil && s.Kind() == types.FieldVal {
			if f, ok := s.Obj().(*types.Var); ok {
				ix.escaped[f] = true
			}
		}
	}
	if v := rootVar(ix.info(), e); v != nil {
		ix.addrTaken[v] = true
	}
}

// rootVar returns the variable at the root of x, x.f, x[i], *x.
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			if v == nil {
				v, _ = info.Defs[x].(*types.Var)
			}
			return v
		case *ast.SelectorExpr:
			if sel := info.Selections[x]; sel == nil {
				v, _ := info.Uses[x.Sel].(*types.Var) // pkg.Var
				return v
			}
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.SliceExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// eval returns what e may evaluate to.
func (ix *index) eval(e ast.Expr, depth int) value {
	if ix.steps++; e == nil || depth > maxDepth || ix.steps > maxSteps {
		return other
	}
	info := ix.info()
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return ix.constant(e, tv.Value)
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return ix.eval(e.X, depth)
	case *ast.Ident:
		switch obj := info.Uses[e].(type) {
		case *types.Var:
			return ix.variable(obj, depth)
		case *types.Nil:
			return value{}
		}
		return other
	case *ast.SelectorExpr:
		sel := info.Selections[e]
		if sel == nil {
			if v, ok := info.Uses[e.Sel].(*types.Var); ok {
				return ix.variable(v, depth) // pkg.Var
			}
			return other
		}
		if sel.Kind() != types.FieldVal {
			return other
		}
		return ix.field(e.X, selPath(sel), depth)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return other
		}
		return concat(ix.eval(e.X, depth+1), ix.eval(e.Y, depth+1))
	case *ast.CallExpr:
		return ix.call(e, -1, depth)
	case *ast.SliceExpr:
		return ix.eval(e.X, depth+1)
	case *ast.IndexExpr:
		// m[k], s[i]: any of the elements.
		return ix.elements(e.X, depth+1)
	case *ast.CompositeLit:
		return ix.byteSlice(e)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return other
		}
	}
	return other
}

// concat is the value of a + b: hard-coded when both parts can be.
func concat(a, b value) value {
	// The parameters stay: "Bearer " + token passes token on.
	params := append(a.params[:len(a.params):len(a.params)], b.params...)
	if !a.canBeLiteral() || !b.canBeLiteral() {
		return value{other: true, params: params}
	}
	// The part that is not written in place names the value best:
	// "Bearer " + token is token's.
	return value{leaves: append(b.leaves[:len(b.leaves):len(b.leaves)], a.leaves...), other: a.other || b.other, params: params}
}

// constant is the value of a constant expression: empty strings are no
// secret.
func (ix *index) constant(e ast.Expr, v constant.Value) value {
	if v.Kind() != constant.String || constant.StringVal(v) == "" {
		return value{}
	}
	l := leaf{lit: e}
	whole, compound := l, false
	var obj types.Object
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj = ix.info().Uses[x]
	case *ast.SelectorExpr:
		obj = ix.info().Uses[x.Sel]
	default:
		compound = true
		// "Bearer " + token: the value is best named by its longest named
		// constant part.
		longest := -1
		ast.Inspect(x, func(n ast.Node) bool {
			var id *ast.Ident
			switch n := n.(type) {
			case *ast.Ident:
				id = n
			case *ast.SelectorExpr:
				id = n.Sel
			default:
				return true
			}
			if c, ok := ix.info().Uses[id].(*types.Const); ok && c.Val().Kind() == constant.String {
				if n := len(constant.StringVal(c.Val())); n > longest {
					obj, longest = c, n
				}
			}
			return false
		})
	}
	if c, ok := obj.(*types.Const); ok {
		l.via = c
		if decl, ok := ix.consts[c]; ok {
			l.lit = decl
		} else {
			l.lit = nil
			l.remote = ix.where(c.Pos())
		}
	}
	if compound && l.via != nil {
		// The whole value too, which may be a webhook URL that its named
		// part is not (base + "/" + token).
		return value{leaves: []leaf{l, whole}}
	}
	return value{leaves: []leaf{l}}
}

// where returns "file.go:line" of a position, for messages about
// declarations in other packages.
func (ix *index) where(pos token.Pos) string {
	if !pos.IsValid() {
		return ""
	}
	p := ix.pass.Fset.Position(pos)
	return baseName(p.Filename) + ":" + itoa(p.Line)
}

// byteSlice is the value of []byte{…}: hard-coded when every element is
// a constant.
func (ix *index) byteSlice(e *ast.CompositeLit) value {
	t := ix.info().TypeOf(e)
	if t == nil || !callee.IsStringLike(t) || len(e.Elts) == 0 {
		return other
	}
	for _, el := range e.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			el = kv.Value
		}
		if tv, ok := ix.info().Types[el]; !ok || tv.Value == nil {
			return other
		}
	}
	return value{leaves: []leaf{{lit: e}}}
}

// variable is what a variable may hold.
func (ix *index) variable(v *types.Var, depth int) value {
	if ix.params[v] {
		out, ok := ix.bound(v, depth)
		if !ok {
			out = value{other: true, params: []*types.Var{v}}
		}
		if len(ix.defs[v]) == 0 || ix.visiting[v] {
			return out
		}
		// A parameter the function itself may set: if url == "" { url =
		// fallbackURL }.
		ix.visiting[v] = true
		defer delete(ix.visiting, v)
		for _, d := range ix.defs[v] {
			set := ix.def(d, depth+1)
			for i := range set.leaves {
				if set.leaves[i].via == nil {
					set.leaves[i].via = v
				}
			}
			out = out.union(set)
		}
		return out
	}
	if ix.addrTaken[v] || v.IsField() {
		return other
	}
	if ix.visiting[v] {
		return value{}
	}
	ix.visiting[v] = true
	defer delete(ix.visiting, v)

	var out value
	if v.Pkg() != nil && v.Pkg() != ix.pass.Pkg {
		var f literalVar
		if !ix.pass.ImportObjectFact(v, &f) || f.At == "" {
			return other
		}
		out.leaves = append(out.leaves, leaf{via: v, remote: f.At})
	} else if pat, ok := ix.embeds[v]; ok {
		// var key []byte with //go:embed: the file is in the binary.
		return value{leaves: []leaf{{via: v, embed: pat}}}
	} else if len(ix.defs[v]) == 0 {
		// Declared where no definition was seen (a type switch, a
		// select case): not followed.
		return other
	}
	for _, d := range ix.defs[v] {
		out = out.union(ix.def(d, depth+1))
	}
	for i := range out.leaves {
		if out.leaves[i].via == nil && !out.leaves[i].caller {
			out.leaves[i].via = v
		}
	}
	return out
}

// def is what one definition stores.
func (ix *index) def(d def, depth int) value {
	if d.zero {
		return value{}
	}
	if d.expr == nil {
		return other
	}
	if d.elem {
		// The value of a range: any element.
		return ix.elements(d.expr, depth)
	}
	if d.index >= 0 {
		switch x := ast.Unparen(d.expr).(type) {
		case *ast.CallExpr:
			return ix.call(x, d.index, depth)
		case *ast.IndexExpr:
			if d.index == 0 {
				return ix.eval(x, depth) // v, ok := m[k]
			}
		}
		return other // the ok of v, ok := m[k], x.(T) and the like
	}
	return ix.eval(d.expr, depth)
}

// selPath is the fields a selection goes through: the embedded fields a
// promoted field is reached by, then the field itself.
func selPath(sel *types.Selection) []*types.Var {
	f, _ := sel.Obj().(*types.Var)
	if f == nil {
		return nil
	}
	idx := sel.Index()
	path := make([]*types.Var, 0, len(idx))
	t := sel.Recv()
	for _, i := range idx[:len(idx)-1] {
		st := structOf(t)
		if st == nil || i >= st.NumFields() {
			return []*types.Var{f}
		}
		path = append(path, st.Field(i))
		t = st.Field(i).Type()
	}
	return append(path, f)
}

// field is what x.f may hold; path is f, after the embedded fields it is
// promoted through.
func (ix *index) field(x ast.Expr, path []*types.Var, depth int) value {
	if len(path) == 0 {
		return other
	}
	var base *types.Var
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		base, _ = ix.info().Uses[x].(*types.Var)
	case *ast.SelectorExpr:
		if ix.info().Selections[x] == nil {
			base, _ = ix.info().Uses[x.Sel].(*types.Var) // pkg.Var.f
		}
	}
	if base == nil {
		return ix.fieldAnyPath(path, depth)
	}
	return ix.fieldOfVar(base, path, depth)
}

// fieldAny is what field f may hold in any variable: every value the
// package stores into it. A field of another package's type, or one that
// other packages can set, may also hold what they store.
func (ix *index) fieldAny(f *types.Var, depth int) value {
	return ix.fieldAnyPath([]*types.Var{f}, depth)
}

// fieldAnyPath is fieldAny for a field promoted through embedded fields
// (path is the embedded fields, then the field): what the package stores
// into the outermost embedded field, followed down the path, and what it
// assigns to the field through that embedding. An Account that embeds a
// Tenant holds the secrets of the Tenants stored into Accounts, not those
// of every Tenant.
func (ix *index) fieldAnyPath(path []*types.Var, depth int) value {
	outer, f := path[0], path[len(path)-1]
	if ix.visiting[outer] {
		return value{}
	}
	ix.visiting[outer] = true
	defer delete(ix.visiting, outer)
	var out value
	if outer.Pkg() != ix.pass.Pkg || outer.Exported() || ix.escaped[outer] {
		out.other = true
	}
	if f.Pkg() != nil && f.Pkg() != ix.pass.Pkg {
		var fact literalField
		if ix.pass.ImportObjectFact(f, &fact) {
			out.leaves = append(out.leaves, leaf{via: f, remote: fact.At})
		}
	}
	for _, d := range ix.fieldWrites[outer.Origin()] {
		// The parameters of the function that stores the field (a
		// constructor, an option) stay: a call that passes it a literal
		// reaches the sink.
		if len(path) > 1 {
			out = out.union(ix.fieldOf(d, path[1:], depth+1))
		} else {
			out = out.union(ix.def(d, depth+1))
		}
	}
	if len(path) > 1 {
		for _, d := range ix.assigned[[2]*types.Var{outer.Origin(), f.Origin()}] {
			out = out.union(ix.def(d, depth+1))
		}
	}
	for i := range out.leaves {
		if out.leaves[i].via == nil && !out.leaves[i].caller {
			out.leaves[i].via = f
		}
	}
	return out
}

// addFieldWrite records a value stored into field f, under the field of
// the generic type for a field of an instance (Static[[]byte].K is
// Static[K].K): methods read the generic type's fields.
func (ix *index) addFieldWrite(f *types.Var, d def) {
	f = f.Origin()
	ix.fieldWrites[f] = append(ix.fieldWrites[f], d)
}

// compositeFields records the fields a struct literal sets.
func (ix *index) compositeFields(lit *ast.CompositeLit) {
	if ix.inTest && ix.skipTests {
		return
	}
	t := ix.info().TypeOf(lit)
	if t == nil {
		return
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok {
				if fv, ok := ix.info().Uses[k].(*types.Var); ok && fv.IsField() {
					ix.addFieldWrite(fv, def{expr: kv.Value, index: -1})
				}
			}
			continue
		}
		if i < st.NumFields() {
			ix.addFieldWrite(st.Field(i), def{expr: el, index: -1})
		}
	}
}

// bound is the value of parameter v when the function being followed was
// entered from a call: what the call passes.
func (ix *index) bound(v *types.Var, depth int) (value, bool) {
	if len(ix.frames) == 0 {
		return value{}, false
	}
	fr := ix.frames[len(ix.frames)-1]
	sig, ok := fr.fn.Type().(*types.Signature)
	if !ok {
		return value{}, false
	}
	for i := range sig.Params().Len() {
		if sig.Params().At(i) != v {
			continue
		}
		ix.frames = ix.frames[:len(ix.frames)-1]
		defer func() { ix.frames = append(ix.frames, fr) }()
		last := i
		if sig.Variadic() && i == sig.Params().Len()-1 {
			last = len(fr.args) - 1
		}
		var out value
		for j := i; j <= last && j < len(fr.args); j++ {
			out = out.union(ix.eval(fr.args[j], depth+1))
		}
		out.leaves = slices.Clone(out.leaves)
		for k := range out.leaves {
			out.leaves[k].caller = true
		}
		return out, true
	}
	return value{}, false
}

// fieldOfVar is what base.f may hold; path is f after the embedded
// fields it is promoted through.
func (ix *index) fieldOfVar(base *types.Var, path []*types.Var, depth int) value {
	f := path[len(path)-1]
	if ix.params[base] || base.IsField() {
		// s.key in a method, o.Key in a constructor: whatever the
		// package stores into the field.
		return ix.fieldAnyPath(path, depth)
	}
	if ix.addrTaken[base] || ix.aliased[base] {
		// The struct may be written out of sight: a literal it is built
		// with here may be a placeholder a loader replaces. One built
		// elsewhere (cfg, err := config.Load()) holds what the package
		// that writes the field stores, literals included.
		for _, d := range ix.defs[base] {
			if d.zero || d.index < 0 && !isCall(d.expr) {
				return other
			}
		}
		return ix.fieldAnyPath(path, depth)
	}
	if ix.visiting[f] {
		return value{}
	}
	ix.visiting[f] = true
	defer delete(ix.visiting, f)

	var out value
	if base.Pkg() != nil && base.Pkg() != ix.pass.Pkg {
		var fact literalVar
		at, ok := "", false
		if ix.pass.ImportObjectFact(base, &fact) {
			at, ok = fact.field(f.Name())
		}
		if !ok {
			return other
		}
		out.leaves = append(out.leaves, leaf{via: f, base: base, remote: at})
	} else {
		for _, d := range ix.defs[base] {
			out = out.union(ix.fieldOf(d, path, depth+1))
		}
	}
	for _, d := range ix.fields[fieldKey{base, f}] {
		out = out.union(ix.def(d, depth+1))
	}
	for i := range out.leaves {
		if out.leaves[i].via == nil && !out.leaves[i].caller {
			out.leaves[i].via, out.leaves[i].base = f, base
		}
	}
	return out
}

// fieldOf is what field f holds in the struct value a definition stores;
// path is f after the embedded fields it is promoted through.
func (ix *index) fieldOf(d def, path []*types.Var, depth int) value {
	f := path[0]
	if d.zero {
		return value{}
	}
	if d.elem {
		// for _, p := range partners { p.Secret }: the field in any
		// element.
		es, complete := ix.elementExprs(d.expr, depth)
		out := value{other: !complete}
		for _, e := range es {
			out = out.union(ix.fieldOf(def{expr: e, index: -1}, path, depth+1))
		}
		return out
	}
	if d.expr == nil {
		return other
	}
	e := ast.Unparen(d.expr)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok || d.index >= 0 {
		// cfg, err := config.Load(): whatever the package, and the
		// field's own package, store into the field.
		return ix.fieldAnyPath(path, depth)
	}
	t := ix.info().TypeOf(lit)
	if t == nil {
		return other
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return other
	}
	at := func(el ast.Expr) value {
		if len(path) > 1 {
			// Tenant{Credentials: Credentials{Secret: …}}.Secret
			return ix.fieldOf(def{expr: el, index: -1}, path[1:], depth+1)
		}
		return ix.eval(el, depth)
	}
	for i, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok && k.Name == f.Name() {
				return at(kv.Value)
			}
			continue
		}
		if i < st.NumFields() && st.Field(i) == f {
			return at(el)
		}
	}
	return value{} // not set: the zero value
}

// call is what a call (or its result number index, for a call with
// several) may return.
func (ix *index) call(call *ast.CallExpr, index int, depth int) value {
	info := ix.info()
	if arg, ok := callee.Conversion(info, call); ok && index < 0 {
		return ix.eval(arg, depth+1)
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		switch obj := info.Uses[id].(type) {
		case *types.Builtin:
			if obj.Name() == "append" && index < 0 && len(call.Args) > 0 {
				// append([]byte("ledger-"), "key"...): the parts joined.
				out := ix.eval(call.Args[0], depth+1)
				for _, a := range call.Args[1:] {
					out = concat(out, ix.eval(a, depth+1))
				}
				return out
			}
			return other
		case *types.Var:
			// key := func() []byte { return []byte("…") }; key()
			if lit := ix.funcLit(obj); lit != nil {
				return ix.litResult(lit, index, depth)
			}
			// lookup := accounts.secret; lookup(id)
			if m := ix.methodValue(obj); m != nil {
				return ix.result(m, call, index, depth)
			}
		}
	}
	fn, obj, ok := callee.Of(info, call)
	if !ok {
		return other
	}
	if _, ok := sources[fn]; ok {
		return other
	}
	if recv := obj.Type().(*types.Signature).Recv(); recv != nil && isInterface(recv.Type()) {
		// ks.SigningKey() on an interface: what the package's
		// implementations return.
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return other
		}
		ms := ix.implementations(sel.X, obj)
		if len(ms) == 0 {
			return other
		}
		var out value
		for _, m := range ms {
			out = out.union(ix.result(m, call, index, depth))
		}
		return out
	}
	if bufferRead[fn] && index < 0 {
		// b.Bytes() of a local buffer: what was written into it.
		return ix.bufferValue(call, depth)
	}
	if fn == cmpOr && index < 0 {
		// cmp.Or(os.Getenv("K"), "dev-key"): any argument may be the
		// result.
		var out value
		for _, a := range call.Args {
			out = out.union(ix.eval(a, depth+1))
		}
		return out
	}
	if obj := typeutil.StaticCallee(info, call); obj != nil && obj == obj.Origin() && ix.funcs[obj] != nil {
		return ix.result(obj, call, index, depth)
	}
	if obj.Pkg() != ix.pass.Pkg && index <= 0 {
		var f literalResult
		if ix.pass.ImportObjectFact(obj.Origin(), &f) {
			return value{leaves: []leaf{{via: obj.Origin(), remote: f.At}}, other: f.Other}
		}
		// config.StripeSecret.Get(…) of a getter returning a field of
		// its receiver: what that variable's field holds.
		var fr fieldResult
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && ix.pass.ImportObjectFact(obj.Origin(), &fr) {
			if fv, _, _ := types.LookupFieldOrMethod(info.TypeOf(sel.X), true, obj.Pkg(), fr.Field); fv != nil {
				if fv, ok := fv.(*types.Var); ok && fv.IsField() {
					v := ix.field(sel.X, []*types.Var{fv}, depth+1)
					v.other = v.other || fr.Other
					return v
				}
			}
		}
	}
	h, ok := helpers[fn]
	if !ok || index > 0 {
		return other
	}
	out := value{}
	for i, a := range call.Args {
		if i < h.from {
			continue
		}
		if t := info.TypeOf(a); t == nil || !callee.IsStringLike(t) && !isInterface(t) {
			continue
		}
		v := ix.eval(a, depth+1)
		if !v.canBeLiteral() {
			return other
		}
		out = out.union(v)
	}
	if fn == fmtSprintf || fn == stringsJoin {
		// fmt.Sprintf("https://…/%s/%s", team, token) of constants is
		// also one value, the pieces joined, which may be a webhook URL
		// that no piece is alone (leafValue computes its text again).
		if _, ok := ix.constString(call, 0); ok {
			out.leaves = append(out.leaves, leaf{lit: call})
		}
	}
	return out
}

var cmpOr = callee.Func{Pkg: "cmp", Name: "Or"}

// elements is what an element of a map, slice or array may be.
func (ix *index) elements(x ast.Expr, depth int) value {
	if id, ok := ast.Unparen(x).(*ast.Ident); ok {
		if v, ok := ix.info().Uses[id].(*types.Var); ok && ix.params[v] && !ix.recvs[v] {
			// A variadic parameter: the call's arguments from it on;
			// another parameter: the caller's.
			return ix.variable(v, depth)
		}
	}
	es, complete := ix.elementExprs(x, depth)
	out := value{other: !complete}
	for _, e := range es {
		out = out.union(ix.eval(e, depth+1))
	}
	// connectSecrets[account] is named after the map.
	var holder types.Object
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		holder = ix.info().Uses[x]
	case *ast.SelectorExpr:
		holder = ix.info().Uses[x.Sel]
	}
	if v, ok := holder.(*types.Var); ok && !ix.params[v] {
		out.leaves = slices.Clone(out.leaves)
		for i := range out.leaves {
			if out.leaves[i].via == nil && !out.leaves[i].caller {
				out.leaves[i].via = holder
			}
		}
	}
	return out
}

// elementExprs are the expressions the elements of a map, slice or array
// are built from: the values of its composite literals, through the
// variables and fields that hold them, and what m[k] = v stores. complete
// is false when some elements come from elsewhere (a call, a parameter, a
// slice written through).
func (ix *index) elementExprs(x ast.Expr, depth int) (es []ast.Expr, complete bool) {
	if ix.steps++; depth > maxDepth || ix.steps > maxSteps {
		return nil, false
	}
	info := ix.info()
	switch x := ast.Unparen(x).(type) {
	case *ast.CompositeLit:
		t := info.TypeOf(x)
		if t == nil {
			return nil, false
		}
		switch t.Underlying().(type) {
		case *types.Map, *types.Slice, *types.Array:
		default:
			return nil, false
		}
		for _, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			if inner, ok := el.(*ast.CompositeLit); ok && inner.Type == nil {
				// {ID: "acme", …} in []Endpoint{…}: the element's type is
				// the slice's.
				es = append(es, inner)
				continue
			}
			es = append(es, el)
		}
		return es, true
	case *ast.CallExpr:
		// append(keys, m.Old), append(a, b...)
		if id, ok := ast.Unparen(x.Fun).(*ast.Ident); !ok || len(x.Args) == 0 {
			return nil, false
		} else if b, ok := info.Uses[id].(*types.Builtin); !ok || b.Name() != "append" {
			return nil, false
		}
		es, complete = ix.elementExprs(x.Args[0], depth+1)
		if x.Ellipsis.IsValid() {
			more, ok := ix.elementExprs(x.Args[len(x.Args)-1], depth+1)
			return append(es, more...), complete && ok
		}
		return append(es, x.Args[1:]...), complete
	case *ast.Ident, *ast.SelectorExpr:
		var v *types.Var
		if id, ok := x.(*ast.Ident); ok {
			v, _ = info.Uses[id].(*types.Var)
		} else if sel := x.(*ast.SelectorExpr); info.Selections[sel] == nil {
			v, _ = info.Uses[sel.Sel].(*types.Var) // pkg.Var
		} else if s := info.Selections[sel]; s.Kind() == types.FieldVal && len(s.Index()) == 1 {
			// legacy.endpoints: what the package stores into the field.
			f, _ := s.Obj().(*types.Var)
			if f == nil || f.Pkg() != ix.pass.Pkg || f.Exported() || ix.visiting[f] {
				return nil, false
			}
			ix.visiting[f] = true
			defer delete(ix.visiting, f)
			return ix.defsElements(ix.fieldWrites[f.Origin()], depth+1)
		}
		if v != nil && ix.recvs[v] {
			// k[kid] in a method of keyring: the elements of any
			// keyring the package makes.
			tn := ix.collection(v.Type())
			if tn == nil || ix.typeOther[tn] {
				return nil, false
			}
			for _, lit := range ix.typeLits[tn] {
				more, _ := ix.elementExprs(lit, depth+1)
				es = append(es, more...)
			}
			return es, true
		}
		if v != nil && ix.visiting[v] {
			return nil, true // keys = append(keys, …): nothing more
		}
		if v == nil || v.Pkg() != ix.pass.Pkg || ix.params[v] || ix.addrTaken[v] || len(ix.defs[v]) == 0 {
			return nil, false
		}
		ix.visiting[v] = true
		defer delete(ix.visiting, v)
		es, complete = ix.defsElements(ix.defs[v], depth+1)
		for _, d := range ix.entries[v] {
			if d.expr == nil || d.index >= 0 {
				complete = false
				continue
			}
			es = append(es, d.expr)
		}
		return es, complete
	}
	return nil, false
}

// collection returns the named map or slice type t is, when the package
// declares it unexported: only the package makes its values.
func (ix *index) collection(t types.Type) *types.TypeName {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() != ix.pass.Pkg || n.Obj().Exported() {
		return nil
	}
	switch n.Underlying().(type) {
	case *types.Map, *types.Slice:
		return n.Obj()
	}
	return nil
}

// defsElements are the element expressions of what definitions store.
func (ix *index) defsElements(ds []def, depth int) (es []ast.Expr, complete bool) {
	complete = true
	for _, d := range ds {
		more, ok := ix.defElements(d, depth)
		es, complete = append(es, more...), complete && ok
	}
	return es, complete
}

// defElements are the element expressions of what a definition stores.
func (ix *index) defElements(d def, depth int) ([]ast.Expr, bool) {
	switch {
	case d.zero:
		return nil, true
	case d.expr == nil || d.index >= 0 || d.elem:
		return nil, false
	}
	return ix.elementExprs(d.expr, depth)
}

// implementations are the methods of this package an interface method
// called on x may run: those of the concrete types x is assigned, when
// all are known, or else of the package's only type that implements the
// interface.
func (ix *index) implementations(x ast.Expr, m *types.Func) []*types.Func {
	iface, ok := m.Type().(*types.Signature).Recv().Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var ts []types.Type
	concrete := func(ds []def) {
		for _, d := range ds {
			if d.zero {
				continue
			}
			t := ix.info().TypeOf(d.expr)
			if d.expr == nil || d.index >= 0 || t == nil || isInterface(t) {
				ts = nil
				break
			}
			ts = append(ts, t)
		}
	}
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		if v, ok := ix.info().Uses[x].(*types.Var); ok && !ix.params[v] && !ix.addrTaken[v] && v.Pkg() == ix.pass.Pkg {
			concrete(ix.defs[v])
		}
	case *ast.SelectorExpr:
		// is.Source.Key(): the types the package stores into the field
		// (Static[[]byte]{…}, Env{…}), when it is the package's own.
		if sel := ix.info().Selections[x]; sel != nil && sel.Kind() == types.FieldVal {
			if f, ok := sel.Obj().(*types.Var); ok && f.Pkg() == ix.pass.Pkg && !ix.escaped[f] {
				concrete(ix.fieldWrites[f.Origin()])
			}
		}
	}
	if len(ts) == 0 {
		scope := ix.pass.Pkg.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() || isInterface(tn.Type()) {
				continue
			}
			if _, generic := tn.Type().(*types.Named); !generic || tn.Type().(*types.Named).TypeParams().Len() > 0 {
				continue
			}
			if types.Implements(tn.Type(), iface) || types.Implements(types.NewPointer(tn.Type()), iface) {
				ts = append(ts, tn.Type())
			}
		}
		if len(ts) != 1 {
			return nil
		}
	}
	var out []*types.Func
	for _, t := range ts {
		obj, _, _ := types.LookupFieldOrMethod(t, true, ix.pass.Pkg, m.Name())
		fn, ok := obj.(*types.Func)
		if ok {
			fn = fn.Origin() // Static[[]byte].Key is Static[K].Key
		}
		if !ok || ix.funcs[fn] == nil {
			return nil
		}
		if !slices.Contains(out, fn) {
			out = append(out, fn)
		}
	}
	return out
}

// funcLit is the function literal a local variable is only ever
// assigned, or nil.
func (ix *index) funcLit(v *types.Var) *ast.FuncLit {
	if ix.params[v] || ix.addrTaken[v] || len(ix.defs[v]) != 1 || ix.defs[v][0].expr == nil || ix.defs[v][0].index >= 0 {
		return nil
	}
	e := ast.Unparen(ix.defs[v][0].expr)
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 {
		// key := sync.OnceValue(func() []byte { … }): key() is the
		// literal's result.
		if fn, _, ok := callee.Of(ix.info(), call); ok && onceFuncs[fn] {
			e = ast.Unparen(call.Args[0])
		}
	}
	lit, _ := e.(*ast.FuncLit)
	return lit
}

// onceFuncs wrap a function so that it runs once; calling the result
// returns what the function returns.
var onceFuncs = map[callee.Func]bool{
	{Pkg: "sync", Name: "OnceValue"}:  true,
	{Pkg: "sync", Name: "OnceValues"}: true,
}

// methodValue is the method of this package a local variable is only
// ever assigned as a method value (x.M), or nil.
func (ix *index) methodValue(v *types.Var) *types.Func {
	if ix.params[v] || ix.addrTaken[v] || len(ix.defs[v]) != 1 || ix.defs[v][0].expr == nil || ix.defs[v][0].index >= 0 {
		return nil
	}
	sel, ok := ast.Unparen(ix.defs[v][0].expr).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s := ix.info().Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return nil
	}
	m, _ := s.Obj().(*types.Func)
	if m == nil || ix.funcs[m.Origin()] == nil {
		return nil
	}
	return m.Origin()
}

// litResult is what a call of a function literal returns: its return
// statements, its parameters not bound.
func (ix *index) litResult(lit *ast.FuncLit, index, depth int) value {
	if index < 0 {
		index = 0
	}
	var out value
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if index < len(n.Results) {
				out = out.union(ix.eval(n.Results[index], depth+1))
			} else {
				out.other = true
			}
		}
		return true
	})
	return out
}

// maxFrames bounds how many calls deep results are followed.
const maxFrames = 4

// result is what a call to fn, declared in this package, returns (its
// result number index when it has several): the union of its return
// statements, its parameters bound to the call's arguments. A literal
// returned by the function itself is named after it.
func (ix *index) result(fn *types.Func, call *ast.CallExpr, index int, depth int) value {
	decl := ix.funcs[fn]
	if len(ix.frames) >= maxFrames {
		return other
	}
	for _, fr := range ix.frames {
		if fr.fn == fn {
			return other // recursion
		}
	}
	sig := fn.Type().(*types.Signature)
	if index < 0 {
		index = 0
	}
	if index >= sig.Results().Len() {
		return other
	}
	ix.frames = append(ix.frames, frame{fn: fn, args: call.Args})
	defer func() { ix.frames = ix.frames[:len(ix.frames)-1] }()
	var out value
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			switch {
			case len(n.Results) == sig.Results().Len():
				out = out.union(ix.eval(n.Results[index], depth+1))
			case len(n.Results) == 1:
				if c, ok := ast.Unparen(n.Results[0]).(*ast.CallExpr); ok {
					out = out.union(ix.call(c, index, depth+1))
				} else {
					out.other = true
				}
			default:
				out.other = true // a bare return of named results
			}
		}
		return true
	})
	out.leaves = slices.Clone(out.leaves)
	for i, l := range out.leaves {
		if l.via == nil && l.lit != nil && decl.Pos() <= l.lit.Pos() && l.lit.Pos() < decl.End() {
			out.leaves[i].via = fn
		}
		out.leaves[i].caller = false
	}
	// The caller's parameters only: the callee's are bound.
	out.params = slices.DeleteFunc(out.params, func(p *types.Var) bool { return paramOf(sig, p) })
	return out
}

func paramOf(sig *types.Signature, v *types.Var) bool {
	for i := range sig.Params().Len() {
		if sig.Params().At(i) == v {
			return true
		}
	}
	return false
}

func isCall(e ast.Expr) bool {
	_, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok
}

func isInterface(t types.Type) bool {
	_, ok := t.Underlying().(*types.Interface)
	return ok
}

// embedDecl records the variables a //go:embed directive fills.
func (ix *index) embedDecl(d *ast.GenDecl) {
	if d.Tok != token.VAR {
		return
	}
	for _, spec := range d.Specs {
		vs, ok := spec.(*ast.ValueSpec)
		if !ok || len(vs.Values) > 0 {
			continue
		}
		doc := vs.Doc
		if doc == nil && !d.Lparen.IsValid() {
			doc = d.Doc
		}
		if doc == nil {
			continue
		}
		for _, c := range doc.List {
			pat, ok := strings.CutPrefix(c.Text, "//go:embed ")
			if !ok {
				continue
			}
			for _, id := range vs.Names {
				if v := ix.varOf(id); v != nil && callee.IsStringLike(v.Type()) {
					ix.embeds[v] = strings.TrimSpace(pat)
				}
			}
		}
	}
}

// bufferWrites and bufferRead are the methods of bytes.Buffer and
// strings.Builder that write into one and read what it holds.
var bufferWrites, bufferRead = func() (map[callee.Func]bool, map[callee.Func]bool) {
	w, r := map[callee.Func]bool{}, map[callee.Func]bool{}
	for _, t := range []callee.Func{{Pkg: "bytes", Recv: "Buffer"}, {Pkg: "strings", Recv: "Builder"}} {
		for _, name := range []string{"Write", "WriteString", "WriteByte", "WriteRune"} {
			t.Name = name
			w[t] = true
		}
		for _, name := range []string{"Bytes", "String"} {
			t.Name = name
			r[t] = true
		}
	}
	return w, r
}()

// isBuffer reports whether t is a bytes.Buffer or strings.Builder, or a
// pointer to one.
func isBuffer(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	switch n.Obj().Pkg().Path() + "." + n.Obj().Name() {
	case "bytes.Buffer", "strings.Builder":
		return true
	}
	return false
}

// bufferWrite records b.WriteString(x) into a local buffer variable b.
func (ix *index) bufferWrite(call *ast.CallExpr) {
	fn, _, ok := callee.Of(ix.info(), call)
	if !ok || !bufferWrites[fn] || len(call.Args) != 1 {
		return
	}
	if v := ix.bufferVar(call); v != nil {
		ix.writes[v] = append(ix.writes[v], call.Args[0])
	}
}

// bufferVar is the local variable a buffer method is called on, or nil.
func (ix *index) bufferVar(call *ast.CallExpr) *types.Var {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := ix.info().Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	return v
}

// knownBuffer returns the local buffer call reads (b.String()) when
// everything it holds was written into it here: not a parameter, its
// address not passed on, not assigned, and written at least once.
func (ix *index) knownBuffer(call *ast.CallExpr) *types.Var {
	v := ix.bufferVar(call)
	if v == nil || ix.params[v] || ix.addrTaken[v] || len(ix.writes[v]) == 0 {
		return nil
	}
	for _, d := range ix.defs[v] {
		if !d.zero {
			return nil
		}
	}
	return v
}

// bufferValue is what b.Bytes() or b.String() of a local buffer holds:
// the concatenation of what is written into it, hard-coded when every
// write is. A buffer that is a parameter, whose address is passed on
// (fmt.Fprintf(&b, …)) or that is filled otherwise is not known.
func (ix *index) bufferValue(call *ast.CallExpr, depth int) value {
	v := ix.knownBuffer(call)
	if v == nil {
		return other
	}
	out := value{}
	for _, w := range ix.writes[v] {
		out = concat(out, ix.eval(w, depth+1))
	}
	if _, ok := ix.constString(call, 0); ok && !out.other {
		// Written from constants only: also the whole text, which may be
		// a webhook URL that no piece is.
		out.leaves = append(out.leaves, leaf{lit: call})
	}
	return out
}

// bufferString is the text of a local buffer written from constants
// only, read by call (b.String()).
func (ix *index) bufferString(call *ast.CallExpr, depth int) (string, bool) {
	v := ix.knownBuffer(call)
	if v == nil {
		return "", false
	}
	var b strings.Builder
	for _, w := range ix.writes[v] {
		if tv, ok := ix.info().Types[w]; ok && tv.Value != nil && tv.Value.Kind() == constant.Int {
			// WriteByte('/'), WriteRune('…')
			n, ok := constant.Int64Val(tv.Value)
			if !ok {
				return "", false
			}
			b.WriteRune(rune(n))
			continue
		}
		s, ok := ix.constString(w, depth+1)
		if !ok {
			return "", false
		}
		b.WriteString(s)
	}
	return b.String(), true
}

// constString returns the value of a string expression made of constants
// only: a constant expression ("https://…/" + team + "/" + token), a
// fmt.Sprintf or strings.Join of constants, a call to a function of the
// package that returns one, or a variable of the package set once.
func (ix *index) constString(e ast.Expr, depth int) (string, bool) {
	if depth > 4 {
		return "", false
	}
	info := ix.pass.TypesInfo
	e = ast.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		if tv.Value.Kind() == constant.String {
			return constant.StringVal(tv.Value), true
		}
		return tv.Value.ExactString(), true // a number in a format
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		if arg, ok := callee.Conversion(info, e); ok {
			return ix.constString(arg, depth+1)
		}
		fn, obj, ok := callee.Of(info, e)
		if !ok {
			return "", false
		}
		if bufferRead[fn] {
			return ix.bufferString(e, depth)
		}
		if fn == stringsJoin && len(e.Args) == 2 {
			cl, ok := ast.Unparen(e.Args[0]).(*ast.CompositeLit)
			if !ok {
				return "", false
			}
			parts, ok := ix.constStrings(append(cl.Elts[:len(cl.Elts):len(cl.Elts)], e.Args[1]), depth+1)
			if !ok {
				return "", false
			}
			return strings.Join(parts[:len(parts)-1], parts[len(parts)-1]), true
		}
		args, ok := ix.constStrings(e.Args, depth+1)
		if !ok {
			return "", false
		}
		switch {
		case fn == fmtSprintf && len(args) > 0:
			vals := make([]any, len(args)-1)
			for i, a := range args[1:] {
				vals[i] = a
			}
			return fmt.Sprintf(args[0], vals...), true
		case obj != nil && obj.Pkg() == ix.pass.Pkg && len(e.Args) == 0:
			if fd := ix.funcs[obj]; fd != nil && fd.Body != nil && len(fd.Body.List) == 1 {
				if ret, ok := fd.Body.List[0].(*ast.ReturnStmt); ok && len(ret.Results) == 1 {
					return ix.constString(ret.Results[0], depth+1)
				}
			}
		}
	case *ast.Ident:
		// A variable of this package set once: where it is declared, in
		// init (var u string; func init() { u = fmt.Sprintf(…) }), or a
		// local one (u := fmt.Sprintf(…)). A parameter is the caller's.
		if v, ok := info.Uses[e].(*types.Var); ok && v.Pkg() == ix.pass.Pkg && !v.IsField() && !ix.addrTaken[v] && !ix.params[v] {
			var set []def
			for _, d := range ix.defs[v] {
				if !d.zero {
					set = append(set, d)
				}
			}
			if len(set) == 1 && set[0].expr != nil && set[0].index < 0 && !set[0].elem {
				return ix.constString(set[0].expr, depth+1)
			}
		}
	}
	return "", false
}

// constStrings is constString of each of es.
func (ix *index) constStrings(es []ast.Expr, depth int) ([]string, bool) {
	out := make([]string, 0, len(es))
	for _, e := range es {
		s, ok := ix.constString(e, depth)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}
