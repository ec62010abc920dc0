package hardcoded

import (
	"go/ast"
	"go/constant"
	"reflect"
	"strconv"
	"strings"

	"github.com/hookscan/hookscan/analyzer/internal/callee"
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
