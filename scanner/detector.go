package scanner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"

	"github.com/hookscan/hookscan/rules"
)

// Options tune a Detector.
type Options struct {
	// Allow applies to every rule (the config's global allowlist).
	Allow rules.Allowlist
	// MaxDecodeDepth bounds nested decoding; 0 means the default, 2, and a
	// negative value turns decoding off.
	MaxDecodeDepth int
	// IgnoreInlineAllow reports findings on lines marked hookscan:allow.
	IgnoreInlineAllow bool
	// AllowOwnExamples leaves out the secrets of the match examples of
	// the user's rules (see allowOwnExamples): for scans that may read
	// the config that holds them.
	AllowOwnExamples bool
	// ExplainDrops keeps the candidates that filters and allowlists drop,
	// for ScanExplained and RunOptions.Dropped (verbose output). It costs
	// a little on every scan, so it is off unless asked for.
	ExplainDrops bool
}

// minNestedKeyword is the shortest keyword looked for two encodings deep
// without a keyword in between: shorter ones are common words.
const minNestedKeyword = 6

// DefaultDecodeDepth is how many encodings deep the detector looks.
const DefaultDecodeDepth = 2

// Regex work is localised around keyword hits: a rule's expression runs
// from a little before the hit to the end of the next line, never over a
// whole file. These bound the window on very long lines (minified code).
const (
	windowBefore = 256
	windowAfter  = 1024
	// Generic context rules match a name (up to ~50 characters before
	// the keyword) and a value after it.
	gatedBefore = 64
	gatedAfter  = 400
)

// Inline marker that silences findings on its line.
const allowMarker = "hookscan:allow"

// Detector finds secrets in text. It is safe for concurrent use.
type Detector struct {
	rules    []*rules.Rule
	compiled []*compiledRule
	byID     map[string]*compiledRule
	keywords *keywordIndex
	patterns []pattern
	allow    allowlist
	maxDepth int
	inline   bool
	explain  bool
	bufs     sync.Pool
	// lineBufs recycles the line splits of the structure passes.
	lineBufs sync.Pool
	// hitBufs recycles the keyword hits of a text: with the pass
	// literals among them, ordinary source has one every few dozen
	// bytes.
	hitBufs sync.Pool
	// pathMemos recycles what pathApplies said for one path: the history
	// scan runs the detector over many fragments of each file.
	pathMemos sync.Pool
	// decoded, when set (by tests), is told how many bytes of text each
	// decoding step took in, to check that decoding stays linear.
	decoded func(depth, n int)
	// denseSpan is the merged window length from which key-led rules
	// run hit by hit (dense.go); tests change it to compare both ways.
	denseSpan int
}

// compiledRule is a rule in a detector. Its expressions are compiled by
// load, once, when one of its keywords is first found (a user's rules:
// when the detector is built, so a bad one is reported at once).
type compiledRule struct {
	index int
	rule  *rules.Rule
	once  sync.Once
	// Set by load. re is nil when the regex does not compile (only an
	// embedded rule can get that far; the test suite rules it out).
	re       *regexp.Regexp
	group    int
	keyGroup int
	allow    allowlist
	priority int
	// paths scopes the rule to matching files; empty means every file.
	paths []*regexp.Regexp
	// required are lower-case strings every match holds: a window
	// without one of them is not searched.
	required []string
	// search, when set, is re without its leading \b, which hides the
	// literal prefix Go's regexp jumps between (findFrom).
	search *regexp.Regexp
	// open, when set, is re with the bound of its secret's repeat lifted,
	// openMax that bound (openrepeat.go).
	open    *regexp.Regexp
	openMax int
	// leftContext is set when a match can depend on the character
	// before it (findFrom).
	leftContext bool
	// keyLed is set when every match begins with the rule's key group
	// (dense.go); anchor holds the anchored expressions built from it.
	keyLed bool
	// sep, for a key-led rule, holds bytes one of which every match
	// holds (its separators): a hit with none after it in its window
	// starts nothing. Nil when the expression does not tell.
	sep *byteSet
	// end and span, for a key-led rule, are bytes one of which every
	// match holds unless it runs to the end of its window, and the most
	// characters a match without them spans (-1: unbounded); end is nil
	// when not known.
	end        *byteSet
	span       int
	anchorOnce sync.Once
	anchor     [2]*regexp.Regexp
	err        error
}

// load compiles the rule's expressions the first time it is called, from
// any goroutine, and returns the rule ready to run.
func (c *compiledRule) load() *compiledRule {
	c.once.Do(c.compile)
	return c
}

func (c *compiledRule) compile() {
	r := c.rule
	re, err := regexp.Compile(r.Regex)
	if err != nil {
		c.err = fmt.Errorf("%s: invalid regex for rule %q: %w", r.Source, r.ID, err)
		return
	}
	if c.allow, err = compileAllow(r.Allow); err != nil {
		c.err = fmt.Errorf("%s: rule %q: %w", r.Source, r.ID, err)
		return
	}
	if c.paths, err = compileGlobs(r.Paths); err != nil {
		c.err = fmt.Errorf("%s: rule %q: %w", r.Source, r.ID, err)
		return
	}
	// The analyses below read the parsed expression and leave it as
	// it is (openRepeat, which changes it, parses its own).
	tree, err := syntax.Parse(r.Regex, syntax.Perl)
	if err != nil {
		tree = nil // they cannot tell
	}
	c.required = requiredLiterals(tree)
	c.search = prefixSearch(r.Regex)
	c.leftContext = leftContext(tree)
	if prefix, _ := re.LiteralPrefix(); prefix == "" && c.search == nil {
		// An expression with a literal prefix is fast over any window:
		// the engine skips from one occurrence of it to the next.
		c.keyLed = keyLed(tree)
		if c.keyLed {
			c.sep = requiredBytes(tree)
			c.end, c.span = endBytes(tree)
		}
	}
	c.group = r.GroupIn(re)
	if c.search == nil {
		c.open, c.openMax = openRepeat(r.Regex, re, c.group)
	}
	c.keyGroup = re.SubexpIndex("key")
	switch {
	case c.generic():
		c.priority = priorityGeneric
	case c.keyGroup > 0:
		c.priority = priorityContext
	default:
		c.priority = priorityShape
	}
	c.re = re
}

// generic reports whether the rule is a generic one, known before it is
// compiled.
func (c *compiledRule) generic() bool { return c.rule.Kind == rules.KindGeneric }

// allowlist is rules.Allowlist compiled.
type allowlist struct {
	regexes     []*regexp.Regexp
	lineRegexes []*regexp.Regexp
	stopwords   []string
	paths       []*regexp.Regexp
	// values are secrets allowed as they are (the examples of the
	// user's own rules, see allowOwnExamples).
	values map[string]bool
}

// pattern is one literal in the keyword automaton and what a hit means.
type pattern struct {
	// use is what a plain hit means; nil for most literals (base64
	// shapes and escaped spellings), which keeps the table small: it is
	// built at every start.
	use *patternUse
	// encoded is set for base64 shapes and escaped spellings of keywords:
	// a hit means the text around it should be decoded.
	base64, escaped bool
}

// patternUse is what a plain hit on a keyword or a pass literal means.
type patternUse struct {
	// rules run near a plain hit.
	rules []int
	// pass lists the pass literals (literals.go) this literal spells in
	// lower case: the passes over a file's pairs learn where they occur
	// from the same search.
	pass []passLiteral
}

// uses returns p's use, made if need be.
func (p *pattern) uses() *patternUse {
	if p.use == nil {
		p.use = &patternUse{}
	}
	return p.use
}

// Rule priorities: where two findings overlap, the more specific rule wins.
const (
	priorityGeneric = iota
	priorityContext
	priorityShape
)

