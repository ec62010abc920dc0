package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestParseRawLog feeds `git log -z --raw` output through buffers of many
// sizes, so tokens end up at every place relative to buffer refills.
func TestParseRawLog(t *testing.T) {
	h := func(c byte) string { return strings.Repeat(string(c), 40) }
	zero := strings.Repeat("0", 40)
	long := strings.Repeat("deep/", 30) + "file name.txt"
	out := h('a') + " 1700000200 " + h('b') + " " + h('c') + "\x00\n" +
		":100644 100644 " + h('1') + " " + h('2') + " M\x00" + long + "\x00" +
		":100644 000000 " + h('3') + " " + zero + " D\x00gone.txt\x00" +
		":000000 160000 " + zero + " " + h('4') + " A\x00lib\x00" +
		h('b') + " 1700000100 " + h('c') + "\x00" +
		h('c') + " 1700000000\x00\n" +
		":000000 100755 " + zero + " " + h('5') + " A\x00run.sh\x00"
	for size := 16; size <= 400; size += 7 {
		checkRawLog(t, out, size, h, long)
	}
	if _, _, err := parseRawLog(bufio.NewReader(strings.NewReader(h('a') + " 1 " + h('f') + "\x00"))); err == nil {
		t.Error("a parent missing from the log: no error")
	}
}

func checkRawLog(t *testing.T, out string, size int, h func(byte) string, long string) {
	t.Helper()
	g, changes, err := parseRawLog(bufio.NewReaderSize(strings.NewReader(out), size))
	if err != nil {
		t.Fatalf("buffer %d: %v", size, err)
	}
	if len(g.nodes) != 3 || g.nodes[0].hash != plumbing.NewHash(h('a')) || g.nodes[0].when != 1700000200 {
		t.Fatalf("nodes %+v", g.nodes)
	}
	if p := g.nodes[0].parents; len(p) != 2 || p[0] != 1 || p[1] != 2 || len(g.nodes[2].parents) != 0 {
		t.Errorf("parents %v %v", p, g.nodes[2].parents)
	}
	want := [][]rawChange{
		{{blob: plumbing.NewHash(h('2')), path: long}, {blob: plumbing.NewHash(h('4')), path: "lib", gitlink: true}},
		nil,
		{{blob: plumbing.NewHash(h('5')), path: "run.sh"}},
	}
	for i := range want {
		if len(changes[i]) != len(want[i]) {
			t.Fatalf("commit %d: changes %+v, want %+v", i, changes[i], want[i])
		}
		for j := range want[i] {
			if changes[i][j] != want[i][j] {
				t.Errorf("buffer %d: commit %d change %d: %+v, want %+v", size, i, j, changes[i][j], want[i][j])
			}
		}
	}
}

