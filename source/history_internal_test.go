package source

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/hookscan/hookscan/rules"
)

// TestBigBlobsAreNotInflated checks that both backends skip a blob over the
// limit from its header alone. The big blob's body is damaged: inflating
// it would fail, so a clean skip shows it was never inflated. That holds
// for a loose object and, after a repack, for a packed one.
func TestBigBlobsAreNotInflated(t *testing.T) {
	dir := t.TempDir()
	git := gitRunner(t, dir)
	git("", "init", "-q")
	bigText := variedText(4 << 20)
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
		cat, err := newCatFileBlobs(context.Background(), r, false)
		if err != nil {
			t.Fatal(err)
		}
		defer cat.close()
		typed, err := newCatFileBlobs(context.Background(), r, true)
		if err != nil {
			t.Fatal(err)
		}
		defer typed.close()
		for _, b := range []blobBackend{&gogitBlobs{r: r}, cat, typed} {
			seen := map[plumbing.Hash]blobRead{}
			err := b.read(context.Background(), []plumbing.Hash{big, small}, 1<<20, false,
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
				cat, err := newCatFileBlobs(context.Background(), r, false)
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

// TestLineCacheMatchesFullScan edits files through many versions (secrets
// added, moved, duplicated, deleted; keywords changed on the line above a
// secret; allow comments added) and checks that scanning only unseen
// lines gives exactly the findings of scanning every blob whole, and
// exactly the same dropped candidates (-v).
func TestLineCacheMatchesFullScan(t *testing.T) {
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	// A rule whose match spans two lines: the value is reported only
	// under a "signing:" line, so a finding depends on the line above.
	multi, err := rules.ParsePack("multi.yaml", []byte(`
rules:
  - id: test-two-line
    provider: Test
    kind: signing-secret
    severity: high
    description: value under a signing key
    keywords: ["signing:"]
    regex: 'signing:[ \t]*\n[ \t]+([A-Za-z0-9]{30})\b'
`))
	if err != nil {
		t.Fatal(err)
	}
	d, err := scanner.Compile(append(rs, multi...), scanner.Options{ExplainDrops: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=A", "-c", "user.email=a@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q", "-b", "main")
	rnd := rand.New(rand.NewPCG(11, 12))
	alnum := func(n int) string {
		const a = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
		b := make([]byte, n)
		for i := range b {
			b[i] = a[rnd.IntN(len(a))]
		}
		return string(b)
	}
	secretLines := func() []string {
		return []string{
			"slack: https://hooks.slack" + ".com/services/T" + strings.ToUpper(alnum(9)) + "/B" + strings.ToUpper(alnum(9)) + "/" + alnum(24),
			"STRIPE_WEBHOOK_SECRET=whsec" + "_" + alnum(32),
			"github_webhook_secret: " + alnum(28),
			`secret := cmp.Or(os.Getenv("GITHUB_WEBHOOK_SECRET"), "` + alnum(30) + `")`,
			// Dropped: a placeholder, a line marked allowed.
			"WEBHOOK_SECRET=your-webhook-secret-" + alnum(3),
			"HOOK_SECRET=" + alnum(22) + " # hookscan:allow",
		}
	}
	keyLines := []string{"webhook:", "signing:", "notes:", "github_webhook_secret:"}
	files := map[string][]string{}
	for _, name := range []string{"config/app.yml", "deploy/.env", "src/main.go", "src/lib.rs"} {
		var ls []string
		for i := range 150 {
			ls = append(ls, fmt.Sprintf("setting_%d = value number %d for %s", i, i, name))
		}
		if name == "src/lib.rs" {
			// Findings below it are classed test: a whole-file fact
			// that a scan of changed lines must still get right.
			ls[75] = "#[cfg(test)]"
		}
		files[name] = ls
	}
	for v := range 40 {
		for name, ls := range files {
			for range 1 + rnd.IntN(4) {
				i := rnd.IntN(len(ls))
				switch rnd.IntN(9) {
				case 7: // a value under an existing signing key
					if k := slices.Index(ls, "signing:"); k >= 0 {
						ls = slices.Insert(ls, k+1, "  "+alnum(30))
					}
				case 8: // the key above an existing value changes
					for k := 1; k < len(ls); k++ {
						if strings.HasPrefix(ls[k], "  ") && len(ls[k]) == 32 {
							ls[k-1] = keyLines[rnd.IntN(len(keyLines))]
							break
						}
					}
				case 0, 1: // a new secret
					s := secretLines()
					ls = slices.Insert(ls, i, s[rnd.IntN(len(s))])
				case 2: // a keyword line above whatever is there
					ls = slices.Insert(ls, i, keyLines[rnd.IntN(len(keyLines))])
				case 3: // a bare value on the next line of a keyword
					ls = slices.Insert(ls, i, "  "+alnum(30))
				case 4: // an allow comment
					ls[i] += " # hookscan:allow"
				case 5: // a duplicate line
					ls = slices.Insert(ls, i, ls[rnd.IntN(len(ls))])
				default: // a deletion
					ls = slices.Delete(ls, i, i+1)
				}
			}
			files[name] = ls
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(strings.Join(ls, "\n")+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if v == 20 {
			git("checkout", "-q", "-b", "side")
		}
		git("add", "-A")
		git("commit", "-q", "-m", fmt.Sprint(v))
	}
	git("checkout", "-q", "main")
	det := funcsOf(d)
	det.explain = d.ScanExplained
	for _, backend := range []string{BackendGoGit, BackendGit} {
		var fullDrops, cachedDrops []scanner.Dropped
		opts := HistoryOptions{Backend: backend, Dropped: func(d scanner.Dropped) { fullDrops = append(fullDrops, d) }}
		full, err := scanHistory(context.Background(), det, dir, opts, true)
		if err != nil {
			t.Fatal(err)
		}
		opts.Dropped = func(d scanner.Dropped) { cachedDrops = append(cachedDrops, d) }
		cached, err := scanHistory(context.Background(), det, dir, opts, false)
		if err != nil {
			t.Fatal(err)
		}
		filters := map[string]bool{}
		for _, d := range fullDrops {
			filters[d.Filter] = true
		}
		if len(fullDrops) < 10 || !filters[scanner.FilterPlaceholder] || !filters[scanner.FilterInlineAllow] {
			t.Errorf("%s: %d dropped candidates, filters %v: the test does not test much", backend, len(fullDrops), filters)
		}
		sameResults(t, backend+": dropped candidates", fullDrops, cachedDrops)
		if len(full) < 20 {
			t.Fatalf("%s: only %d findings: the test does not test much", backend, len(full))
		}
		sameResults(t, backend+": findings", full, cached)
	}
}

// sameResults fails the test when scanning whole blobs (full) and only new
// lines (cached) gave different results, showing the first difference.
func sameResults[T any](t *testing.T, what string, full, cached []T) {
	t.Helper()
	if reflect.DeepEqual(full, cached) {
		return
	}
	t.Errorf("%s: %d scanning whole blobs, %d scanning new lines", what, len(full), len(cached))
	for i := range min(len(full), len(cached)) {
		if !reflect.DeepEqual(full[i], cached[i]) {
			t.Errorf("first difference:\n%+v\n%+v", full[i], cached[i])
			return
		}
	}
}

// TestGitBackendFallsBack runs the git backend with a git that fails
// every command: the scan falls back to go-git and finds the same.
func TestGitBackendFallsBack(t *testing.T) {
	dir := t.TempDir()
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=A", "-c", "user.email=a@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("token here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git("add", "a.txt")
	git("commit", "-q", "-m", "a")
	det := detectorFuncs{
		scan: func(f scanner.Fragment) []scanner.Finding {
			return []scanner.Finding{{RuleID: "any", Secret: string(f.Raw), Line: 1, File: f.Path}}
		},
		pathAllowed: func(string) bool { return false },
	}
	want, err := scanHistory(context.Background(), det, dir, HistoryOptions{Backend: BackendGoGit}, true)
	if err != nil || len(want) != 1 {
		t.Fatalf("go-git: %v, %v", want, err)
	}
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte("#!/bin/sh\necho 'git: broken' >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	for _, all := range []bool{false, true} {
		got, err := scanHistory(context.Background(), det, dir, HistoryOptions{Backend: BackendGit, All: all}, true)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("all=%v: broken git: %v, %v; want %v", all, got, err, want)
		}
	}
}

// TestLineCacheSkipsSeenLines checks what the detector is asked to read:
// a version of a file that only appends lines sends the new lines (with a
// line of context) and nothing else, however large the file; the same
// content under another path is read whole.
func TestLineCacheSkipsSeenLines(t *testing.T) {
	t.Parallel()
	var read []string
	scan := detectorFuncs{scan: func(f scanner.Fragment) []scanner.Finding {
		read = append(read, string(f.Raw))
		return nil
	}}
	var b strings.Builder
	for i := range 5000 { // past the table's first size: it must grow
		fmt.Fprintf(&b, "line %d of a long file\n", i)
	}
	v1 := b.String()
	v2 := v1 + "appended one\nappended two\n"
	c := newLineCache(nil)
	c.scan(scan, "a.txt", []byte(v1))
	if len(read) != 1 || read[0] != v1 {
		t.Fatalf("first version: detector read %d fragments; want the whole blob once", len(read))
	}
	read = nil
	c.scan(scan, "a.txt", []byte(v1))
	if len(read) != 0 {
		t.Fatalf("same version again: detector read %q; want nothing", read)
	}
	c.scan(scan, "a.txt", []byte(v2))
	// The old last line is new (its next line changed), so is the line
	// before it as context.
	want := "line 4998 of a long file\nline 4999 of a long file\nappended one\nappended two\n"
	if len(read) != 1 || read[0] != want {
		t.Fatalf("appended version: detector read %q; want %q", read, want)
	}
	read = nil
	c.scan(scan, "b.txt", []byte(v2))
	if len(read) != 1 || read[0] != v2 {
		t.Fatalf("same content at another path: detector read %d fragments; want the whole blob once", len(read))
	}
}