// Compile builds a Detector from the enabled rules.
func Compile(rs []*rules.Rule, opts Options) (*Detector, error) {
	d := &Detector{byID: map[string]*compiledRule{}, maxDepth: opts.MaxDecodeDepth, inline: !opts.IgnoreInlineAllow, explain: opts.ExplainDrops, denseSpan: denseSpan}
	if d.maxDepth == 0 {
		d.maxDepth = DefaultDecodeDepth
	}
	var err error
	if d.allow, err = compileAllow(opts.Allow); err != nil {
		return nil, fmt.Errorf("global allowlist: %w", err)
	}
	// The keywords, their escaped spellings and their base64 shapes go
	// straight into the automaton's trie, which tells a literal met twice;
	// patterns[i] says what a hit on literal i means.
	size := 0
	for _, r := range rs {
		for _, k := range r.Keywords {
			size += len(k)
		}
	}
	// The default rules make about 1.7 literals a keyword byte (their
	// shapes and spellings).
	kb := newKeywordBuilder(2 * size)
	// Keywords are lower-case; the automaton folds the text's case.
	kb.foldCase()
	patterns := make([]pattern, 0, 2*size)
	add := func(lit []byte) *pattern {
		if i := kb.add(lit); i < len(patterns) {
			return &patterns[i]
		}
		patterns = append(patterns, pattern{})
		return &patterns[len(patterns)-1]
	}
	setBase64 := func(s []byte) { add(s).base64 = true }
	for _, r := range rs {
		if r.Disabled {
			continue
		}
		if _, dup := d.byID[r.ID]; dup {
			return nil, fmt.Errorf("%s: duplicate rule id %q", r.Source, r.ID)
		}
		c := &compiledRule{index: len(d.compiled), rule: r}
		if !r.Embedded() {
			// A user's rule is checked and compiled now, so a mistake in
			// it is one error line at start-up, naming its file.
			if err := r.Validate(); err != nil {
				return nil, fmt.Errorf("%s: %w", r.Source, err)
			}
			if err := c.load().err; err != nil {
				return nil, err
			}
		}
		d.compiled = append(d.compiled, c)
		d.byID[r.ID] = c
		d.rules = append(d.rules, r)
		lowerRegex := ""
		for _, k := range r.Keywords {
			kw := []byte(k)
			if u := add(kw).uses(); !slices.Contains(u.rules, c.index) {
				u.rules = append(u.rules, c.index)
			}
			for _, s := range escapedSpellings(k) {
				add([]byte(s)).escaped = true
			}
			if len(k) >= 4 {
				// The text's case is unknown and base64 keeps it: take
				// the spellings keywords usually have.
				if lowerRegex == "" {
					lowerRegex = strings.ToLower(r.Regex)
				}
				for _, v := range caseVariants(k, r.Regex, lowerRegex) {
					eachBase64Shape([]byte(v), true, setBase64)
					eachBase64ShapeAfter([]byte(v), true, setBase64)
				}
				if d.maxDepth >= 2 && len(k) >= minNestedKeyword {
					// Two layers down only the keyword as the rule
					// spells it: each spelling costs a dozen literals.
					eachNestedShape(kw, setBase64)
				}
			}
		}
	}
	if len(patterns) == 0 {
		return d, nil
	}
	for i, lit := range passLiterals() {
		u := add([]byte(strings.ToLower(lit))).uses()
		u.pass = append(u.pass, passLiteral(i))
	}
	d.patterns = patterns
	d.keywords = kb.finish()
	if opts.AllowOwnExamples {
		d.allowOwnExamples()
	}
	return d, nil
}

func compileAllow(a rules.Allowlist) (allowlist, error) {
	var out allowlist
	for _, s := range a.Regexes {
		re, err := regexp.Compile(s)
		if err != nil {
			return out, fmt.Errorf("invalid allow regex %q: %s", s, rules.RegexError(err))
		}
		out.regexes = append(out.regexes, re)
	}
	for _, s := range a.LineRegexes {
		re, err := regexp.Compile(s)
		if err != nil {
			return out, fmt.Errorf("invalid allow line regex %q: %s", s, rules.RegexError(err))
		}
		out.lineRegexes = append(out.lineRegexes, re)
	}
	for _, s := range a.Stopwords {
		out.stopwords = append(out.stopwords, strings.ToLower(s))
	}
	var err error
	if out.paths, err = compileGlobs(a.Paths); err != nil {
		return out, fmt.Errorf("invalid allow %w", err)
	}
	return out, nil
}

func compileGlobs(globs []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, g := range globs {
		re, err := rules.CompileGlob(g)
		if err != nil {
			return nil, fmt.Errorf("path %q: %w", g, err)
		}
		out = append(out, re)
	}
	return out, nil
}

func (a *allowlist) pathAllowed(path string) bool { return matchesAny(a.paths, path) }

func matchesAny(res []*regexp.Regexp, path string) bool {
	for _, re := range res {
		if re.MatchString(path) {
			return true
		}
	}
	return false
}

func (a *allowlist) secretAllowed(secret string) bool {
	if a.values[secret] {
		return true
	}
	for _, re := range a.regexes {
		if re.MatchString(secret) {
			return true
		}
	}
	if len(a.stopwords) > 0 {
		lower := strings.ToLower(secret)
		for _, w := range a.stopwords {
			if strings.Contains(lower, w) {
				return true
			}
		}
	}
	return false
}

func (a *allowlist) lineAllowed(line []byte) bool {
	for _, re := range a.lineRegexes {
		if re.Match(line) {
			return true
		}
	}
	return false
}

// Rule returns the rule with the given id, or nil.
func (d *Detector) Rule(id string) *rules.Rule {
	if c, ok := d.byID[id]; ok {
		return c.rule
	}
	return nil
}

// Rules returns the rules the detector runs.
func (d *Detector) Rules() []*rules.Rule { return d.rules }

// PathAllowed reports whether a path is allowlisted for every rule, so a
// source can skip the file without reading it.
func (d *Detector) PathAllowed(path string) bool { return d.allow.pathAllowed(path) }

