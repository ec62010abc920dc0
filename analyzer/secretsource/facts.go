package secretsource

import (
	"go/ast"
	"go/types"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/hookscan/hookscan/analyzer/internal/callee"
)

// literalVar is the fact that a package-level variable is hard-coded: its
// package sets it from string literals and from nothing else. Importers
// follow it like a constant. A fact never holds the value, only where the
// literal is written: facts are stored in go vet's build cache.
type literalVar struct {
	// At is where the variable's literal is, "file.go:12"; empty when
	// only some of its fields are hard-coded.
	At string
	// Fields are the struct fields set from literals, each "Name@file.go:12".
	Fields []string
}

// AFact marks literalVar as a fact.
func (*literalVar) AFact() {}

func (f *literalVar) String() string {
	var parts []string
	if f.At != "" {
		parts = append(parts, "literal@"+f.At)
	}
	if len(f.Fields) > 0 {
		parts = append(parts, "fields "+strings.Join(f.Fields, " "))
	}
	return "hard-coded " + strings.Join(parts, ", ")
}

// field returns where field name's literal is, and whether it is
// hard-coded.
func (f *literalVar) field(name string) (string, bool) {
	for _, s := range f.Fields {
		if n, at, _ := strings.Cut(s, "@"); n == name {
			return at, true
		}
	}
	return "", false
}

// literalField is the fact that an exported struct field may hold a
// literal: its package stores one into it somewhere, a default or a
// fallback (cfg.Secret = "dev-secret" when the environment has none).
// Importers that read the field, whatever the variable, follow it like a
// fallback to a literal. Like every fact it holds no value.
type literalField struct {
	// At is where the literal is, "file.go:12".
	At string
}

// AFact marks literalField as a fact.
func (*literalField) AFact() {}

func (f *literalField) String() string { return "may hold literal@" + f.At }

// literalResult is the fact that an exported function may return a
// literal: func SandboxKey(p string) ([]byte, error) { … return
// []byte(sandboxAcme), nil … }. Importers follow a call of it like a
// fallback to a literal, or like a constant when it returns nothing else.
type literalResult struct {
	// At is where the literal is, "file.go:12".
	At string
	// Other is set when the function may also return something else.
	Other bool
}

// AFact marks literalResult as a fact.
func (*literalResult) AFact() {}

func (f *literalResult) String() string {
	if f.Other {
		return "may return literal@" + f.At
	}
	return "returns literal@" + f.At
}

// exportResultFacts records which exported functions of the package may
// return a literal as their first result. Only functions with a return
// statement that names a constant or a package-level variable are
// followed: the rest cannot, and most packages have none.
func (ix *index) exportResultFacts() {
	for fn, decl := range ix.funcs {
		sig := fn.Type().(*types.Signature)
		if !fn.Exported() || sig.Recv() != nil || sig.TypeParams().Len() > 0 || sig.Results().Len() == 0 || !stringLike(sig.Results().At(0).Type()) {
			continue
		}
		var results []ast.Expr
		plain := true
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				if len(n.Results) == sig.Results().Len() {
					results = append(results, n.Results[0])
				} else {
					plain = false
				}
			}
			return true
		})
		if !plain || !slices.ContainsFunc(results, ix.namesValue) {
			continue
		}
		ix.steps = 0
		var v value
		for _, r := range results {
			v = v.union(ix.eval(r, 1))
		}
		for _, l := range v.leaves {
			if l.lit != nil {
				ix.pass.ExportObjectFact(fn, &literalResult{At: ix.where(l.lit.Pos()), Other: v.other})
				break
			}
		}
	}
}

// namesValue reports whether a returned expression is, after conversions,
// a constant or a package-level variable.
func (ix *index) namesValue(e ast.Expr) bool {
	info := ix.info()
	for {
		if tv, ok := info.Types[e]; ok && tv.Value != nil {
			return true
		}
		switch x := ast.Unparen(e).(type) {
		case *ast.CallExpr:
			arg, ok := callee.Conversion(info, x)
			if !ok {
				return false
			}
			e = arg
		case *ast.Ident:
			v, ok := info.Uses[x].(*types.Var)
			return ok && v.Parent() == ix.pass.Pkg.Scope()
		default:
			return false
		}
	}
}

// exportFieldFacts records which exported fields of the package's struct
// types the package stores a literal into.
func (ix *index) exportFieldFacts() {
	scope := ix.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		st, ok := tn.Type().Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for i := range st.NumFields() {
			fld := st.Field(i)
			if !fld.Exported() || !stringLike(fld.Type()) || len(ix.fieldWrites[fld]) == 0 {
				continue
			}
			ix.steps = 0
			for _, l := range ix.fieldAny(fld, 0).leaves {
				if l.lit != nil {
					ix.pass.ExportObjectFact(fld, &literalField{At: ix.where(l.lit.Pos())})
					break
				}
			}
		}
	}
}

