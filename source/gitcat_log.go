package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// rawChange is one file a commit changed relative to its first parent
// (every file, for a root commit): the blob it has now and its path.
type rawChange struct {
	blob    plumbing.Hash
	path    string
	gitlink bool
}

// logChanges walks history with `git log --raw` instead of go-git's tree
// reads: git diffs trees several times faster. For every commit reachable
// from starts it returns the graph and the files changed against the
// first parent (--diff-merges=first-parent; everything for a root or a
// shallow boundary). That is enough to find where each blob first
// appears: the first commit, in walk order, whose tree holds a blob holds
// it in none of its parents, so every path of the blob in that commit
// shows in its first-parent diff. The result equals the go-git tree walk.
//
// It fails (and the caller falls back to go-git) when git is older than
// 2.31 or cannot read some object.
func (b *catFileBlobs) logChanges(ctx context.Context, starts []plumbing.Hash) (*commitGraph, [][]rawChange, error) {
	if len(starts) == 0 {
		return &commitGraph{index: map[plumbing.Hash]int32{}}, nil, nil
	}
	cmd := b.command(ctx, "-c", "log.showSignature=false", "-c", "core.quotePath=false",
		"--no-replace-objects", "log", "--stdin", "--raw", "-z", "--no-renames", "--no-abbrev",
		"--diff-merges=first-parent", "--root", "--no-ext-diff", "--no-color", "--format=%H %ct %P")
	var stdin strings.Builder
	for _, h := range starts {
		stdin.WriteString(h.String() + "\n")
	}
	cmd.Stdin = strings.NewReader(stdin.String())
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	g, changes, parseErr := parseRawLog(bufio.NewReaderSize(out, 256<<10))
	if parseErr != nil {
		_, _ = io.Copy(io.Discard, out)
	}
	if err := cmd.Wait(); err != nil {
		return nil, nil, fmt.Errorf("git log: %w: %s", err, gitFirstLine(stderr.String()))
	}
	if parseErr != nil {
		return nil, nil, parseErr
	}
	return g, changes, nil
}

// earlyLog is a logChanges run started before the walk knows its tips.
type earlyLog struct {
	done    chan struct{}
	cancel  context.CancelFunc
	graph   *commitGraph
	changes [][]rawChange
	err     error
}

// startEarlyLog runs logChanges from the objects the refs point at, as
// soon as the refs are listed, while the tips are still being read: git
// peels tags to their commits itself and passes over those of trees and
// blobs. The walk is then the one from the tips, unless a ref cannot be
// read, which result checks.
func (b *catFileBlobs) startEarlyLog(ctx context.Context, refs []plumbing.Hash) *earlyLog {
	ctx, cancel := context.WithCancel(ctx)
	l := &earlyLog{done: make(chan struct{}), cancel: cancel}
	go func() {
		defer close(l.done)
		l.graph, l.changes, l.err = b.logChanges(ctx, refs)
	}()
	return l
}

// errEarlyLogUnusable says the early walk does not stand for the tips'.
var errEarlyLogUnusable = errors.New("the walk from the refs is not the walk from the tips")

