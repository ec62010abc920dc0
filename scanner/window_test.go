package scanner_test

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/hookscan/hookscan/scanner"
)

// plant is a secret written at a chosen offset of a text.
type plant struct {
	text   string // as written
	secret string // as reported
}

// windowPlants are secrets in the shapes the decoders and rules see: a
// plain URL, a prefixed secret in a .env line, a JSON-escaped URL and a
// base64 value under a key.
func windowPlants() []plant {
	b64 := base64.StdEncoding.EncodeToString([]byte(slackURL))
	return []plant{
		{slackURL, slackURL},
		{"STRIPE_WEBHOOK_SECRET=" + whsec, whsec},
		{`{"hook":"` + strings.ReplaceAll(slackURL, "/", `\/`) + `"}`, slackURL},
		{"webhook_b64: " + b64, slackURL},
	}
}

// crossingText builds a text of filler lines with one plant across each
// window edge (multiples of size), each starting a little further before
// the edge, and returns it with the line each plant is on.
func crossingText(size, edges int) (string, []int) {
	var b strings.Builder
	var lines []int
	line := 1
	ps := windowPlants()
	filler := "# filler text without anything secret in it, just words\n"
	for k := 1; k <= edges; k++ {
		p := ps[k%len(ps)]
		// Put the plant's middle on the edge.
		at := k*size - len(p.text)/2 - len("x = ")
		for b.Len()+len(filler) <= at {
			b.WriteString(filler)
			line++
		}
		b.WriteString(strings.Repeat("#", at-b.Len()))
		b.WriteString("\nx = " + p.text + "\n")
		lines = append(lines, line+1)
		line += 2
	}
	b.WriteString(filler)
	return b.String(), lines
}

// comparable is what must match between a windowed and a whole scan.
func comparable(fs []scanner.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = fmt.Sprintf("%s %d:%d-%d:%d %q %s %s %q", f.RuleID, f.Line, f.Column, f.EndLine, f.EndColumn, f.Secret, f.DecodedFrom, f.Context, f.LineText)
	}
	return out
}

// TestScanReaderWindowEdges plants a secret across every window edge and
// checks each is found once, on its line, exactly as a whole-text scan
// finds it; the reader hands out a byte at a time to try every read
// boundary too.
func TestScanReaderWindowEdges(t *testing.T) {
	t.Parallel()
	d := testDetector(t)
	for _, size := range []int{4 << 10, 20 << 10} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			t.Parallel()
			text, lines := crossingText(size, 12)
			whole := d.Scan(scanner.Fragment{Path: "deploy/app.env", Raw: []byte(text), LineOffset: 7})
			got, n, err := d.ScanReader(scanner.Fragment{Path: "deploy/app.env", LineOffset: 7}, iotest.HalfReader(strings.NewReader(text)), size)
			if err != nil || n != int64(len(text)) {
				t.Fatalf("read %d of %d bytes, error %v", n, len(text), err)
			}
			if len(got) != len(lines) {
				t.Errorf("%d findings, want %d (one per edge):\n%s", len(got), len(lines), strings.Join(comparable(got), "\n"))
			}
			for i, f := range got {
				if i < len(lines) && f.Line != lines[i]+7 {
					t.Errorf("finding %d (%s) on line %d, want %d", i, f.RuleID, f.Line, lines[i]+7)
				}
			}
			if w, g := strings.Join(comparable(whole), "\n"), strings.Join(comparable(got), "\n"); w != g {
				t.Errorf("windowed scan differs from whole scan:\nwhole:\n%s\nwindowed:\n%s", w, g)
			}
		})
	}
}

// TestScanReaderLongLine checks columns on a line far longer than a
// window, and CR-only line ends decided from the first window.
func TestScanReaderLongLine(t *testing.T) {
	t.Parallel()
	d := testDetector(t)
	pad := strings.Repeat("word ", 9000)
	for name, text := range map[string]string{
		"long line": "first\n" + pad + slackURL + " " + pad + slackURL + "\nlast " + slackURL + "\n",
		"cr only":   strings.Repeat("line\r", 3000) + "u = " + slackURL + "\r" + strings.Repeat("line\r", 3000) + slackURL + "\r",
	} {
		t.Run(name, func(t *testing.T) {
			whole := comparableAt(d.Scan(scanner.Fragment{Path: "notes.txt", Raw: []byte(text)}))
			got, _, err := d.ScanReader(scanner.Fragment{Path: "notes.txt"}, strings.NewReader(text), 4<<10)
			if err != nil {
				t.Fatal(err)
			}
			if len(whole) != 3 && len(whole) != 2 || strings.Join(whole, "\n") != strings.Join(comparableAt(got), "\n") {
				t.Errorf("whole:\n%s\nwindowed:\n%s", strings.Join(whole, "\n"), strings.Join(comparableAt(got), "\n"))
			}
		})
	}
}

// comparableAt is comparable without the line text, which a window holds
// only in part when the line is longer than the overlap.
func comparableAt(fs []scanner.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = fmt.Sprintf("%s %d:%d-%d:%d %q %s", f.RuleID, f.Line, f.Column, f.EndLine, f.EndColumn, f.Secret, f.DecodedFrom)
	}
	return out
}
