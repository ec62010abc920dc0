package source_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/source"
)

// streamText is a text of about edges windows with a distinct secret
// across each window edge; it returns the text and each secret's line.
func streamText(g *secretGen, window, edges int) (string, map[string]int) {
	var b strings.Builder
	lines := map[string]int{}
	line := 1
	for k := 1; k <= edges; k++ {
		url := g.next()
		at := k*window - len(url)/2 - len("url: ")
		for b.Len()+10 <= at {
			b.WriteString("# filler\n")
			line++
		}
		b.WriteString(strings.Repeat("#", at-b.Len()) + "\nurl: " + url + "\n")
		lines[url] = line + 1
		line += 2
	}
	return b.String(), lines
}

// TestHistoryStreamsLargeBlobs checks that a blob past the window is
// scanned in windows as it is read, with both readers, loose and packed,
// over the whole history and over a range: each secret across a window
// edge is found once, on its line, exactly as when the blob is read
// whole; a large binary blob is still skipped.
func TestHistoryStreamsLargeBlobs(t *testing.T) {
	const window = 4 << 10
	g := newSecretGen(14)
	r := newGitFixture(t)
	v1, lines1 := streamText(g, window, 6)
	r.write("big.txt", v1)
	small := g.next()
	r.write("small.env", "url: "+small+"\n")
	c1 := r.commit("first")
	// The second version keeps the first's text and adds edges.
	more, lines2 := streamText(g, window, 10)
	v2 := v1 + more[len(v1):]
	for url, line := range lines2 {
		if line > strings.Count(v1, "\n") {
			lines1[url] = -line // brought by the second commit
		}
	}
	r.write("big.txt", v2)
	r.write("big.bin", "\x00\x00\x00\x01"+v2)
	c2 := r.commit("second")

	var full, ranged []histWant
	full = append(full, histWant{secret: small, commit: c1, file: "small.env", line: 1, inHead: true})
	for url, line := range lines1 {
		w := histWant{secret: url, commit: c1, file: "big.txt", line: line, inHead: true}
		if line < 0 {
			w.commit, w.line = c2, -line
			ranged = append(ranged, w)
		}
		full = append(full, w)
	}
	if len(ranged) == 0 || len(full) < 8 {
		t.Fatalf("fixture: %d findings, %d in the range", len(full), len(ranged))
	}

	for _, layout := range []string{"loose", "packed"} {
		if layout == "packed" {
			r.git("repack", "-q", "-a", "-d")
		}
		for _, backend := range bothBackends {
			for _, mode := range []struct {
				name string
				opts source.HistoryOptions
				want []histWant
			}{
				{"full", source.HistoryOptions{}, full},
				{"range", source.HistoryOptions{Range: c1 + ".." + c2}, ranged},
				{"since", source.HistoryOptions{Since: c1}, ranged},
			} {
				t.Run(layout+"/"+backend+"/"+mode.name, func(t *testing.T) {
					opts := mode.opts
					opts.Backend = backend
					var w warnLog
					opts.Warn = w.add
					whole := opts
					whole.Window = 1 << 20 // larger than any blob: read whole
					opts.Window = window
					fs, err := source.History(context.Background(), historyDetector(t), r.dir, opts)
					if err != nil {
						t.Fatal(err)
					}
					sameFindings(t, fs, mode.want)
					if len(w.list) != 1 || !strings.Contains(w.list[0].Error(), "big.bin") || !strings.Contains(w.list[0].Error(), "binary") {
						t.Errorf("warnings:\n%s\nwant big.bin skipped as binary", w.String())
					}
					wholeFs, err := source.History(context.Background(), historyDetector(t), r.dir, whole)
					if err != nil {
						t.Fatal(err)
					}
					sameFindings(t, fs, histGot(wholeFs))
				})
			}
		}
	}
}