// TestEarlyLogStandsForTheTips starts the walk from the refs, as a whole
// history scan does before it has peeled them, in a repository with an
// annotated tag and a tag of a tree: the walk is the one from the peeled
// tips. When the tips reach less (a ref that could not be read), the
// early walk is not used.
func TestEarlyLogStandsForTheTips(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	git := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=A", "-c", "user.email=a@example.com", "-c", "tag.gpgsign=false", "-c", "commit.gpgsign=false"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	commit := func(name, content string) string {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		git("add", "-A")
		git("commit", "-q", "-m", name)
		return git("rev-parse", "HEAD")
	}
	git("init", "-q", "-b", "main")
	first := commit("a.txt", "one\n")
	git("checkout", "-q", "-b", "side")
	commit("b.txt", "two\n")
	git("tag", "-a", "-m", "release", "v1")
	git("checkout", "-q", "main")
	commit("a.txt", "three\n")
	git("tag", "tree-tag", first+"^{tree}")

	ctx := context.Background()
	r, b := openCatFile(t, ctx, dir)
	if err := r.readWithGit(ctx); err != nil {
		t.Fatal(err)
	}
	refs, err := r.tipRefs(false)
	if err != nil {
		t.Fatal(err)
	}
	tips, err := r.refTips(false, func(err error) { t.Error(err) })
	if err != nil {
		t.Fatal(err)
	}
	var starts []plumbing.Hash
	for _, tp := range tips {
		if tp.typ == plumbing.CommitObject {
			starts = append(starts, tp.hash)
		}
	}
	if len(refs) != 4 || len(starts) != 3 { // v1 peels to side's tip
		t.Fatalf("%d refs, %d commit tips; want 4 and 3", len(refs), len(starts))
	}
	want, wantChanges, err := b.logChanges(ctx, starts)
	if err != nil {
		t.Fatal(err)
	}
	g, changes, err := b.startEarlyLog(ctx, refs).result(ctx, starts)
	if err != nil {
		t.Fatalf("early walk not used: %v", err)
	}
	if !reflect.DeepEqual(g, want) || !reflect.DeepEqual(changes, wantChanges) {
		t.Errorf("early walk:\n%+v\n%v\nwant\n%+v\n%v", g, changes, want, wantChanges)
	}
	if _, _, err := b.startEarlyLog(ctx, refs).result(ctx, starts[:1]); !errors.Is(err, errEarlyLogUnusable) {
		t.Errorf("tips reaching less than the refs: %v, want errEarlyLogUnusable", err)
	}
	var none *earlyLog
	if _, _, err := none.result(ctx, starts); err == nil {
		t.Error("no early walk: no error")
	}
}

// TestSplitLogEqualsOneLog walks a history with branches and merges with
// two git logs meeting in the middle, several times (where they meet
// changes from run to run), and checks the result is the single log's:
// the same commits in the same order with the same changes.
func TestSplitLogEqualsOneLog(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	git := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=A", "-c", "user.email=a@example.com"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q", "-b", "main")
	// One fast-import builds the history: 60 commits, a side branch
	// merged every 10.
	var fi strings.Builder
	for i := range 60 {
		branch := "main"
		if i%10 >= 5 && i%10 <= 7 {
			branch = "side"
		}
		fmt.Fprintf(&fi, "commit refs/heads/%s\nmark :%d\ncommitter A <a@example.com> %d +0000\ndata 2\nc\n", branch, i+1, 1700000000+i*60)
		switch i % 10 {
		case 5: // a side branch from main
			fmt.Fprintf(&fi, "from :%d\n", i)
		case 8: // back on main, merging it
			fmt.Fprintf(&fi, "merge :%d\n", i)
		}
		fmt.Fprintf(&fi, "M 644 inline f%d.txt\ndata <<END\nversion %d\nEND\n\n", i%7, i)
	}
	cmd := exec.Command("git", "-C", dir, "fast-import", "--quiet")
	cmd.Stdin = strings.NewReader(fi.String())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git fast-import: %v\n%s", err, out)
	}
	ctx := context.Background()
	_, b := openCatFile(t, ctx, dir)
	starts := []plumbing.Hash{plumbing.NewHash(git("rev-parse", "main"))}
	var want []logCommit
	if err := b.runLog(ctx, starts, false, func(rd *bufio.Reader) (bool, error) {
		return readRawLog(rd, func(plumbing.Hash) bool { return true }, func(c logCommit) { want = append(want, c) })
	}); err != nil {
		t.Fatal(err)
	}
	if len(want) != 60 {
		t.Fatalf("the log has %d commits, want 60", len(want))
	}
	// The second log from the start, after some commits, or never.
	for _, after := range []int{0, 0, 0, 1, 20, 45, 59, 60, 100} {
		got, err := b.splitLog(ctx, starts, after)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("split log after %d: %d commits, want %d, or another order", after, len(got), len(want))
		}
	}
}

