package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

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
// Two git processes share the diffing (see splitLog); if that fails, one
// walks alone. It fails (and the caller falls back to go-git) when git is
// older than 2.31 or cannot read some object.
func (b *catFileBlobs) logChanges(ctx context.Context, starts []plumbing.Hash) (*commitGraph, [][]rawChange, error) {
	if len(starts) == 0 {
		return &commitGraph{index: map[plumbing.Hash]int32{}}, nil, nil
	}
	if commits, err := b.splitLog(ctx, starts, splitLogAfter); err == nil {
		return buildGraph(commits)
	} else if ctx.Err() != nil {
		return nil, nil, err
	}
	var commits []logCommit
	err := b.runLog(ctx, starts, false, func(rd *bufio.Reader) (bool, error) {
		// A commit listed twice fails buildGraph.
		return readRawLog(rd, func(plumbing.Hash) bool { return true }, func(c logCommit) { commits = append(commits, c) })
	})
	if err != nil {
		return nil, nil, err
	}
	return buildGraph(commits)
}

// splitLogAfter is how many commits the newest-first log reads before a
// second log starts from the oldest (see splitLog). gin's 2,064 commits
// take git 60 ms to diff, less than the second log would cost; terraform's
// 45,000 take 2.3 s.
const splitLogAfter = 4096

// logArgs are the arguments of the git log logChanges reads.
var logArgs = []string{"-c", "log.showSignature=false", "-c", "core.quotePath=false",
	"--no-replace-objects", "log", "--stdin", "--raw", "-z", "--no-renames", "--no-abbrev",
	"--diff-merges=first-parent", "--root", "--no-ext-diff", "--no-color", "--format=%H %ct %P"}

// runLog runs git log from starts (oldest first when reverse is set) and
// hands its output to parse, which reports whether it read it to its end.
// When parse stops before the end with no error, git is stopped and its
// exit status does not count.
func (b *catFileBlobs) runLog(ctx context.Context, starts []plumbing.Hash, reverse bool, parse func(*bufio.Reader) (atEnd bool, err error)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	args := logArgs
	if reverse {
		args = append(slices.Clip(args), "--reverse")
	}
	cmd := b.command(ctx, args...)
	var stdin strings.Builder
	for _, h := range starts {
		stdin.WriteString(h.String() + "\n")
	}
	cmd.Stdin = strings.NewReader(stdin.String())
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	atEnd, parseErr := parse(bufio.NewReaderSize(out, 256<<10))
	stopped := parseErr == nil && !atEnd
	if stopped {
		cancel()
	}
	_, _ = io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil && !stopped {
		return fmt.Errorf("git log: %w: %s", err, gitFirstLine(stderr.String()))
	}
	return parseErr
}

// splitLog runs two git logs over the same walk, one from the newest
// commit and one (--reverse) from the oldest, each claiming the commits it
// reads, until they meet: each diffs about half of the commits, on its own
// processor. The one whose next commit the other has claimed stops there;
// the other stops at its own next commit, so every commit taken is
// whole. The result is the newest-first log's order: its part, then the
// other's reversed. The reverse walk first lists every commit, and each
// process runs a little past the meeting point: costs that pay only on a
// long history, so the reverse log starts once the other has read after
// commits (at once if after is 0); a shorter history is one log.
func (b *catFileBlobs) splitLog(ctx context.Context, starts []plumbing.Hash, after int) ([]logCommit, error) {
	return meetLogs(ctx, func(ctx context.Context, reverse bool, parse func(*bufio.Reader) (bool, error)) error {
		return b.runLog(ctx, starts, reverse, parse)
	}, after)
}

