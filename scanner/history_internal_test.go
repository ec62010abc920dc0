package scanner

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestBigBlobsAreNotInflated checks that both backends skip a blob over the
// limit from its header alone. The big blob's body is damaged: inflating
// it would fail, so a clean skip shows it was never inflated. That holds
// for a loose object and, after a repack, for a packed one.
func TestBigBlobsAreNotInflated(t *testing.T) {
	dir := t.TempDir()
	git := func(stdin string, args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("", "init", "-q")
	// Varied lines so the pack stores the blob whole, not as a delta.
	var b strings.Builder
	for i := 0; b.Len() < 4<<20; i++ {
		b.WriteString(strings.Repeat(string(rune('a'+i%26)), i%61) + "\n")
	}
	bigText := b.String()
	big := plumbing.NewHash(git(bigText, "hash-object", "-w", "--stdin"))
	small := plumbing.NewHash(git("small blob\n", "hash-object", "-w", "--stdin"))
	damage := func(path string, at func(size int) int) {
		if err := os.Chmod(path, 0o644); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for i := at(len(data)); i < at(len(data))+64; i++ {
			data[i] ^= 0xff
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check := func(stage string) {
		r, err := openRepo(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer r.close()
		cat, err := newCatFileBlobs(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range []blobBackend{&gogitBlobs{r: r}, cat} {
			seen := map[plumbing.Hash]blobRead{}
			err := b.read(context.Background(), []plumbing.Hash{big, small}, 1<<20,
				func(n int) []byte { return make([]byte, n) },
				func(br blobRead) error { seen[br.hash] = br; return nil })
			if err != nil {
				t.Fatal(err)
			}
			if br := seen[big]; !br.skipped || br.err != nil || br.size != int64(len(bigText)) {
				t.Errorf("%s, %s: big blob read as skipped=%v size=%d err=%v; want a skip with its size", stage, b.name(), br.skipped, br.size, br.err)
			}
			if br := seen[small]; br.skipped || string(br.data) != "small blob\n" {
				t.Errorf("%s, %s: small blob read as %+v", stage, b.name(), br)
			}
		}
	}
	hex := big.String()
	loose := filepath.Join(dir, ".git", "objects", hex[:2], hex[2:])
	damage(loose, func(n int) int { return n / 2 })
	check("loose")

	// Pack a sound copy, then damage the pack in the blob's body.
	if err := os.Remove(loose); err != nil {
		t.Fatal(err)
	}
	git(bigText, "hash-object", "-w", "--stdin")
	git(big.String()+"\n"+small.String()+"\n", "pack-objects", "-q", ".git/objects/pack/pack")
	git("", "prune-packed")
	packs, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("packs: %v", packs)
	}
	damage(packs[0], func(n int) int { return n / 2 })
	check("packed")
}

// TestLogChangesEqualsTreeWalk checks that the git log walk used with the
// git backend finds the same first appearances as go-git's tree walk, on a
// history with a merge, a rename, a copied directory, a deletion and a
// gitlink, and on a shallow clone of it.
func TestLogChangesEqualsTreeWalk(t *testing.T) {
	dir := t.TempDir()
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=A", "-c", "user.email=a@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, body string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q", "-b", "main")
	write("a/one.txt", "one\n")
	write("b.txt", "b\n")
	git("add", "-A")
	git("commit", "-q", "-m", "1")
	git("checkout", "-q", "-b", "side")
	write("side/s.txt", "side\n")
	git("add", "-A")
	git("commit", "-q", "-m", "2")
	git("checkout", "-q", "main")
	write("a/two.txt", "two\n")
	write("c/one.txt", "one\n")
	write("c/two.txt", "two\n")
	git("rm", "-q", "b.txt")
	git("add", "-A")
	git("commit", "-q", "-m", "3")
	git("merge", "-q", "--no-ff", "-m", "merge", "side")
	git("mv", "a", "moved")
	git("update-index", "--add", "--cacheinfo", "160000,"+strings.Repeat("cd", 20)+",lib")
	git("commit", "-q", "-m", "5")
	shallow := filepath.Join(t.TempDir(), "shallow")
	if out, err := exec.Command("git", "clone", "-q", "--depth", "2", "file://"+dir, shallow).CombinedOutput(); err != nil {
		t.Fatalf("clone: %v\n%s", err, out)
	}
	for _, repo := range []string{dir, shallow} {
		type origin struct {
			commit plumbing.Hash
			paths  []string
		}
		walk := func(useLog bool) (map[plumbing.Hash]origin, []string) {
			r, err := openRepo(repo)
			if err != nil {
				t.Fatal(err)
			}
			defer r.close()
			var warned []string
			h := &historyScan{r: r, warnFn: func(err error) { warned = append(warned, err.Error()) }}
			if useLog {
				cat, err := newCatFileBlobs(context.Background(), r)
				if err != nil {
					t.Fatal(err)
				}
				h.backend = cat
			} else {
				h.backend = &gogitBlobs{r: r}
			}
			extra, err := h.walkAll(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if useLog && h.changes == nil {
				t.Fatalf("%s: git log walk fell back to go-git", repo)
			}
			if err := h.attribute(context.Background(), extra); err != nil {
				t.Fatal(err)
			}
			out := map[plumbing.Hash]origin{}
			for b, i := range h.prov.first {
				o := h.prov.origins[i]
				out[b] = origin{h.graph.nodes[h.order[o.seq]].hash, o.paths}
			}
			return out, warned
		}
		fromLog, warnLog := walk(true)
		fromTrees, warnTrees := walk(false)
		if len(fromTrees) == 0 || !reflect.DeepEqual(fromLog, fromTrees) {
			t.Errorf("%s: git log walk %v\ngo-git walk %v", repo, fromLog, fromTrees)
		}
		if !reflect.DeepEqual(warnLog, warnTrees) {
			t.Errorf("%s: warnings differ: %q vs %q", repo, warnLog, warnTrees)
		}
	}
}
