package scanner

import "sync"

// passLiteral is one of the literals the pair and fallback passes look
// for in a whole text before they read the lines that hold it. One pass
// of an automaton finds them all: searching for each in turn read a
// source file some forty times, which cost more than the passes' own
// expressions (a third of the detector's time on Go's source tree).
type passLiteral uint8

const (
	litAlue passLiteral = iota
	litQuoteBracket
	litTickBracket
	litTripleDouble
	litTripleSingle
	litHashQuote
	litArrow
	litTo
	litDefine
	litSet
	litSetx // Windows batch files' SETX, in capitals
	litFromCall
	litSQuote
	litFQuote
	litRawQuote
	litSectionKey
	litMap
	litDefault
	litDefaultTitle
	litBuildConfig
	litResValue
	litCDATA
	litEnv
	litEnvUpper
	litEnvTitle
	litExpansion
	litGetProperty
	litConfigCall
	// The openings of objects after their names (objects.go).
	litObjEq
	litObjColon
	litObjDict
	litObjArrowBracket
	litObjArrowBrace
	litObjEqBracket
	litObjArray
	// The name of the quoted-printable encoding (quotedprintable.go).
	litQPLower
	litQPTitle
	litQPUpper
	// Escaped punctuation in LaTeX and Markdown (escapedPunctuation).
	litEscUnderscore
	litEscAmpersand
	// litDirective is the first of headerDirectives, in their order.
	litDirective
)

// passLiteralSpelling spells each passLiteral before the header
// directives (see passLiteral.text).
var passLiteralSpelling = []string{
	litAlue:            "alue",
	litQuoteBracket:    `"]`,
	litTickBracket:     `']`,
	litTripleDouble:    `"""`,
	litTripleSingle:    `'''`,
	litHashQuote:       `#"`,
	litArrow:           "->",
	litTo:              " to ",
	litDefine:          "define",
	litSet:             "set",
	litSetx:            "SETX",
	litFromCall:        `from("`,
	litSQuote:          `s"`,
	litFQuote:          `f"`,
	litRawQuote:        `raw"`,
	litSectionKey:      `":`,
	litMap:             "map[",
	litDefault:         "default",
	litDefaultTitle:    "Default",
	litBuildConfig:     "buildConfigField(",
	litResValue:        "resValue(",
	litCDATA:           "<![CDATA[",
	litEnv:             "env",
	litEnvUpper:        "ENV",
	litEnvTitle:        "Env",
	litExpansion:       "${",
	litGetProperty:     "getProperty",
	litConfigCall:      "config(",
	litObjEq:           " = {",
	litObjColon:        ": {",
	litObjDict:         " = dict(",
	litObjArrowBracket: " => [",
	litObjArrowBrace:   " => {",
	litObjEqBracket:    " = [",
	litObjArray:        " => array(",
	litQPLower:         "quoted-printable",
	litQPTitle:         "Quoted-Printable",
	litQPUpper:         "QUOTED-PRINTABLE",
	litEscUnderscore:   `\_`,
	litEscAmpersand:    `\&`,
}

// text spells l.
func (l passLiteral) text() string {
	if l >= litDirective {
		return headerDirectives[l-litDirective]
	}
	return passLiteralSpelling[l]
}

// passLiterals returns every pass literal's text: number i is
// passLiteral i.
func passLiterals() []string {
	return append(passLiteralSpelling[:litDirective:litDirective], headerDirectives...)
}

// literalHits holds where each passLiteral occurs in one text.
type literalHits struct {
	// at holds each literal's start offsets, ascending, overlapping
	// occurrences included.
	at [][]int
}

var literalHitsPool = sync.Pool{New: func() any {
	return &literalHits{at: make([][]int, int(litDirective)+len(headerDirectives))}
}}

// newLiteralHits returns an empty literalHits, for the detector's search
// to fill (record); give it back with release.
func newLiteralHits() *literalHits { return literalHitsPool.Get().(*literalHits) }

// record notes an occurrence of text[start:end], found without regard to
// case, as that of each of ls it spells exactly.
func (h *literalHits) record(text []byte, start, end int, ls []passLiteral) {
	for _, l := range ls {
		if string(text[start:end]) == l.text() {
			h.at[l] = append(h.at[l], start)
		}
	}
}

// maxPooledHits bounds the occurrences a pooled literalHits keeps room
// for (a long text's are left to the collector).
const maxPooledHits = 1 << 16

func (h *literalHits) release() {
	if h.count() > maxPooledHits {
		return
	}
	for i := range h.at {
		h.at[i] = h.at[i][:0]
	}
	literalHitsPool.Put(h)
}

// count is the number of occurrences held.
func (h *literalHits) count() int {
	n := 0
	for _, at := range h.at {
		n += len(at)
	}
	return n
}

// has reports whether l occurs in the text.
func (h *literalHits) has(l passLiteral) bool { return len(h.at[l]) > 0 }

// lines returns the bounds of the lines of text that hold l, as
// linesWith does.
func (h *literalHits) lines(text []byte, l passLiteral) [][2]int {
	var out [][2]int
	i := 0
	for _, p := range h.at[l] {
		if p < i {
			continue
		}
		ls, le := lineBounds(text, p)
		out = append(out, [2]int{ls, le})
		i = le + 1
	}
	return out
}

// startsLine reports whether only blanks come before pos on its line.
func startsLine(text []byte, pos int) bool {
	k := blanksBefore(text, pos)
	return k == 0 || text[k-1] == '\n'
}
