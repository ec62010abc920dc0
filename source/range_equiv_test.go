package source_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

// randomHistory builds a history of commits that add, edit, move, copy and
// delete files holding secrets, with side branches merged back. Every
// secret is written once (copies aside) and no deleted content comes back,
// so "what a range adds" has one answer. Copies and moves change the
// content: a whole-history scan reads each blob once and files it under
// the paths of its first commit, so a verbatim copy made later is not a
// file of its own there.
type randomHistory struct {
	r       *gitFixture
	rnd     *rand.Rand
	secrets *secretGen
	files   []string // live files on the current branch
	next    int      // file name counter: names are never reused
}

func (h *randomHistory) newName() string {
	h.next++
	dirs := []string{"", "cfg/", "deploy/prod/", "deploy/dev/"}
	return fmt.Sprintf("%sf%03d.txt", dirs[h.rnd.IntN(len(dirs))], h.next)
}

func (h *randomHistory) remove(path string) {
	if err := os.Remove(filepath.Join(h.r.dir, filepath.FromSlash(path))); err != nil {
		h.r.t.Fatal(err)
	}
}

func (h *randomHistory) read(path string) string {
	data, err := os.ReadFile(filepath.Join(h.r.dir, filepath.FromSlash(path)))
	if err != nil {
		h.r.t.Fatal(err)
	}
	return string(data)
}

// step makes one commit of one to three random changes; sideOnly keeps to
// changes that cannot conflict with the main line (new files).
func (h *randomHistory) step(sideOnly bool) string {
	for range 1 + h.rnd.IntN(3) {
		op := h.rnd.IntN(7)
		if len(h.files) == 0 || (sideOnly && op > 1) {
			op = 0
		}
		switch op {
		case 0: // a new file with a secret
			p := h.newName()
			h.r.write(p, linesWith(1+h.rnd.IntN(5), h.secrets.next()))
			h.files = append(h.files, p)
		case 1: // a copy, as is or with a line added above
			src := h.files[h.rnd.IntN(len(h.files))]
			p := h.newName()
			body := fmt.Sprintf("# copy %d\n", h.next) + h.read(src)
			h.r.write(p, body)
			h.files = append(h.files, p)
		case 2: // an edit that moves the secrets down
			p := h.files[h.rnd.IntN(len(h.files))]
			h.r.write(p, fmt.Sprintf("# edit %d\n", h.next)+h.read(p))
			h.next++
		case 3: // a second secret in a file
			p := h.files[h.rnd.IntN(len(h.files))]
			h.r.write(p, h.read(p)+"url: "+h.secrets.next()+"\n")
		case 4: // a move, sometimes with an edit
			i := h.rnd.IntN(len(h.files))
			p := h.newName()
			body := h.read(h.files[i])
			h.remove(h.files[i])
			body += fmt.Sprintf("# moved %d\n", h.next)
			h.r.write(p, body)
			h.files[i] = p
		case 5: // a secret removed
			p := h.files[h.rnd.IntN(len(h.files))]
			lines := strings.SplitAfter(h.read(p), "\n")
			for j, l := range lines {
				if strings.HasPrefix(l, "url: ") {
					lines[j] = fmt.Sprintf("removed %d\n", h.next)
					h.next++
					break
				}
			}
			h.r.write(p, strings.Join(lines, ""))
		case 6: // a file deleted
			i := h.rnd.IntN(len(h.files))
			h.remove(h.files[i])
			h.files = slices.Delete(h.files, i, i+1)
		}
	}
	return h.r.commit("step")
}

// buildRandomHistory makes about n commits on main, with side branches.
func buildRandomHistory(t *testing.T, seed uint64, n int) *gitFixture {
	h := &randomHistory{r: newGitFixture(t), rnd: rand.New(rand.NewPCG(seed, 7)), secrets: newSecretGen(seed)}
	side := 0
	for i := 0; i < n; i++ {
		if h.rnd.IntN(5) == 0 {
			side++
			name := fmt.Sprintf("side%d", side)
			mainFiles := slices.Clone(h.files)
			h.r.git("checkout", "-q", "-b", name)
			for range 1 + h.rnd.IntN(3) {
				h.step(true)
			}
			sideFiles := h.files
			h.r.git("checkout", "-q", "main")
			h.files = mainFiles
			if h.rnd.IntN(2) == 0 {
				h.step(false)
			}
			h.r.tick++
			h.r.git("merge", "-q", "--no-ff", "-m", "merge "+name, name)
			for _, f := range sideFiles {
				if !slices.Contains(h.files, f) {
					h.files = append(h.files, f)
				}
			}
			// The merge may bring back files main deleted meanwhile: keep
			// the list to what is there.
			h.files = slices.DeleteFunc(h.files, func(f string) bool {
				_, err := os.Stat(filepath.Join(h.r.dir, filepath.FromSlash(f)))
				return err != nil
			})
			continue
		}
		h.step(false)
	}
	return h.r
}

