package source

import (
	"bufio"
	"bytes"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/hookscan/hookscan/scanner"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// A tip is where a history walk starts: a ref, peeled to a commit, or, for
// the rare tag that points at a tree or a blob, that object.
type tip struct {
	name string
	hash plumbing.Hash
	typ  plumbing.ObjectType
}

// commitNode is one commit in the walked graph. Only what ordering and the
// tree walk need is kept; author and message are read again for the few
// commits that end up in findings.
type commitNode struct {
	hash    plumbing.Hash
	tree    plumbing.Hash
	when    int64 // committer time, Unix seconds
	parents []int32
}

// commitGraph holds the commits reachable from a set of tips.
type commitGraph struct {
	nodes []commitNode
	index map[plumbing.Hash]int32
	// shallow is set when some commit's parents are absent because the
	// clone is shallow.
	shallow bool
	// parentTrees, for a range, holds the trees of every parent of each
	// node, inside the range or not; nil for a whole-history walk.
	parentTrees [][]plumbing.Hash
}

// refTips lists the tips of every ref: branches, tags, remote-tracking
// refs, notes and any other ref under refs/, plus a detached HEAD. The
// stash is left out unless withStash is set (--all-objects), and then every
// stash entry of its reflog counts.
func (r *gitRepo) refTips(withStash bool, warn func(error)) ([]tip, error) {
	var tips []tip
	seen := map[plumbing.Hash]bool{}
	err := r.eachTipRef(withStash, func(name string, h plumbing.Hash) {
		if seen[h] {
			return
		}
		seen[h] = true
		t, err := r.peel(name, h)
		if err != nil {
			warn(err)
			return
		}
		tips = append(tips, t)
	})
	return tips, err
}

// tipRefs returns the objects the refs refTips reads point at, not
// peeled: no object is read.
func (r *gitRepo) tipRefs(withStash bool) ([]plumbing.Hash, error) {
	var out []plumbing.Hash
	err := r.eachTipRef(withStash, func(_ string, h plumbing.Hash) { out = append(out, h) })
	return out, err
}

// eachTipRef calls add with the name and object of each ref refTips reads.
func (r *gitRepo) eachTipRef(withStash bool, add func(name string, h plumbing.Hash)) error {
	iter, err := r.repo.References()
	if err != nil {
		return fmt.Errorf("list refs in %s: %w", r.gitDir, err)
	}
	defer iter.Close()
	err = iter.ForEach(func(ref *plumbing.Reference) error {
		name := ref.Name().String()
		if name == "refs/stash" {
			return nil
		}
		if ref.Type() == plumbing.SymbolicReference {
			// HEAD and refs/remotes/*/HEAD name another ref, which is
			// listed on its own; a dangling one (a repository with no
			// commits) names nothing.
			return nil
		}
		if name != "HEAD" && !strings.HasPrefix(name, "refs/") {
			return nil
		}
		add(name, ref.Hash())
		return nil
	})
	if err != nil {
		return fmt.Errorf("list refs in %s: %w", r.gitDir, err)
	}
	if withStash {
		for _, h := range r.stashEntries() {
			add("refs/stash", h)
		}
	}
	return nil
}

// stashEntries reads the stash reflog: every stash, not only the newest.
func (r *gitRepo) stashEntries() []plumbing.Hash {
	f, err := r.fs.Open("logs/refs/stash")
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []plumbing.Hash
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && plumbing.IsHash(fields[1]) {
			out = append(out, plumbing.NewHash(fields[1]))
		}
	}
	return out
}

// peel follows annotated tags to the object they name.
func (r *gitRepo) peel(name string, h plumbing.Hash) (tip, error) {
	for range 32 {
		obj, err := r.objs.EncodedObject(plumbing.AnyObject, h)
		if err != nil {
			return tip{}, missingErr(fmt.Sprintf("ref %s", name), h, err)
		}
		if obj.Type() != plumbing.TagObject {
			return tip{name: name, hash: h, typ: obj.Type()}, nil
		}
		tag, err := object.DecodeTag(r.objs, obj)
		if err != nil {
			return tip{}, fmt.Errorf("read tag %s (%s): %w", name, h, err)
		}
		h = tag.Target
	}
	return tip{}, fmt.Errorf("read tag %s: tag chain too long", name)
}

