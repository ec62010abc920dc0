package source

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/hookscan/hookscan/scanner"
)

// dropKey is one dropped value in one file (whichever rule matched it:
// rules that overlap drop the same value).
type dropKey struct{ secret, file string }

// droppedCandidate is the earliest sighting of a dropped value in a file.
type droppedCandidate struct {
	d   scanner.Dropped
	seq int32
}

// collectDropped files the dropped candidates of one blob under each path
// the blob was introduced at, keeping the earliest, as collect does for
// findings.
func (h *historyScan) collectDropped(blob plumbing.Hash, ds []scanner.Dropped) {
	if h.drops == nil {
		h.drops = map[dropKey]*droppedCandidate{}
	}
	o := &h.prov.origins[h.prov.first[blob]]
	for _, d := range ds {
		for _, path := range o.paths {
			if h.det.pathAllowed(path) {
				continue
			}
			k := dropKey{d.Secret, path}
			c := &droppedCandidate{d: d, seq: o.seq}
			c.d.File = path
			cur, ok := h.drops[k]
			if !ok || cmp.Or(cmp.Compare(seqKey(c.seq), seqKey(cur.seq)), cmp.Compare(c.d.Line, cur.d.Line), cmp.Compare(c.d.Column, cur.d.Column), cmp.Compare(c.d.RuleID, cur.d.RuleID)) < 0 {
				h.drops[k] = c
			}
		}
	}
}

// showDropped hands the dropped candidates to opts.Dropped, leaving out
// values reported in the same file (found holds the findings) and, in a
// range, values the base's version of the file already held.
func (h *historyScan) showDropped(found []scanner.Finding) {
	if h.opts.Dropped == nil || len(h.drops) == 0 {
		return
	}
	reported := map[[2]string]bool{}
	for _, f := range found {
		reported[[2]string{f.File, f.Secret}] = true
	}
	inBase := h.baseHolds()
	out := make([]scanner.Dropped, 0, len(h.drops))
	for _, c := range h.drops {
		if reported[[2]string{c.d.File, c.d.Secret}] || inBase(c.d.File, c.d.Secret) {
			continue
		}
		if c.seq >= 0 {
			c.d.Commit = h.graph.nodes[h.order[c.seq]].hash.String()
		}
		out = append(out, c.d)
	}
	slices.SortFunc(out, func(a, b scanner.Dropped) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), cmp.Compare(a.RuleID, b.RuleID), cmp.Compare(a.Secret, b.Secret))
	})
	for _, d := range out {
		h.opts.Dropped(d)
	}
}

// baseHolds returns the test for a range: whether a boundary commit's
// version of file holds the text secret. Outside a range it is always
// false. Each base version is read once.
func (h *historyScan) baseHolds() func(file, secret string) bool {
	if len(h.boundary) == 0 {
		return func(string, string) bool { return false }
	}
	var trees []*object.Tree
	for _, b := range h.boundary {
		c, err := h.r.readCommit(b)
		if err != nil {
			continue
		}
		if t, err := object.GetTree(h.r.objs, c.tree); err == nil {
			trees = append(trees, t)
		}
	}
	texts := map[plumbing.Hash][]byte{}
	reader := &gogitBlobs{r: h.r, few: true, viaGit: h.r.cat != nil}
	alloc := func(n int) []byte { return make([]byte, n) }
	return func(file, secret string) bool {
		for _, t := range trees {
			e, err := t.FindEntry(file)
			if err != nil || !e.Mode.IsFile() {
				continue
			}
			data, ok := texts[e.Hash]
			if !ok {
				data = reader.readOne(e.Hash, h.maxSize(), alloc).data
				texts[e.Hash] = data
			}
			if bytes.Contains(data, []byte(secret)) {
				return true
			}
		}
		return false
	}
}
