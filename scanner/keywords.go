package scanner

import (
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// keywordIndex finds every occurrence of a set of literals in a text,
// overlapping ones included, as an Aho-Corasick automaton does.
//
// Only the trie is built up front, which costs a few milliseconds for
// the thousands of literals the default rules make (their base64 and
// escaped shapes). Failure links and the transitions of the automaton are
// worked out the first time a scan needs them and kept in a table: a run
// that scans one small file pays for the handful of states its text
// reaches, and a long run converges to a full DFA whose hot loop is one
// load per byte. The table's rows are touched only for states a text
// reaches, so memory follows use too.
//
// It is safe for concurrent use: every lazily computed entry is stored
// atomically, and every goroutine that computes one computes the same
// value.
type keywordIndex struct {
	// classes maps a byte to its class: 0 for bytes in no literal, else
	// a small number; the table has 1<<stride2 columns.
	classes [256]uint8
	stride2 uint
	// The trie. States are numbered from 1 (the root), so that a table
	// entry of 0 can mean "not worked out yet".
	parent  []int32
	label   []uint8 // class of the edge from the parent
	child   []int32 // first child, 0 for none
	sibling []int32 // next child of the same parent, 0 for none
	// own is the literal that ends at a state, -1 for none.
	own []int32
	// key identifies the literals the trie was built from (trieKey).
	key    [32]byte
	lens   []int32 // length of each literal
	maxLen int32   // the longest's
	// secondHalf recycles the hits of the second half of a long text
	// (appendAll).
	secondHalf sync.Pool
	// Worked out lazily, 0 until then.
	fail  []atomic.Int32 // longest proper suffix that is a state
	dict  []atomic.Int32 // nearest state on the failure chain with a literal of its own; root for none
	delta []atomic.Uint32
}

// keywordHit is one occurrence of a literal: text[start:end] is literal
// number pattern.
type keywordHit struct{ pattern, start, end int }

const (
	rootState int32 = 1
	// matchFlag marks a transition into a state where a literal ends.
	matchFlag uint32 = 1 << 31
)

// newKeywordIndex builds the automaton of lits (distinct, non-empty).
func newKeywordIndex(lits []string) *keywordIndex {
	b := newKeywordBuilder(0)
	for _, l := range lits {
		b.add([]byte(l))
	}
	return b.finish()
}

// keywordBuilder collects literals; finish builds their trie.
type keywordBuilder struct {
	number map[string]int32 // each literal's number
	lits   []string         // by number
	bytes  int              // their total length
	fold   bool             // see foldCase
}

// newKeywordBuilder starts a builder sized for about n literals.
func newKeywordBuilder(n int) *keywordBuilder {
	return &keywordBuilder{number: make(map[string]int32, n), lits: make([]string, 0, n)}
}

// add adds a non-empty literal and returns its number: a new one, or that
// of the same literal added before.
func (b *keywordBuilder) add(lit []byte) int {
	if b.fold {
		for i, c := range lit {
			if 'A' <= c && c <= 'Z' {
				low := slices.Clone(lit)
				for j := i; j < len(low); j++ {
					low[j] = lowerTable[low[j]]
				}
				lit = low
				break
			}
		}
	}
	if i, ok := b.number[string(lit)]; ok {
		return int(i)
	}
	s := string(lit)
	b.number[s] = int32(len(b.lits))
	b.lits = append(b.lits, s)
	b.bytes += len(s)
	return len(b.lits) - 1
}

// count is the number of literals added.
func (b *keywordBuilder) count() int { return len(b.lits) }

// foldCase makes the automaton match ASCII letters in either case, in
// the text and in the literals added after it: literals that differ only
// in case are one.
func (b *keywordBuilder) foldCase() { b.fold = true }

// finish returns the automaton, ready to search.
//
// The trie is built a level at a time from the literals in sorted order,
// so a state's children are the runs of literals that share its prefix
// and the next byte: no state's children are ever searched. States are
// numbered breadth first, as they are made: the states a scan spends its
// time in, the root and those a few bytes below it, sit together at the
// start of the transition table, in a few pages, rather than scattered
// over all of it.
func (b *keywordBuilder) finish() *keywordIndex {
	key := b.key()
	k := trieCache.load(key)
	if k == nil {
		k = b.build()
	}
	k.key = key
	k.lens = make([]int32, len(b.lits))
	for i, l := range b.lits {
		k.lens[i] = int32(len(l))
	}
	states := len(k.parent)
	k.fail = make([]atomic.Int32, states)
	k.dict = make([]atomic.Int32, states)
	k.delta = newTransitionTable(k, states<<k.stride2)
	return k
}

// build makes the trie of the literals: classes, stride2, maxLen and the
// trie's arrays.
func (b *keywordBuilder) build() *keywordIndex {
	k := &keywordIndex{}
	// byteOf is what a literal's byte stands for: itself, or its lower
	// case when the automaton folds case.
	byteOf := func(c byte) byte { return c }
	if b.fold {
		byteOf = func(c byte) byte { return lowerTable[c] }
	}
	classes := 1 // 0 is for bytes in no literal
	for _, l := range b.lits {
		k.maxLen = max(k.maxLen, int32(len(l)))
		for j := 0; j < len(l); j++ {
			if c := byteOf(l[j]); k.classes[c] == 0 {
				k.classes[c] = uint8(classes)
				classes++
			}
		}
	}
	if b.fold {
		for c := 'A'; c <= 'Z'; c++ {
			k.classes[c] = k.classes[c+'a'-'A']
		}
	}
	k.stride2 = uint(bits.Len(uint(classes - 1)))
	sorted := make([]int32, len(b.lits))
	for i := range sorted {
		sorted[i] = int32(i)
	}
	slices.SortFunc(sorted, func(x, y int32) int { return strings.Compare(b.lits[x], b.lits[y]) })
	// State 0 is unused, state 1 the root.
	n := b.bytes + 2
	k.parent = append(make([]int32, 0, n), 0, 0)
	k.label = append(make([]uint8, 0, n), 0, 0)
	k.child = append(make([]int32, 0, n), 0, 0)
	k.sibling = append(make([]int32, 0, n), 0, 0)
	k.own = append(make([]int32, 0, n), -1, -1)
	// The trie a level at a time: the states of one level are numbered
	// from first on, in the order of cur, which holds the run of sorted
	// literals below each (those that start with its prefix).
	type run struct{ lo, hi int32 }
	cur, next := []run{{0, int32(len(sorted))}}, []run(nil)
	first := rootState
	for depth := 0; len(cur) > 0; depth++ {
		next = next[:0]
		for i, r := range cur {
			s := first + int32(i)
			lo := r.lo
			// The literal that ends here sorts first (literals are
			// distinct).
			if lo < r.hi && len(b.lits[sorted[lo]]) == depth {
				k.own[s] = sorted[lo]
				lo++
			}
			last := int32(0)
			for lo < r.hi {
				c := byteOf(b.lits[sorted[lo]][depth])
				hi := lo + 1
				for hi < r.hi && byteOf(b.lits[sorted[hi]][depth]) == c {
					hi++
				}
				t := int32(len(k.parent))
				k.parent = append(k.parent, s)
				k.label = append(k.label, k.classes[c])
				k.child = append(k.child, 0)
				k.sibling = append(k.sibling, 0)
				k.own = append(k.own, -1)
				if last == 0 {
					k.child[s] = t
				} else {
					k.sibling[last] = t
				}
				last = t
				next = append(next, run{lo, hi})
				lo = hi
			}
		}
		first += int32(len(cur))
		cur, next = next, cur
	}
	return k
}

// childOf returns the trie child of s along class c, or 0.
func (k *keywordIndex) childOf(s int32, c uint8) int32 {
	for ch := k.child[s]; ch != 0; ch = k.sibling[ch] {
		if k.label[ch] == c {
			return ch
		}
	}
	return 0
}

// next returns the table entry for state s and class c, working it out
// (and the entries it depends on) if need be.
func (k *keywordIndex) next(s int32, c uint8) uint32 {
	cell := &k.delta[int(s)<<k.stride2|int(c)]
	if v := cell.Load(); v != 0 {
		return v
	}
	t := k.childOf(s, c)
	if t == 0 {
		if s == rootState {
			t = rootState
		} else {
			t = int32((k.next(k.failOf(s), c) &^ matchFlag) >> k.stride2)
		}
	}
	v := uint32(t) << k.stride2
	if k.own[t] >= 0 || t != rootState && k.dictOf(t) != rootState {
		v |= matchFlag
	}
	cell.Store(v)
	return v
}

// failOf returns the failure link of s (not the root).
func (k *keywordIndex) failOf(s int32) int32 {
	if f := k.fail[s].Load(); f != 0 {
		return f
	}
	f := rootState
	if p := k.parent[s]; p != rootState {
		f = int32((k.next(k.failOf(p), k.label[s]) &^ matchFlag) >> k.stride2)
	}
	k.fail[s].Store(f)
	return f
}

// dictOf returns the nearest state on the failure chain of s (not the
// root) where a literal ends, or the root.
func (k *keywordIndex) dictOf(s int32) int32 {
	if d := k.dict[s].Load(); d != 0 {
		return d
	}
	d := k.failOf(s)
	if d != rootState && k.own[d] < 0 {
		d = k.dictOf(d)
	}
	k.dict[s].Store(d)
	return d
}

// findAll returns every occurrence of every literal in text, by end
// position; occurrences that end together come longest first.
func (k *keywordIndex) findAll(text []byte) []keywordHit {
	return k.appendAll(nil, text)
}

// holdsAnyIn reports whether one of k's literals occurs in s.
func holdsAnyIn[T string | []byte](k *keywordIndex, s T) bool {
	delta, classes, stride2 := k.delta, &k.classes, k.stride2
	sid := uint32(rootState) << stride2
	for i := 0; i < len(s); i++ {
		c := classes[s[i]]
		v := delta[sid|uint32(c)].Load()
		if v == 0 {
			v = k.next(int32(sid>>stride2), c)
		}
		if v&matchFlag != 0 {
			return true
		}
		sid = v
	}
	runtime.KeepAlive(k)
	return false
}

// appendAll is findAll appending to hits.
//
// Each step of the automaton waits for the one before (the next state is
// a load indexed by the current one), so a single walk leaves most of a
// core idle. A long text is walked as two halves at once, whose steps do
// not depend on each other: the second walk starts maxLen-1 bytes before
// the middle, so it has seen the whole of every literal that ends past
// the middle, and it reports only those.
func (k *keywordIndex) appendAll(hits []keywordHit, text []byte) []keywordHit {
	if len(text) < twoWalksMin || len(text) < 8*int(k.maxLen) || k.maxLen == 0 {
		hits, _ = k.walk(hits, text, 0, len(text), 0, uint32(rootState)<<k.stride2)
		return hits
	}
	mid := len(text) / 2
	q := mid - int(k.maxLen) + 1
	bp, _ := k.secondHalf.Get().(*[]keywordHit)
	if bp == nil {
		bp = new([]keywordHit)
	}
	second := (*bp)[:0]
	delta, classes, stride2 := k.delta, &k.classes, k.stride2
	sa, sb := uint32(rootState)<<stride2, uint32(rootState)<<stride2
	a, b := 0, q
	for ; a < mid; a, b = a+1, b+1 {
		ca, cb := classes[text[a]], classes[text[b]]
		va, vb := delta[sa|uint32(ca)].Load(), delta[sb|uint32(cb)].Load()
		if va-1 < matchFlag-1 {
			sa = va
		} else {
			hits, sa = k.step(hits, sa, ca, va, a, 0)
		}
		if vb-1 < matchFlag-1 {
			sb = vb
		} else {
			second, sb = k.step(second, sb, cb, vb, b, mid)
		}
	}
	second, _ = k.walk(second, text, b, len(text), mid, sb)
	hits = append(hits, second...)
	if cap(second) <= maxPooledHits {
		*bp = second
		k.secondHalf.Put(bp)
	}
	runtime.KeepAlive(k) // delta may live outside the heap, released with k
	return hits
}

// twoWalksMin is the shortest text appendAll walks as two halves.
const twoWalksMin = 1 << 10

// walk runs the automaton over text[from:to] from state sid, appending the
// occurrences that end after minEnd; it returns the state it ends in.
func (k *keywordIndex) walk(hits []keywordHit, text []byte, from, to, minEnd int, sid uint32) ([]keywordHit, uint32) {
	delta, classes := k.delta, &k.classes
	for i := from; i < to; i++ {
		c := classes[text[i]]
		v := delta[sid|uint32(c)].Load()
		if v-1 < matchFlag-1 {
			sid = v // known, and no literal ends here
			continue
		}
		hits, sid = k.step(hits, sid, c, v, i, minEnd)
	}
	runtime.KeepAlive(k)
	return hits, sid
}

// step takes the transition from state sid on class c at text position i
// when its table entry v is not yet known or a literal ends there, and
// appends the occurrences that end at i+1 if that is after minEnd.
func (k *keywordIndex) step(hits []keywordHit, sid uint32, c uint8, v uint32, i, minEnd int) ([]keywordHit, uint32) {
	stride2 := k.stride2
	if v == 0 {
		v = k.next(int32(sid>>stride2), c)
	}
	sid = v &^ matchFlag
	if v&matchFlag == 0 || i+1 <= minEnd {
		return hits, sid
	}
	s := int32(sid >> stride2)
	if p := k.own[s]; p >= 0 {
		hits = append(hits, keywordHit{int(p), i + 1 - int(k.lens[p]), i + 1})
	}
	for s = k.dictOf(s); s != rootState; s = k.dictOf(s) {
		p := k.own[s]
		hits = append(hits, keywordHit{int(p), i + 1 - int(k.lens[p]), i + 1})
	}
	return hits, sid
}