// exportFacts records which exported package-level variables are
// hard-coded.
func (ix *index) exportFacts() {
	ix.exportFieldFacts()
	ix.exportResultFacts()
	scope := ix.pass.Pkg.Scope()
	literalTypes := map[*types.TypeName]bool{}
	for _, name := range scope.Names() {
		v, ok := scope.Lookup(name).(*types.Var)
		if !ok || !v.Exported() {
			continue
		}
		var f literalVar
		ix.steps = 0
		if stringLike(v.Type()) {
			if at, ok := ix.hardcoded(ix.variable(v, 0)); ok {
				f.At = at
			}
		}
		if st := structOf(v.Type()); st != nil {
			for i := range st.NumFields() {
				fld := st.Field(i)
				if !stringLike(fld.Type()) {
					continue
				}
				ix.steps = 0
				if at, ok := ix.hardcoded(ix.fieldOfVar(v, []*types.Var{fld}, 0)); ok {
					f.Fields = append(f.Fields, fld.Name()+"@"+at)
				}
			}
		}
		if f.At != "" || len(f.Fields) > 0 {
			ix.pass.ExportObjectFact(v, &f)
		}
		if len(f.Fields) > 0 {
			if n, ok := types.Unalias(derefType(v.Type())).(*types.Named); ok {
				literalTypes[n.Origin().Obj()] = true
			}
		}
	}
	ix.exportFieldResultFacts(literalTypes)
}

func derefType(t types.Type) types.Type {
	if p, ok := t.(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// fieldResult is the fact that an exported method returns a field of its
// receiver: func (s Setting[T]) Get(…) T { … return s.Default }. A call of
// it on another package's variable whose field is set from a literal
// (config.StripeSecret.Get(…)) may return that literal. It is exported only
// for types that have such a variable.
type fieldResult struct {
	// Field is the receiver's field returned.
	Field string
	// Other is set when the method may also return something else.
	Other bool
}

// AFact marks fieldResult as a fact.
func (*fieldResult) AFact() {}

func (f *fieldResult) String() string {
	if f.Other {
		return "may return field " + f.Field
	}
	return "returns field " + f.Field
}

// exportFieldResultFacts records the exported methods of the given types
// whose first result is a field of their receiver.
func (ix *index) exportFieldResultFacts(named map[*types.TypeName]bool) {
	if len(named) == 0 {
		return
	}
	for fn, decl := range ix.funcs {
		sig := fn.Type().(*types.Signature)
		if !fn.Exported() || sig.Recv() == nil || sig.Results().Len() == 0 || decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
			continue
		}
		n, ok := types.Unalias(derefType(sig.Recv().Type())).(*types.Named)
		if !ok || !named[n.Origin().Obj()] {
			continue
		}
		recv := ix.info().Defs[decl.Recv.List[0].Names[0]]
		var f fieldResult
		mixed := false
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				if len(n.Results) != sig.Results().Len() {
					f.Other = true
					return true
				}
				sel, ok := ast.Unparen(n.Results[0]).(*ast.SelectorExpr)
				if !ok {
					f.Other = true
					return true
				}
				s := ix.info().Selections[sel]
				id, ok := ast.Unparen(sel.X).(*ast.Ident)
				if s == nil || s.Kind() != types.FieldVal || len(s.Index()) != 1 || !ok || ix.info().Uses[id] != recv {
					f.Other = true
					return true
				}
				if f.Field != "" && f.Field != sel.Sel.Name {
					mixed = true
				}
				f.Field = sel.Sel.Name
			}
			return true
		})
		if f.Field != "" && !mixed {
			ix.pass.ExportObjectFact(fn, &f)
		}
	}
}

// hardcoded reports whether a value is only ever a literal of this
// package, and where the literal is.
func (ix *index) hardcoded(v value) (string, bool) {
	if !v.literal() || v.other {
		return "", false
	}
	for _, l := range v.leaves {
		if l.lit == nil {
			return "", false
		}
	}
	return ix.where(v.leaves[0].lit.Pos()), true
}

func structOf(t types.Type) *types.Struct {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, _ := t.Underlying().(*types.Struct)
	return st
}

func baseName(path string) string { return filepath.Base(path) }

func itoa(i int) string { return strconv.Itoa(i) }
