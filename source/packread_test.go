package source_test

import (
	"bytes"
	"crypto/sha1"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/hookscan/hookscan/source"
)

// deltaHistory builds a history where files change a little at each
// commit, so that a repack stores most versions as deltas. One git
// fast-import writes it.
func deltaHistory(t *testing.T) *gitFixture {
	t.Helper()
	r := newGitFixture(t)
	g := newSecretGen(41)
	var stream bytes.Buffer
	var lines [4][]string
	for i := range lines {
		for range 200 {
			lines[i] = append(lines[i], g.pick(textAlphabet, 60))
		}
	}
	for c := range 30 {
		fmt.Fprintf(&stream, "commit refs/heads/main\ncommitter A <a@example.com> %d +0000\ndata 3\nc%02d\n", 1700000000+c, c)
		for i := range lines {
			// Edit a line, drop one, add one: every version is a small
			// delta of the next.
			lines[i][(c*7+i)%len(lines[i])] = g.pick(textAlphabet, 60)
			if c%3 == 0 {
				lines[i] = append(lines[i][:5], lines[i][6:]...)
			}
			lines[i] = append(lines[i], g.pick(textAlphabet, 40))
			content := strings.Join(lines[i], "\n") + "\n"
			fmt.Fprintf(&stream, "M 100644 inline dir%d/file%d.txt\ndata %d\n%s\n", i%2, i, len(content), content)
		}
		small := fmt.Sprintf("version %d\n", c)
		fmt.Fprintf(&stream, "M 100644 inline small.txt\ndata %d\n%s\n", len(small), small)
	}
	cmd := exec.Command("git", "-C", r.dir, "fast-import", "--quiet")
	cmd.Stdin = &stream
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git fast-import: %v\n%s", err, out)
	}
	r.git("reset", "-q", "--hard", "main")
	return r
}

const textAlphabet = "abcdefghijklmnopqrstuvwxyz "

func objectsOf(r *gitFixture) string { return filepath.Join(r.dir, ".git", "objects") }

// checkReadsAll reads every blob of want, twice, from the packs and loose
// objects of dirs, and checks each against its name.
func checkReadsAll(t *testing.T, dirs []string, want []plumbing.Hash) {
	t.Helper()
	// The second pass reads through the cache.
	got, err := source.ReadPacked(dirs, append(want, want...))
	if err != nil {
		t.Fatal(err)
	}
	for i, data := range got {
		h := want[i%len(want)]
		s := sha1.New()
		fmt.Fprintf(s, "blob %d\x00", len(data))
		s.Write(data)
		if got := plumbing.Hash(s.Sum(nil)); got != h {
			t.Fatalf("pass %d: blob %s read as content hashing to %s", i/len(want)+1, h, got)
		}
	}
}

// blobsOf lists every blob of the repository with git.
func blobsOf(r *gitFixture) []plumbing.Hash {
	var out []plumbing.Hash
	for _, l := range strings.Split(r.git("cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)"), "\n") {
		if h, typ, ok := strings.Cut(l, " "); ok && typ == "blob" {
			out = append(out, plumbing.NewHash(h))
		}
	}
	return out
}

// countDeltas counts the objects git stored as deltas (of either kind).
func countDeltas(r *gitFixture) int {
	n := 0
	for _, l := range strings.Split(r.git("cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(deltabase)"), "\n") {
		if _, base, ok := strings.Cut(l, " "); ok && strings.Trim(base, "0") != "" {
			n++
		}
	}
	return n
}

func TestPackReaderOffsetDeltas(t *testing.T) {
	r := deltaHistory(t)
	r.git("repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50")
	if n := countDeltas(r); n < 50 {
		t.Fatalf("only %d deltas in the pack: the test needs a deltified history", n)
	}
	want := blobsOf(r)
	checkReadsAll(t, []string{objectsOf(r)}, want)
	// Oldest versions first, as the history scan asks: chains are walked
	// from their far end.
	slices := make([]plumbing.Hash, len(want))
	for i, h := range want {
		slices[len(want)-1-i] = h
	}
	checkReadsAll(t, []string{objectsOf(r)}, slices)
}

func TestPackReaderRefDeltasAndLoose(t *testing.T) {
	r := deltaHistory(t)
	r.git("-c", "repack.useDeltaBaseOffset=false", "repack", "-a", "-d", "-f", "-q")
	if n := countDeltas(r); n < 50 {
		t.Fatalf("only %d deltas in the pack", n)
	}
	// Objects written after the repack stay loose.
	r.write("loose.txt", "a loose blob\n")
	r.write("empty.txt", "")
	r.commit("loose")
	want := blobsOf(r)
	checkReadsAll(t, []string{objectsOf(r)}, want)
}