// TestReadRawLogStops checks that a refused claim stops the reading at
// that commit's header, with the commits before it whole.
func TestReadRawLogStops(t *testing.T) {
	t.Parallel()
	h := func(c byte) string { return strings.Repeat(string(c), 40) }
	zero := strings.Repeat("0", 40)
	out := h('a') + " 3 " + h('b') + "\x00\n:000000 100644 " + zero + " " + h('1') + " A\x00x.txt\x00" +
		h('b') + " 2 " + h('c') + "\x00\n:000000 100644 " + zero + " " + h('2') + " A\x00y.txt\x00" +
		h('c') + " 1\x00"
	var took []logCommit
	atEnd, err := readRawLog(bufio.NewReader(strings.NewReader(out)), func(c plumbing.Hash) bool {
		return c != plumbing.NewHash(h('c'))
	}, func(c logCommit) { took = append(took, c) })
	if err != nil || atEnd {
		t.Fatalf("atEnd %v, err %v; want a stop", atEnd, err)
	}
	if len(took) != 2 || len(took[1].changes) != 1 || took[1].changes[0].path != "y.txt" {
		t.Errorf("took %+v; want a and b whole", took)
	}
}

// TestMeetLogs runs the meeting of two logs over fake logs that take turns
// commit by commit, so they meet in the middle, and with one side much
// faster, so it reads everything: each time the result is the whole log in
// newest-first order, every commit whole.
func TestMeetLogs(t *testing.T) {
	t.Parallel()
	const n = 50
	zero := strings.Repeat("0", 40)
	hash := func(i int) string { return fmt.Sprintf("%040x", i+1) }
	commit := func(i int) string { // commit i has parent i+1; the last none
		s := hash(i) + " " + fmt.Sprint(1700000000-i)
		if i+1 < n {
			s += " " + hash(i+1)
		}
		return s + "\x00\n:000000 100644 " + zero + " " + fmt.Sprintf("%040x", 1000+i) + " A\x00" + fmt.Sprintf("f%d.txt", i) + "\x00"
	}
	var want []logCommit
	if _, err := readRawLog(bufio.NewReader(strings.NewReader(func() string {
		var b strings.Builder
		for i := range n {
			b.WriteString(commit(i))
		}
		return b.String()
	}())), func(plumbing.Hash) bool { return true }, func(c logCommit) { want = append(want, c) }); err != nil {
		t.Fatal(err)
	}
	for _, pace := range []string{"turns", "forward fast", "reverse fast"} {
		turn := [2]chan struct{}{make(chan struct{}, 1), make(chan struct{}, 1)}
		turn[0] <- struct{}{}
		run := func(ctx context.Context, reverse bool, parse func(*bufio.Reader) (bool, error)) error {
			me := 0
			if reverse {
				me = 1
			}
			pr, pw := io.Pipe()
			go func() {
				defer pw.Close()
				if pace == "turns" {
					// A side that stops hands its turn on for good.
					defer func() {
						for {
							select {
							case turn[1-me] <- struct{}{}:
							case <-ctx.Done():
								return
							}
						}
					}()
				}
				for k := range n {
					i := k
					if reverse {
						i = n - 1 - k
					}
					if pace == "turns" {
						select {
						case <-turn[me]:
						case <-ctx.Done():
							return
						}
					} else if (pace == "forward fast") == reverse {
						<-ctx.Done() // the slow side waits for the fast one to end
						return
					}
					if _, err := io.WriteString(pw, commit(i)); err != nil {
						return
					}
					if pace == "turns" {
						select {
						case turn[1-me] <- struct{}{}:
						case <-ctx.Done():
							return
						}
					}
				}
			}()
			_, err := parse(bufio.NewReaderSize(pr, 16))
			pr.Close()
			if ctx.Err() != nil && err == nil {
				return ctx.Err() // as a killed git fails
			}
			return err
		}
		got, err := meetLogs(context.Background(), run, 0)
		if err != nil {
			t.Fatalf("%s: %v", pace, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d commits, want %d, or another order", pace, len(got), len(want))
		}
	}
}

// openCatFile opens the repository at dir and its git cat-file reader,
// both closed when the test ends.
func openCatFile(t *testing.T, ctx context.Context, dir string) (*gitRepo, *catFileBlobs) {
	t.Helper()
	r, err := openRepo(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.close() })
	b, err := newCatFileBlobs(ctx, r, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.close() })
	return r, b
}
