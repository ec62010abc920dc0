package scanner

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A rule's expression is slow to run (Go's regexp engine steps through
// every byte of a window), and on hostile text the windows near keyword
// hits cover everything. Most expressions need a literal somewhere in
// every match (the "@" of a URL with a password, the "?" of a query, a
// fixed prefix): when one is missing from a window, the expression cannot
// match there and is not run. The check is bytes.Index over the window's
// lower-case copy, far cheaper than the expression.

// requiredLiterals returns lower-case byte strings every match of the
// expression holds, or none when it cannot tell.
func requiredLiterals(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	var out []string
	for _, s := range required(re) {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// required returns strings every match of re contains, lower-cased with
// lowerTable (so they are looked for in the lower-case copy of a text).
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return literalPieces(re.Rune, re.Flags&syntax.FoldCase != 0)
	case syntax.OpCharClass:
		// One character, or one letter in both cases.
		if r := re.Rune; len(r) == 2 && r[0] == r[1] {
			return literalPieces(r[:1], false)
		}
		if r := re.Rune; len(r) == 4 && r[0] == r[1] && r[2] == r[3] && r[0] < utf8.RuneSelf && r[2] < utf8.RuneSelf && lowerTable[r[0]] == lowerTable[r[2]] {
			return literalPieces(r[:1], true)
		}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		var out []string
		for _, sub := range re.Sub {
			out = append(out, required(sub)...)
		}
		return out
	case syntax.OpAlternate:
		// What every branch needs.
		out := required(re.Sub[0])
		for _, sub := range re.Sub[1:] {
			other := required(sub)
			out = slices.DeleteFunc(out, func(s string) bool { return !slices.Contains(other, s) })
		}
		return out
	}
	return nil
}

// literalPieces turns a literal into lower-case strings a match holds. A
// case-folded literal is cut at the letters that fold to characters
// outside ASCII (k to the Kelvin sign, s to the long s) and at non-ASCII
// runes, whose other cases a byte-wise lower-case copy does not equate.
func literalPieces(runes []rune, fold bool) []string {
	var out []string
	var cur []byte
	cut := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = nil
		}
	}
	for _, r := range runes {
		switch {
		case r < utf8.RuneSelf && (!fold || lowerTable[r] != 'k' && lowerTable[r] != 's'):
			cur = append(cur, lowerTable[r])
		case !fold:
			cur = utf8.AppendRune(cur, r)
		default:
			cut()
		}
	}
	cut()
	return out
}

// holdsAll reports whether lower (a lower-case text) holds every string.
func holdsAll(lower []byte, strs []string) bool {
	for _, s := range strs {
		if !bytes.Contains(lower, []byte(s)) {
			return false
		}
	}
	return true
}

// prefixSearch returns expr without a leading \b when what follows starts
// with a literal word character: Go's regexp skips between occurrences of
// a literal prefix, but a leading assertion hides it, and the prefixed
// tokens (whsec_..., xoxb-..., sk_live_...) all begin with one. findAll
// checks the assertion itself. It returns nil otherwise.
func prefixSearch(expr string) *regexp.Regexp {
	rest, ok := strings.CutPrefix(expr, `\b`)
	if !ok {
		return nil
	}
	re, err := regexp.Compile(rest)
	if err != nil {
		return nil
	}
	if prefix, _ := re.LiteralPrefix(); prefix == "" || !isWordByte(prefix[0]) {
		return nil
	}
	return re
}

// isWordByte reports whether c is a word character as \b sees it.
func isWordByte(c byte) bool { return isAlnum(c) || c == '_' }

// findAll is c.re.FindAllSubmatchIndex(win, -1), match after match with
// findFrom.
func (c *compiledRule) findAll(win []byte) [][]int {
	var out [][]int
	for p := 0; p <= len(win); {
		loc := c.findFrom(win, p)
		if loc == nil {
			break
		}
		out = append(out, loc)
		p = nextStart(win, loc)
	}
	return out
}

// nextStart is where the search after the match loc goes on, as
// FindAllSubmatchIndex goes on: at its end, or a character further for an
// empty match.
func nextStart(win []byte, loc []int) int {
	if loc[1] > loc[0] {
		return loc[1]
	}
	if loc[1] >= len(win) {
		return loc[1] + 1
	}
	_, size := utf8.DecodeRune(win[loc[1]:])
	return loc[1] + size
}

