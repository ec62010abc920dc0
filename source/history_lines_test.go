package source

import (
	"bytes"
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
)

// neighbourDetector finds what depends on a line and the next one, as
// the real detector's windows do: "K" on a line followed by a line
// holding "V" is one finding (spanning both lines), "S" on a line is
// another, and "D" on a line is a dropped candidate. Lines are numbered
// from the fragment's LineOffset.
func neighbourDetector() detectorFuncs {
	find := func(f scanner.Fragment) ([]scanner.Finding, []scanner.Dropped) {
		lines := strings.SplitAfter(string(f.Raw), "\n")
		if lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		var fs []scanner.Finding
		var ds []scanner.Dropped
		for i, l := range lines {
			line := f.LineOffset + i + 1
			if strings.Contains(l, "K") && i+1 < len(lines) && strings.Contains(lines[i+1], "V") {
				fs = append(fs, scanner.Finding{RuleID: "kv", Secret: strings.TrimSpace(lines[i+1]), Line: line, EndLine: line + 1, Column: strings.Index(l, "K") + 1})
			}
			if c := strings.Index(l, "S"); c >= 0 {
				fs = append(fs, scanner.Finding{RuleID: "s", Secret: strings.TrimSpace(l), Line: line, EndLine: line, Column: c + 1})
			}
			if c := strings.Index(l, "D"); c >= 0 {
				ds = append(ds, scanner.Dropped{RuleID: "d", Secret: strings.TrimSpace(l), Line: line, Column: c + 1})
			}
		}
		return fs, ds
	}
	return detectorFuncs{
		scan:    func(f scanner.Fragment) []scanner.Finding { fs, _ := find(f); return fs },
		explain: find,
	}
}

// sortedResults puts findings and dropped candidates in one order.
func sortedResults(fs []scanner.Finding, ds []scanner.Dropped) ([]scanner.Finding, []scanner.Dropped) {
	fs, ds = slices.Clone(fs), slices.Clone(ds)
	slices.SortFunc(fs, func(a, b scanner.Finding) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), cmp.Compare(a.RuleID, b.RuleID), cmp.Compare(a.Secret, b.Secret))
	})
	slices.SortFunc(ds, func(a, b scanner.Dropped) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), cmp.Compare(a.Secret, b.Secret))
	})
	return fs, ds
}

// checkVersions scans versions of one file through one cache and checks
// each against a scan of the whole blob.
func checkVersions(t *testing.T, versions [][]byte) {
	t.Helper()
	det := neighbourDetector()
	c := newLineCache(nil)
	for v, data := range versions {
		if len(data) == 0 {
			continue
		}
		wantF, wantD := sortedResults(det.run(scanner.Fragment{Path: "f.txt", Raw: data}))
		fs, ds, _ := c.scan(det, "f.txt", data)
		gotF, gotD := sortedResults(fs, ds)
		// Advice is set from the whole file; the detector above sets none.
		for i := range gotF {
			gotF[i].Advice = ""
		}
		if fmt.Sprint(gotF) != fmt.Sprint(wantF) || fmt.Sprint(gotD) != fmt.Sprint(wantD) {
			t.Fatalf("version %d %q:\nfindings %v\nwant     %v\ndropped %v\nwant    %v", v, data, gotF, wantF, gotD, wantD)
		}
	}
}

