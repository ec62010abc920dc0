package source_test

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

var bothBackends = []string{source.BackendGoGit, source.BackendGit}

func TestHistoryShallowClone(t *testing.T) {
	s := buildHistoryScenario(t)
	shallow := filepath.Join(t.TempDir(), "shallow")
	s.repo.gitIn(filepath.Dir(shallow), "clone", "-q", "--depth", "2", "file://"+s.repo.dir, shallow)
	boundary := s.repo.gitIn(shallow, "rev-parse", "HEAD~1")
	head := s.repo.gitIn(shallow, "rev-parse", "HEAD")
	for _, backend := range bothBackends {
		t.Run(backend, func(t *testing.T) {
			var w warnLog
			fs, err := source.History(context.Background(), historyDetector(t), shallow, source.HistoryOptions{Backend: backend, Warn: w.add})
			if err != nil {
				t.Fatal(err)
			}
			if len(w.list) != 1 || !errors.Is(w.list[0], source.ErrShallow) {
				t.Fatalf("want one shallow-clone warning, got:\n%s", w.String())
			}
			// What came in before the boundary is attributed to it; the
			// last commit keeps its own.
			byFile := map[string]scanner.Finding{}
			for _, f := range fs {
				byFile[f.File] = f
			}
			for file, commit := range map[string]string{
				"config/app.yml": boundary, "docs/after.md": boundary, "moving.txt": boundary,
				"data/big.txt": boundary, "a.yml": head, "dup/two.txt": head,
			} {
				if f, ok := byFile[file]; !ok || f.Commit != commit {
					t.Errorf("%s: got commit %q (found %v), want %s", file, f.Commit, ok, commit)
				}
			}
			if f := byFile["moving.txt"]; f.Line != 5 {
				t.Errorf("moving.txt: line %d, want 5 (the line in the boundary commit)", f.Line)
			}
			if _, ok := byFile["old.env"]; ok {
				t.Error("old.env was deleted before the boundary and cannot be in a shallow clone")
			}
		})
	}
}

