package hardcoded

import (
	"go/ast"
	"go/constant"
	"reflect"
	"strconv"
	"strings"

	"github.com/hookscan/hookscan/analyzer/internal/callee"
	"github.com/hookscan/hookscan/analyzer/internal/secretname"
)

// namedArg is a call whose argument Value is named by the string constant
// at Name: a flag's default under the flag's name, a configuration
// default under its key, a variable set in the environment.
type namedArg struct{ Name, Value int }

// namedArgs are the calls that give a value a name (flag, pflag, viper,
// os.Setenv), by callee.
var namedArgs = func() map[callee.Func]namedArg {
	m := map[callee.Func]namedArg{
		{Pkg: "os", Name: "Setenv"}: {0, 1},
	}
	for _, recv := range []string{"", "FlagSet"} {
		for _, p := range []string{"flag", "github.com/spf13/pflag"} {
			m[callee.Func{Pkg: p, Recv: recv, Name: "String"}] = namedArg{0, 1}
			m[callee.Func{Pkg: p, Recv: recv, Name: "StringVar"}] = namedArg{1, 2}
		}
		m[callee.Func{Pkg: "github.com/spf13/pflag", Recv: recv, Name: "StringP"}] = namedArg{0, 2}
		m[callee.Func{Pkg: "github.com/spf13/pflag", Recv: recv, Name: "StringVarP"}] = namedArg{1, 3}
	}
	for _, recv := range []string{"", "Viper"} {
		for _, name := range []string{"SetDefault", "Set"} {
			m[callee.Func{Pkg: "github.com/spf13/viper", Recv: recv, Name: name}] = namedArg{0, 1}
		}
	}
	return m
}()

// argName names the argument of a call that namedArgs knows: the value
// is keyed under the constant the call names it by.
func (c *checker) argName(call *ast.CallExpr) {
	fn, _, ok := callee.Of(c.pass.TypesInfo, call)
	if !ok {
		return
	}
	na, ok := namedArgs[fn]
	if !ok || na.Value >= len(call.Args) {
		return
	}
	tv, ok := c.pass.TypesInfo.Types[call.Args[na.Name]]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return
	}
	c.keys[call.Args[na.Value]] = constant.StringVal(tv.Value)
}

// defaultTags are the struct tags that hold a field's default value
// (envconfig, kong, caarlos0/env, creasty/defaults).
var defaultTags = []string{"default", "envDefault"}

// nameTags name a field's setting better than its Go name does.
var nameTags = []string{"env", "envconfig"}

// tagDefault queues a struct field's default from its tag
// (`env:"GITHUB_WEBHOOK_SECRET" default:"…"`): a default written in the
// source ships in the binary like any literal. It is named by its
// environment variable, or else by the field.
func (c *checker) tagDefault(f *ast.Field) {
	if f.Tag == nil || len(f.Names) == 0 {
		return
	}
	raw, err := strconv.Unquote(f.Tag.Value)
	if err != nil {
		return
	}
	tag := reflect.StructTag(raw)
	name := f.Names[0].Name
	for _, t := range nameTags {
		if v, ok := tag.Lookup(t); ok && v != "" {
			name, _, _ = strings.Cut(v, ",")
			break
		}
	}
	for _, t := range defaultTags {
		v, ok := tag.Lookup(t)
		if !ok || len(v) < 8 {
			continue
		}
		c.keys[f.Tag] = name
		c.literals = append(c.literals, literal{expr: f.Tag, value: v, file: c.file, path: c.path})
		return
	}
}

// getenvFuncs read an environment variable named by their argument.
var getenvFuncs = map[callee.Func]bool{
	{Pkg: "os", Name: "Getenv"}:    true,
	{Pkg: "os", Name: "LookupEnv"}: true,
}

// envName is the name of the environment variable one of args reads
// (os.Getenv("GITHUB_WEBHOOK_SECRET")) when that name says it holds a
// secret, or "".
func (c *checker) envName(args []ast.Expr) string {
	for _, a := range args {
		call, ok := ast.Unparen(a).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			continue
		}
		if fn, _, ok := callee.Of(c.pass.TypesInfo, call); !ok || !getenvFuncs[fn] {
			continue
		}
		tv, ok := c.pass.TypesInfo.Types[call.Args[0]]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
			continue
		}
		if name := constant.StringVal(tv.Value); name != "" {
			if _, secret := secretname.Rule(name); secret {
				return name
			}
		}
	}
	return ""
}

// formatFuncs are fmt's functions that write a format string, by the
// position of the format.
var formatFuncs = map[callee.Func]int{
	{Pkg: "fmt", Name: "Sprintf"}: 0,
	{Pkg: "fmt", Name: "Errorf"}:  0,
	{Pkg: "fmt", Name: "Printf"}:  0,
	{Pkg: "fmt", Name: "Fprintf"}: 1,
	{Pkg: "fmt", Name: "Appendf"}: 1,
}

// formatArgs records, for each constant string argument of a call of a
// formatFuncs function, the format's text before and after its verb.
func (c *checker) formatArgs(fn callee.Func, call *ast.CallExpr) {
	at, ok := formatFuncs[fn]
	if !ok || at >= len(call.Args) {
		return
	}
	tv, ok := c.pass.TypesInfo.Types[call.Args[at]]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return
	}
	verbs, ok := formatVerbs(constant.StringVal(tv.Value))
	if !ok {
		return
	}
	for i, v := range verbs {
		arg := at + 1 + i
		if arg >= len(call.Args) {
			return
		}
		if _, _, ok := c.constant(call.Args[arg]); ok {
			c.around[call.Args[arg]] = [2]string{v.before, v.after}
		}
	}
}

// verb is one verb of a format string and the literal text on each side
// of it, up to the neighbouring verbs.
type verb struct{ before, after string }

// formatVerbs splits a format string at its verbs; it fails on explicit
// argument indexes and on * widths, which change which argument a verb
// takes.
func formatVerbs(format string) ([]verb, bool) {
	var spans [][2]int
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			break
		}
		switch format[j] {
		case '%':
			i = j
			continue
		case '[', '*':
			return nil, false
		}
		spans = append(spans, [2]int{i, j + 1})
		i = j
	}
	out := make([]verb, len(spans))
	for k, sp := range spans {
		start, end := 0, len(format)
		if k > 0 {
			start = spans[k-1][1]
		}
		if k+1 < len(spans) {
			end = spans[k+1][0]
		}
		out[k] = verb{before: strings.ReplaceAll(format[start:sp[0]], "%%", "%"), after: strings.ReplaceAll(format[sp[1]:end], "%%", "%")}
	}
	return out, true
}