// resolve turns a revision (a ref name, a hash, HEAD~2...) into a commit
// hash.
func (r *gitRepo) resolve(rev string) (plumbing.Hash, error) {
	if r.cat != nil {
		return r.cat.resolve(context.Background(), r, rev)
	}
	h, err := r.repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("resolve revision %q: %w", rev, err)
	}
	t, err := r.peel(rev, *h)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if t.typ != plumbing.CommitObject {
		return plumbing.ZeroHash, fmt.Errorf("resolve revision %q: %s is a %s, not a commit", rev, t.hash, t.typ)
	}
	return t.hash, nil
}

// shallowSet reads .git/shallow: commits whose parents the clone lacks.
func (r *gitRepo) shallowSet() map[plumbing.Hash]bool {
	hs, err := r.st.Shallow()
	if err != nil || len(hs) == 0 {
		return nil
	}
	set := make(map[plumbing.Hash]bool, len(hs))
	for _, h := range hs {
		set[h] = true
	}
	return set
}

// rawCommit is the part of a commit header the walk needs.
type rawCommit struct {
	tree    plumbing.Hash
	parents []plumbing.Hash
	when    int64
}

// readCommit parses a commit's header without decoding its message or
// signature.
func (r *gitRepo) readCommit(h plumbing.Hash) (rawCommit, error) {
	obj, err := r.objs.EncodedObject(plumbing.CommitObject, h)
	if err != nil {
		return rawCommit{}, err
	}
	rd, err := obj.Reader()
	if err != nil {
		return rawCommit{}, err
	}
	defer rd.Close()
	var c rawCommit
	br := bufio.NewReaderSize(rd, 1024)
	for {
		line, err := br.ReadSlice('\n')
		line = bytes.TrimSuffix(line, []byte{'\n'})
		if len(line) == 0 {
			break // end of header (or of object)
		}
		key, val, _ := bytes.Cut(line, []byte{' '})
		switch string(key) {
		case "tree":
			c.tree = plumbing.NewHash(string(val))
		case "parent":
			c.parents = append(c.parents, plumbing.NewHash(string(val)))
		case "committer":
			c.when = signatureTime(val)
		}
		if err != nil {
			if err == io.EOF || err == bufio.ErrBufferFull {
				break
			}
			return rawCommit{}, err
		}
	}
	if c.tree.IsZero() {
		return rawCommit{}, errors.New("commit has no tree")
	}
	return c, nil
}

// signatureTime reads the Unix time of "Name <email> 1700000000 +0100".
func signatureTime(sig []byte) int64 {
	i := bytes.LastIndexByte(sig, '>')
	if i < 0 {
		return 0
	}
	fields := bytes.Fields(sig[i+1:])
	if len(fields) == 0 {
		return 0
	}
	var t int64
	for _, b := range fields[0] {
		if b < '0' || b > '9' {
			return 0
		}
		t = t*10 + int64(b-'0')
	}
	return t
}

