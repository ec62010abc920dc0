package source

import (
	"bufio"
	"bytes"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// cutRange splits "BASE..HEAD" or "BASE...HEAD". The three-dot form is
// accepted for habit's sake: the commits reachable from HEAD and not from
// BASE are the same ones either way for what a branch adds.
func cutRange(s string) (base, head string, ok bool) {
	if b, h, found := strings.Cut(s, "..."); found {
		return b, h, true
	}
	if b, h, found := strings.Cut(s, ".."); found {
		return b, h, true
	}
	return "", "", false
}

// historyRange reads Range and Since into a base and a head revision.
func historyRange(opts HistoryOptions) (base, head string, isRange bool, err error) {
	switch {
	case opts.Range != "" && opts.Since != "":
		return "", "", false, errors.New("scan history: use a range or a since revision, not both")
	case opts.Range != "":
		base, head, ok := cutRange(opts.Range)
		if !ok {
			return "", "", false, fmt.Errorf("scan history: range %q is not BASE..HEAD", opts.Range)
		}
		if base == "" {
			base = "HEAD"
		}
		if head == "" {
			head = "HEAD"
		}
		return base, head, true, nil
	case opts.Since != "":
		head := opts.Branch
		if head == "" {
			head = "HEAD"
		}
		return opts.Since, head, true, nil
	}
	return "", "", false, nil
}

// walkRange finds the commits reachable from head and not from base the
// way git rev-list does: newest first by committer time, painting what
// base reaches, and stopping once every commit still queued is reachable
// from base. Its cost follows the range (and the distance to where the two
// ends meet), not the size of the repository. The boundary is the commits
// outside the range that range commits grow from.
func (h *historyScan) walkRange(ctx context.Context, base, head string) error {
	b, err := h.r.resolve(base)
	if err != nil {
		return err
	}
	c, err := h.r.resolve(head)
	if err != nil {
		return err
	}
	h.head = c
	g, boundary, err := h.r.paintRange(ctx, b, c, h.warn)
	if err != nil {
		return err
	}
	h.graph = g
	h.boundary = boundary
	h.walkProgress(len(g.nodes))
	if len(h.boundary) == 0 && len(g.nodes) > 0 && !g.shallow {
		h.warn(fmt.Errorf("%w: %s and %s share no commit; scanning all history of %s", ErrUnrelatedHistories, base, head, head))
	}
	return nil
}

// paintNode is a commit met by paintRange.
type paintNode struct {
	hash    plumbing.Hash
	c       rawCommit
	parsed  bool
	queued  bool // ever queued
	inQueue bool // queued now
	outside bool // reachable from base
}

// rangeSlop is how many more commits paintRange takes from the queue once
// everything in it is outside the range, as git does, against committer
// clocks that went backwards.
const rangeSlop = 5

// paintRange returns the graph of the commits reachable from head and not
// from base, and the boundary: the commits outside it that its commits
// have as parents.
func (r *gitRepo) paintRange(ctx context.Context, base, head plumbing.Hash, warn func(error)) (*commitGraph, []plumbing.Hash, error) {
	shallow := r.shallowSet()
	nodes := map[plumbing.Hash]*paintNode{}
	q := &paintQueue{}
	var seen []*paintNode // parsed, in the order met
	shallowHit := false
	get := func(h plumbing.Hash) *paintNode {
		n, ok := nodes[h]
		if !ok {
			n = &paintNode{hash: h}
			nodes[h] = n
		}
		return n
	}
	parse := func(n *paintNode) bool {
		if n.parsed {
			return true
		}
		c, err := r.readCommit(n.hash)
		if err != nil {
			warn(missingErr("read commit", n.hash, err))
			return false
		}
		if shallow[n.hash] {
			shallowHit = true
			c.parents = nil
		}
		n.c, n.parsed = c, true
		seen = append(seen, n)
		return true
	}
	push := func(n *paintNode) {
		if n.queued || !parse(n) {
			return
		}
		n.queued = true
		q.push(n)
	}
	// markOutside paints a commit and every parsed ancestor as reachable
	// from base: a commit first met from head may turn out to be below
	// base, and so may what was queued after it.
	var stack []*paintNode
	markOutside := func(n *paintNode) {
		stack = append(stack[:0], n)
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if n.outside {
				continue
			}
			n.outside = true
			if n.inQueue {
				q.inside--
			}
			for _, p := range n.c.parents {
				if pn, ok := nodes[p]; ok && !pn.outside {
					stack = append(stack, pn)
				}
			}
		}
	}
	bn, hn := get(base), get(head)
	markOutside(bn)
	push(bn)
	push(hn)
	slop := rangeSlop
	popped := 0
	for q.Len() > 0 {
		popped++
		if popped%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		n := q.pop()
		for _, p := range n.c.parents {
			pn := get(p)
			if n.outside {
				markOutside(pn)
			}
			push(pn)
		}
		if q.inside == 0 {
			if slop--; slop <= 0 {
				break
			}
		} else {
			slop = rangeSlop
		}
	}
	g := &commitGraph{index: map[plumbing.Hash]int32{}, shallow: shallowHit}
	for _, n := range seen {
		if !n.outside {
			g.index[n.hash] = int32(len(g.nodes))
			g.nodes = append(g.nodes, commitNode{hash: n.hash, tree: n.c.tree, when: n.c.when})
		}
	}
	var boundary []plumbing.Hash
	inBoundary := map[plumbing.Hash]bool{}
	g.parentTrees = make([][]plumbing.Hash, len(g.nodes))
	for i := range g.nodes {
		for _, p := range nodes[g.nodes[i].hash].c.parents {
			if pn := nodes[p]; pn.parsed {
				g.parentTrees[i] = append(g.parentTrees[i], pn.c.tree)
			}
			if j, ok := g.index[p]; ok {
				g.nodes[i].parents = append(g.nodes[i].parents, j)
			} else if pn := nodes[p]; pn.outside && pn.parsed && !inBoundary[p] {
				inBoundary[p] = true
				boundary = append(boundary, p)
			}
		}
	}
	slices.SortFunc(boundary, func(x, y plumbing.Hash) int { return bytes.Compare(x[:], y[:]) })
	return g, boundary, nil
}