func TestPackReaderAlternates(t *testing.T) {
	base := deltaHistory(t)
	base.git("repack", "-a", "-d", "-q")
	clone := &gitFixture{t: t, dir: t.TempDir()}
	base.git("clone", "-q", "--shared", base.dir, clone.dir)
	clone.write("new.txt", "only in the clone\n")
	clone.commit("new")
	checkReadsAll(t, []string{objectsOf(clone), objectsOf(base)}, blobsOf(clone))
}

func TestPackReaderDamage(t *testing.T) {
	r := deltaHistory(t)
	r.git("repack", "-a", "-d", "-q")
	blob := r.git("rev-parse", "HEAD:small.txt")
	corruptPackedObject(t, r, blob)
	if _, err := source.ReadPacked([]string{objectsOf(r)}, []plumbing.Hash{plumbing.NewHash(blob)}); !errors.Is(err, source.ErrBadObject) {
		t.Fatalf("a damaged object: %v, want an unreadable object", err)
	}
	if _, err := source.ReadPacked([]string{objectsOf(r)}, []plumbing.Hash{plumbing.NewHash(strings.Repeat("ab", 20))}); err == nil || errors.Is(err, source.ErrBadObject) {
		t.Fatalf("an object in no pack: %v, want it left to git", err)
	}
}

func TestPackReaderBadIndex(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "pack"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, content := range [][]byte{nil, []byte("\xfftOc\x00\x00\x00\x01"), bytes.Repeat([]byte{0xff}, 2000)} {
		if err := os.WriteFile(filepath.Join(dir, "pack", "pack-x.idx"), content, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "pack", "pack-x.pack"), []byte("PACK\x00\x00\x00\x02"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := source.ReadPacked([]string{dir}, nil); err == nil {
			t.Errorf("index %q opened", content)
		}
	}
}

// TestPackReaderLargeFileChain reads every version of a file several
// times the cache's size, oldest first, as the history scan does: each
// version is a delta of the next, so without a few of them kept every
// read would rebuild its chain from the far end.
func TestPackReaderLargeFileChain(t *testing.T) {
	r := newGitFixture(t)
	g := newSecretGen(43)
	var lines []string
	for range 2000 {
		lines = append(lines, g.pick(textAlphabet, 60))
	}
	var stream bytes.Buffer
	for c := range 40 {
		lines[(c*37)%len(lines)] = g.pick(textAlphabet, 60)
		content := strings.Join(lines, "\n") + "\n"
		fmt.Fprintf(&stream, "commit refs/heads/main\ncommitter A <a@example.com> %d +0000\ndata 3\nc%02d\nM 100644 inline big.json\ndata %d\n%s\n", 1700000000+c, c, len(content), content)
	}
	cmd := exec.Command("git", "-C", r.dir, "fast-import", "--quiet")
	cmd.Stdin = &stream
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git fast-import: %v\n%s", err, out)
	}
	r.git("repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50")
	if n := countDeltas(r); n < 30 {
		t.Fatalf("only %d deltas in the pack", n)
	}
	var want []plumbing.Hash
	for _, l := range strings.Split(r.git("log", "--reverse", "--format=", "--raw", "--no-abbrev", "main"), "\n") {
		if f := strings.Fields(l); len(f) >= 6 {
			want = append(want, plumbing.NewHash(f[3]))
		}
	}
	// A cache of 64 KiB, a file of 120 KiB.
	got, rebuilt, err := source.ReadPackedWork([]string{objectsOf(r)}, want, 64<<10)
	if err != nil {
		t.Fatal(err)
	}
	var read int64
	for _, data := range got {
		read += int64(len(data))
	}
	t.Logf("%d versions, %d bytes read, %d rebuilt", len(want), read, rebuilt)
	if rebuilt > 6*read {
		t.Errorf("rebuilt %d bytes to read %d: chains rebuilt from the far end", rebuilt, read)
	}
}

// TestPackReaderParallel reads a deltified history with several readers:
// the same contents, in the order asked, as with one.
func TestPackReaderParallel(t *testing.T) {
	r := deltaHistory(t)
	r.git("repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50")
	want := blobsOf(r)
	for len(want) < 400 { // several chunks, each read by another reader
		want = append(want, want...)
	}
	defer source.SetPackChunk(16)()
	one, err := source.ReadPackedParallel([]string{objectsOf(r)}, want, 1)
	if err != nil {
		t.Fatal(err)
	}
	three, err := source.ReadPackedParallel([]string{objectsOf(r)}, want, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(one) != len(want) || len(three) != len(want) {
		t.Fatalf("read %d and %d blobs of %d", len(one), len(three), len(want))
	}
	for i := range want {
		if !bytes.Equal(one[i], three[i]) {
			t.Fatalf("blob %d (%s) differs between one reader and three", i, want[i])
		}
	}
}