// walkCommits loads every commit reachable from starts, stopping at
// commits in stop (known to be outside the walk), which it adds to
// boundary when they are reached. Missing commits are reported through
// warn and treated as absent.
func (r *gitRepo) walkCommits(ctx context.Context, starts []plumbing.Hash, stop, boundary map[plumbing.Hash]bool, warn func(error), progress func(int)) (*commitGraph, error) {
	g := &commitGraph{index: map[plumbing.Hash]int32{}}
	shallow := r.shallowSet()
	parentHashes := [][]plumbing.Hash{}
	missing := map[plumbing.Hash]bool{}
	stack := append([]plumbing.Hash(nil), starts...)
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if stop[h] {
			boundary[h] = true
			continue
		}
		if _, ok := g.index[h]; ok || missing[h] {
			continue
		}
		if len(g.nodes)%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if progress != nil {
				progress(len(g.nodes))
			}
		}
		c, err := r.readCommit(h)
		if err != nil {
			missing[h] = true
			warn(missingErr("read commit", h, err))
			continue
		}
		g.index[h] = int32(len(g.nodes))
		g.nodes = append(g.nodes, commitNode{hash: h, tree: c.tree, when: c.when})
		if shallow[h] {
			g.shallow = true
			c.parents = nil
		}
		parentHashes = append(parentHashes, c.parents)
		for i := len(c.parents) - 1; i >= 0; i-- {
			stack = append(stack, c.parents[i])
		}
	}
	for i, ps := range parentHashes {
		for _, p := range ps {
			if j, ok := g.index[p]; ok {
				g.nodes[i].parents = append(g.nodes[i].parents, j)
			}
		}
	}
	if progress != nil {
		progress(len(g.nodes))
	}
	return g, nil
}

// topoOrder returns the graph's node indexes with every parent before its
// children; among commits whose parents are all placed, the oldest
// (committer time, then hash) goes first. This defines "earliest": the
// first commit in this order whose tree holds a blob introduced it.
func (g *commitGraph) topoOrder() []int32 {
	n := len(g.nodes)
	pending := make([]int32, n)
	children := make([][]int32, n)
	for i := range g.nodes {
		for _, p := range g.nodes[i].parents {
			pending[i]++
			children[p] = append(children[p], int32(i))
		}
	}
	q := &commitQueue{g: g}
	for i := range n {
		if pending[i] == 0 {
			q.items = append(q.items, int32(i))
		}
	}
	heap.Init(q)
	order := make([]int32, 0, n)
	for q.Len() > 0 {
		i := heap.Pop(q).(int32)
		order = append(order, i)
		for _, c := range children[i] {
			pending[c]--
			if pending[c] == 0 {
				heap.Push(q, c)
			}
		}
	}
	return order
}

type commitQueue struct {
	g     *commitGraph
	items []int32
}

func (q *commitQueue) Len() int { return len(q.items) }
func (q *commitQueue) Less(i, j int) bool {
	a, b := &q.g.nodes[q.items[i]], &q.g.nodes[q.items[j]]
	if a.when != b.when {
		return a.when < b.when
	}
	return bytes.Compare(a.hash[:], b.hash[:]) < 0
}
func (q *commitQueue) Swap(i, j int) { q.items[i], q.items[j] = q.items[j], q.items[i] }
func (q *commitQueue) Push(x any)    { q.items = append(q.items, x.(int32)) }
func (q *commitQueue) Pop() any {
	x := q.items[len(q.items)-1]
	q.items = q.items[:len(q.items)-1]
	return x
}

// blobOrigin is where a blob first appeared: the position of the commit in
// the walk order (-1 for a blob no commit reaches) and the paths it had in
// that commit.
type blobOrigin struct {
	seq   int32
	paths []string
}

// provenance maps blobs to their first appearance. Trees already walked
// are skipped, so the cost follows the number of unique trees, not commits
// times files.
type provenance struct {
	r         *gitRepo
	warn      func(error)
	seenTree  map[plumbing.Hash]int32 // tree → walk position that first walked it
	first     map[plumbing.Hash]int32 // blob → index in origins
	origins   []blobOrigin
	blobs     []plumbing.Hash // in order of first appearance
	badTree   map[plumbing.Hash]bool
	submodule map[string]bool
	recent    recentTrees // for addChanges
	// later holds the paths a blob had in later commits than its first,
	// where none of its earlier paths was: a file deleted and its content
	// added again under another name, a rename, a copy. Whether the
	// commit's parents held the content (a rename, a copy) is decided
	// only for blobs with findings (historyScan.reAdded).
	later map[plumbing.Hash][]blobPlace
}

// blobPlace is a path a blob had in the commit at position seq.
type blobPlace struct {
	seq  int32
	path string
}

