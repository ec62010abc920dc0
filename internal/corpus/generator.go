package corpus

import (
	"slices"
	"strings"
)

// generator holds the state of one Generate call.
type generator struct {
	r     rnd
	m     *Manifest
	files []*file
}

// plant is one secret to place, with the name it is assigned to.
type plant struct {
	spec   *spec
	secret string
	text   string
	name   []string
}

// key spells the plant's name in a style, or in the first style its rule
// accepts.
func (p *plant) key(s style) string {
	if p.spec.styles != nil && !slices.Contains(p.spec.styles, s) {
		s = p.spec.styles[0]
	}
	return spell(p.name, s)
}

func (p *plant) keyed() bool { return p.spec.keyed }
func (p *plant) isURL() bool { return p.spec.url }

// bare reports whether the plant can stand without a key naming it
// (a shape the rule finds anywhere).
func (p *plant) bare() bool { return !p.spec.keyed }

// format writes one kind of file.
type format struct {
	name    string
	accepts func(s *spec) bool
	write   func(g *generator, ps []*plant)
}

// Acceptance rules shared by formats.
func anyKV(s *spec) bool    { return !s.yamlKey && s.only == nil }
func bareOnly(s *spec) bool { return !s.keyed && !s.yamlKey && s.only == nil }
func urlOnly(s *spec) bool  { return s.url && bareOnly(s) }

// urlOrBare accepts secrets that stand alone and every URL.
func urlOrBare(s *spec) bool { return bareOnly(s) || (s.url && anyKV(s)) }

// slashy accepts URLs and the base64 secrets that usually hold a "/".
func slashy(s *spec) bool {
	return (s.url && anyKV(s)) || ids("standard-webhooks-signing-secret", "standard-webhooks-asymmetric-secret-key", "docusign-connect-hmac-key", "line-channel-access-token")(s)
}

// ids accepts the listed catalog entries.
func ids(list ...string) func(s *spec) bool {
	return func(s *spec) bool { return slices.Contains(list, s.id) }
}

// minEntropy is the bar every generated non-URL secret clears. The corpus
// measures whether rules cover shapes and syntaxes, not the tail of the
// entropy gate, so values a strict gate might drop are drawn again.
const minEntropy = 3.6

func (g *generator) newPlant(s *spec) *plant {
	for {
		secret, text := s.gen(g.r)
		bar := minEntropy
		if s.url || len(secret) < 20 || isHex(secret) {
			bar = 3.0
		}
		if entropy(secret) < bar {
			continue
		}
		return &plant{spec: s, secret: secret, text: text, name: s.names[g.r.IntN(len(s.names))]}
	}
}

func isHex(s string) bool {
	return strings.Trim(strings.ToLower(s), "0123456789abcdef-") == ""
}

// run plants every catalog entry in several formats and writes the files.
func (g *generator) run() {
	formats := allFormats()
	load := make([]int, len(formats))
	assigned := make([][]*plant, len(formats))
	for _, s := range specs() {
		n := g.r.between(3, 4)
		var all []int
		for i, f := range formats {
			if (s.only == nil && f.accepts(s)) || slices.Contains(s.only, f.name) {
				all = append(all, i)
			}
		}
		cands := slices.Clone(all)
		for k := 0; k < n && len(all) > 0; k++ {
			if len(cands) == 0 {
				cands = slices.Clone(all)
			}
			// Prefer the least-loaded formats, at random among those
			// within one plant of the minimum, so files stay balanced.
			least := load[cands[0]]
			for _, c := range cands {
				least = min(least, load[c])
			}
			var near []int
			for _, c := range cands {
				if load[c] <= least+1 {
					near = append(near, c)
				}
			}
			c := near[g.r.IntN(len(near))]
			assigned[c] = append(assigned[c], g.newPlant(s))
			load[c]++
			cands = slices.DeleteFunc(cands, func(x int) bool { return x == c })
		}
	}
	for i, f := range formats {
		ps := assigned[i]
		g.r.Shuffle(len(ps), func(a, b int) { ps[a], ps[b] = ps[b], ps[a] })
		f.write(g, ps)
	}
	for _, w := range baitFiles() {
		w(g)
	}
}

// file is a generated file being written.
type file struct {
	g      *generator
	path   string
	format string
	buf    strings.Builder
	line   int // lines completed so far
}

func (g *generator) newFile(path, format string) *file {
	f := &file{g: g, path: path, format: format}
	g.files = append(g.files, f)
	return f
}

// entry is a piece of a file: text, and what it plants.
type entry struct {
	text    string
	inline  bool // no newline after the text (minified files)
	plant   *plant
	syntax  string
	enc     string
	encoded string
	bait    *Bait
}

// line is a line of filler text; text may hold several lines.
func line(text string) entry { return entry{text: text} }

// lines turns a block of text into entries, one per line.
func lines(block string) []entry {
	block = strings.TrimPrefix(block, "\n")
	block = strings.TrimSuffix(block, "\n")
	var out []entry
	for _, l := range strings.Split(block, "\n") {
		out = append(out, entry{text: l})
	}
	return out
}

// secret is a line that holds a plant's text in plain form; syntax names
// the construct it is written in.
func secret(p *plant, syntax, text string) entry {
	return entry{text: text, plant: p, syntax: syntax, enc: Plain}
}

// encoded is a line that holds a plant's text encoded as written.
func encoded(p *plant, syntax, enc, written, text string) entry {
	if written == p.secret || written == p.text {
		return entry{text: text, plant: p, syntax: syntax, enc: Plain}
	}
	return entry{text: text, plant: p, syntax: syntax, enc: enc, encoded: written}
}

// bait is a line that holds a look-alike.
func bait(kind, reason, value, text string) entry {
	return entry{text: text, bait: &Bait{Kind: kind, Reason: reason, Value: value}}
}

// add writes entries and records what they plant.
func (f *file) add(es ...entry) {
	for _, e := range es {
		n := f.line + 1
		f.buf.WriteString(e.text)
		if e.plant != nil {
			s := Secret{File: f.path, Line: n, Format: f.format, CatalogID: e.plant.spec.id, Value: e.plant.secret, Syntax: e.syntax, Encoding: e.enc}
			if e.enc != Plain {
				s.Encoded = e.encoded
			}
			f.g.m.Secrets = append(f.g.m.Secrets, s)
		}
		if e.bait != nil {
			b := *e.bait
			b.File, b.Line, b.Format = f.path, n, f.format
			f.g.m.Baits = append(f.g.m.Baits, b)
		}
		if !e.inline {
			f.buf.WriteByte('\n')
			f.line++
		}
	}
}