// caseVariants returns a keyword in lower, upper and title case, and in
// every spelling the rule's regex writes it with (ApiKeyValue); lower is
// strings.ToLower(regex).
func caseVariants(k, regex, lower string) []string {
	out := []string{k}
	add := func(v string) {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	add(strings.ToUpper(k))
	add(strings.ToUpper(k[:1]) + k[1:])
	// JSON keys join words in camelCase, often with an acronym:
	// datadog_api is datadogApi or datadogAPI there.
	if strings.ContainsAny(k, "_-.") {
		add(camelJoin(k, false))
		add(camelJoin(k, true))
	}
	for i := 0; ; {
		j := strings.Index(lower[i:], k)
		if j < 0 {
			break
		}
		add(regex[i+j : i+j+len(k)])
		i += j + len(k)
	}
	return out
}

// camelJoin drops the separators of k and capitalises each word after
// the first (datadog_api: datadogApi), or upper-cases it (datadogAPI).
func camelJoin(k string, upper bool) string {
	var b strings.Builder
	for i, w := range strings.FieldsFunc(k, func(r rune) bool { return r == '_' || r == '-' || r == '.' }) {
		switch {
		case i == 0:
			b.WriteString(w)
		case upper:
			b.WriteString(strings.ToUpper(w))
		default:
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// match is a candidate secret in the coordinates of the text scanned.
type match struct {
	rule          *compiledRule
	start, end    int // the secret
	mstart, mend  int // the whole match
	secret        string
	entropy       float64
	decodedFrom   string
	decodedSecret bool // the reported secret is a decoded form of the text
	// vetoed marks a provider rule's match that its own allowlist
	// dropped: it is not reported, but it still keeps a generic rule from
	// reporting the same value.
	vetoed bool
	// dropped names the filter that dropped the match; such matches are
	// kept only when the detector explains its drops.
	dropped string
}

// Scan returns the findings in one fragment, ordered by position.
func (d *Detector) Scan(f Fragment) []Finding {
	fs, _ := d.ScanExplained(f)
	return fs
}

// ScanExplained is Scan that also returns the candidates a filter or an
// allowlist dropped, each with the filter's name, when the detector was
// compiled with Options.ExplainDrops (otherwise none).
func (d *Detector) ScanExplained(f Fragment) ([]Finding, []Dropped) {
	if d.keywords == nil || len(f.Raw) == 0 || d.PathAllowed(f.Path) {
		return nil, nil
	}
	raw := crToLF(f.Raw)
	return d.findings(f, raw, hitSpan{0, len(raw)}, windowPlace{})
}

// windowPlace says where a window of a larger text sits in it, for
// ScanReader: what the window alone cannot tell.
type windowPlace struct {
	// colOffset is how many bytes of the window's first line come before
	// the window.
	colOffset int
	// testsBefore is set when the text before the window holds the Rust
	// unit-test marker.
	testsBefore bool
	// class and advice are the file's, decided from its head; empty means
	// decide from the text scanned.
	class, advice string
}

// findings turns the matches that start inside own into findings, and
// those filters dropped into Dropped when the detector explains them.
// f.Raw is the text as given, raw the same with CR-only line ends made LF.
func (d *Detector) findings(f Fragment, raw []byte, own hitSpan, place windowPlace) ([]Finding, []Dropped) {
	lits := newLiteralHits()
	ms := d.scanText(f.Path, raw, 0, lits)
	passes := passFallback | passPairs
	if !f.LinesOnly {
		passes |= structurePasses(f.Path)
	}
	ms = append(ms, d.scanStructured(f.Path, raw, passes, lits)...)
	lits.release()
	if len(ms) == 0 {
		return nil, nil
	}
	var drops []match
	if d.explain {
		ms = slices.DeleteFunc(ms, func(m match) bool {
			if m.dropped != "" && m.start >= own.start && m.start < own.end {
				drops = append(drops, m)
			}
			return m.dropped != ""
		})
	}
	ms = resolveOverlaps(ms)
	findings := make([]Finding, 0, len(ms))
	pos := lineCounter{base: -place.colOffset}
	var lc lineCache
	advice, class := place.advice, place.class
	for _, m := range ms {
		if m.start < own.start || m.start >= own.end {
			continue
		}
		line, col := pos.locate(raw, m.start)
		endLine, endCol := pos.peek(raw, max(m.end-1, m.start))
		ln := lc.at(d, raw, m.start)
		if ln.marked {
			drops = d.explainDrop(drops, m, FilterInlineAllow)
			continue
		}
		if endLine != line {
			if d.inline && bytes.Contains(lineAt(raw, m.end-1), []byte(allowMarker)) {
				drops = d.explainDrop(drops, m, FilterInlineAllow)
				continue
			}
		}
		if ln.allowed || ln.ruleAllowed(&m.rule.allow) {
			drops = d.explainDrop(drops, m, FilterAllowlist)
			continue
		}
		lineText := ln.text
		if advice == "" {
			advice = Advice(f.Path, raw)
		}
		if class == "" {
			class = Classify(f.Path, raw)
		}
		at := classAt(class, f.Path, raw, m.start)
		if place.testsBefore && class == ContextSource && strings.HasSuffix(f.Path, ".rs") {
			at = ContextTest
		}
		r := m.rule.rule
		fd := Finding{
			RuleID:      r.ID,
			Provider:    r.Provider,
			Kind:        r.Kind,
			Severity:    ContextSeverity(r.Severity, at),
			Context:     at,
			Description: r.Description,
			File:        f.Path,
			Line:        line + f.LineOffset,
			Column:      col,
			EndLine:     endLine + f.LineOffset,
			EndColumn:   endCol,
			Secret:      m.secret,
			Match:       string(f.Raw[m.mstart:m.mend]),
			LineText:    lineText,
			Entropy:     roundEntropy(m.entropy),
			Fingerprint: Fingerprint(r.ID, m.secret),
			DecodedFrom: m.decodedFrom,
			Advice:      advice,
			Rotation:    r.Guidance.Rotate,
			GuideURL:    r.Guidance.URL,
		}
		if f.Commit != nil {
			fd.Commit, fd.Author, fd.Email, fd.Date = f.Commit.SHA, f.Commit.Author, f.Commit.Email, f.Commit.Date
		}
		findings = append(findings, fd)
	}
	return findings, d.dropped(f, raw, drops, ms)
}

func roundEntropy(e float64) float64 {
	return float64(int(e*1000+0.5)) / 1000
}

// hitSpan is a window of text a rule's regex runs over.
type hitSpan struct{ start, end int }

// scan finds candidate secrets in text, decoding nested encodings until
// depth reaches the limit. Positions are in text's coordinates.
func (d *Detector) scan(path string, text []byte, depth int) []match {
	return d.scanText(path, text, depth, nil)
}

// scanText is scan that also records in lits, when not nil, where the
// pass literals occur in text.
func (d *Detector) scanText(path string, text []byte, depth int, lits *literalHits) []match {
	hp, _ := d.hitBufs.Get().(*[]keywordHit)
	if hp == nil {
		hp = new([]keywordHit)
	}
	hits := d.keywords.appendAll((*hp)[:0], text)
	defer func() {
		if cap(hits) <= maxPooledHits {
			*hp = hits
			d.hitBufs.Put(hp)
		}
	}()
	if len(hits) == 0 {
		return nil
	}
	lower := d.lowered(text)
	windows := map[int][]hitSpan{}
	// The hits of key-led rules, for their dense windows (dense.go).
	ruleHits := map[int][]ruleHit{}
	var decodeLines, b64, values []hitSpan
	// Each byte is decoded at most once per layer: escape regions on one
	// line merge, and a value window is opened only past the last one, so
	// a long line with a keyword every few bytes costs what its length
	// does, not its length times its hits.
	valuesEnd := -1
	cur, next := lineIndex{text: text}, lineIndex{text: text}
	for _, h := range hits {
		p := &d.patterns[h.pattern]
		var rules []int
		if u := p.use; u != nil {
			rules = u.rules
			if u.pass != nil {
				if lits != nil {
					lits.record(text, h.start, h.end, u.pass)
				}
				if len(rules) == 0 && !p.base64 && !p.escaped {
					continue // only a pass literal
				}
			}
		}
		if len(rules) > 0 {
			ls, _ := cur.bounds(h.start)
			lineEnd := nextLineEnd(&cur, &next, h.end)
			w := hitSpan{max(ls, h.start-windowBefore), min(lineEnd, h.end+windowAfter)}
			gated := hitSpan{max(ls, h.start-gatedBefore), min(lineEnd, h.end+gatedAfter)}
			assigned := -1
			for _, ri := range rules {
				w := w
				if d.compiled[ri].generic() {
					// Generic rules' keywords are common words; most hits
					// are not names being assigned a value.
					if assigned < 0 {
						assigned = boolToInt(looksAssigned(text, h.end))
					}
					if assigned == 0 {
						continue
					}
					w = gated
				}
				windows[ri] = mergeSpan(windows[ri], w)
				if d.compiled[ri].load().keyLed {
					ruleHits[ri] = append(ruleHits[ri], ruleHit{hitSpan{h.start, h.end}, w})
				}
			}
		}
		if depth >= d.maxDepth {
			continue
		}
		if p.base64 {
			b64 = append(b64, hitSpan{h.start, h.end})
		}
		if h.end >= valuesEnd && d.hasShapeRule(rules) {
			// A Kubernetes Secret's data, say: the key names the provider,
			// the value is base64 of the secret.
			_, le := cur.bounds(h.start)
			w := hitSpan{h.end, min(le, h.end+windowAfter)}
			values = append(values, w)
			valuesEnd = w.end
		}
		if len(rules) > 0 || p.escaped {
			ls, le := cur.bounds(h.start)
			decodeLines = mergeSpan(decodeLines, hitSpan{max(ls, h.start-4*windowBefore), min(le, h.end+4*windowAfter)})
		}
	}
	decodeLines = slices.DeleteFunc(decodeLines, func(w hitSpan) bool { return !hasEscapes(text[w.start:w.end]) })
	var out []match
	memo := d.pathMemo(path)
	for ri, ws := range windows {
		c := d.compiled[ri].load()
		if c.re == nil {
			continue
		}
		// A rule whose allowlist leaves the path out (the generic rules
		// and test files) is still run when the drops are explained, so
		// that -v says why a file's secret went unreported.
		allowed := !memo.applies(ri, c)
		if allowed && !(d.explain && c.allow.pathAllowed(path) && c.inScope(path)) {
			continue
		}
		from := len(out)
		rh := ruleHits[ri]
		for _, w := range ws {
			// The hits whose windows merged into w.
			n := 0
			for n < len(rh) && rh[n].win.start <= w.end {
				n++
			}
			in := rh[:n]
			rh = rh[n:]
			if !holdsAll(lower.span(w.start, w.end), c.required) {
				continue
			}
			if c.keyLed && w.end-w.start > d.denseSpan {
				out = d.runRuleDense(out, c, path, text, w, in)
			} else {
				out = d.runRule(out, c, path, text, w)
			}
		}
		if allowed {
			for i := from; i < len(out); i++ {
				if out[i].dropped == "" {
					out[i].dropped = FilterAllowlist
				}
			}
		}
	}
	d.bufs.Put(lower.buf)
	d.pathMemos.Put(memo)
	if depth < d.maxDepth {
		out = d.scanEscaped(out, path, text, decodeLines, depth)
		out = d.scanBase64(out, path, text, b64, depth)
		out = d.scanBase64Values(out, path, text, values, depth)
	}
	return out
}

// lowered returns the lower-case spelling of text's windows, one at a
// time: the keywords are found in text itself, and the windows that need
// the copy are a small part of most texts. Its buffer is pooled.
func (d *Detector) lowered(text []byte) *lowerCopy {
	bp, _ := d.bufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	return &lowerCopy{text: text, buf: bp}
}

// lowerCopy spells windows of text in lower case.
type lowerCopy struct {
	text []byte
	buf  *[]byte
}

// span returns the lower-case copy of text[start:end], valid until the
// next call.
func (l *lowerCopy) span(start, end int) []byte {
	src := l.text[start:end]
	b := *l.buf
	if cap(b) < len(src) {
		b = make([]byte, len(src), max(len(src), 2*cap(b)))
		*l.buf = b
	}
	b = b[:len(src)]
	for i, c := range src {
		b[i] = lowerTable[c]
	}
	return b
}

// pathMemo holds what pathApplies says of one path, per rule.
type pathMemo struct {
	path  string
	state []uint8 // per rule: 0 not asked yet, 1 applies, 2 does not
}

// pathMemo returns a memo for path, recycled when it was the last path
// asked on this processor.
func (d *Detector) pathMemo(path string) *pathMemo {
	m, _ := d.pathMemos.Get().(*pathMemo)
	switch {
	case m == nil:
		m = &pathMemo{path: path, state: make([]uint8, len(d.compiled))}
	case m.path != path:
		m.path = path
		clear(m.state)
	}
	return m
}

// applies is c.pathApplies(m.path), c being rule ri.
func (m *pathMemo) applies(ri int, c *compiledRule) bool {
	if m.state[ri] == 0 {
		m.state[ri] = 2
		if c.pathApplies(m.path) {
			m.state[ri] = 1
		}
	}
	return m.state[ri] == 1
}

// pathApplies reports whether the rule reads files at path: its path
// allowlist leaves the path out, and its paths, if any, name it. It is
// asked once per rule and text, not once per window: the expressions cost
// more than the windows' regexes on a file with many keywords.
func (c *compiledRule) pathApplies(path string) bool {
	return !c.allow.pathAllowed(path) && c.inScope(path)
}

// inScope reports whether the rule's paths, if any, name path.
func (c *compiledRule) inScope(path string) bool {
	return len(c.paths) == 0 || matchesAny(c.paths, path)
}

// runRule runs one rule's regex over a window and keeps the matches that
// pass entropy and the filters.
// The caller has checked that the rule applies to path (pathApplies).
//
// The regexp package's matches do not overlap, so a candidate a filter
// drops may have taken the name of the real one: in
// { name = "hook-secret", hook_secret = "…" } the first value, a name,
// is read as the secret of the key before it, and the real key is
// consumed with it. After such a drop the search starts again at the
// dropped value, the next match being looked for from there: the value
// is read again, but no text after the dropped match is searched twice.
func (d *Detector) runRule(out []match, c *compiledRule, path string, text []byte, w hitSpan) []match {
	var fc filterCache
	win := text[w.start:w.end]
	for p := 0; p <= len(win); {
		loc := c.findFrom(win, p)
		if loc == nil {
			break
		}
		n := len(out)
		out = d.ruleMatch(out, c, path, text, w.start, loc, &fc)
		kept := len(out) > n && out[len(out)-1].dropped == "" && !out[len(out)-1].vetoed
		if gs := loc[2*c.group]; !kept && gs > loc[0] {
			p = gs
		} else {
			p = nextStart(win, loc)
		}
	}
	return out
}

// ruleMatch judges one match of a rule's regex, loc as the regexp package
// gives it for text[base:], and appends it to out when it is kept (or
// when the detector explains its drops).
func (d *Detector) ruleMatch(out []match, c *compiledRule, path string, text []byte, base int, loc []int, fc *filterCache) []match {
	gs, ge := loc[2*c.group], loc[2*c.group+1]
	if gs < 0 || ge <= gs {
		return out
	}
	m := match{
		rule:   c,
		start:  base + gs,
		end:    base + ge,
		mstart: base + loc[0],
		mend:   base + loc[1],
		secret: string(text[base+gs : base+ge]),
	}
	key, attribute, ks := "", false, -1
	if c.keyGroup > 0 && loc[2*c.keyGroup] >= 0 {
		var ke int
		ks, ke = base+loc[2*c.keyGroup], base+loc[2*c.keyGroup+1]
		key = string(text[ks:ke])
		attribute = lineStart(text, ks)
		if c.priority == priorityGeneric && !elementText(text, ks, ke, m.end) {
			return out // "name>" gives a value only as an XML element or a keyed entry
		}
		if inARN(text, ks) {
			// arn:aws:secretsmanager:…:secret:prod/stripe/webhook: the
			// ARN's own "secret" segment names a stored secret.
			if d.explain {
				m.dropped = FilterReference
				out = append(out, m)
			}
			return out
		}
		if digestOfNamed(text, ks) {
			// checksum/webhook-secret: <sha256>, a rendered Helm chart's
			// annotation that restarts pods when the Secret changes.
			if d.explain {
				m.dropped = FilterKeyName
				out = append(out, m)
			}
			return out
		}
	}
	if c.priority == priorityGeneric && ks >= 0 && argumentAfterName(text, ks+len(key), m.start) && isSourceCode(path) {
		// f(secret, "awsECRRegistryID"): a variable passed beside a
		// literal, not a name given a value.
		if d.explain {
			m.dropped = FilterCode
			out = append(out, m)
		}
		return out
	}
	if expansionOperator(text, m.start) {
		return out // ${X:-default}: the default is read as "X = default" (fallback.go)
	}
	if c.priority == priorityGeneric && droneSignature(key, text, m.start) {
		// kind: signature / hmac: <hex>: Drone's digest of the pipeline
		// file, computed with the repository's secret, not the secret.
		if d.explain {
			m.dropped = FilterShape
			out = append(out, m)
		}
		return out
	}
	if c.priority == priorityGeneric && searchOnlyKey(key, text, m.start) {
		// docsearch({ appId, apiKey, indexName }): a search-only key,
		// published in every page of the site by design.
		if d.explain {
			m.dropped = FilterPublic
			out = append(out, m)
		}
		return out
	}
	if c.priority == priorityGeneric && encryptedCIValue(key, path) || kmsCiphertext(m.secret) {
		// secure: <ciphertext>: a CI service's encrypted variable
		// (Travis CI, AppVeyor), which only that service can decrypt; an
		// AWS KMS ciphertext blob, which only the key's holder can.
		if d.explain {
			m.dropped = FilterEncrypted
			out = append(out, m)
		}
		return out
	}
	if c.priority == priorityGeneric && badgeToken(key, text, ks) {
		// badge.svg?token=…: the read-only token of a status badge,
		// published in the README by design.
		if d.explain {
			m.dropped = FilterPublic
			out = append(out, m)
		}
		return out
	}
	if c.priority == priorityGeneric && isTranslationCatalog(path) {
		// A message in a human language under a key that names a
		// secret (config.oauth_config = OAuth-Einstellungen).
		if d.explain {
			m.dropped = FilterCatalog
			out = append(out, m)
		}
		return out
	}
	if c.priority == priorityGeneric && unquotedIndicator(text, m.start, m.secret) {
		// !Tag, *alias after "key:": a YAML tag or alias; $x: a
		// shell or dotenv expansion. A password that starts with such
		// a character is written in quotes (or is an element's text).
		if d.explain {
			m.dropped = FilterCode
			out = append(out, m)
		}
		return out
	}
	if c.priority == priorityGeneric && !quotedAt(text, m.start) && (isSourceCode(path) || attribute && isHCL(path) && hclTraversal.MatchString(m.secret)) {
		// In a program an unquoted value is an expression (a
		// variable, a field, a call), never the secret itself.
		if d.explain {
			m.dropped = FilterUnquoted
			out = append(out, m)
		}
		return out
	}
	v, filter := fc.keep(d, c, &m, key)
	switch v {
	case verdictKeep:
		out = append(out, m)
	case verdictAllowed:
		if c.priority != priorityGeneric {
			m.vetoed = true
			out = append(out, m)
		}
	}
	if v != verdictKeep && d.explain {
		m.vetoed, m.dropped = false, filter
		out = append(out, m)
	}
	return out
}

// filterCache remembers what the filters made of the candidates of one
// rule in one window: a line of many assignments repeats a few names and
// values, and the checks are large case-insensitive expressions.
type filterCache struct {
	// names holds isNonSecretKey's answers.
	names keyNames
	// verdicts holds keep's, up to maxVerdicts of them.
	verdicts map[verdictKey]judged
}

// maxVerdicts bounds a filterCache's verdicts: a window of distinct
// values gains nothing from them.
const maxVerdicts = 1 << 12

// verdictKey is what keep's verdict depends on besides the detector.
type verdictKey struct {
	rule        *compiledRule
	key, secret string
}

// judged is keep's verdict and what it changed in the match.
type judged struct {
	v                   verdict
	filter              string
	secret, decodedFrom string
	decodedSecret       bool
	entropy             float64
}

// keep is d.keep, remembered.
func (fc *filterCache) keep(d *Detector, c *compiledRule, m *match, key string) (verdict, string) {
	k := verdictKey{c, key, m.secret}
	if j, ok := fc.verdicts[k]; ok {
		m.secret, m.decodedFrom, m.decodedSecret, m.entropy = j.secret, j.decodedFrom, j.decodedSecret, j.entropy
		return j.v, j.filter
	}
	v, filter := d.keep(c, m, key, &fc.names)
	if fc.verdicts == nil {
		fc.verdicts = map[verdictKey]judged{}
	}
	if len(fc.verdicts) < maxVerdicts {
		fc.verdicts[k] = judged{v, filter, m.secret, m.decodedFrom, m.decodedSecret, m.entropy}
	}
	return v, filter
}

// keyNames remembers isNonSecretKey's answers.
type keyNames map[string]bool

func (k *keyNames) nonSecret(key string) bool {
	if v, ok := (*k)[key]; ok {
		return v
	}
	if *k == nil {
		*k = keyNames{}
	}
	v := isNonSecretKey(key)
	(*k)[key] = v
	return v
}

// joseHeaderParams are the header parameters of JWS and JWE (RFC 7515,
// 7516, 7797).
var joseHeaderParams = map[string]bool{
	"alg": true, "typ": true, "cty": true, "kid": true, "jku": true, "jwk": true, "x5u": true, "x5c": true,
	"x5t": true, "x5t#S256": true, "crit": true, "enc": true, "zip": true, "b64": true,
}

// joseHeader reports whether s is a JSON object of JOSE header
// parameters, "alg" among them: the first part of a JWT, the same for
// every token signed alike.
func joseHeader(s string) bool {
	if !strings.HasPrefix(s, "{") || !strings.Contains(s, `"alg"`) {
		return false
	}
	var h map[string]any
	if json.Unmarshal([]byte(s), &h) != nil {
		// A header cut short ({"alg":"RS256","kid":"ik): a piece of a
		// token's first part, a mock's stand-in for a token.
		return strings.HasPrefix(s, `{"alg":"`) || strings.HasPrefix(s, `{"typ":"JWT","alg":"`)
	}
	if _, ok := h["alg"].(string); !ok {
		return false
	}
	for k := range h {
		if !joseHeaderParams[k] {
			return false
		}
	}
	return true
}

// verdict is what the filters make of a candidate.
type verdict int

const (
	verdictDrop    verdict = iota // not a secret
	verdictKeep                   // report it
	verdictAllowed                // secret-shaped, but allowlisted
)

// keep applies entropy, the built-in filters and the allowlists, and
// names the filter that dropped the candidate.
func (d *Detector) keep(c *compiledRule, m *match, key string, names *keyNames) (verdict, string) {
	s := m.secret
	if c.keyGroup > 0 {
		if key != "" && names.nonSecret(key) {
			return verdictDrop, FilterKeyName
		}
		if c.rule.Kind == rules.KindGeneric && testDataKey.MatchString(key) {
			return verdictDrop, FilterTestWord
		}
		if key == "Credential" && accessKeyID.MatchString(s) {
			// AWS4-HMAC-SHA256 Credential=<access key id>/…: the id, not the key
			return verdictDrop, FilterKeyName
		}
		if len(s) >= 4 && strings.HasSuffix(strings.ToLower(strings.Trim(key, `'"`)), strings.ToLower(s)) {
			return verdictDrop, FilterSelfNamed // ErrorCodeUnauthorized = "Unauthorized": a constant naming itself
		}
		if namesKey(strings.Trim(key, `'"`), s) {
			return verdictDrop, FilterSelfNamed
		}
		if hashPrefix.MatchString(s) || strings.HasPrefix(s, "data:") || notSecretValue.MatchString(s) {
			return verdictDrop, FilterShape
		}
		if isCodeName(s) {
			return verdictDrop, FilterCode
		}
		if t := strings.Trim(s, "*_"); t != s && (isCodeName(t) || isIdentifier(t)) {
			// _*credentials.Credentials_: Markdown's emphasis around a
			// name; *pkg.Type: a pointer type.
			return verdictDrop, FilterCode
		}
		if isUUID(s) && !strongSecretKey.MatchString(key) {
			return verdictDrop, FilterUUID
		}
		// A context secret that is base64 of text (a Kubernetes Secret's
		// data, say) is judged, and reported, by what it decodes to.
		// What `echo value | base64` gives ends in one newline: judge
		// the value without it ("SGVsbG8sIHdvcmxkCg==" is "Hello, world").
		dec := decodeBase64Value(s)
		if publicPEM(dec) {
			// A kubeconfig's certificate-authority-data: a certificate,
			// public by design.
			return verdictDrop, FilterShape
		}
		if len(dec) >= 8 && !bytes.ContainsAny(bytes.TrimSuffix(dec, []byte("\n")), "\n\r") {
			dec = bytes.TrimSuffix(dec, []byte("\n"))
			m.secret = string(dec)
			m.decodedFrom = "base64"
			m.decodedSecret = true
			s = m.secret
		}
		if hashPrefix.MatchString(s) {
			return verdictDrop, FilterShape // base64 of a bcrypt hash (Argo CD's admin.password)
		}
		if m.decodedSecret && joseHeader(s) {
			// eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9 is {"alg":"HS256",
			// "typ":"JWT"}: the header of every such JWT, not a token.
			return verdictDrop, FilterShape
		}
	}
	if n := len(s); (n == 32 || n == 40 || n == 64 || n == 128) && emptyDigests[strings.ToLower(s)] {
		return verdictDrop, FilterShape
	}
	if isReference(s) {
		return verdictDrop, FilterReference
	}
	if isPlaceholderSecret(s) {
		return verdictDrop, FilterPlaceholder
	}
	// A value under a name may be another name; a prefixed token whose
	// body happens to hold no digit is still a token.
	if (c.keyGroup > 0 || c.priority == priorityGeneric) && (isIdentifier(s) || isNumberedName(s)) {
		return verdictDrop, FilterIdentifier
	}
	if (c.keyGroup > 0 || c.priority == priorityGeneric) && isCodeValue(s) {
		return verdictDrop, FilterCode
	}
	if c.rule.Kind == rules.KindGeneric && testWord.MatchString(s) {
		return verdictDrop, FilterTestWord
	}
	m.entropy = Entropy(s)
	if m.entropy < entropyFloor(c.rule.Entropy, s) {
		return verdictDrop, FilterEntropy
	}
	if c.allow.secretAllowed(s) || d.allow.secretAllowed(s) {
		return verdictAllowed, FilterAllowlist
	}
	return verdictKeep, ""
}

// scanEscaped decodes percent-encoding and JSON escapes in the given
// windows and scans the result, mapping findings back exactly.
func (d *Detector) scanEscaped(out []match, path string, text []byte, spans []hitSpan, depth int) []match {
	for _, w := range spans {
		if d.decoded != nil {
			d.decoded(depth, w.end-w.start)
		}
		dec, offsets, kind := unescape(text[w.start:w.end])
		if dec == nil {
			continue
		}
		for _, m := range d.scan(path, dec, depth+1) {
			m.start = w.start + int(offsets[m.start])
			m.end = w.start + int(offsets[m.end])
			m.mstart = w.start + int(offsets[m.mstart])
			m.mend = w.start + int(offsets[m.mend])
			m.decodedFrom = joinEncodings(kind, m.decodedFrom)
			out = append(out, m)
		}
	}
	return out
}

// scanBase64 decodes the base64 runs that hold a keyword's shape and scans
// the decoded text; findings are reported at the whole run.
func (d *Detector) scanBase64(out []match, path string, text []byte, hits []hitSpan, depth int) []match {
	lastEnd := -1
	for _, h := range hits {
		if h.start < lastEnd {
			continue
		}
		start, end := base64Run(text, h.start)
		run := text[start:end]
		if bs, be, joined, ok := base64Block(text, start, end); ok {
			// A value wrapped over lines: decode the whole block.
			start, end, run = bs, be, joined
		}
		lastEnd = end
		if d.decoded != nil {
			d.decoded(depth, end-start)
		}
		dec := decodeBase64(run)
		if dec == nil {
			// The run may start with a word that is not part of the data
			// (key=base64...); try from the last separator inside it.
			continue
		}
		for _, m := range d.scan(path, dec, depth+1) {
			m.start, m.end, m.mstart, m.mend = start, end, start, end
			m.decodedFrom = joinEncodings("base64", m.decodedFrom)
			out = append(out, m)
		}
	}
	return out
}

// base64Value finds the first base64 value given to a key in text: after
// = or :, maybe quoted, 16 characters or more of either alphabet with up
// to two padding characters, then a quote, a space, a comma, a semicolon
// or the end of text. It is what the expression
//
//	[:=][ \t]*["']?([A-Za-z0-9+/_-]{16,}={0,2})(?:["'\s,;]|$)
//
// finds, its group as the value, written out: the expression ran over
// every line with a keyword, and hostile lines hold a ':' every few bytes.
func base64Value(text []byte) (start, end int, ok bool) {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c != ':' && c != '=' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		if j < len(text) && (text[j] == '"' || text[j] == '\'') {
			j++
		}
		vs := j
		for j < len(text) && isBase64Char(text[j]) {
			j++
		}
		if j-vs < 16 {
			continue
		}
		for pad := 0; pad < 2 && j < len(text) && text[j] == '='; pad++ {
			j++
		}
		if j == len(text) {
			return vs, j, true
		}
		switch text[j] {
		case '"', '\'', ',', ';', ' ', '\t', '\n', '\f', '\r':
			return vs, j, true
		}
	}
	return 0, 0, false
}

// hasShapeRule reports whether a keyword's rules hold one that is not
// generic.
func (d *Detector) hasShapeRule(rules []int) bool {
	for _, ri := range rules {
		if !d.compiled[ri].generic() {
			return true
		}
	}
	return false
}

// scanBase64Values decodes base64 values on the lines of keyword hits in
// place, so the rules see "KEY: <decoded>" with the key's context, and
// maps findings inside the value to the encoded text.
func (d *Detector) scanBase64Values(out []match, path string, text []byte, spans []hitSpan, depth int) []match {
	for _, w := range spans {
		vs, ve, ok := base64Value(text[w.start:w.end])
		if !ok {
			continue
		}
		vs, ve = w.start+vs, w.start+ve
		dec := decodeBase64(text[vs:ve])
		if dec == nil || bytes.ContainsAny(dec, "\r\n") {
			continue
		}
		ls, le := lineBounds(text, vs)
		virtual := make([]byte, 0, le-ls+len(dec))
		virtual = append(virtual, text[ls:vs]...)
		virtual = append(virtual, dec...)
		virtual = append(virtual, text[ve:le]...)
		decStart, decEnd := vs-ls, vs-ls+len(dec)
		remap := func(p int) int {
			switch {
			case p < decStart:
				return ls + p
			case p <= decEnd:
				if p == decStart {
					return vs
				}
				return ve
			default:
				return ve + p - decEnd
			}
		}
		for _, m := range d.scan(path, virtual, depth+1) {
			if m.end <= decStart || m.start >= decEnd {
				continue // found without the decoding: the plain scan has it
			}
			m.start, m.end, m.mstart, m.mend = remap(m.start), remap(m.end), remap(m.mstart), remap(m.mend)
			if m.start < vs || m.end > ve {
				m.start, m.end = vs, ve
			}
			m.decodedFrom = joinEncodings("base64", m.decodedFrom)
			out = append(out, m)
		}
	}
	return out
}

func joinEncodings(outer, inner string) string {
	if inner == "" {
		return outer
	}
	return outer + ">" + inner
}

// resolveOverlaps sorts matches by position and, where two overlap, keeps
// the more specific rule's (then the longer) one; the same secret found
// twice by one rule is kept once.
func resolveOverlaps(ms []match) []match {
	// Vetoed matches only keep generic rules off the values that provider
	// rules allowlisted; they never hide another provider's match.
	var vetoed []match
	ms = slices.DeleteFunc(ms, func(m match) bool {
		if m.vetoed {
			vetoed = append(vetoed, m)
		}
		return m.vetoed
	})
	if len(vetoed) > 0 {
		ms = slices.DeleteFunc(ms, func(m match) bool {
			if m.rule.priority != priorityGeneric {
				return false
			}
			for _, v := range vetoed {
				if overlaps(v.start, v.end, m.start, m.end) {
					return true
				}
			}
			return false
		})
	}
	slices.SortStableFunc(ms, func(a, b match) int {
		if a.start != b.start {
			return a.start - b.start
		}
		if a.rule.priority != b.rule.priority {
			return b.rule.priority - a.rule.priority
		}
		if l := (b.end - b.start) - (a.end - a.start); l != 0 {
			return l
		}
		return a.rule.index - b.rule.index
	})
	out := ms[:0]
	for _, m := range ms {
		dropped := false
		for i := len(out) - 1; i >= 0; i-- {
			prev := &out[i]
			if prev.end <= m.start && prev.mend <= m.start {
				// Matches are sorted by start; earlier ones may still reach
				// further, so keep looking back a little.
				if m.start-prev.start > windowAfter {
					break
				}
				continue
			}
			if !overlaps(prev.start, prev.end, m.start, m.end) || distinctDecoded(*prev, m) {
				continue
			}
			if m.rule.priority > prev.rule.priority || m.rule.priority == prev.rule.priority && m.end-m.start > prev.end-prev.start && m.rule == prev.rule {
				*prev = m
			}
			dropped = true
			break
		}
		if !dropped {
			out = append(out, m)
		}
	}
	// Replacing an earlier match can break the order.
	slices.SortStableFunc(out, func(a, b match) int { return a.start - b.start })
	return out
}

func overlaps(a0, a1, b0, b1 int) bool { return a0 < b1 && b0 < a1 }

// distinctDecoded reports whether two matches decoded from the same
// encoded text are different secrets: a base64 blob of a whole .env file
// holds several, all reported at the blob, none of them inside another.
func distinctDecoded(a, b match) bool {
	return a.decodedFrom != "" && b.decodedFrom != "" &&
		!strings.Contains(a.secret, b.secret) && !strings.Contains(b.secret, a.secret)
}

// lineReach bounds how far the scan looks for the ends of a line: every
// window is narrower than this, and unbounded searches on a long line
// with many keyword hits would make a scan quadratic.
const lineReach = 4 * windowAfter

// lineBounds returns the start and end (exclusive, before '\n') of the
// line holding pos, or of the part of it within lineReach of pos.
func lineBounds(text []byte, pos int) (int, int) {
	lo := max(0, pos-lineReach)
	start := lo + bytes.LastIndexByte(text[lo:pos], '\n') + 1
	hi := min(len(text), pos+lineReach)
	end := bytes.IndexByte(text[pos:hi], '\n')
	if end < 0 {
		return start, hi
	}
	return start, pos + end
}

// lineIndex answers lineBounds for positions that move forward through
// text, finding each line's ends once: asking lineBounds for every hit
// on a long line would search up to lineReach bytes each time.
type lineIndex struct {
	text       []byte
	start, end int // the line last found; end is at its '\n' or len(text)
	valid      bool
}

// bounds is lineBounds(text, pos).
func (l *lineIndex) bounds(pos int) (int, int) {
	if !l.valid || pos < l.start || pos > l.end {
		l.start = bytes.LastIndexByte(l.text[:pos], '\n') + 1
		l.end = len(l.text)
		if i := bytes.IndexByte(l.text[pos:], '\n'); i >= 0 {
			l.end = pos + i
		}
		l.valid = true
	}
	return max(l.start, pos-lineReach), min(l.end, pos+lineReach)
}

// nextLineEnd returns the end of the line after the one holding pos: a
// rule may match a value on the line after its key (XML, YAML blocks).
// cur indexes pos's line, next the one after it.
func nextLineEnd(cur, next *lineIndex, pos int) int {
	text := cur.text
	_, end := cur.bounds(min(pos, len(text)))
	if end >= len(text) || text[end] != '\n' {
		return end
	}
	_, nend := next.bounds(end + 1)
	return nend
}

// mergeSpan appends w to spans, or widens the last span when w overlaps
// it. Hits come by end position; a longer keyword's may start before the
// previous one's.
func mergeSpan(spans []hitSpan, w hitSpan) []hitSpan {
	if n := len(spans); n > 0 && w.start <= spans[n-1].end {
		spans[n-1].start = min(spans[n-1].start, w.start)
		spans[n-1].end = max(spans[n-1].end, w.end)
		return spans
	}
	return append(spans, w)
}

// lineAt returns the whole line holding pos, for findings.
func lineAt(text []byte, pos int) []byte {
	start := bytes.LastIndexByte(text[:pos], '\n') + 1
	end := bytes.IndexByte(text[pos:], '\n')
	if end < 0 {
		return text[start:]
	}
	return text[start : pos+end]
}

// lineCache holds the line of the last finding and what the line-wide
// checks made of it: many findings on one long line (minified JSON) share
// one copy of it and one run of the allowlist's line regexes.
type lineCache struct {
	start   int
	valid   bool
	raw     []byte
	text    string
	marked  bool // holds an inline allow marker that applies
	allowed bool // the global allowlist's line regexes match it
	// rules holds what the line regexes of rules' allowlists make of
	// it: a line of many findings of one rule is read once.
	rules map[*allowlist]bool
}

// ruleAllowed reports whether the line regexes of a rule's allowlist
// match the line.
func (c *lineCache) ruleAllowed(a *allowlist) bool {
	if len(a.lineRegexes) == 0 {
		return false
	}
	if v, ok := c.rules[a]; ok {
		return v
	}
	if c.rules == nil {
		c.rules = map[*allowlist]bool{}
	}
	v := a.lineAllowed(c.raw)
	c.rules[a] = v
	return v
}

func (c *lineCache) at(d *Detector, text []byte, pos int) *lineCache {
	if c.valid && pos >= c.start && pos <= c.start+len(c.raw) {
		return c
	}
	c.start, c.valid = bytes.LastIndexByte(text[:pos], '\n')+1, true
	c.raw = lineAt(text, pos)
	c.text = string(c.raw)
	c.marked = d.inline && bytes.Contains(c.raw, []byte(allowMarker))
	c.allowed = d.allow.lineAllowed(c.raw)
	clear(c.rules)
	return c
}

// crToLF returns text with its line breaks as '\n' when it uses old Mac
// line endings (CR alone), so lines are numbered right; other text is
// returned as it is. The length, and so every offset, is unchanged.
func crToLF(text []byte) []byte {
	if bytes.IndexByte(text, '\r') < 0 || bytes.IndexByte(text, '\n') >= 0 {
		return text
	}
	return bytes.ReplaceAll(text, []byte{'\r'}, []byte{'\n'})
}

// lineCounter turns offsets into 1-based line and column numbers, walking
// forward so a fragment's newlines are counted once.
type lineCounter struct {
	off, line, lineStart int
	// base is where the first line starts: negative when it began before
	// the text (a window of a larger one).
	base int
}

func (c *lineCounter) locate(text []byte, pos int) (line, col int) {
	if c.line == 0 || pos < c.off {
		*c = lineCounter{line: 1, lineStart: c.base, base: c.base}
	}
	seg := text[c.off:pos]
	if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
		c.line += n
		c.lineStart = c.off + bytes.LastIndexByte(seg, '\n') + 1
	}
	c.off = pos
	return c.line, pos - c.lineStart + 1
}

// peek locates pos without moving the counter.
func (c *lineCounter) peek(text []byte, pos int) (line, col int) {
	cp := *c
	return cp.locate(text, pos)
}

func boolToInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// looksAssigned reports whether the keyword that ends at pos is part of a
// name that is being given a value: the rest of the name, a closing quote
// or bracket, an optional type, then an assignment, a separator, or the
// end of an XML start tag. It is a cheap superset of what the generic
// rules' expressions accept, so they run only where they can match.
func looksAssigned(text []byte, pos int) bool {
	i := pos
	for i < len(text) && (isAlnum(text[i]) || text[i] == '_' || text[i] == '.' || text[i] == '-') {
		i++
		if i-pos > gatedBefore {
			// The generic rules allow a few dozen name characters after
			// a keyword; a later keyword in the same name is a hit of
			// its own. Walking on would make a name of a million
			// keywords cost a million times its length.
			return false
		}
	}
	if i < len(text) && (text[i] == '"' || text[i] == '\'' || text[i] == ']' || text[i] == ')') {
		i++
	}
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	if i+6 <= len(text) && (string(text[i:i+6]) == "string" || string(text[i:i+6]) == "String") {
		i += 6
		for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
	}
	if i >= len(text) {
		return false
	}
	if bytes.HasPrefix(text[i:], []byte("value")) {
		return true // <property name="apiSecret" value="...">
	}
	switch text[i] {
	case '=', ':', ',', '>', '.', '?', '<':
		return true
	}
	return false
}

// lowerTable maps ASCII upper-case letters to lower case, every other byte
// to itself.
var lowerTable = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if i >= 'A' && i <= 'Z' {
			t[i] = byte(i + 'a' - 'A')
		}
	}
	return t
}()