// maxLaterPlaces bounds the later paths kept per blob: an empty file or
// a licence is copied into many directories.
const maxLaterPlaces = 16

func newProvenance(r *gitRepo, warn func(error)) *provenance {
	return &provenance{
		r: r, warn: warn,
		seenTree:  map[plumbing.Hash]int32{},
		first:     map[plumbing.Hash]int32{},
		badTree:   map[plumbing.Hash]bool{},
		submodule: map[string]bool{},
	}
}

// addCommit records the blobs that first appear in a commit's tree.
func (p *provenance) addCommit(seq int32, tree plumbing.Hash) {
	p.walkTree(tree, "", seq, func(h plumbing.Hash, dir, name string) {
		p.addBlob(seq, h, dir, name)
	})
}

// addBlob records a blob seen at dir+name in the commit at position seq.
func (p *provenance) addBlob(seq int32, h plumbing.Hash, dir, name string) {
	if i, ok := p.first[h]; ok {
		// The same content at a second path of the same commit is a
		// second introduction; at a later commit it is a copy or a
		// rename, and the content is already attributed.
		o := &p.origins[i]
		if seq < 0 {
			return
		}
		if path := dir + name; !gitHasPath(o.paths, path) {
			if o.seq == seq {
				o.paths = append(o.paths, path)
			} else if o.seq >= 0 {
				p.addLater(h, seq, path)
			}
		}
		return
	}
	p.first[h] = int32(len(p.origins))
	p.origins = append(p.origins, blobOrigin{seq: seq, paths: []string{dir + name}})
	p.blobs = append(p.blobs, h)
}

// addLater records a path a known blob has in a later commit.
func (p *provenance) addLater(h plumbing.Hash, seq int32, path string) {
	places := p.later[h]
	if len(places) >= maxLaterPlaces || slices.ContainsFunc(places, func(q blobPlace) bool { return q.path == path }) {
		return
	}
	if p.later == nil {
		p.later = map[plumbing.Hash][]blobPlace{}
	}
	p.later[h] = append(places, blobPlace{seq: seq, path: path})
}

// addChanges records the blobs of a commit's tree that none of its
// parents has at the same path: what the commit changed. Subtrees equal to
// a parent's, or walked for an earlier commit, are not read, so the cost
// follows the size of the change. A blob moved from elsewhere is recorded
// too; a range drops its findings later if the range's base had it.
func (p *provenance) addChanges(seq int32, tree plumbing.Hash, parents []plumbing.Hash) {
	if p.recent.cur == nil || p.recent.seq != seq {
		// A commit's trees are its children's parent trees, and a child
		// most often comes next: keep the trees of the last commit.
		p.recent.seq, p.recent.prev, p.recent.cur = seq, p.recent.cur, map[plumbing.Hash]*object.Tree{}
	}
	p.walkChanged(tree, parents, "", seq)
}

// recentTrees holds the trees addChanges read for the commit at seq and
// for the one before it.
type recentTrees struct {
	seq       int32
	cur, prev map[plumbing.Hash]*object.Tree
}

// changedTree is tree, answered from the trees of this commit and the one
// before when it can be: each is read once through git, not once as a
// commit's own and again as its child's parent.
func (p *provenance) changedTree(h plumbing.Hash, prefix string) (*object.Tree, bool) {
	if t, ok := p.recent.cur[h]; ok {
		return t, true
	}
	t, ok := p.recent.prev[h]
	if !ok {
		if t, ok = p.tree(h, prefix); !ok {
			return nil, false
		}
	}
	p.recent.cur[h] = t
	return t, true
}

