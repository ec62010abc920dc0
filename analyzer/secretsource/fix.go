package secretsource

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/hookscan/hookscan/analyzer/internal/callee"
	"github.com/hookscan/hookscan/analyzer/internal/edit"
	"github.com/hookscan/hookscan/analyzer/internal/sinks"
)

// The suggested fix must fail closed: os.Getenv returns "" for a variable
// that is not set, and an empty HMAC key accepts signatures anyone can
// compute. The fix therefore reads the secret with a helper that it adds
// to the package once,
//
//	func requireEnv(name string) string // os.LookupEnv, panic when unset or empty
//
// and calls it where the program starts: in the initializer of a
// package-level variable. A literal inside a function is replaced by a
// new package-level variable read that way; a constant holding the secret
// becomes such a variable, so no copy of the secret is left behind.

// helperName is the function the fix adds.
const helperName = "requireEnv"

// helperText is the declaration added to the package, %s being the name
// by which the file refers to package os.
const helperText = `

// requireEnv returns the secret held by the environment variable name. It
// panics when the variable is unset or empty, so that a missing secret stops
// the program at start-up instead of becoming an empty key that accepts
// forged signatures.
func requireEnv(name string) string {
	v, ok := %s.LookupEnv(name)
	if !ok || v == "" {
		panic("environment variable " + name + " is unset or empty: it must hold the secret")
	}
	return v
}
`

// fix reads the value from the environment at start-up instead, failing
// when it is not set.
func (c *checker) fix(a sinks.Arg, v value, l leaf) (analysis.SuggestedFix, bool) {
	if len(v.leaves) != 1 || v.other {
		return analysis.SuggestedFix{}, false
	}
	info := c.pass.TypesInfo
	env := envName(l, a)
	// "Bearer xoxb-…": the scheme stays in the code, the environment
	// holds the token.
	scheme := ""
	value, known := c.leafValue(l)
	if m := schemePrefix.FindString(value); known && m != "" && m != value && l.via == nil && isString(info.TypeOf(l.lit)) {
		scheme, value = m, value[len(m):]
	}
	if known {
		env = c.envFor(env, value)
	}
	target := l.lit // the literal, where it is written
	if k, ok := l.via.(*types.Const); ok && l.lit != nil {
		if fix, ok := c.constFix(k, l.lit, env); ok {
			return fix, true
		}
		target = nil // a constant cannot hold a call: fix the argument
	}
	if target == nil {
		// Another package's variable or constant is not ours to
		// change: read the environment in the argument itself. The
		// report names where the value is still written.
		switch ref := callee.Unparen(info, a.Expr).(type) {
		case *ast.Ident, *ast.SelectorExpr:
			target = ref
		default:
			return analysis.SuggestedFix{}, false
		}
	}
	read, ok := c.envRead(info.TypeOf(target), env)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	file := c.fileOf(target.Pos())
	helper, ok := c.helper()
	if file == nil || !ok {
		return analysis.SuggestedFix{}, false
	}
	edits := helper
	fn := enclosingFunc(file, target.Pos())
	if scheme != "" && target == l.lit {
		read = strconv.Quote(scheme) + " + " + read
	}
	if fn == nil {
		// A package-level initializer already runs at start-up.
		edits = append(edits, analysis.TextEdit{Pos: target.Pos(), End: target.End(), NewText: []byte(read)})
		return analysis.SuggestedFix{Message: "Read it from $" + env + " at start-up, failing when unset", TextEdits: edits}, true
	}
	// Inside a function the read would happen at the first request: move
	// it to a package-level variable, one per environment variable,
	// declared before the first function that needs it.
	name := lowerCamel(env) + "FromEnv"
	at, seen := c.envVars[env]
	if !seen {
		if !c.free(name, target.Pos()) {
			return analysis.SuggestedFix{}, false
		}
		at = fn.Pos()
		if fn.Doc != nil {
			at = fn.Doc.Pos()
		}
		c.envVars[env] = at
	}
	use := name
	if isByteSlice(info.TypeOf(target)) {
		use = "[]byte(" + name + ")"
	}
	if scheme != "" && target == l.lit {
		use = strconv.Quote(scheme) + " + " + use
	}
	edits = append(edits,
		analysis.TextEdit{Pos: at, End: at, NewText: []byte(fmt.Sprintf("var %s = %s(%q)\n\n", name, helperName, env))},
		analysis.TextEdit{Pos: target.Pos(), End: target.End(), NewText: []byte(use)})
	return analysis.SuggestedFix{Message: "Read it from $" + env + " at start-up, failing when unset", TextEdits: edits}, true
}