// sourceExtensions are programming languages, where a literal value is
// always quoted.
var sourceExtensions = map[string]bool{
	".go": true, ".java": true, ".kt": true, ".kts": true, ".scala": true, ".groovy": true,
	".js": true, ".mjs": true, ".cjs": true, ".jsx": true, ".ts": true, ".tsx": true,
	".py": true, ".rb": true, ".php": true, ".cs": true, ".rs": true, ".swift": true,
	".c": true, ".h": true, ".cc": true, ".cpp": true, ".hpp": true, ".m": true, ".dart": true,
	".lua": true, ".pl": true, ".ex": true, ".exs": true, ".erl": true, ".clj": true, ".vue": true,
	// Assembly (Go's .s, .asm): instructions and symbols, no YAML or
	// JSON below names for the structure passes to read.
	".s": true, ".asm": true,
	// Stylesheets: strings are quoted too; an unquoted token is a
	// selector, a property or a keyword (input[type=password],.form-x).
	".css": true, ".scss": true, ".sass": true, ".less": true, ".styl": true,
}

// translationDirs are the directories translation catalogs live in.
var translationDirs = map[string]bool{"locale": true, "locales": true, "i18n": true, "l10n": true, "lang": true, "langs": true, "languages": true, "translations": true}

// languageFile matches the base name of a catalog named after its
// language: de, de-DE, pt_BR, zh-Hans, locale_de-DE, messages_fr.
var languageFile = lazyCompile(`^(?:(?:locale|message|string|lang|translation)s?[_.-])?[a-z]{2,3}(?:[_-](?:[A-Z]{2}|[A-Z][a-z]{3}|\d{3}))?$`)

