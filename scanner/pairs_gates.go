package scanner

import "bytes"

// The expressions of pairPass that read a whole text are slow on text they
// cannot match: a source file that says "define" in a comment or holds a
// """ in a string. Each runs only where the text holds what every one of
// its matches needs around a literal, which the functions below check
// without an expression.

// headerDirectives are the words pairHeaderDirective starts a line with.
var headerDirectives = []string{"proxy_set_header", "add_header", "fastcgi_param", "uwsgi_param", "grpc_set_header", "RequestHeader", "SetEnv"}

// leadsLine reports whether lit occurs at the start of a line of text
// after blanks only or, when hash is set, after blanks, a "#" and blanks:
// what an expression anchored at (?m)^[ \t]* (or ^[ \t]*#[ \t]*) needs
// before lit.
func leadsLine(text []byte, lit string, hash bool) bool {
	for i := 0; i < len(text); {
		j := bytes.Index(text[i:], []byte(lit))
		if j < 0 {
			return false
		}
		at := i + j
		i = at + 1
		k := blanksBefore(text, at)
		if hash {
			if k == 0 || text[k-1] != '#' {
				continue
			}
			k = blanksBefore(text, k-1)
		}
		if k == 0 || text[k-1] == '\n' {
			return true
		}
	}
	return false
}

// anyLeadsLine reports whether one of lits leads a line (see leadsLine).
func anyLeadsLine(text []byte, lits []string) bool {
	for _, lit := range lits {
		if leadsLine(text, lit, false) {
			return true
		}
	}
	return false
}

// opensTripleQuoted reports whether text holds "=", blanks, three double
// or three single quotes and, after an optional backslash and blanks, the
// end of the line: how every match of pairTripleNextLine begins.
func opensTripleQuoted(text []byte) bool {
	for _, q := range []string{`"""`, `'''`} {
		for i := 0; i < len(text); {
			j := bytes.Index(text[i:], []byte(q))
			if j < 0 {
				break
			}
			at := i + j
			i = at + 1
			if k := blanksBefore(text, at); k == 0 || text[k-1] != '=' {
				continue
			}
			e := at + len(q)
			if e < len(text) && text[e] == '\\' {
				e++
			}
			for e < len(text) && (text[e] == ' ' || text[e] == '\t') {
				e++
			}
			if e < len(text) && text[e] == '\r' {
				e++
			}
			if e < len(text) && text[e] == '\n' {
				return true
			}
		}
	}
	return false
}

// blanksBefore returns where the run of spaces and tabs that ends at pos
// starts.
func blanksBefore(text []byte, pos int) int {
	for pos > 0 && (text[pos-1] == ' ' || text[pos-1] == '\t') {
		pos--
	}
	return pos
}
