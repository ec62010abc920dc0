package source

import (
	"bytes"
	"hash/maphash"
	"slices"

	"github.com/hookscan/hookscan/scanner"
)

// lineCache lets the history scan run the detector only over lines it has
// not seen before in the same file. Successive versions of a file share
// almost all their lines: on a 20,000-commit repository the 2.4 GB of
// unique blobs hold under 400 MB of lines that differ from every other
// version of the same file.
//
// A line is "seen" when the same line, with the same line before and after
// it, was scanned before in a blob first found at the same path. The
// detector decides about a line from that line and its two neighbours (a
// keyword's window reaches the end of the next line; decoding works on one
// line) and from the path (per-rule path allowlists, source-code checks),
// so the findings that start on a seen line are the ones found there
// before: they are reused, at the new line number, and only the other
// lines, each run with a line of context on both sides, go through the
// detector. The fields that depend on the whole file (advice, context
// class, severity) are set again from the whole blob, and a blob in which
// the passes over a file's structure (values below their names) find
// anything is scanned whole.
//
// The history scan reads blobs grouped by path, oldest first, so a cache
// holds the lines of one path at a time: each scanning goroutine has its
// own, small enough to stay in the processor's cache, and forgets it when
// the next blob has another path. A blob whose path's earlier versions
// went to another goroutine is only scanned more fully: results never
// depend on what the cache holds.
type lineCache struct {
	seed    maphash.Seed
	path    string
	pathKey uint64
	// slots is an open-addressing set of keys (0 is empty); a key's
	// lowest bit is replaced by a "has findings" flag, so found is
	// consulted only for the rare lines that have some.
	slots []uint64
	used  int
	found map[uint64][]scanner.Finding
	// dropped holds the dropped candidates per line, when the scan
	// explains its drops; such lines carry the flag too.
	dropped map[uint64][]scanner.Dropped
	// Per-blob arrays, reused from blob to blob.
	starts []int
	hashes []uint64
	keys   []uint64
	state  []uint8

	// prev is the last blob scanned at path, with its line count and the
	// findings and dropped candidates that start on its lines (before
	// Refine). A new version mostly shares a long head and tail with
	// it: the lines there are not even split and hashed (see scan).
	prev      []byte
	prevLines int
	prevFound []scanner.Finding
	prevDrops []scanner.Dropped
	// release takes back a blob buffer the cache no longer holds; nil
	// drops it.
	release func([]byte)
	// structure is the same idea for the lines the passes over a file's
	// structure make up, asked before a blob's lines are (see
	// scanner.StructureCache).
	structure *scanner.StructureCache
}

// lineCacheMinSize is the smallest blob worth the bookkeeping.
const lineCacheMinSize = 1 << 10

// mergeGap is how many seen lines may separate new lines scanned in one
// detector call.
const mergeGap = 8

const hasFindings = 1

// Bounds of the key table: it starts at minLineSlots and doubles when half
// full; past maxLineSlots (32 MB) it is emptied instead.
const (
	minLineSlots = 1 << 10
	maxLineSlots = 1 << 22
	// reuseLineSlots is the largest table (1 MB) kept for paths of any
	// size.
	reuseLineSlots = 1 << 17
)

// newLineCache returns an empty cache; release, if not nil, takes back
// the blob buffers the cache kept (see keep).
func newLineCache(release func([]byte)) *lineCache {
	return &lineCache{seed: maphash.MakeSeed(), found: map[uint64][]scanner.Finding{}, release: release, structure: scanner.NewStructureCache()}
}

// drop forgets the previous blob, handing its buffer back.
func (c *lineCache) drop() {
	if c.prev != nil && c.release != nil {
		c.release(c.prev)
	}
	c.prev, c.prevLines, c.prevFound, c.prevDrops = nil, 0, c.prevFound[:0], c.prevDrops[:0]
}

