package source

import (
	"context"
	"io"
	"os/exec"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestReadersStreamLargeBlobs checks that every history reader (go-git,
// git cat-file over a list, the running git cat-file of a range) hands a
// blob past streamAbove over as a stream, never as a buffer, with its
// whole content, and a smaller one whole; loose and packed.
func TestReadersStreamLargeBlobs(t *testing.T) {
	dir := t.TempDir()
	git := gitRunner(t, dir)
	git("", "init", "-q")
	bigText := variedText(64 << 10)
	big := plumbing.NewHash(git(bigText, "hash-object", "-w", "--stdin"))
	small := plumbing.NewHash(git("small blob\n", "hash-object", "-w", "--stdin"))
	const streamAbove = 16 << 10
	check := func(stage string) {
		r, err := openRepoStreaming(dir, streamAbove)
		if err != nil {
			t.Fatal(err)
		}
		defer r.close()
		cat, err := newCatFileBlobs(context.Background(), r, false)
		if err != nil {
			t.Fatal(err)
		}
		defer cat.close()
		if err := r.readWithGit(context.Background()); err != nil {
			t.Fatal(err)
		}
		backends := map[string]blobBackend{
			"go-git":           &gogitBlobs{r: r},
			"cat-file list":    cat,
			"running cat-file": &gogitBlobs{r: r, few: true, viaGit: true},
		}
		for name, backend := range backends {
			got := map[plumbing.Hash]string{}
			streamed := map[plumbing.Hash]bool{}
			// The small blob after the big one shows the reader went on
			// cleanly past a stream read in part.
			err := backend.read(context.Background(), []plumbing.Hash{big, small, big}, 0, true,
				func(n int) []byte { return make([]byte, n) },
				func(br blobRead) error {
					if br.err != nil {
						t.Errorf("%s, %s: %v", stage, name, br.err)
						return nil
					}
					if br.stream != nil {
						streamed[br.hash] = true
						if br.data != nil {
							t.Errorf("%s, %s: blob %s has both data and a stream", stage, name, br.hash)
						}
						if _, seen := got[br.hash]; seen {
							// Read only the head the second time: the
							// reader must skip the rest itself.
							var head [10]byte
							_, _ = io.ReadFull(br.stream, head[:])
							return nil
						}
						data, err := io.ReadAll(br.stream)
						if err != nil {
							t.Errorf("%s, %s: read stream: %v", stage, name, err)
						}
						got[br.hash] = string(data)
						return nil
					}
					got[br.hash] = string(br.data)
					return nil
				})
			if err != nil {
				t.Fatalf("%s, %s: %v", stage, name, err)
			}
			if !streamed[big] || got[big] != bigText {
				t.Errorf("%s, %s: big blob streamed=%v, %d of %d bytes right", stage, name, streamed[big], len(got[big]), len(bigText))
			}
			if streamed[small] || got[small] != "small blob\n" {
				t.Errorf("%s, %s: small blob streamed=%v, read %q", stage, name, streamed[small], got[small])
			}
		}
	}
	check("loose")
	git(big.String()+"\n"+small.String()+"\n", "pack-objects", "-q", ".git/objects/pack/pack")
	git("", "prune-packed")
	check("packed")
}

// gitRunner returns a function that runs git in dir with stdin as its
// input and returns its trimmed output, failing the test on an error.
func gitRunner(t *testing.T, dir string) func(stdin string, args ...string) string {
	return func(stdin string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
}

// variedText is at least n bytes of lines varied enough that a pack
// stores the blob whole, not as a delta.
func variedText(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(strings.Repeat(string(rune('a'+i%26)), i%61) + "\n")
	}
	return b.String()
}