func (p *provenance) walkChanged(h plumbing.Hash, parents []plumbing.Hash, prefix string, seq int32) {
	if first, ok := p.seenTree[h]; ok && first != seq {
		return
	}
	p.seenTree[h] = seq
	t, ok := p.changedTree(h, prefix)
	if !ok {
		return
	}
	var pts []*object.Tree
	for _, ph := range parents {
		if pt, ok := p.changedTree(ph, prefix); ok {
			pts = append(pts, pt)
		}
	}
	var sub []plumbing.Hash
	for i := range t.Entries {
		e := &t.Entries[i]
		same := false
		sub = sub[:0]
		for _, pt := range pts {
			pe, err := pt.FindEntry(e.Name)
			if err != nil {
				continue
			}
			if pe.Hash == e.Hash && pe.Mode == e.Mode {
				same = true
				break
			}
			if pe.Mode == filemode.Dir {
				sub = append(sub, pe.Hash)
			}
		}
		if same {
			continue
		}
		switch e.Mode {
		case filemode.Dir:
			p.walkChanged(e.Hash, slices.Clone(sub), prefix+e.Name+"/", seq)
		case filemode.Submodule:
			p.addSubmodule(prefix+e.Name, e.Hash)
		default:
			p.addBlob(seq, e.Hash, prefix, e.Name)
		}
	}
}

// tree reads a tree, reporting a failure once per tree.
func (p *provenance) tree(h plumbing.Hash, prefix string) (*object.Tree, bool) {
	t, err := object.GetTree(p.r.objs, h)
	if err != nil {
		if !p.badTree[h] {
			p.badTree[h] = true
			what := "read tree"
			if prefix != "" {
				what = "read tree " + strings.TrimSuffix(prefix, "/")
			}
			p.warn(missingErr(what, h, err))
		}
		return nil, false
	}
	return t, true
}

// seqNone is the walk position of trees outside the commit order: trees
// and blobs a tag points at, unreachable blobs.
const seqNone int32 = -1

// walkTree visits the blobs of a tree not reached through a subtree walked
// for an earlier position. A subtree that appears twice in one commit (a
// copied directory) is walked each time, so its new blobs get every path
// they have in that commit.
func (p *provenance) walkTree(h plumbing.Hash, prefix string, seq int32, visit func(h plumbing.Hash, dir, name string)) {
	if first, ok := p.seenTree[h]; ok && (first != seq || seq < 0) {
		return
	}
	p.seenTree[h] = seq
	t, ok := p.tree(h, prefix)
	if !ok {
		return
	}
	for i := range t.Entries {
		e := &t.Entries[i]
		switch e.Mode {
		case filemode.Dir:
			p.walkTree(e.Hash, prefix+e.Name+"/", seq, visit)
		case filemode.Submodule:
			p.addSubmodule(prefix+e.Name, e.Hash)
		default:
			visit(e.Hash, prefix, e.Name)
		}
	}
}

// addSubmodule reports a gitlink once per path: its history is another
// repository's, and is not followed.
func (p *provenance) addSubmodule(path string, commit plumbing.Hash) {
	if !p.submodule[path] {
		p.submodule[path] = true
		p.warn(&scanner.Skip{Path: path, Reason: "submodule (commit " + commit.String()[:12] + "), not followed"})
	}
}

// headFiles maps every path of a tree to its blob, without memoisation.
func (r *gitRepo) headFiles(tree plumbing.Hash) (map[string]plumbing.Hash, error) {
	out := map[string]plumbing.Hash{}
	var walk func(h plumbing.Hash, prefix string) error
	walk = func(h plumbing.Hash, prefix string) error {
		t, err := object.GetTree(r.objs, h)
		if err != nil {
			return missingErr("read tree", h, err)
		}
		for _, e := range t.Entries {
			switch e.Mode {
			case filemode.Dir:
				if err := walk(e.Hash, prefix+e.Name+"/"); err != nil {
					return err
				}
			case filemode.Submodule:
			default:
				out[prefix+e.Name] = e.Hash
			}
		}
		return nil
	}
	return out, walk(tree, "")
}

func gitHasPath(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// missingErr words an object read failure; a missing object is marked
// with ErrMissingObject so callers can tell it from other problems.
func missingErr(what string, h plumbing.Hash, err error) error {
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return fmt.Errorf("%s %s: %w", what, h, ErrMissingObject)
	}
	return fmt.Errorf("%s %s: %w: %v", what, h, ErrBadObject, err)
}