// TestLineCacheReusesHeadAndTail edits a file at its head, its tail,
// both and its middle, with secrets and neighbours that matter near
// every edit, and checks every version's results against a whole scan.
func TestLineCacheReusesHeadAndTail(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(3, 4))
	words := []string{"plain", "K key", "V value", "S secret", "D dropped", "", "plain K and V", "x"}
	var ls []string
	for range 300 {
		ls = append(ls, words[rnd.IntN(len(words))])
	}
	var versions [][]byte
	for v := range 200 {
		for range 1 + rnd.IntN(3) {
			w := words[rnd.IntN(len(words))]
			var i int
			switch rnd.IntN(3) { // head, tail or anywhere
			case 0:
				i = rnd.IntN(min(3, len(ls)+1))
			case 1:
				i = max(len(ls)-rnd.IntN(3), 0)
			default:
				i = rnd.IntN(len(ls) + 1)
			}
			switch {
			case rnd.IntN(3) == 0 && i < len(ls):
				ls = slices.Delete(ls, i, i+1)
			case rnd.IntN(2) == 0 && i < len(ls):
				ls[i] = w
			default:
				ls = slices.Insert(ls, i, w)
			}
		}
		text := strings.Join(ls, "\n")
		if v%3 != 0 { // with and without a final newline
			text += "\n"
		}
		versions = append(versions, []byte(text))
		if v%17 == 0 { // an older version again, and the same one twice
			versions = append(versions, versions[rnd.IntN(len(versions))], versions[len(versions)-1])
		}
	}
	checkVersions(t, versions)
}

// TestLineCacheHashesOnlyTheMiddle checks the point of the reuse: a
// one-line change in the middle of a long file splits and hashes a
// handful of lines, not the file.
func TestLineCacheHashesOnlyTheMiddle(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&b, "line %d of a long file\n", i)
	}
	v1 := b.String()
	v2 := strings.Replace(v1, "line 2500 of", "line 2500 (S edited) of", 1)
	det := neighbourDetector()
	c := newLineCache(nil)
	c.scan(det, "a.txt", []byte(v1))
	if len(c.hashes) != 5000 {
		t.Fatalf("first version: %d lines hashed, want 5000", len(c.hashes))
	}
	fs, _, _ := c.scan(det, "a.txt", []byte(v2))
	if len(c.hashes) > 6 {
		t.Errorf("one line changed: %d lines hashed, want at most 6", len(c.hashes))
	}
	if len(fs) != 1 || fs[0].Line != 2501 {
		t.Errorf("one line changed: findings %v, want one on line 2501", fs)
	}
	// Another path starts afresh.
	c.scan(det, "b.txt", []byte(v2))
	if len(c.hashes) != 5000 {
		t.Errorf("another path: %d lines hashed, want 5000", len(c.hashes))
	}
}

// TestLineCacheHandsBuffersBack checks that the cache gives back each
// blob it kept once it holds a newer one or moves to another path.
func TestLineCacheHandsBuffersBack(t *testing.T) {
	t.Parallel()
	var back [][]byte
	c := newLineCache(func(b []byte) { back = append(back, b) })
	det := neighbourDetector()
	v1, v2, v3 := []byte("a\nS\nb\n"), []byte("a\nS\nc\n"), []byte("x\n")
	for _, step := range []struct {
		path string
		data []byte
		want [][]byte
	}{{"a", v1, nil}, {"a", v2, [][]byte{v1}}, {"b", v3, [][]byte{v1, v2}}} {
		if _, _, kept := c.scan(det, step.path, step.data); !kept {
			t.Fatalf("%s %q: not kept", step.path, step.data)
		}
		if len(back) != len(step.want) {
			t.Fatalf("after %s %q: %d buffers back, want %d", step.path, step.data, len(back), len(step.want))
		}
		for i := range back {
			if !bytes.Equal(back[i], step.want[i]) {
				t.Errorf("buffer %d back is %q, want %q", i, back[i], step.want[i])
			}
		}
	}
}

// FuzzLineCache splits the input into versions of one file at each "|"
// and checks every version's results against a whole scan.
func FuzzLineCache(f *testing.F) {
	f.Add("K\nV\nS\n|K\nV\nS\nx\n|x\nK\nV\nS\nx")
	f.Add("a\nb\nK\n|a\nb\nK\nV\n|a\nK\nV\n")
	f.Add("S\n\n\nD\n|S\n\nD\n|S\n\nD\n|\n")
	f.Add("K\nV|K\nV\n|K\nV\nV")
	f.Fuzz(func(t *testing.T, s string) {
		var versions [][]byte
		for _, v := range strings.Split(s, "|") {
			versions = append(versions, []byte(v))
		}
		checkVersions(t, versions)
	})
}