// findFrom returns the leftmost-first match of the rule's expression in
// win that starts at p or after it, as FindSubmatchIndex gives it for win
// (and as FindAllSubmatchIndex gives the match after one that ends at p),
// or nil. The search reads win from p on, once: the text before p is
// looked at only for the character before a start (\b). Expressions
// prefixSearch could strip are searched without their leading \b: it
// holds at a match's start when the byte before it is not a word
// character; where it does not, the search goes on from the next byte, as
// the full expression's would.
func (c *compiledRule) findFrom(win []byte, p int) []int {
	re := c.re
	if c.search != nil {
		re = c.search
	}
	for p <= len(win) {
		loc := re.FindSubmatchIndex(win[p:])
		if loc == nil {
			return nil
		}
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += p
			}
		}
		start := loc[0]
		switch {
		case c.search != nil:
			if start > 0 && isWordByte(win[start-1]) {
				p = start + 1
				continue
			}
		case start == p && p > 0 && c.leftContext:
			// The slice hid the character before p from the
			// expression: ask again at p with it, and go on after p
			// when nothing starts there.
			if at := c.matchAt(win, p, len(win)); at != nil {
				for i := range at {
					if at[i] >= 0 {
						at[i] += p
					}
				}
				return at
			}
			_, size := utf8.DecodeRune(win[p:])
			p += max(size, 1)
			continue
		}
		return loc
	}
	return nil
}

// leftContext reports whether what an expression matches can depend on the
// text before the match: it asserts a word boundary or the start of a line
// or of the text.
func leftContext(expr string) bool {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return true
	}
	var walk func(*syntax.Regexp) bool
	walk = func(re *syntax.Regexp) bool {
		switch re.Op {
		case syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginLine, syntax.OpBeginText:
			return true
		}
		return slices.ContainsFunc(re.Sub, walk)
	}
	return walk(re)
}

// byteSet is a set of bytes.
type byteSet [256]bool

// requiredBytes returns a set of bytes one of which every match of the
// expression holds, chosen to be as rare as it can tell (the separator
// between a name and its value rather than a name's letters), or nil when
// it cannot tell or only name characters would do. A run of a key-led
// rule's text that holds none of them cannot match (runRuleDense).
func requiredBytes(expr string) *byteSet {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	set := requiredSet(re)
	if set == nil || isNameSet(set) {
		return nil
	}
	return set
}

// requiredSet returns bytes one of which every match of re holds, or nil.
func requiredSet(re *syntax.Regexp) *byteSet {
	switch re.Op {
	case syntax.OpLiteral:
		// Its rarest character.
		var best *byteSet
		for i := range re.Rune {
			if s := runeSet(re.Rune[i:i+1], re.Flags&syntax.FoldCase != 0); s != nil && (best == nil || setCost(s) < setCost(best)) {
				best = s
			}
		}
		return best
	case syntax.OpCharClass:
		return runeSet(re.Rune, false)
	case syntax.OpCapture, syntax.OpPlus:
		return requiredSet(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredSet(re.Sub[0])
		}
	case syntax.OpConcat:
		// The rarest of what the parts require.
		var best *byteSet
		for _, sub := range re.Sub {
			if s := requiredSet(sub); s != nil && (best == nil || setCost(s) < setCost(best)) {
				best = s
			}
		}
		return best
	case syntax.OpAlternate:
		var out byteSet
		for _, sub := range re.Sub {
			s := requiredSet(sub)
			if s == nil {
				return nil
			}
			for c, in := range s {
				out[c] = out[c] || in
			}
		}
		return &out
	}
	return nil
}

// runeSet is the set of the runes of a literal (pairs for a class), both
// cases when fold is set; nil when one is not ASCII or folds to a rune
// that is not.
func runeSet(runes []rune, fold bool) *byteSet {
	var out byteSet
	add := func(lo, hi rune) bool {
		if hi >= utf8.RuneSelf {
			return false
		}
		for r := lo; r <= hi; r++ {
			out[r] = true
			if fold && (lowerTable[r] == 'k' || lowerTable[r] == 's') {
				return false // also the Kelvin sign, the long s
			}
			if fold {
				out[unicode.ToUpper(r)], out[unicode.ToLower(r)] = true, true
			}
		}
		return true
	}
	if len(runes) == 1 {
		if !add(runes[0], runes[0]) {
			return nil
		}
		return &out
	}
	for i := 0; i+1 < len(runes); i += 2 {
		if !add(runes[i], runes[i+1]) {
			return nil
		}
	}
	return &out
}

// setCost ranks sets: every name character ([\w.-]) in a set weighs as
// much as the rest of it together, as names fill the text around keywords.
func setCost(s *byteSet) int {
	n := 0
	for c, in := range s {
		if in {
			n++
			if isNameByte(byte(c)) {
				n += 256
			}
		}
	}
	return n
}

// isNameSet reports whether a set holds a name character.
func isNameSet(s *byteSet) bool { return setCost(s) > 256 }

// nextIn returns the index of the first byte of text[from:to] in s, or to.
func nextIn(text []byte, from, to int, s *byteSet) int {
	for i := from; i < to; i++ {
		if s[text[i]] {
			return i
		}
	}
	return to
}
