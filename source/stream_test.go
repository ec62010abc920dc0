package source_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

// edgeText is filler lines with the Slack URL across each multiple of
// size, and the lines it is on.
func edgeText(size, edges int) (string, []string) {
	var b strings.Builder
	var want []string
	line := 1
	for k := 1; k <= edges; k++ {
		at := k*size - len(slackURL)/2 - len("u = ")
		for b.Len()+10 <= at {
			b.WriteString("# filler\n")
			line++
		}
		b.WriteString(strings.Repeat("#", at-b.Len()) + "\nu = " + slackURL + "\n")
		want = append(want, fmt.Sprintf("big.txt:%d", line+1))
		line += 2
	}
	return b.String(), want
}

// TestDirStreamsLargeFiles checks that a file past the window is scanned
// in windows: a secret across each edge is found once on its line, UTF-16
// is decoded as it streams, and a binary file is still skipped.
func TestDirStreamsLargeFiles(t *testing.T) {
	t.Parallel()
	const window = 4 << 10
	text, want := edgeText(window, 10)
	for name, data := range map[string][]byte{
		"plain":    []byte(text),
		"utf16-le": utf16Bytes(text, false, true),
		"utf16-be": utf16Bytes(text, true, false),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			if err := os.WriteFile(filepath.Join(root, "big.txt"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "big.bin"), append([]byte("\x00\x00\x00\x01"), data...), 0o644); err != nil {
				t.Fatal(err)
			}
			files, skips := scanDir(t, root, source.DirOptions{Window: window})
			if !slices.Equal(files, want) {
				t.Errorf("findings %v, want %v", files, want)
			}
			if !slices.Equal(skips, []string{"big.bin: binary file"}) {
				t.Errorf("skips %v, want big.bin as binary", skips)
			}
		})
	}
}

// TestStreamReader checks the stdin path: read in windows, over the limit
// an error naming it.
func TestStreamReader(t *testing.T) {
	t.Parallel()
	text, _ := edgeText(scanner.DefaultWindow/64, 3)
	f, err := source.Stream(strings.NewReader(text), "-", 0)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := scanner.ScanAll(context.Background(), testDetector(t), func(yield func(scanner.Fragment, error) bool) { yield(f, nil) }, scanner.RunOptions{})
	if err != nil || len(fs) != 3 {
		t.Errorf("%d findings, error %v; want 3", len(fs), err)
	}
	if _, err := source.Stream(strings.NewReader(text), "-", 1024); err == nil || err.Error() != "read -: input larger than 1.0 KiB (raise --max-file-size)" {
		t.Errorf("over the limit in the head: error %v", err)
	}
	f, err = source.Stream(strings.NewReader(text), "-", 16<<10)
	if err != nil {
		t.Fatal(err)
	}
	var errs []error
	scanner.ScanAll(context.Background(), testDetector(t), func(yield func(scanner.Fragment, error) bool) { yield(f, nil) }, scanner.RunOptions{Warn: func(err error) { errs = append(errs, err) }})
	if len(errs) != 1 || errs[0].Error() != "read -: input larger than 16.0 KiB (raise --max-file-size)" {
		t.Errorf("errors %v, want one naming the limit", errs)
	}
	if _, err := source.Stream(strings.NewReader("a\x00b"), "-", 0); err == nil {
		t.Error("binary input: no skip")
	}
}

// TestStagedStreamsLargeBlobs checks that a staged blob past the window is
// scanned in windows as it is inflated, a secret across each edge found
// once on its line, and that a large binary blob is still skipped.
func TestStagedStreamsLargeBlobs(t *testing.T) {
	t.Setenv("GIT_INDEX_FILE", "")
	const window = 4 << 10
	text, want := edgeText(window, 8)
	r := newGitFixture(t)
	r.write("big.txt", text)
	r.write("big.bin", "\x00\x00\x00\x01"+text)
	r.git("add", "big.txt", "big.bin")
	var skips []string
	fs, err := source.StagedWithOptions(context.Background(), testDetector(t), r.dir, source.StagedOptions{
		Window: window,
		Warn:   func(err error) { skips = append(skips, err.Error()) },
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s:%d", f.File, f.Line))
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
	if !slices.Equal(skips, []string{"big.bin: skipped: binary file"}) {
		t.Errorf("skips %v, want big.bin as binary", skips)
	}
}
