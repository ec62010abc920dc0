package scanner

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"unicode/utf8"
)

// Dense lines. A rule's expression runs over the windows around its
// keyword hits, merged where they overlap, so a line holds its bytes under
// the expression once however many hits it has. That is linear, but Go's
// regexp engine steps through every byte of a window, and the expressions
// that match a name before its value ((?i)[\w.-]{0,50}?secret...) have no
// literal it can skip to and keep dozens of threads alive: about a
// microsecond a byte. A hostile line with a keyword every few bytes puts
// all of it under several such expressions, at every decoding layer.
//
// These expressions begin with the name (their key group), and a rule's
// keywords sit in that name, so a match starts in the name that holds a
// hit, at most a window's width before it. Where the merged window is
// long (denseSpan), such a rule is run once per hit instead, with its
// start held to that name: the expression is anchored, led by a lazy
// prefix of at most the name's length, so it stops as soon as no thread
// is left instead of running to the window's end. Starts already tried
// are not tried again, and hits inside a match are passed over, so each
// byte is a starting point once and the expression reads a little past
// each name: ordinary text between names costs nothing.

// denseSpan is the merged window length from which a key-led rule runs
// hit by hit. Ordinary text never merges windows this long.
const denseSpan = 16 << 10

// ruleHit is a keyword hit of a key-led rule and the window around it.
type ruleHit struct{ hit, win hitSpan }

// keyLed reports whether every match of the expression begins with a
// non-empty key (or name) group: what the expression matches starts at
// the name that holds the rule's keyword.
func keyLed(re *syntax.Regexp) bool {
	if re == nil {
		return false
	}
	return startsWithKey(re)
}

func startsWithKey(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpCapture:
		if re.Name == "key" || re.Name == "name" {
			return !matchesEmpty(re.Sub[0])
		}
		return startsWithKey(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && startsWithKey(re.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !startsWithKey(sub) {
				return false
			}
		}
		return true
	}
	return false
}

// matchesEmpty reports whether re matches the empty text, as
// regexp.MustCompile(`^(?:`+re.String()+`)$`).MatchString("") does.
func matchesEmpty(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpStar, syntax.OpQuest, syntax.OpNoWordBoundary,
		syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return true
	case syntax.OpLiteral:
		return len(re.Rune) == 0
	case syntax.OpCapture, syntax.OpPlus:
		return matchesEmpty(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min == 0 || matchesEmpty(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !matchesEmpty(sub) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		return slices.ContainsFunc(re.Sub, matchesEmpty)
	}
	return false // a character, or \b: no word character to border
}

// anchoredExpr returns the rule's expression anchored at the start of the
// text, or nil when it does not compile (then the rule runs over merged
// windows). The second one reads one character first, its match being
// group 1, so that \b and the like see the character before a start.
func (c *compiledRule) anchoredExpr() (atStart, afterOne *regexp.Regexp) {
	c.anchorOnce.Do(func() {
		var err error
		c.anchor[0], err = regexp.Compile(`^(?:` + c.rule.Regex + `)`)
		if err == nil {
			c.anchor[1], err = regexp.Compile(`^(?s:.)(` + c.rule.Regex + `)`)
		}
		if err != nil {
			c.anchor = [2]*regexp.Regexp{}
		}
	})
	return c.anchor[0], c.anchor[1]
}

// matchAt returns the leftmost-first match of the rule's expression that
// starts at text[at], within text[:end], as FindSubmatchIndex gives it
// for text[at:], or nil.
func (c *compiledRule) matchAt(text []byte, at, end int) []int {
	return c.matchAtProbe(text, at, end, true)
}

// matchAtProbe is matchAt; with probe it first asks whether a match
// starts there at all, which copies no submatches and stops at the first
// match it meets: cheaper where most starts match nothing, a second run
// where most match.
func (c *compiledRule) matchAtProbe(text []byte, at, end int, probe bool) []int {
	atStart, afterOne := c.anchoredExpr()
	re, from := atStart, at
	if at > 0 {
		// The character before at, whole, for \b.
		_, size := utf8.DecodeLastRune(text[:at])
		re, from = afterOne, at-size
	}
	if probe && !re.Match(text[from:end]) {
		return nil
	}
	loc := re.FindSubmatchIndex(text[from:end])
	if loc == nil {
		return nil
	}
	if from < at {
		loc = loc[2:]
	}
	for i := range loc {
		if loc[i] >= 0 {
			loc[i] -= at - from
		}
	}
	return loc
}

// nameStart returns where the run of name characters ([\w.-]) that ends
// at pos begins, not before lo.
func nameStart(text []byte, pos, lo int) int {
	for pos > lo {
		if !isNameByte(text[pos-1]) {
			break
		}
		pos--
	}
	return pos
}

// isNameByte reports whether c is in [\w.-].
func isNameByte(c byte) bool { return isWordByte(c) || c == '.' || c == '-' }

// runRuleDense runs a key-led rule over a long merged window w hit by hit
// (hits in the order the automaton found them): anchored at the start of
// the name holding the hit, then at the separator before the hit, then at
// the hit itself, within the hit's own window. A hit inside a match starts nothing, and a name is tried once
// however many hits it holds. It keeps what runRule keeps; the caller has
// checked that the rule applies to path (pathApplies).
func (d *Detector) runRuleDense(out []match, c *compiledRule, path string, text []byte, w hitSpan, hits []ruleHit) []match {
	if atStart, _ := c.anchoredExpr(); atStart == nil {
		return d.runRule(out, c, path, text, w)
	}
	var fc filterCache
	cursor := 0 // no match starts before it
	// sep is the first byte of c.sep at or after the last start looked
	// at (w.end when there is none): a start whose window holds none
	// cannot match. Starts only move forward, so each byte is looked
	// at once. end is the same for c.end.
	sep, end := w.start, w.start
	tried, found := 0, 0 // starts run, and those that matched
	for _, h := range hits {
		if h.hit.start < cursor {
			continue
		}
		// The name, a separator before the hit ([_.-]gh), the hit. A
		// name that runs on past the window's start is tried at the hit
		// only: its start is out of the rule's reach.
		starts := [3]int{nameStart(text, h.hit.start, h.win.start), h.hit.start, h.hit.start}
		if ns := starts[0]; ns == h.win.start && ns > 0 && isNameByte(text[ns-1]) {
			starts[0] = h.hit.start
		}
		if p := h.hit.start - 1; p >= h.win.start && (text[p] == '_' || text[p] == '.' || text[p] == '-') {
			starts[1] = p
		}
		for _, at := range starts {
			// A name whose start was tried for an earlier hit is tried
			// again only at this hit.
			if at < cursor {
				continue
			}
			cursor = at + 1
			if c.sep != nil {
				if sep < at {
					sep = nextIn(text, at, w.end, c.sep)
				}
				if sep >= h.win.end {
					continue
				}
			}
			if c.end != nil && c.span >= 0 && h.win.end-at > c.span {
				// A match ends at one of c.end, or at the window's
				// end, when that is within its reach.
				if end < at {
					end = nextIn(text, at, w.end, c.end)
				}
				if end >= h.win.end && utf8.RuneCount(text[at:h.win.end]) > c.span {
					continue
				}
			}
			// Probe while at most half the starts tried have matched.
			loc := c.matchAtProbe(text, at, h.win.end, 2*found <= tried)
			tried++
			if loc == nil {
				continue
			}
			found++
			out = d.ruleMatch(out, c, path, text, at, loc, &fc)
			cursor = max(cursor, at+loc[1])
			break
		}
	}
	return out
}