func TestHistoryBareAndSubdirectory(t *testing.T) {
	s := buildHistoryScenario(t)
	bare := filepath.Join(t.TempDir(), "bare.git")
	s.repo.gitIn(filepath.Dir(bare), "clone", "-q", "--bare", s.repo.dir, bare)
	d := historyDetector(t)
	for _, path := range []string{bare, filepath.Join(s.repo.dir, "config")} {
		fs, err := source.History(context.Background(), d, path, source.HistoryOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sameFindings(t, fs, s.wants)
	}
}

func TestHistoryEmptyAndNotARepository(t *testing.T) {
	r := newGitFixture(t)
	d := historyDetector(t)
	fs, err := source.History(context.Background(), d, r.dir, source.HistoryOptions{})
	if err != nil || len(fs) != 0 {
		t.Fatalf("repository with no commits: %d findings, error %v; want none", len(fs), err)
	}
	_, err = source.History(context.Background(), d, t.TempDir(), source.HistoryOptions{})
	if !errors.Is(err, source.ErrNotRepository) {
		t.Fatalf("plain directory: error %v, want ErrNotRepository", err)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error spans lines: %q", err)
	}
	_, err = source.History(context.Background(), d, filepath.Join(t.TempDir(), "nope"), source.HistoryOptions{})
	if err == nil {
		t.Fatal("missing directory: no error")
	}
}

func TestHistorySubmoduleNotFollowed(t *testing.T) {
	g := newSecretGen(2)
	r := newGitFixture(t)
	secret := g.next()
	r.write("app.txt", linesWith(1, secret))
	r.commit("app")
	r.git("update-index", "--add", "--cacheinfo", "160000,"+strings.Repeat("ab", 20)+",vendor/lib")
	r.tick++
	r.git("commit", "-q", "-m", "add submodule")
	for _, backend := range bothBackends {
		var w warnLog
		fs, err := source.History(context.Background(), historyDetector(t), r.dir, source.HistoryOptions{Backend: backend, Warn: w.add})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || fs[0].File != "app.txt" {
			t.Errorf("%s: findings %v, want app.txt only", backend, histGot(fs))
		}
		var skip *scanner.Skip
		if len(w.list) != 1 || !errors.As(w.list[0], &skip) || skip.Path != "vendor/lib" || !strings.Contains(skip.Reason, "submodule") {
			t.Errorf("%s: want one submodule skip for vendor/lib, got:\n%s", backend, w.String())
		}
	}
}

func TestHistorySkipsLargeAndBinaryBlobs(t *testing.T) {
	g := newSecretGen(3)
	r := newGitFixture(t)
	big, bin, small := g.next(), g.next(), g.next()
	r.write("huge.log", strings.Repeat("x", 3<<20)+"\n"+big+"\n")
	r.write("image.bin", "\x00\x01\x02"+bin+"\n")
	r.write("ok.txt", linesWith(1, small))
	r.commit("mixed")
	for _, backend := range bothBackends {
		var w warnLog
		fs, err := source.History(context.Background(), historyDetector(t), r.dir, source.HistoryOptions{Backend: backend, MaxFileSize: 1 << 20, Warn: w.add})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || fs[0].File != "ok.txt" {
			t.Errorf("%s: findings %v, want ok.txt only", backend, histGot(fs))
		}
		reasons := map[string]string{}
		for _, e := range w.list {
			var skip *scanner.Skip
			if errors.As(e, &skip) {
				reasons[skip.Path] = skip.Reason
			}
		}
		if !strings.Contains(reasons["huge.log"], "larger than 1 MiB") || !strings.Contains(reasons["image.bin"], "binary") || len(w.list) != 2 {
			t.Errorf("%s: want skips for huge.log (size) and image.bin (binary), got:\n%s", backend, w.String())
		}
		// Without the limit the big blob is scanned.
		fs, err = source.History(context.Background(), historyDetector(t), r.dir, source.HistoryOptions{Backend: backend, MaxFileSize: -1})
		if err != nil || len(fs) != 2 {
			t.Errorf("%s: no size limit: %v, %v; want huge.log and ok.txt", backend, histGot(fs), err)
		}
	}
}

func TestHistoryMissingObject(t *testing.T) {
	scanDamagedLooseBlob(t, 4, func(loose string) error { return os.Remove(loose) }, func(blob string, err error) bool {
		return errors.Is(err, source.ErrMissingObject) && strings.Contains(err.Error(), blob)
	})
}

// scanDamagedLooseBlob commits bad.txt and kept.txt, each holding a
// secret, damages bad.txt's loose object and scans with either reader:
// the finding in kept.txt is kept, and the one warning must satisfy ok.
func scanDamagedLooseBlob(t *testing.T, seed uint64, damage func(loose string) error, ok func(blob string, warning error) bool) {
	t.Helper()
	g := newSecretGen(seed)
	r := newGitFixture(t)
	r.write("bad.txt", linesWith(1, g.next()))
	r.write("kept.txt", linesWith(1, g.next()))
	r.commit("two secrets")
	blob := r.git("rev-parse", "HEAD:bad.txt")
	if err := damage(filepath.Join(r.dir, ".git", "objects", blob[:2], blob[2:])); err != nil {
		t.Fatal(err)
	}
	for _, backend := range bothBackends {
		var w warnLog
		fs, err := source.History(context.Background(), historyDetector(t), r.dir, source.HistoryOptions{Backend: backend, Warn: w.add})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || fs[0].File != "kept.txt" {
			t.Errorf("%s: findings %v, want kept.txt", backend, histGot(fs))
		}
		if len(w.list) != 1 || !ok(blob, w.list[0]) {
			t.Errorf("%s: want one warning about %s, got:\n%s", backend, blob, w.String())
		}
	}
}

func TestHistoryBrokenPack(t *testing.T) {
	g := newSecretGen(5)
	r := newGitFixture(t)
	broken, kept, later := g.next(), g.next(), g.next()
	// Random text does not compress or delta against anything, so the
	// damage stays inside one object.
	r.write("broken.txt", g.pick("abcdefghijklmnopqrstuvwxyz0123456789", 64<<10)+"\n"+broken+"\n")
	r.write("kept.txt", linesWith(1, kept))
	r.commit("first")
	r.write("later.txt", linesWith(1, later))
	r.commit("second")
	r.git("repack", "-a", "-d", "-q")
	blob := r.git("rev-parse", "HEAD:broken.txt")
	corruptPackedObject(t, r, blob)
	for _, backend := range bothBackends {
		var w warnLog
		fs, err := source.History(context.Background(), historyDetector(t), r.dir, source.HistoryOptions{Backend: backend, Warn: w.add})
		if err != nil {
			t.Fatal(err)
		}
		files := []string{}
		for _, f := range fs {
			files = append(files, f.File)
		}
		if strings.Join(files, ",") != "kept.txt,later.txt" {
			t.Errorf("%s: findings in %v, want kept.txt and later.txt", backend, files)
		}
		t.Logf("%s: %s", backend, w.String())
		if len(w.list) != 1 || !errors.Is(w.list[0], source.ErrBadObject) || !strings.Contains(w.list[0].Error(), blob) {
			t.Errorf("%s: want one unreadable-object warning naming %s, got:\n%s", backend, blob, w.String())
		}
	}
}

// TestHistoryBrokenCommit corrupts the tip commit of one branch: that
// branch is named in one warning, and the other branches are scanned as
// if it were not there (git cat-file exits on the bad object; the reader
// must start it again, not fail every later read).
func TestHistoryBrokenCommit(t *testing.T) {
	g := newSecretGen(6)
	r := newGitFixture(t)
	onMain, onFeature := g.next(), g.next()
	r.write("main.txt", linesWith(1, onMain))
	r.commit("main")
	r.git("checkout", "-q", "-b", "feature")
	r.write("feature.txt", linesWith(1, onFeature))
	// A long random message makes the commit big enough to damage in
	// its middle.
	bad := r.commit("feature\n\n" + g.pick("abcdefghijklmnopqrstuvwxyz0123456789", 8<<10))
	r.git("checkout", "-q", "-")
	r.git("repack", "-a", "-d", "-q")
	corruptPackedObject(t, r, bad)
	for _, backend := range bothBackends {
		var w warnLog
		fs, err := source.History(context.Background(), historyDetector(t), r.dir, source.HistoryOptions{Backend: backend, Warn: w.add})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || fs[0].File != "main.txt" {
			t.Errorf("%s: findings %v, want main.txt", backend, histGot(fs))
		}
		if len(w.list) != 1 || !strings.Contains(w.list[0].Error(), bad) || !strings.Contains(w.list[0].Error(), "feature") {
			t.Errorf("%s: want one warning naming feature and %s, got:\n%s", backend, bad, w.String())
		}
	}
}

// corruptPackedObject flips bytes in the middle of an object's compressed
// data in the repository's only pack.
func corruptPackedObject(t *testing.T, r *gitFixture, id string) {
	t.Helper()
	idx, err := filepath.Glob(filepath.Join(r.dir, ".git", "objects", "pack", "*.idx"))
	if err != nil || len(idx) != 1 {
		t.Fatalf("want one pack, got %v (%v)", idx, err)
	}
	out := r.git("verify-pack", "-v", idx[0])
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 5 && f[0] == id {
			inPack, _ := strconv.Atoi(f[3])
			offset, _ := strconv.Atoi(f[4])
			pack := strings.TrimSuffix(idx[0], ".idx") + ".pack"
			if err := os.Chmod(pack, 0o644); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(pack)
			if err != nil {
				t.Fatal(err)
			}
			mid := offset + inPack/2
			for i := mid; i < mid+16; i++ {
				data[i] ^= 0x5a
			}
			if err := os.WriteFile(pack, data, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("object %s not in the pack", id)
}

// TestHistoryAllowlistedPath checks that a blob first found under an
// allowlisted path and, in the same commit, under another one is still
// reported under the other.
func TestHistoryAllowlistedPath(t *testing.T) {
	g := newSecretGen(12)
	r := newGitFixture(t)
	s := g.next()
	r.write("a-fixtures/conf.txt", linesWith(1, s))
	r.write("b-real/conf.txt", linesWith(1, s))
	c := r.commit("same content twice")
	rs, err := rules.ParsePack("history.yaml", []byte(historyPack))
	if err != nil {
		t.Fatal(err)
	}
	d, err := scanner.Compile(rs, scanner.Options{Allow: rules.Allowlist{Paths: []string{"a-fixtures/**"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, backend := range bothBackends {
		fs, err := source.History(context.Background(), d, r.dir, source.HistoryOptions{Backend: backend})
		if err != nil {
			t.Fatal(err)
		}
		sameFindings(t, fs, []histWant{{s, c, "b-real/conf.txt", 1, true}})
	}
}

// TestHistoryUTF16 decodes a UTF-16 blob (a .reg file, PowerShell's
// output) as Dir decodes the file, small or streamed in windows, with
// both readers: its secret is found at its line.
func TestHistoryUTF16(t *testing.T) {
	t.Parallel()
	g := newSecretGen(9)
	r := newGitFixture(t)
	small, big := g.next(), g.next()
	utf16le := func(s string) string {
		var b strings.Builder
		b.WriteString("\xff\xfe")
		for _, u := range utf16.Encode([]rune(s)) {
			b.WriteByte(byte(u))
			b.WriteByte(byte(u >> 8))
		}
		return b.String()
	}
	r.write("deploy/agent.reg", utf16le("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Agent]\r\n\"Hook\"=\""+small+"\"\r\n"))
	r.write("logs/export.log", utf16le(strings.Repeat("line of an export\r\n", 40000)+"hook="+big+"\r\n"))
	c := r.commit("windows files")
	for _, backend := range bothBackends {
		fs, err := source.History(context.Background(), historyDetector(t), r.dir, source.HistoryOptions{Backend: backend, Window: 64 << 10})
		if err != nil {
			t.Fatal(err)
		}
		sameFindings(t, fs, []histWant{
			{secret: small, commit: c, file: "deploy/agent.reg", line: 4, inHead: true},
			{secret: big, commit: c, file: "logs/export.log", line: 40001, inHead: true},
		})
	}
}

// TestHistoryRenamedAndEdited: a file renamed and edited in one commit is
// new content at a new path, so its secret has a finding there too; both
// findings say the head still holds the secret. Removed everywhere, it is
// in the head for neither.
func TestHistoryRenamedAndEdited(t *testing.T) {
	t.Parallel()
	g := newSecretGen(11)
	r := newGitFixture(t)
	kept, gone := g.next(), g.next()
	r.write("internal/config/defaults.go", "package config\n\n"+linesWith(3, kept))
	r.write("old/hooks.txt", linesWith(2, gone))
	c1 := r.commit("defaults")
	for _, dir := range []string{"internal/settings", "new"} {
		if err := os.MkdirAll(filepath.Join(r.dir, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	r.git("mv", "internal/config/defaults.go", "internal/settings/defaults.go")
	r.git("mv", "old/hooks.txt", "new/hooks.txt")
	r.write("internal/settings/defaults.go", "package settings\n\n"+linesWith(3, kept))
	r.write("new/hooks.txt", "moved\n"+linesWith(2, gone))
	c2 := r.commit("move")
	r.write("new/hooks.txt", "moved\n")
	r.commit("drop the hook")
	for _, backend := range bothBackends {
		fs, err := source.History(context.Background(), historyDetector(t), r.dir, source.HistoryOptions{Backend: backend})
		if err != nil {
			t.Fatal(err)
		}
		sameFindings(t, fs, []histWant{
			{secret: kept, commit: c1, file: "internal/config/defaults.go", line: 5, inHead: true},
			{secret: kept, commit: c2, file: "internal/settings/defaults.go", line: 5, inHead: true},
			{secret: gone, commit: c1, file: "old/hooks.txt", line: 2, inHead: false},
			{secret: gone, commit: c2, file: "new/hooks.txt", line: 3, inHead: false},
		})
	}
}

// TestHistoryReAddedUnderNewName: content deleted and added again under
// another name in a later commit is a new file holding the secret, named
// with the commit that brought it back; a plain rename or a copy of a
// file the parent holds is not.
func TestHistoryReAddedUnderNewName(t *testing.T) {
	t.Parallel()
	g := newSecretGen(13)
	r := newGitFixture(t)
	back, moved, copied := g.next(), g.next(), g.next()
	r.write("a.env", linesWith(1, back))
	r.write("m.env", linesWith(2, moved))
	r.write("c.env", linesWith(3, copied))
	c1 := r.commit("one")
	if err := os.Remove(filepath.Join(r.dir, "a.env")); err != nil {
		t.Fatal(err)
	}
	c2 := r.commit("drop a.env")
	r.write("b.env", linesWith(1, back))
	r.git("mv", "m.env", "n.env")
	r.write("d.env", linesWith(3, copied))
	c3 := r.commit("b.env back, m.env renamed, c.env copied")
	for _, backend := range bothBackends {
		fs, err := source.History(context.Background(), historyDetector(t), r.dir, source.HistoryOptions{Backend: backend})
		if err != nil {
			t.Fatal(err)
		}
		sameFindings(t, fs, []histWant{
			{secret: back, commit: c1, file: "a.env", line: 1, inHead: true},
			{secret: moved, commit: c1, file: "m.env", line: 2, inHead: true},
			{secret: copied, commit: c1, file: "c.env", line: 3, inHead: true},
			{secret: back, commit: c3, file: "b.env", line: 1, inHead: true},
		})
		// A range from the deletion on agrees (from c1 on, its base
		// holds the secret: a range reports only what its base had not).
		fs, err = source.History(context.Background(), historyDetector(t), r.dir, source.HistoryOptions{Backend: backend, Range: c2 + "..HEAD"})
		if err != nil {
			t.Fatal(err)
		}
		sameFindings(t, fs, []histWant{{secret: back, commit: c3, file: "b.env", line: 1, inHead: true}})
	}
}