// result waits for the early walk and returns it when its graph holds
// exactly the commits starts reach; otherwise the caller walks again. A
// nil earlyLog has no result.
func (l *earlyLog) result(ctx context.Context, starts []plumbing.Hash) (*commitGraph, [][]rawChange, error) {
	if l == nil {
		return nil, nil, errEarlyLogUnusable
	}
	defer l.cancel()
	select {
	case <-l.done:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	if l.err != nil {
		return nil, nil, l.err
	}
	if !l.graph.reachesExactly(starts) {
		return nil, nil, errEarlyLogUnusable
	}
	return l.graph, l.changes, nil
}

// reachesExactly reports whether the commits reachable from starts are
// exactly the graph's.
func (g *commitGraph) reachesExactly(starts []plumbing.Hash) bool {
	seen := make([]bool, len(g.nodes))
	var stack []int32
	count := 0
	visit := func(i int32) {
		if !seen[i] {
			seen[i] = true
			count++
			stack = append(stack, i)
		}
	}
	for _, s := range starts {
		i, ok := g.index[s]
		if !ok {
			return false
		}
		visit(i)
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range g.nodes[i].parents {
			visit(p)
		}
	}
	return count == len(g.nodes)
}

// readTokenBytes reads up to the next NUL, without it; at the end of the
// input it returns the last token with io.EOF. The bytes are the reader's
// own unless the token was longer than its buffer: use them before the
// next read.
func readTokenBytes(rd *bufio.Reader) ([]byte, error) {
	tok, err := rd.ReadSlice(0)
	if errors.Is(err, bufio.ErrBufferFull) {
		// A path longer than the buffer: collect it whole.
		long := append([]byte(nil), tok...)
		for errors.Is(err, bufio.ErrBufferFull) {
			tok, err = rd.ReadSlice(0)
			long = append(long, tok...)
		}
		tok = long
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return bytes.TrimSuffix(tok, []byte{0}), err
}

// parseRawLog reads `git log -z --raw --format="%H %ct %P"`: a header,
// NUL, then for each changed file ":modes hashes status" NUL path NUL.
func parseRawLog(rd *bufio.Reader) (*commitGraph, [][]rawChange, error) {
	g := &commitGraph{index: map[plumbing.Hash]int32{}}
	var changes [][]rawChange
	var parents [][]plumbing.Hash
	// A path changes in many commits: keep one copy of its name.
	paths := map[string]string{}
	cur := -1
	for {
		tok, err := readTokenBytes(rd)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, nil, err
		}
		tok = bytes.TrimLeft(tok, "\n")
		switch {
		case len(tok) == 0:
		case tok[0] == ':':
			if cur < 0 {
				return nil, nil, errors.New("git log: change before any commit")
			}
			// ":100644 100644 <old> <new> M", then the path. Read the
			// fields before the path: the next read reuses the buffer.
			f := bytes.Fields(tok[1:])
			if len(f) < 5 || len(f[3]) != 40 || len(f[4]) == 0 {
				return nil, nil, fmt.Errorf("git log: unexpected change line %q", tok)
			}
			blob := plumbing.NewHash(string(f[3]))
			mode := string(f[1])
			deleted := f[4][0] == 'D'
			raw, err := readTokenBytes(rd)
			if err != nil && !errors.Is(err, io.EOF) {
				return nil, nil, err
			}
			if blob.IsZero() || deleted || mode == "040000" {
				break
			}
			path, ok := paths[string(raw)]
			if !ok {
				path = string(raw)
				paths[path] = path
			}
			changes[cur] = append(changes[cur], rawChange{blob: blob, path: path, gitlink: mode == "160000"})
		default:
			// "<hash> <committer time> <parents...>"
			f := bytes.Fields(tok)
			if len(f) < 2 || len(f[0]) != 40 {
				return nil, nil, fmt.Errorf("git log: unexpected line %q", tok)
			}
			h := plumbing.NewHash(string(f[0]))
			when, _ := strconv.ParseInt(string(f[1]), 10, 64)
			if _, dup := g.index[h]; dup {
				return nil, nil, fmt.Errorf("git log: commit %s listed twice", h)
			}
			cur = len(g.nodes)
			g.index[h] = int32(cur)
			g.nodes = append(g.nodes, commitNode{hash: h, when: when})
			changes = append(changes, nil)
			ps := make([]plumbing.Hash, 0, len(f)-2)
			for _, p := range f[2:] {
				ps = append(ps, plumbing.NewHash(string(p)))
			}
			parents = append(parents, ps)
		}
		if err != nil {
			break
		}
	}
	for i, ps := range parents {
		for _, p := range ps {
			if j, ok := g.index[p]; ok {
				g.nodes[i].parents = append(g.nodes[i].parents, j)
			} else {
				return nil, nil, fmt.Errorf("git log: parent %s of %s not listed", p, g.nodes[i].hash)
			}
		}
	}
	return g, changes, nil
}