// schemePrefix matches the authentication scheme a header's value starts
// with ("Bearer ", "token ", "Basic ", "Bot ").
var schemePrefix = regexp.MustCompile(`^(?i:bearer|token|basic|bot)[ \t]+`)

// envFor returns env for value, or env with a number after it when
// another value's fix already reads env: keys the program tells apart
// stay apart after the fix.
func (c *checker) envFor(env, value string) string {
	name := env
	for n := 2; ; n++ {
		v, taken := c.envValues[name]
		if !taken {
			c.envValues[name] = value
			return name
		}
		if v == value {
			return name
		}
		name = fmt.Sprintf("%s_%d", env, n)
	}
}

// constFix turns the constant holding the secret into a package-level
// variable read from the environment: the secret leaves the source and
// every use of the constant follows. It is offered only when that keeps
// the program valid: a lone constant of type string, used nowhere a
// constant is required.
func (c *checker) constFix(k *types.Const, lit ast.Expr, env string) (analysis.SuggestedFix, bool) {
	if k.Parent() != c.pass.Pkg.Scope() || !types.Identical(k.Type(), types.Typ[types.UntypedString]) && !types.Identical(k.Type(), types.Typ[types.String]) {
		return analysis.SuggestedFix{}, false
	}
	file := c.fileOf(k.Pos())
	if file == nil {
		return analysis.SuggestedFix{}, false
	}
	var decl *ast.GenDecl
	for _, d := range file.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Pos() <= k.Pos() && k.Pos() < gd.End() {
			decl = gd
		}
	}
	if decl == nil || decl.Tok != token.CONST || decl.Lparen.IsValid() || len(decl.Specs) != 1 {
		return analysis.SuggestedFix{}, false
	}
	spec := decl.Specs[0].(*ast.ValueSpec)
	if len(spec.Names) != 1 || len(spec.Values) != 1 || spec.Values[0] != lit {
		return analysis.SuggestedFix{}, false
	}
	if !c.usedAsValueOnly(k) {
		return analysis.SuggestedFix{}, false
	}
	helper, ok := c.helper()
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	edits := append(helper,
		analysis.TextEdit{Pos: decl.TokPos, End: decl.TokPos + token.Pos(len("const")), NewText: []byte("var")},
		analysis.TextEdit{Pos: lit.Pos(), End: lit.End(), NewText: []byte(fmt.Sprintf("%s(%q)", helperName, env))})
	return analysis.SuggestedFix{Message: "Make " + k.Name() + " a variable read from $" + env + " at start-up, failing when unset", TextEdits: edits}, true
}

// usedAsValueOnly reports whether every use of k would accept a string
// variable: none is in a constant declaration, an array length or a
// context that converts the untyped constant to another type.
func (c *checker) usedAsValueOnly(k *types.Const) bool {
	var constCtx []ast.Node
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GenDecl:
				if n.Tok == token.CONST {
					constCtx = append(constCtx, n)
					return false
				}
			case *ast.ArrayType:
				if n.Len != nil {
					constCtx = append(constCtx, n.Len)
				}
			case *ast.CaseClause:
				constCtx = append(constCtx, n) // duplicate cases are legal only for variables
			}
			return true
		})
	}
	for id, obj := range c.pass.TypesInfo.Uses {
		if obj != k {
			continue
		}
		if t := c.pass.TypesInfo.TypeOf(id); t == nil || !types.Identical(t, types.Typ[types.String]) && !types.Identical(t, types.Typ[types.UntypedString]) {
			return false
		}
		for _, n := range constCtx {
			if n.Pos() <= id.Pos() && id.Pos() < n.End() {
				return false
			}
		}
	}
	return true
}