// paintQueue orders paintRange's commits newest first and counts those
// still inside the range.
type paintQueue struct {
	items  []*paintNode
	inside int
}

func (q *paintQueue) push(n *paintNode) {
	n.inQueue = true
	if !n.outside {
		q.inside++
	}
	heap.Push(q, n)
}

func (q *paintQueue) pop() *paintNode {
	n := heap.Pop(q).(*paintNode)
	n.inQueue = false
	if !n.outside {
		q.inside--
	}
	return n
}

func (q *paintQueue) Len() int { return len(q.items) }
func (q *paintQueue) Less(i, j int) bool {
	a, b := q.items[i], q.items[j]
	if a.c.when != b.c.when {
		return a.c.when > b.c.when
	}
	return bytes.Compare(a.hash[:], b.hash[:]) < 0
}
func (q *paintQueue) Swap(i, j int) { q.items[i], q.items[j] = q.items[j], q.items[i] }
func (q *paintQueue) Push(x any)    { q.items = append(q.items, x.(*paintNode)) }
func (q *paintQueue) Pop() any {
	x := q.items[len(q.items)-1]
	q.items = q.items[:len(q.items)-1]
	return x
}

// dropBaseSecrets removes findings a boundary commit already had: the
// same secret in the same file (one path lookup per finding), or the same
// blob anywhere in its tree (a file copied or moved in the range). A range
// reports what it adds. A boundary tree is listed whole only for a
// finding the path lookup leaves open, and then by one git process.
func (h *historyScan) dropBaseSecrets(cands []*candidate) []*candidate {
	if len(cands) == 0 {
		return cands
	}
	type base struct {
		tree  *object.Tree
		hash  plumbing.Hash
		blobs map[plumbing.Hash]bool // listed on first need
	}
	var bases []*base
	for _, b := range h.boundary {
		c, err := h.r.readCommit(b)
		if err != nil {
			continue
		}
		t, err := object.GetTree(h.r.objs, c.tree)
		if err != nil {
			continue
		}
		bases = append(bases, &base{tree: t, hash: c.tree})
	}
	kept := cands[:0]
	for _, c := range cands {
		old := false
		for _, b := range bases {
			e, err := b.tree.FindEntry(c.f.File)
			if old = err == nil && e.Mode.IsFile() && (e.Hash == c.blob || h.blobHas(e.Hash, c.f.File, c.f.Fingerprint)); old {
				break
			}
		}
		for _, b := range bases {
			if old {
				break
			}
			if b.blobs == nil {
				var err error
				if b.blobs, err = h.r.treeBlobs(b.hash); err != nil {
					h.warn(fmt.Errorf("read base %s: %w", b.hash, err))
				}
			}
			old = b.blobs[c.blob]
		}
		if !old {
			kept = append(kept, c)
		}
	}
	return kept
}

// treeBlobs returns the set of blobs anywhere in a tree (submodules
// aside). When git serves the objects, one `git ls-tree -r` lists them:
// reading a large tree object by object would cost a round trip to git
// for each of its thousands of subtrees. On any failure go-git walks the
// tree and says what is missing.
func (r *gitRepo) treeBlobs(tree plumbing.Hash) (map[plumbing.Hash]bool, error) {
	if r.cat != nil {
		if set, err := r.gitTreeBlobs(tree); err == nil {
			return set, nil
		}
	}
	files, err := r.headFiles(tree)
	set := make(map[plumbing.Hash]bool, len(files))
	for _, b := range files {
		set[b] = true
	}
	return set, err
}

// gitTreeBlobs lists a tree's blobs with git ls-tree, reading its output
// as it comes.
func (r *gitRepo) gitTreeBlobs(tree plumbing.Hash) (map[plumbing.Hash]bool, error) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		return nil, err
	}
	// The listing is one bounded read of objects git has at hand.
	cmd := gitCommand(context.Background(), gitBin, r.gitDir, "ls-tree", "-r", "-z", tree.String())
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	set := map[plumbing.Hash]bool{}
	br := bufio.NewReaderSize(out, 64<<10)
	var bad error
	for {
		// "<mode> SP <type> SP <object> TAB <path> NUL"; a path longer
		// than the buffer comes in pieces, and only the first holds the
		// object.
		rec, err := br.ReadSlice(0)
		if meta, _, ok := bytes.Cut(rec, []byte{'\t'}); ok && bad == nil {
			if f := bytes.Fields(meta); len(f) == 3 && string(f[1]) == "blob" {
				if plumbing.IsHash(string(f[2])) {
					set[plumbing.NewHash(string(f[2]))] = true
				} else {
					bad = fmt.Errorf("git ls-tree %s: bad object id %q", tree, f[2])
				}
			}
		}
		if err == bufio.ErrBufferFull {
			for err == bufio.ErrBufferFull {
				_, err = br.ReadSlice(0)
			}
		}
		if err != nil {
			break
		}
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("git ls-tree %s: %w", tree, err)
	}
	return set, bad
}