// isTranslationCatalog reports whether a path names a translation
// catalog: gettext, XLIFF and ARB files, or a file named after a language
// in a locale directory (locales/de.json, conf/locale/locale_de-DE.ini).
// Its values are messages in a human language ("auths.auth_source =
// Authentifizierungsquelle"), never credentials, whatever the keys say.
func isTranslationCatalog(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".po", ".pot", ".xlf", ".xliff", ".arb":
		return true
	}
	dir, base := path.Split(p)
	if !languageFile.MatchString(strings.TrimSuffix(base, path.Ext(base))) {
		return false
	}
	for _, seg := range strings.Split(strings.ToLower(dir), "/") {
		if translationDirs[seg] {
			return true
		}
	}
	return false
}

// hclTraversal matches an HCL reference: a lower-case root name and its
// attributes (var.token, globals.artifact_token, module.db.password).
var hclTraversal = lazyCompile(`^[a-z][a-z0-9_]*(?:\.[A-Za-z_][\w-]*|\[[\w"*]*\])+\.?$`)

// droneSignature reports whether the value at pos is the hmac of a Drone
// pipeline's signature document (kind: signature), a few lines above.
func droneSignature(key string, text []byte, pos int) bool {
	if key != "hmac" {
		return false
	}
	return bytes.Contains(text[max(0, pos-200):pos], []byte("kind: signature"))
}

