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
)

func newLineCache() *lineCache {
	return &lineCache{seed: maphash.MakeSeed(), found: map[uint64][]scanner.Finding{}}
}

// reset empties the cache for another path whose blob has n lines.
func (c *lineCache) reset(path string, n int) {
	c.path = path
	c.pathKey = maphash.String(c.seed, path)
	size := minLineSlots
	for size < 4*n && size < maxLineSlots {
		size *= 2
	}
	if cap(c.slots) >= size && cap(c.slots) <= 4*size {
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
// one goroutine at a time.
func (c *lineCache) scan(det detectorFuncs, path string, data []byte) ([]scanner.Finding, []scanner.Dropped) {
	starts, hashes := c.starts[:0], c.hashes[:0]
	for i := 0; i < len(data); {
		end := len(data)
		if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
			end = i + j + 1
		}
		starts = append(starts, i)
		hashes = append(hashes, maphash.Bytes(c.seed, data[i:end]))
		i = end
	}
	n := len(starts)
	lineEnd := func(i int) int {
		if i+1 < n {
			return starts[i+1]
		}
		return len(data)
	}
	keys, state := slices.Grow(c.keys[:0], n)[:n], slices.Grow(c.state[:0], n)[:n]
	c.starts, c.hashes, c.keys, c.state = starts, hashes, keys, state
	if path != c.path || c.slots == nil {
		c.reset(path, n)
	}
	pathKey := c.pathKey
	anyNew := false
	for i := range n {
		prev, next := uint64(0), uint64(0)
		if i > 0 {
			prev = hashes[i-1]
		}
		if i+1 < n {
			next = hashes[i+1]
		}
		keys[i] = mix(mix(mix(pathKey, prev), hashes[i]), next)
		switch seen, with := c.lookup(keys[i]); {
		case !seen:
			state[i] = lineNew
			anyNew = true
		case with:
			state[i] = lineSeenWithFindings
		default:
			state[i] = lineSeen
		}
	}

	var out []scanner.Finding
	var byLine map[int][]scanner.Finding // fresh findings per starting line, to record
	var drops []scanner.Dropped
	var dropsByLine map[int][]scanner.Dropped
	for i := 0; anyNew && i < n; {
		if state[i] != lineNew {
			i++
			continue
		}
		// Lines i..j-1 hold every new line of this stretch; runs of new
		// lines closer than mergeGap are scanned together, which costs
		// less than a detector call each.
		j := i
		for k := i; k < n && k-j <= mergeGap; k++ {
			if state[k] == lineNew {
				j = k + 1
			}
		}
		// Scan with a line of context on each side so every window sees
		// what it would in the whole blob.
		from, to := max(i-1, 0), min(j+1, n)
		frag := scanner.Fragment{Path: path, Raw: data[starts[from]:lineEnd(to-1)], LineOffset: from, LinesOnly: true}
		fs, ds := det.run(frag)
		for _, f := range fs {
			line := f.Line - 1 // 0-based
			if state[line] != lineNew {
				continue // starts on a seen line: reused below
			}
			out = append(out, f)
			if byLine == nil {
				byLine = map[int][]scanner.Finding{}
			}
			byLine[line] = append(byLine[line], f)
		}
		for _, d := range ds {
			if line := d.Line - 1; state[line] == lineNew {
				drops = append(drops, d)
				if dropsByLine == nil {
					dropsByLine = map[int][]scanner.Dropped{}
				}
				dropsByLine[line] = append(dropsByLine[line], d)
			}
		}
		i = j
	}
	for i := range n {
		if state[i] != lineSeenWithFindings {
			continue
		}
		for _, f := range c.found[keys[i]] {
			f.EndLine = i + 1 + (f.EndLine - f.Line)
			f.Line = i + 1
			out = append(out, f)
		}
		for _, d := range c.dropped[keys[i]] {
			d.Line = i + 1
			drops = append(drops, d)
		}
	}
	if det.refine != nil {
		det.refine(path, data, out)
	} else if len(out) > 0 {
		advice := scanner.Advice(path, data)
		for k := range out {
			out[k].Advice = advice
		}
	}
	for i := range n {
		if state[i] == lineNew {
			c.record(keys[i], byLine[i], dropsByLine[i])
		}
	}
	return out, drops
}