// meetLogs is splitLog with the logs run by run, as runLog does.
func meetLogs(ctx context.Context, run func(ctx context.Context, reverse bool, parse func(*bufio.Reader) (bool, error)) error, after int) ([]logCommit, error) {
	var mu sync.Mutex
	claimed := map[plumbing.Hash]bool{}
	met := false
	claim := func(h plumbing.Hash) bool {
		mu.Lock()
		defer mu.Unlock()
		if met || claimed[h] {
			met = true
			return false
		}
		claimed[h] = true
		return true
	}
	// A side that reads its log to the end has every commit: the other
	// claimed none, and is stopped.
	ctxs, cancels := [2]context.Context{}, [2]context.CancelFunc{}
	for i := range ctxs {
		ctxs[i], cancels[i] = context.WithCancel(ctx)
		defer cancels[i]()
	}
	var halves [2][]logCommit
	var ends [2]bool
	var errs [2]error
	var wg sync.WaitGroup
	var side func(i int)
	side = func(i int) {
		defer wg.Done()
		errs[i] = run(ctxs[i], i == 1, func(rd *bufio.Reader) (bool, error) {
			atEnd, err := readRawLog(rd, claim, func(c logCommit) {
				halves[i] = append(halves[i], c)
				if i == 0 && len(halves[0]) == after {
					wg.Add(1) // before this side's Done: Wait cannot have returned
					go side(1)
				}
			})
			if err == nil && atEnd && ctxs[i].Err() == nil { // not cut short by the other's end
				ends[i] = true
				cancels[1-i]()
			}
			return atEnd, err
		})
	}
	wg.Add(1)
	go side(0)
	if after <= 0 {
		wg.Add(1)
		go side(1)
	}
	wg.Wait()
	switch {
	case ends[0] && errs[0] == nil:
		return halves[0], nil
	case ends[1] && errs[1] == nil:
		slices.Reverse(halves[1])
		return halves[1], nil
	case errs[0] != nil:
		return nil, errs[0]
	case errs[1] != nil:
		return nil, errs[1]
	}
	slices.Reverse(halves[1])
	return append(halves[0], halves[1]...), nil
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

// logCommit is one commit of a git log: its graph fields and the files
// it changed.
type logCommit struct {
	hash    plumbing.Hash
	when    int64
	parents []plumbing.Hash
	changes []rawChange
}

// parseRawLog reads a whole `git log -z --raw --format="%H %ct %P"`.
func parseRawLog(rd *bufio.Reader) (*commitGraph, [][]rawChange, error) {
	var commits []logCommit
	seen := map[plumbing.Hash]bool{}
	var dup error
	if _, err := readRawLog(rd, func(h plumbing.Hash) bool {
		if seen[h] {
			dup = fmt.Errorf("git log: commit %s listed twice", h)
			return false
		}
		seen[h] = true
		return true
	}, func(c logCommit) { commits = append(commits, c) }); err != nil {
		return nil, nil, err
	}
	if dup != nil {
		return nil, nil, dup
	}
	return buildGraph(commits)
}

// readRawLog reads `git log -z --raw --format="%H %ct %P"`: a header,
// NUL, then for each changed file ":modes hashes status" NUL path NUL.
// claim is asked about each commit when its header is read: false stops
// the reading there (that commit is left out, the input is not read to
// its end). take receives each commit once its changes are read. It
// reports whether the input was read to its end.
func readRawLog(rd *bufio.Reader, claim func(plumbing.Hash) bool, take func(logCommit)) (atEnd bool, err error) {
	// A path changes in many commits: keep one copy of its name.
	paths := map[string]string{}
	var cur *logCommit
	for {
		tok, err := readTokenBytes(rd)
		if err != nil && !errors.Is(err, io.EOF) {
			return false, err
		}
		tok = bytes.TrimLeft(tok, "\n")
		switch {
		case len(tok) == 0:
		case tok[0] == ':':
			if cur == nil {
				return false, errors.New("git log: change before any commit")
			}
			// ":100644 100644 <old> <new> M", then the path. Read the
			// fields before the path: the next read reuses the buffer.
			f := bytes.Fields(tok[1:])
			if len(f) < 5 || len(f[3]) != 40 || len(f[4]) == 0 {
				return false, fmt.Errorf("git log: unexpected change line %q", tok)
			}
			blob := plumbing.NewHash(string(f[3]))
			mode := string(f[1])
			deleted := f[4][0] == 'D'
			raw, err := readTokenBytes(rd)
			if err != nil && !errors.Is(err, io.EOF) {
				return false, err
			}
			if blob.IsZero() || deleted || mode == "040000" {
				break
			}
			path, ok := paths[string(raw)]
			if !ok {
				path = string(raw)
				paths[path] = path
			}
			cur.changes = append(cur.changes, rawChange{blob: blob, path: path, gitlink: mode == "160000"})
		default:
			// "<hash> <committer time> <parents...>"
			f := bytes.Fields(tok)
			if len(f) < 2 || len(f[0]) != 40 {
				return false, fmt.Errorf("git log: unexpected line %q", tok)
			}
			if cur != nil {
				take(*cur)
			}
			h := plumbing.NewHash(string(f[0]))
			if !claim(h) {
				return false, nil
			}
			when, _ := strconv.ParseInt(string(f[1]), 10, 64)
			cur = &logCommit{hash: h, when: when, parents: make([]plumbing.Hash, 0, len(f)-2)}
			for _, p := range f[2:] {
				cur.parents = append(cur.parents, plumbing.NewHash(string(p)))
			}
		}
		if err != nil {
			break
		}
	}
	if cur != nil {
		take(*cur)
	}
	return true, nil
}

// buildGraph makes the graph of a git log's commits, in its order.
func buildGraph(commits []logCommit) (*commitGraph, [][]rawChange, error) {
	g := &commitGraph{index: make(map[plumbing.Hash]int32, len(commits)), nodes: make([]commitNode, len(commits))}
	changes := make([][]rawChange, len(commits))
	for i, c := range commits {
		if _, dup := g.index[c.hash]; dup {
			return nil, nil, fmt.Errorf("git log: commit %s listed twice", c.hash)
		}
		g.index[c.hash] = int32(i)
		g.nodes[i] = commitNode{hash: c.hash, when: c.when}
		changes[i] = c.changes
	}
	for i, c := range commits {
		for _, p := range c.parents {
			j, ok := g.index[p]
			if !ok {
				return nil, nil, fmt.Errorf("git log: parent %s of %s not listed", p, c.hash)
			}
			g.nodes[i].parents = append(g.nodes[i].parents, j)
		}
	}
	return g, changes, nil
}