// argumentAfterName reports whether the value at vs follows its name,
// which ends at ke, only as the next argument of a call or element of a
// list: the name is unquoted and a comma comes between. A quoted name
// before a comma is still a pair (os.Setenv("X_SECRET", "…")).
func argumentAfterName(text []byte, ke, vs int) bool {
	if ke >= len(text) || ke >= vs {
		return false
	}
	switch text[ke] {
	case '"', '\'', '`', ']', ')':
		return false
	}
	return bytes.IndexByte(text[ke:vs], ',') >= 0
}

// encryptedCIValue reports whether a value under the name key is a CI
// service's encrypted variable: in YAML, the value of a "secure" key
// (Travis CI's env: global: - secure: "…", AppVeyor's auth_token: secure:
// …), which the made-up line of a nested key names "…_secure". Only that
// service can decrypt it.
func encryptedCIValue(key, p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".yml", ".yaml":
	default:
		return false
	}
	k := strings.ToLower(strings.Trim(key, `'"`))
	return k == "secure" || strings.HasSuffix(k, "_secure")
}

// badgeImage matches the end of a status badge's image address just
// before its query string (…/badge.svg?, …/gobrake.png?, …/badge?).
var badgeImage = lazyCompile(`(?i)(?:\.(?:svg|png)|/badges?)\?(?:[\w.-]+=[\w.-]*&)*$`)

