// Package callee names the functions a call reaches, so that the analyzers
// can match calls against tables of sinks, sources and comparisons.
//
// Third-party SDKs put their major version in the import path
// (github.com/google/go-github/v75/github); tables name packages without it
// and Path strips it, so one entry covers every release.
package callee

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// Func is what a table entry is matched against: a package-level function
// (Recv empty) or a method.
type Func struct {
	// Pkg is the import path without major-version elements.
	Pkg string
	// Recv is the receiver's named type, without pointer, or "" for
	// functions.
	Recv string
	// Name is the function or method name.
	Name string
}

// Of returns the function or method a call reaches, and false for calls of
// function values, conversions and builtins. Interface methods are named
// by the interface type (hash.Hash.Sum).
func Of(info *types.Info, call *ast.CallExpr) (Func, *types.Func, bool) {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return Func{}, nil, false
	}
	f := Func{Pkg: Path(fn.Pkg().Path()), Name: fn.Name()}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			f.Recv = n.Obj().Name()
		}
	}
	return f, fn, true
}

// Path returns an import path without its major-version elements ("/v2",
// "/v75") and without a vendor prefix.
func Path(p string) string {
	if i := strings.LastIndex(p, "/vendor/"); i >= 0 {
		p = p[i+len("/vendor/"):]
	} else {
		p = strings.TrimPrefix(p, "vendor/")
	}
	if !strings.Contains(p, "/v") {
		return p
	}
	parts := strings.Split(p, "/")
	out := parts[:1]
	for _, s := range parts[1:] {
		if isMajor(s) {
			continue
		}
		out = append(out, s)
	}
	return strings.Join(out, "/")
}

func isMajor(s string) bool {
	if len(s) < 2 || s[0] != 'v' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Name returns how a reader writes a call of fn: pkg.Func, or Recv.Method
// for methods.
func Name(fn *types.Func) string {
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
		return fn.Name()
	}
	if fn.Pkg() == nil {
		return fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

// Conversion reports whether call converts its single argument to another
// type ([]byte(s), string(b), MyKey(s)), and returns the argument.
func Conversion(info *types.Info, call *ast.CallExpr) (ast.Expr, bool) {
	if len(call.Args) != 1 {
		return nil, false
	}
	tv, ok := info.Types[call.Fun]
	if !ok || !tv.IsType() {
		return nil, false
	}
	return call.Args[0], true
}

// Unparen strips parentheses and conversions between string-like types.
func Unparen(info *types.Info, e ast.Expr) ast.Expr {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
			continue
		case *ast.CallExpr:
			if arg, ok := Conversion(info, x); ok {
				e = arg
				continue
			}
		}
		return e
	}
}

// IsStringLike reports whether t's underlying type is string, []byte or a
// byte array: the types a secret or a MAC is held in.
func IsStringLike(t types.Type) bool {
	if t == nil {
		return false
	}
	if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
		return termsStringLike(tp.Constraint())
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		return isByte(u.Elem())
	case *types.Array:
		return isByte(u.Elem())
	}
	return false
}

// termsStringLike reports whether every type a constraint allows is
// string-like (~string | ~[]byte); constraints without terms (any,
// comparable) allow others.
func termsStringLike(c types.Type) bool {
	iface, ok := c.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	found := false
	for i := range iface.NumEmbeddeds() {
		switch e := iface.EmbeddedType(i).(type) {
		case *types.Union:
			for j := range e.Len() {
				if !IsStringLike(e.Term(j).Type()) {
					return false
				}
				found = true
			}
		default:
			if _, isIface := e.Underlying().(*types.Interface); isIface {
				if !termsStringLike(e) {
					return false
				}
				found = true
			} else if !IsStringLike(e) {
				return false
			} else {
				found = true
			}
		}
	}
	return found
}

func isByte(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && (b.Kind() == types.Byte || b.Kind() == types.Uint8)
}