// reset empties the cache for another path whose blob has n lines.
func (c *lineCache) reset(path string, n int) {
	c.path = path
	c.pathKey = maphash.String(c.seed, path)
	size := minLineSlots
	for size < 4*n && size < maxLineSlots {
		size *= 2
	}
	// A table is reused for any smaller one up to reuseLineSlots, or up
	// to 4 times smaller: only the part used is cleared, and a table
	// made anew per path is memory the kernel hands out afresh (gin's
	// full history made 24 MB of tables).
	if cap(c.slots) >= size && (cap(c.slots) <= 4*size || cap(c.slots) <= reuseLineSlots) {
		c.slots = c.slots[:size]
		clear(c.slots)
	} else {
		c.slots = make([]uint64, size)
	}
	c.used = 0
	if len(c.found) > 0 {
		c.found = map[uint64][]scanner.Finding{}
	}
	if len(c.dropped) > 0 {
		c.dropped = nil
	}
}

// lookup reports whether key (lowest bit clear, never 0) was recorded,
// and whether findings start on its line.
func (c *lineCache) lookup(key uint64) (seen, withFindings bool) {
	mask := uint64(len(c.slots) - 1)
	for i := key >> 2 & mask; ; i = (i + 1) & mask {
		v := c.slots[i]
		if v == 0 {
			return false, false
		}
		if v&^hasFindings == key {
			return true, v&hasFindings != 0
		}
	}
}

// record marks key seen, after storing the findings and the dropped
// candidates that start on its line.
func (c *lineCache) record(key uint64, fs []scanner.Finding, ds []scanner.Dropped) {
	if 2*(c.used+1) > len(c.slots) {
		if len(c.slots) >= maxLineSlots {
			c.reset(c.path, 0)
		} else {
			c.grow()
		}
	}
	v := key
	if len(fs) > 0 {
		c.found[key] = fs
		v |= hasFindings
	}
	if len(ds) > 0 {
		if c.dropped == nil {
			c.dropped = map[uint64][]scanner.Dropped{}
		}
		c.dropped[key] = ds
		v |= hasFindings
	}
	mask := uint64(len(c.slots) - 1)
	for i := key >> 2 & mask; ; i = (i + 1) & mask {
		if c.slots[i] == 0 {
			c.slots[i] = v
			c.used++
			return
		}
		if c.slots[i]&^hasFindings == key {
			c.slots[i] = v
			return
		}
	}
}

func (c *lineCache) grow() {
	old := c.slots
	c.slots = make([]uint64, 2*len(old))
	mask := uint64(len(c.slots) - 1)
	for _, v := range old {
		if v == 0 {
			continue
		}
		i := v >> 2 & mask
		for c.slots[i] != 0 {
			i = (i + 1) & mask
		}
		c.slots[i] = v
	}
}

// mix combines hashes into one key: lowest bit clear, never 0.
func mix(a, b uint64) uint64 {
	h := (a ^ (b + 0x9e3779b97f4a7c15 + a<<6 + a>>2)) * 0xbf58476d1ce4e5b9
	h ^= h >> 31
	return h&^hasFindings | 2
}

// Line states.
const (
	lineNew uint8 = iota
	lineSeen
	lineSeenWithFindings
)