// badgeToken reports whether the value under the name key, which starts
// at ks, is a query parameter of a status badge's image address:
// CircleCI's and Codecov's badges carry a read-only token meant to be
// published.
func badgeToken(key string, text []byte, ks int) bool {
	if ks <= 0 {
		return false
	}
	switch strings.ToLower(key) {
	case "token", "circle-token":
	default:
		return false
	}
	before := text[max(0, ks-200):ks]
	if !badgeImage.Match(before) {
		return false
	}
	// A raw file of a private GitHub repository (an image in its
	// README) is read with a token that grants access: not a badge's.
	if i := bytes.LastIndex(before, []byte("://")); i >= 0 {
		host, _, _ := bytes.Cut(before[i+3:], []byte("/"))
		if bytes.HasSuffix(bytes.ToLower(host), []byte("githubusercontent.com")) {
			return false
		}
	}
	return true
}

// searchIndexWords name a search index in the configuration of a site's
// search box (Algolia DocSearch and its peers), whose key is the public,
// search-only one.
var searchIndexWords = []string{"indexname", "index_name", "docsearch"}

// searchOnlyKey reports whether the value at pos, under the name key, is
// the API key of a search box's configuration: the name is a bare API
// key and an index name or DocSearch is named within a few lines.
func searchOnlyKey(key string, text []byte, pos int) bool {
	switch strings.ToLower(strings.Trim(key, `'"`)) {
	case "apikey", "api_key", "api-key", "searchkey", "search_key":
	default:
		return false
	}
	near := bytes.ToLower(text[max(0, pos-400):min(len(text), pos+400)])
	for _, w := range searchIndexWords {
		if bytes.Contains(near, []byte(w)) {
			return true
		}
	}
	return false
}

