package scanner

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
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