// scan returns the findings of one blob first found at path, running the
// detector only over lines not seen before at that path, and the
// candidates filters dropped when det explains them. A cache is used by
// one goroutine at a time. The cache keeps data as the previous version
// of path (it reports so): the caller must not reuse data's buffer until
// the cache hands it back through release.
//
// The lines data shares with the previous version at its head and tail
// are settled without reading them: a line whose neighbours are the same
// too has the findings it had there (at the same line number from the
// head, shifted from the tail). Only the lines between, one line of
// context included, are split, hashed and looked up.
func (c *lineCache) scan(det detectorFuncs, path string, data []byte) (fs []scanner.Finding, ds []scanner.Dropped, kept bool) {
	if path != c.path || c.slots == nil {
		c.drop()
	}
	// The common head and tail, in bytes, with the previous version.
	var headBytes, tailBytes int
	if c.prev != nil {
		headBytes = commonPrefix(data, c.prev)
		tailBytes = commonSuffix(data, c.prev, min(len(data), len(c.prev))-headBytes)
	}
	// a whole lines end within the common head: lines 0..a-1 are the
	// previous version's. The common tail's lines start at q, the first
	// line start after a newline inside the tail.
	a := bytes.Count(data[:headBytes], nl)
	q := len(data)
	if k := bytes.IndexByte(data[len(data)-tailBytes:], '\n'); k >= 0 {
		q = len(data) - tailBytes + k + 1
	}
	// Lines m0..m1-1 are looked up; those before and after are the
	// previous version's with the same neighbours. Lines h0..h1-1 are
	// hashed (the looked-up ones and their neighbours).
	m0 := max(a-1, 0)
	h0 := max(m0-1, 0)
	pos := 0
	if h0 > 0 {
		startA := bytes.LastIndexByte(data[:headBytes], '\n') + 1 // line a
		pos = lineStartBefore(data, startA, a-h0)
	}
	starts, hashes := c.starts[:0], c.hashes[:0]
	idxQ := -1 // the index of the line starting at q
	for i := h0; pos < len(data); i++ {
		if pos >= q && idxQ < 0 {
			idxQ = i
		}
		if idxQ >= 0 && i >= idxQ+2 {
			break
		}
		end := len(data)
		if j := bytes.IndexByte(data[pos:], '\n'); j >= 0 {
			end = pos + j + 1
		}
		starts = append(starts, pos)
		hashes = append(hashes, maphash.Bytes(c.seed, data[pos:end]))
		pos = end
	}
	h1 := h0 + len(starts)
	n := h1 // lines in data
	if idxQ < 0 {
		idxQ = h1
	} else if pos < len(data) {
		n = h1 + bytes.Count(data[pos:], nl)
		if data[len(data)-1] != '\n' {
			n++
		}
	}
	starts = append(starts, pos) // where line h1 starts
	m1 := min(idxQ+1, n)
	m1 = max(m1, m0)
	// start and lineEnd work for lines h0..h1-1.
	start := func(i int) int { return starts[i-h0] }
	lineEnd := func(i int) int { return starts[i+1-h0] }
	nm := m1 - m0
	keys, state := slices.Grow(c.keys[:0], nm)[:nm], slices.Grow(c.state[:0], nm)[:nm]
	c.starts, c.hashes, c.keys, c.state = starts, hashes, keys, state
	if path != c.path || c.slots == nil {
		c.reset(path, nm)
	}
	pathKey := c.pathKey
	anyNew := false
	for i := m0; i < m1; i++ {
		prev, next := uint64(0), uint64(0)
		if i > 0 {
			prev = hashes[i-1-h0]
		}
		if i+1 < n {
			next = hashes[i+1-h0]
		}
		k := mix(mix(mix(pathKey, prev), hashes[i-h0]), next)
		keys[i-m0] = k
		switch seen, with := c.lookup(k); {
		case !seen:
			state[i-m0] = lineNew
			anyNew = true
		case with:
			state[i-m0] = lineSeenWithFindings
		default:
			state[i-m0] = lineSeen
		}
	}
	isNew := func(i int) bool { return i >= m0 && i < m1 && state[i-m0] == lineNew }

	var out []scanner.Finding
	var byLine map[int][]scanner.Finding // fresh findings per starting line, to record
	var drops []scanner.Dropped
	var dropsByLine map[int][]scanner.Dropped
	for i := m0; anyNew && i < m1; {
		if !isNew(i) {
			i++
			continue
		}
		// Lines i..j-1 hold every new line of this stretch; runs of new
		// lines closer than mergeGap are scanned together, which costs
		// less than a detector call each.
		j := i
		for k := i; k < m1 && k-j <= mergeGap; k++ {
			if isNew(k) {
				j = k + 1
			}
		}
		// Scan with a line of context on each side so every window sees
		// what it would in the whole blob.
		from, to := max(i-1, 0), min(j+1, n)
		frag := scanner.Fragment{Path: path, Raw: data[start(from):lineEnd(to-1)], LineOffset: from, LinesOnly: true}
		fs, ds := det.run(frag)
		for _, f := range fs {
			line := f.Line - 1 // 0-based
			if !isNew(line) {
				continue // starts on a seen line: reused below
			}
			out = append(out, f)
			if byLine == nil {
				byLine = map[int][]scanner.Finding{}
			}
			byLine[line] = append(byLine[line], f)
		}
		for _, d := range ds {
			if line := d.Line - 1; isNew(line) {
				drops = append(drops, d)
				if dropsByLine == nil {
					dropsByLine = map[int][]scanner.Dropped{}
				}
				dropsByLine[line] = append(dropsByLine[line], d)
			}
		}
		i = j
	}
	for i := m0; i < m1; i++ {
		if state[i-m0] != lineSeenWithFindings {
			continue
		}
		for _, f := range c.found[keys[i-m0]] {
			f.EndLine = i + 1 + (f.EndLine - f.Line)
			f.Line = i + 1
			out = append(out, f)
		}
		for _, d := range c.dropped[keys[i-m0]] {
			d.Line = i + 1
			drops = append(drops, d)
		}
	}
	// The previous version's findings on the lines before m0 stay where
	// they were; those on its last n-m1 lines move with them.
	shift := n - c.prevLines
	carried := func(line int) int { // 0-based line here, or -1
		switch {
		case line < m0:
			return line
		case line+shift >= m1:
			return line + shift
		}
		return -1
	}
	for _, f := range c.prevFound {
		if l := carried(f.Line - 1); l >= 0 {
			f.EndLine += l + 1 - f.Line
			f.Line = l + 1
			out = append(out, f)
		}
	}
	for _, d := range c.prevDrops {
		if l := carried(d.Line - 1); l >= 0 {
			d.Line = l + 1
			drops = append(drops, d)
		}
	}
	for i := m0; i < m1; i++ {
		if state[i-m0] == lineNew {
			c.record(keys[i-m0], byLine[i], dropsByLine[i])
		}
	}
	// Keep this version for the next one, before Refine sets the fields
	// that depend on the whole file.
	prevFound := append(c.prevFound[:0], out...)
	prevDrops := append(c.prevDrops[:0], drops...)
	if c.prev != nil && c.release != nil {
		c.release(c.prev)
	}
	c.prev, c.prevLines, c.prevFound, c.prevDrops = data, n, prevFound, prevDrops
	if det.refine != nil {
		det.refine(path, data, out)
	} else if len(out) > 0 {
		advice := scanner.Advice(path, data)
		for k := range out {
			out[k].Advice = advice
		}
	}
	return out, drops, true
}

var nl = []byte{'\n'}

// lineStartBefore returns where the line k lines before the one starting
// at pos starts (pos is 0 or follows a newline; k >= 1).
func lineStartBefore(data []byte, pos, k int) int {
	for ; k > 0 && pos > 0; k-- {
		pos = bytes.LastIndexByte(data[:pos-1], '\n') + 1
	}
	return pos
}

// compareBlock is how many bytes commonPrefix and commonSuffix compare at
// once: bytes.Equal runs at memory speed, a byte loop only within the
// block that differs.
const compareBlock = 256

// commonPrefix returns the length of the longest common prefix of a and b.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i+compareBlock <= n && bytes.Equal(a[i:i+compareBlock], b[i:i+compareBlock]) {
		i += compareBlock
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix returns the length of the longest common suffix of a and
// b, at most limit.
func commonSuffix(a, b []byte, limit int) int {
	la, lb := len(a), len(b)
	i := 0
	for i+compareBlock <= limit && bytes.Equal(a[la-i-compareBlock:la-i], b[lb-i-compareBlock:lb-i]) {
		i += compareBlock
	}
	for i < limit && a[la-1-i] == b[lb-1-i] {
		i++
	}
	return i
}