// isHCL reports whether a path names an HCL file (Terraform, Nomad,
// Packer, Vault and Consul configuration). There an attribute's
// unquoted value is an expression (var.token, globals.artifact_token) or
// a number, never a string; a name inside a quoted string
// ("provider=azure secret_access_key=…") and a heredoc's text are still
// read.
func isHCL(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".tf", ".hcl", ".nomad", ".tfvars":
		return true
	}
	return false
}

// lineStart reports whether only blanks precede pos on its line.
func lineStart(text []byte, pos int) bool {
	for i := pos - 1; i >= 0; i-- {
		switch text[i] {
		case ' ', '\t':
			continue
		case '\n':
			return true
		}
		return false
	}
	return true
}

// isSourceCode reports whether a path names a program's source file.
func isSourceCode(p string) bool {
	return sourceExtensions[strings.ToLower(path.Ext(p))]
}

// quotedAt reports whether the value starting at pos follows a quote (or
// a Go raw-string backquote).
func quotedAt(text []byte, pos int) bool {
	if pos == 0 {
		return false
	}
	switch text[pos-1] {
	case '"', '\'', '`':
		return true
	}
	return false
}

// unquotedIndicator reports whether an unquoted value starts with a
// character that gives it another meaning: $ (an expansion, in a shell
// script or a .env file alike), or, after a YAML mapping's colon, !, *
// or @ (a tag, an alias, a reserved indicator). After "=" in a .env or
// INI file those three are part of the value.
func unquotedIndicator(text []byte, pos int, secret string) bool {
	if secret == "" || quotedAt(text, pos) || pos > 0 && text[pos-1] == '>' {
		return false
	}
	switch secret[0] {
	case '$':
		return true
	case '!', '*', '@':
		i := pos - 1
		for i >= 0 && (text[i] == ' ' || text[i] == '\t') {
			i--
		}
		return i >= 0 && text[i] == ':'
	}
	return false
}

// elementText reports whether a value after the name at ks..ke may be
// read: when the name is followed by ">" (or a quote and ">"), the value
// is an element's text, which belongs to the name only when the name is
// the element's (<apiToken>…</apiToken>) or its key or name attribute
// (<prop key="hook.token">…</prop>), not when it is some other attribute
// (a docs table's <a title="#opt-acme-token">…</a>).
func elementText(text []byte, ks, ke, valueEnd int) bool {
	if ke >= len(text) {
		return true
	}
	if text[ke] == '>' {
		return xmlElement(text, ks, ke, valueEnd)
	}
	if q := text[ke]; (q == '"' || q == '\'') && ke+1 < len(text) && text[ke+1] == '>' {
		before := text[max(0, ks-6):ks]
		return bytes.HasSuffix(before, []byte{' ', 'k', 'e', 'y', '=', q}) || bytes.HasSuffix(before, []byte("name="+string(q)))
	}
	return true
}

// xmlElement reports whether the name at ks..ke opens an XML element whose
// closing tag follows the value ending at valueEnd.
func xmlElement(text []byte, ks, ke, valueEnd int) bool {
	if ks == 0 || text[ks-1] != '<' {
		return false
	}
	rest := text[valueEnd:min(len(text), valueEnd+256)]
	return bytes.Contains(rest, append([]byte("</"), text[ks:ke]...))
}
