package rules

import (
	"fmt"
	"regexp"
	"strings"
)

// CompileGlob turns a slash-separated path glob into a regular expression.
// "*" matches within one path element, "**" across elements, "?" one
// character, and a glob with no slash matches a base name at any depth, as
// in .gitignore.
func CompileGlob(glob string) (*regexp.Regexp, error) {
	if glob == "" {
		return nil, fmt.Errorf("empty glob")
	}
	g := strings.TrimPrefix(glob, "./")
	var b strings.Builder
	b.WriteString("^")
	if !strings.Contains(strings.TrimSuffix(g, "/"), "/") {
		b.WriteString("(?:.*/)?")
	}
	g = strings.TrimPrefix(g, "/")
	for i := 0; i < len(g); i++ {
		c := g[i]
		switch {
		case c == '*' && i+1 < len(g) && g[i+1] == '*':
			i++
			if i+1 < len(g) && g[i+1] == '/' {
				i++
				b.WriteString("(?:.*/)?")
			} else {
				b.WriteString(".*")
			}
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			end := strings.IndexByte(g[i+1:], ']')
			if end < 0 {
				return nil, fmt.Errorf("unclosed [ in glob %q", glob)
			}
			class := g[i+1 : i+1+end]
			if class == "" || strings.ContainsAny(class, "/[\\") {
				return nil, fmt.Errorf("invalid character class [%s] in glob %q", class, glob)
			}
			if class[0] == '!' {
				class = "^" + class[1:]
			}
			b.WriteString("[" + class + "]")
			i += end + 1
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	if strings.HasSuffix(g, "/") {
		b.WriteString(".*")
	} else {
		b.WriteString("(?:/.*)?")
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}
