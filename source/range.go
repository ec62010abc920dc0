package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
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

// walkRange walks the commits reachable from head and not from base, and
// notes the boundary: the commits outside the range that range commits
// grow from.
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
	excluded, err := h.r.walkCommits(ctx, []plumbing.Hash{b}, nil, nil, h.warn, nil)
	if err != nil {
		return err
	}
	stop := make(map[plumbing.Hash]bool, len(excluded.nodes))
	for _, n := range excluded.nodes {
		stop[n.hash] = true
	}
	boundary := map[plumbing.Hash]bool{}
	g, err := h.r.walkCommits(ctx, []plumbing.Hash{c}, stop, boundary, h.warn, h.walkProgress)
	if err != nil {
		return err
	}
	h.graph = g
	for bh := range boundary {
		h.boundary = append(h.boundary, bh)
	}
	slices.SortFunc(h.boundary, func(x, y plumbing.Hash) int { return bytes.Compare(x[:], y[:]) })
	if len(h.boundary) == 0 && len(g.nodes) > 0 && !g.shallow {
		h.warn(fmt.Errorf("%w: %s and %s share no commit; scanning all history of %s", ErrUnrelatedHistories, base, head, head))
	}
	return nil
}

// dropBaseSecrets removes findings whose secret a boundary commit already
// had in the same file: a range reports what it adds.
func (h *historyScan) dropBaseSecrets(cands []*candidate) []*candidate {
	var trees []*object.Tree
	for _, b := range h.boundary {
		c, err := h.r.repo.CommitObject(b)
		if err != nil {
			continue
		}
		t, err := c.Tree()
		if err != nil {
			continue
		}
		trees = append(trees, t)
	}
	kept := cands[:0]
	for _, c := range cands {
		old := false
		for _, t := range trees {
			e, err := t.FindEntry(c.f.File)
			if err == nil && e.Mode.IsFile() && h.blobHas(e.Hash, c.f.File, c.f.Fingerprint) {
				old = true
				break
			}
		}
		if !old {
			kept = append(kept, c)
		}
	}
	return kept
}