// envRead is the expression that reads env, of type t.
func (c *checker) envRead(t types.Type, env string) (string, bool) {
	read := fmt.Sprintf("%s(%q)", helperName, env)
	switch {
	case isString(t):
		return read, true
	case isByteSlice(t):
		return "[]byte(" + read + ")", true
	}
	return "", false
}

// helper returns the edits that add requireEnv to the package, in the file
// of the first fix: every fix carries them, so that each one alone is valid
// Go, and identical edits merge when several are applied. None when the
// package declares it already; false when the name means something else.
func (c *checker) helper() ([]analysis.TextEdit, bool) {
	if obj := c.pass.Pkg.Scope().Lookup(helperName); obj != nil {
		fn, ok := obj.(*types.Func)
		if !ok {
			return nil, false
		}
		sig := fn.Type().(*types.Signature)
		ok = sig.Params().Len() == 1 && sig.Results().Len() == 1 &&
			types.Identical(sig.Params().At(0).Type(), types.Typ[types.String]) &&
			types.Identical(sig.Results().At(0).Type(), types.Typ[types.String])
		return nil, ok
	}
	if c.helperFile == nil {
		for _, f := range c.pass.Files {
			if _, _, ok := edit.Import(c.pass.TypesInfo, c.pass.Pkg, f, "os", "os", f.FileEnd-1); ok {
				c.helperFile = f
				break
			}
		}
		if c.helperFile == nil {
			return nil, false
		}
	}
	f := c.helperFile
	os, edits, _ := edit.Import(c.pass.TypesInfo, c.pass.Pkg, f, "os", "os", f.FileEnd-1)
	// After the file's last declaration and any comment on its last line
	// (a //nolint or hookscan:allow), which stays where it is.
	end := f.End()
	line := c.pass.Fset.Position(end).Line
	for _, cg := range f.Comments {
		if cg.Pos() >= end && c.pass.Fset.Position(cg.Pos()).Line == line {
			end = cg.End()
		}
	}
	return append(edits, analysis.TextEdit{Pos: end, End: end, NewText: []byte(fmt.Sprintf(strings.TrimSuffix(helperText, "\n"), os))}), true
}

// free reports whether name is unused in the package and at pos.
func (c *checker) free(name string, pos token.Pos) bool {
	if c.pass.Pkg.Scope().Lookup(name) != nil {
		return false
	}
	if scope := c.pass.Pkg.Scope().Innermost(pos); scope != nil {
		if _, obj := scope.LookupParent(name, pos); obj != nil {
			return false
		}
	}
	for _, f := range c.pass.Files {
		if f.Scope != nil && f.Scope.Lookup(name) != nil {
			return false
		}
	}
	return true
}

// enclosingFunc is the top-level function declaration holding pos, nil
// at package level.
func enclosingFunc(file *ast.File, pos token.Pos) *ast.FuncDecl {
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= pos && pos < fd.End() {
			return fd
		}
	}
	return nil
}

func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if pos >= f.FileStart && pos < f.FileEnd {
			return f
		}
	}
	return nil
}

// lowerCamel turns WEBHOOK_SECRET into webhookSecret.
func lowerCamel(env string) string {
	var b strings.Builder
	for i, part := range strings.Split(strings.ToLower(env), "_") {
		if part == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			part = strings.ToUpper(part[:1]) + part[1:]
		}
		b.WriteString(part)
	}
	return b.String()
}