// TestRangeMatchesFullScan checks that a range scan reports exactly what
// the full scan of the range's head attributes to the range's commits.
func TestRangeMatchesFullScan(t *testing.T) {
	t.Parallel()
	d := historyDetector(t)
	for _, seed := range []uint64{1, 3} {
		r := buildRandomHistory(t, seed, 20)
		// Ranges: the last k commits of main's first-parent line, and
		// each side branch from where it left main.
		var ranges [][2]string
		for _, k := range []int{1, 2, 5, 11} {
			ranges = append(ranges, [2]string{fmt.Sprintf("main~%d", k), "main"})
		}
		for _, b := range strings.Fields(r.git("for-each-ref", "--format=%(refname:short)", "refs/heads/side*")) {
			ranges = append(ranges, [2]string{b + "^", b}, [2]string{"main~3", b}, [2]string{b, "main"})
		}
		for _, rg := range ranges {
			inRange := map[string]bool{}
			for _, c := range strings.Fields(r.git("rev-list", rg[0]+".."+rg[1])) {
				inRange[c] = true
			}
			full, err := source.History(context.Background(), d, r.dir, source.HistoryOptions{Branch: rg[1]})
			if err != nil {
				t.Fatal(err)
			}
			var want []scanner.Finding
			for _, f := range full {
				if inRange[f.Commit] {
					want = append(want, f)
				}
			}
			for _, backend := range []string{source.BackendGit, source.BackendGoGit} {
				name := fmt.Sprintf("seed %d %s..%s %s", seed, rg[0], rg[1], backend)
				var w warnLog
				got, err := source.History(context.Background(), d, r.dir, source.HistoryOptions{Range: rg[0] + ".." + rg[1], Backend: backend, Warn: w.add})
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if len(w.list) > 0 {
					t.Errorf("%s: warnings:\n%s", name, w.String())
				}
				if g, wt := histGot(got), histGot(want); !sameWants(g, wt) {
					t.Errorf("%s: range scan\n%v\nfull scan restricted to the range\n%v", name, g, wt)
				}
			}
		}
	}
}

func sameWants(a, b []histWant) bool {
	key := func(w histWant) string { return w.String() + w.secret }
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i := range a {
		ka[i] = key(a[i])
	}
	for i := range b {
		kb[i] = key(b[i])
	}
	slices.Sort(ka)
	slices.Sort(kb)
	return slices.Equal(ka, kb)
}

// TestHistoryParallelReaders checks that a whole-history scan whose blobs
// are read by several goroutines at once reports what one reader does:
// the same findings, commits and lines.
func TestHistoryParallelReaders(t *testing.T) {
	d := historyDetector(t)
	r := buildRandomHistory(t, 2, 36)
	r.git("repack", "-a", "-d", "-q")
	scan := func(readers int) []histWant {
		defer source.SetPackReaders(readers)()
		var w warnLog
		fs, err := source.History(context.Background(), d, r.dir, source.HistoryOptions{Backend: source.BackendGit, Warn: w.add})
		if err != nil || len(w.list) > 0 {
			t.Fatalf("%d readers: %v\n%s", readers, err, w.String())
		}
		return histGot(fs)
	}
	defer source.SetPackChunk(8)()
	if n := strings.Count(r.git("cat-file", "--batch-all-objects", "--batch-check=%(objecttype)"), "blob"); n < 48 {
		t.Fatalf("only %d blobs: the history is too small to be read in several chunks", n)
	}
	one, three := scan(1), scan(3)
	if !sameWants(one, three) {
		t.Errorf("one reader\n%v\nthree readers\n%v", one, three)
	}
}
