package scanner

import (
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A rule's secret is most often a bounded run of a character class that
// something outside the class must follow: (?P<secret>[\w.+/~=-]{10,150})
// and then a quote, a blank or the end. Go's regexp runs a bounded repeat
// as that many copies of the class, each a thread of its own over a run of
// such characters: the generic assignment rule cost 0.5 µs a byte of the
// windows it read. With the bound lifted the expression runs about twice
// as fast, and what it finds is the same whenever the run it takes is
// within the bound:
//
// Since what follows cannot start with a character of the class, a run
// taken is always the whole run of class characters at its start. Along
// any one way of matching, the bounded expression succeeds exactly when
// the open one does with a run within the bound. Both try the ways in the
// same order, so if the open one's first success has a run within the
// bound, every way before it failed for the bounded one too, and that is
// its match. Only when the run is longer must the bounded expression be
// asked (findFrom does), which the text of a real file rarely makes it.

// openRepeat returns expr (compiled as orig) with the bound of its group's
// repeat lifted, and the bound, when the group is a bounded repeat of a
// character class followed by something that cannot start with one of its
// characters; otherwise nil.
func openRepeat(expr string, orig *regexp.Regexp, group int) (*regexp.Regexp, int) {
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, 0
	}
	rep := openableRepeat(tree, group)
	if rep == nil {
		return nil, 0
	}
	max := rep.Max
	rep.Max = -1
	re, err := regexp.Compile(openedExpr(expr, tree, rep.Min, max))
	if err != nil || re.NumSubexp() != orig.NumSubexp() {
		return nil, 0
	}
	return re, max
}

// openedExpr spells opened, which is expr parsed with the bounded repeat
// {min,max} made {min,}. It edits expr where that gives the same tree:
// opened.String() would do, but for a class such as [^\s"'] it checks the
// case folding of every rune up to U+1E943, a millisecond and a half.
func openedExpr(expr string, opened *syntax.Regexp, min, max int) string {
	bound := "{" + strconv.Itoa(min) + "," + strconv.Itoa(max) + "}"
	if min == max {
		bound = "{" + strconv.Itoa(min) + "}"
	}
	open := "{" + strconv.Itoa(min) + ",}"
	for from := 0; ; {
		i := strings.Index(expr[from:], bound)
		if i < 0 {
			return opened.String()
		}
		i += from
		cand := expr[:i] + open + expr[i+len(bound):]
		if t, err := syntax.Parse(cand, syntax.Perl); err == nil && t.Equal(opened) {
			return cand
		}
		from = i + 1
	}
}

// openableRepeat finds, anywhere in re, a concatenation holding capture
// group, which is or ends with a bounded repeat of a character class, and
// a next element that cannot start inside the class.
func openableRepeat(re *syntax.Regexp, group int) *syntax.Regexp {
	if re.Op == syntax.OpConcat {
		for i, sub := range re.Sub {
			if sub.Op != syntax.OpCapture || sub.Cap != group {
				continue
			}
			// The group is the repeat, or ends with it (whsec_[…]{32,64}).
			rep := sub.Sub[0]
			if rep.Op == syntax.OpConcat && len(rep.Sub) > 0 {
				rep = rep.Sub[len(rep.Sub)-1]
			}
			if rep.Op != syntax.OpRepeat || rep.Max < 0 || rep.Min < 1 || rep.Sub[0].Op != syntax.OpCharClass {
				return nil
			}
			if i+1 < len(re.Sub) && startsOutside(re.Sub[i+1], rep.Sub[0].Rune) {
				return rep
			}
			return nil
		}
	}
	for _, sub := range re.Sub {
		if r := openableRepeat(sub, group); r != nil {
			return r
		}
	}
	return nil
}

// startsOutside reports whether every match of re starts with a character
// outside class (a list of rune ranges) or is at the end of the text (or,
// in multi-line mode, before a newline outside class), or is \b after a
// class of word characters.
func startsOutside(re *syntax.Regexp, class []rune) bool {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return false
		}
		r := re.Rune[0]
		if re.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				if inClass(f, class) {
					return false
				}
			}
		}
		return !inClass(r, class)
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for j := 0; j+1 < len(class); j += 2 {
				if re.Rune[i] <= class[j+1] && class[j] <= re.Rune[i+1] {
					return false
				}
			}
		}
		return true
	case syntax.OpEndText:
		return true
	case syntax.OpWordBoundary:
		// After a run of word characters, \b holds only where a
		// non-word character or the end follows.
		return isWordClass(class)
	case syntax.OpEndLine:
		return !inClass('\n', class)
	case syntax.OpCapture, syntax.OpPlus:
		return startsOutside(re.Sub[0], class)
	case syntax.OpConcat:
		return len(re.Sub) > 0 && startsOutside(re.Sub[0], class)
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !startsOutside(sub, class) {
				return false
			}
		}
		return true
	case syntax.OpRepeat:
		return re.Min > 0 && startsOutside(re.Sub[0], class)
	}
	return false
}

// isWordClass reports whether every character of class is an ASCII word
// character, as \b sees them.
func isWordClass(class []rune) bool {
	for i := 0; i+1 < len(class); i += 2 {
		for r := class[i]; r <= class[i+1]; r++ {
			if r >= utf8.RuneSelf || !isWordByte(byte(r)) {
				return false
			}
		}
	}
	return len(class) > 0
}

// inClass reports whether r is in class, a list of rune ranges.
func inClass(r rune, class []rune) bool {
	for i := 0; i+1 < len(class); i += 2 {
		if class[i] <= r && r <= class[i+1] {
			return true
		}
	}
	return false
}

// withinBound reports whether the group of loc (offsets into win) is a
// run the bounded expression could take.
func (c *compiledRule) withinBound(win []byte, loc []int) bool {
	s, e := loc[2*c.group], loc[2*c.group+1]
	return s < 0 || utf8.RuneCount(win[s:e]) <= c.openMax
}
