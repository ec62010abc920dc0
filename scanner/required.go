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
func requiredLiterals(re *syntax.Regexp) []string {
	if re == nil {
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
	} else if c.open != nil {
		re = c.open
	}
	for p <= len(win) {
		loc := re.FindSubmatchIndex(win[p:])
		if loc != nil && re == c.open && !c.withinBound(win[p:], loc) {
			loc = c.re.FindSubmatchIndex(win[p:])
		}
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
func leftContext(re *syntax.Regexp) bool {
	if re == nil {
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
func requiredBytes(re *syntax.Regexp) *byteSet {
	if re == nil {
		return nil
	}
	set, _ := requiredSet(re, false)
	if set == nil || isNameSet(set) {
		return nil
	}
	return set
}

// endBytes is requiredBytes for the end of a match: bytes one of which
// every match holds unless it runs to the end of the text it is given
// ($), and the most characters a match without them can span (-1 when
// unbounded). A key-led rule whose values end at a quote, a space or the
// end of the line cannot match where none follows and the window's end
// is out of reach (runRuleDense). It returns nil when that does not hold
// or tell more than requiredBytes.
func endBytes(re *syntax.Regexp) (*byteSet, int) {
	if re == nil {
		return nil, -1
	}
	set, end := requiredSet(re, true)
	if set == nil || !end || isNameSet(set) {
		return nil, -1
	}
	return set, maxRunes(re, set)
}

// maxRunes returns the most characters a match of re spans while it
// holds no byte of avoid, -1 when unbounded: a part that needs one of
// them matches nothing then.
func maxRunes(re *syntax.Regexp, avoid *byteSet) int {
	if need, _ := requiredSet(re, false); need != nil && subset(need, avoid) {
		return 0
	}
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpLiteral:
		return len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpQuest:
		return maxRunes(re.Sub[0], avoid)
	case syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		n := maxRunes(re.Sub[0], avoid)
		switch {
		case n == 0:
			return 0
		case n < 0 || re.Op != syntax.OpRepeat || re.Max < 0:
			return -1
		}
		return n * re.Max
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, sub := range re.Sub {
			n := maxRunes(sub, avoid)
			if n < 0 {
				return -1
			}
			if re.Op == syntax.OpConcat {
				total += n
			} else {
				total = max(total, n)
			}
		}
		return total
	}
	return -1
}

// subset reports whether every byte of a is in b.
func subset(a, b *byteSet) bool {
	for c, in := range a {
		if in && !b[c] {
			return false
		}
	}
	return true
}

// requiredSet returns bytes one of which every match of re holds, or nil.
// With atEnd, the end of the text ($) counts too: then a match may hold
// none of them when end is set.
func requiredSet(re *syntax.Regexp, atEnd bool) (set *byteSet, end bool) {
	switch re.Op {
	case syntax.OpEndText:
		if atEnd {
			return &byteSet{}, true
		}
	case syntax.OpLiteral:
		// Its rarest character.
		fold := re.Flags&syntax.FoldCase != 0
		best, bestCost := -1, 0
		for i, r := range re.Rune {
			if c, ok := runeCost(r, fold); ok && (best < 0 || c < bestCost) {
				best, bestCost = i, c
			}
		}
		if best < 0 {
			return nil, false
		}
		return runeSet(re.Rune[best:best+1], fold), false
	case syntax.OpCharClass:
		return runeSet(re.Rune, false), false
	case syntax.OpCapture, syntax.OpPlus:
		return requiredSet(re.Sub[0], atEnd)
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredSet(re.Sub[0], atEnd)
		}
	case syntax.OpConcat:
		// The rarest of what the parts require; with atEnd, the
		// last part that allows the end.
		var best *byteSet
		bestCost := 0
		for _, sub := range re.Sub {
			s, e := requiredSet(sub, atEnd)
			switch {
			case s == nil:
			case atEnd && e:
				best, end = s, true
				bestCost = setCost(s)
			case !end:
				if c := setCost(s); best == nil || c < bestCost {
					best, bestCost = s, c
				}
			}
		}
		return best, end
	case syntax.OpAlternate:
		var out byteSet
		for _, sub := range re.Sub {
			s, e := requiredSet(sub, atEnd)
			if s == nil {
				return nil, false
			}
			for c, in := range s {
				out[c] = out[c] || in
			}
			end = end || e
		}
		return &out, end
	}
	return nil, false
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

// runeCost is setCost(runeSet([]rune{r}, fold)), without the set; ok is
// false when that set is nil.
func runeCost(r rune, fold bool) (cost int, ok bool) {
	if r >= utf8.RuneSelf || fold && (lowerTable[r] == 'k' || lowerTable[r] == 's') {
		return 0, false
	}
	var buf [3]rune
	members := append(buf[:0], r)
	if fold {
		for _, f := range [2]rune{unicode.ToUpper(r), unicode.ToLower(r)} {
			if !slices.Contains(members, f) {
				members = append(members, f)
			}
		}
	}
	for _, m := range members {
		cost++
		if isNameByte(byte(m)) {
			cost += 256
		}
	}
	return cost, true
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

// literalGate holds lower-case strings one of which every match of an
// expression holds (as required does for all of them): a text without any
// of them cannot match, which a few substring searches tell sooner than
// the expression's engine does.
type literalGate []string

// newLiteralGate returns the gate of an expression, nil when it cannot
// tell (then every text passes).
func newLiteralGate(expr string) literalGate {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	g := anyRequired(re)
	// A string that holds another of the set adds nothing.
	return slices.DeleteFunc(g, func(s string) bool {
		return slices.ContainsFunc(g, func(o string) bool { return o != s && strings.Contains(s, o) })
	})
}

// mayMatch reports whether s holds one of the gate's strings, in any case.
func (g literalGate) mayMatch(s string) bool { return mayMatchIn(g, s) }

// mayMatchIn is mayMatch for a string or a byte slice.
func mayMatchIn[T string | []byte](g literalGate, s T) bool {
	if g == nil {
		return true
	}
	var buf [64]byte
	lower := buf[:0]
	for i := 0; i < len(s); i++ {
		lower = append(lower, lowerTable[s[i]])
	}
	for _, lit := range g {
		if bytes.Contains(lower, []byte(lit)) {
			return true
		}
	}
	return false
}

// anyRequired returns lower-case strings one of which every match of re
// holds, or nil.
func anyRequired(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral, syntax.OpCharClass:
		// Every piece is held: the longest.
		var best string
		for _, s := range required(re) {
			if len(s) > len(best) {
				best = s
			}
		}
		if best == "" {
			return nil
		}
		return []string{best}
	case syntax.OpCapture, syntax.OpPlus:
		return anyRequired(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return anyRequired(re.Sub[0])
		}
	case syntax.OpConcat:
		// The part whose strings are longest (up to 4 bytes, which
		// few names hold by chance), then the fewest.
		var best []string
		for _, sub := range re.Sub {
			s := anyRequired(sub)
			if s == nil {
				continue
			}
			if best == nil || min(shortest(s), 4) > min(shortest(best), 4) || min(shortest(s), 4) == min(shortest(best), 4) && len(s) < len(best) {
				best = s
			}
		}
		return best
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			s := anyRequired(sub)
			if s == nil {
				return nil
			}
			for _, x := range s {
				if !slices.Contains(out, x) {
					out = append(out, x)
				}
			}
		}
		return out
	}
	return nil
}

// shortest is the length of the shortest of strs.
func shortest(strs []string) int {
	n := -1
	for _, s := range strs {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

// gated returns l made to ask its gate first: a filter's expression of
// dozens of words costs microseconds a value, the gate's substring
// searches far less, and most values a filter is asked about hold none of
// its words. The gate is made when the expression is compiled.
func gated(l *lazyRegexp) *lazyRegexp {
	l.gated = true
	return l
}

// regexpSet matches what one of its expressions matches.
type regexpSet []*lazyRegexp

// anyOf compiles each alternative with the flags before it, on its own:
// most are anchored and give up at once, where as one expression the
// unanchored ones make every one run at every position.
func anyOf(flags string, alternatives []string) regexpSet {
	out := make(regexpSet, len(alternatives))
	for i, a := range alternatives {
		out[i] = gated(lazyCompile(flags + `(?:` + a + `)`))
	}
	return out
}

// MatchString reports whether one of the expressions matches s.
func (rs regexpSet) MatchString(s string) bool {
	for _, re := range rs {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}
