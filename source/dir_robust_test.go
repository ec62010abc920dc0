package source_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"unicode/utf16"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

// scanDir scans root and returns the files with findings and the skips.
func scanDir(t *testing.T, root string, opts source.DirOptions) (files, skips []string) {
	t.Helper()
	src, err := source.Dir(context.Background(), root, opts)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := scanner.ScanAll(context.Background(), testDetector(t), src, scanner.RunOptions{Jobs: 2, Warn: func(err error) {
		var s *scanner.Skip
		if !errors.As(err, &s) {
			t.Errorf("unexpected error: %v", err)
			return
		}
		skips = append(skips, s.Path+": "+s.Reason)
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		files = append(files, fmt.Sprintf("%s:%d", f.File, f.Line))
	}
	return files, skips
}

func TestDirSpecialFilesSkipped(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "a.env"), []byte("SLACK="+slackURL+"\n"))
	for _, name := range []string{"fifo", ".hookscan.yaml"} {
		if err := syscall.Mkfifo(filepath.Join(root, name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, skips := scanDir(t, root, source.DirOptions{})
	if !slices.Equal(files, []string{"a.env:1"}) {
		t.Errorf("findings in %v, want a.env:1", files)
	}
	joined := strings.Join(skips, "\n")
	for _, want := range []string{"fifo: named pipe (not read", ".hookscan.yaml: named pipe (not read"} {
		if !strings.Contains(joined, want) {
			t.Errorf("skips %q lack %q", joined, want)
		}
	}
}

func TestDirNamedStreams(t *testing.T) {
	t.Parallel()
	content := "x=1\nSLACK=" + slackURL + "\n"
	t.Run("fifo", func(t *testing.T) {
		t.Parallel()
		fifo := filepath.Join(t.TempDir(), "in.env")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Fatal(err)
		}
		go func() {
			if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				f.WriteString(content)
				f.Close()
			}
		}()
		if files, _ := scanDir(t, fifo, source.DirOptions{}); !slices.Equal(files, []string{"in.env:2"}) {
			t.Errorf("findings %v, want in.env:2", files)
		}
	})
	t.Run("pipe as /proc/self/fd", func(t *testing.T) {
		t.Parallel()
		// What `hookscan dir <(cat a.env)` and `cat a.env | hookscan dir
		// /dev/stdin` name: a pipe whose stat size is 0.
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		go func() { w.WriteString(content); w.Close() }()
		path := fmt.Sprintf("/proc/self/fd/%d", r.Fd())
		if files, _ := scanDir(t, path, source.DirOptions{}); len(files) != 1 || !strings.HasSuffix(files[0], ":2") {
			t.Errorf("findings %v, want one on line 2", files)
		}
	})
	t.Run("pipe over the limit", func(t *testing.T) {
		t.Parallel()
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		go func() { w.WriteString(strings.Repeat("a", 4096)); w.Close() }()
		src, err := source.Dir(context.Background(), fmt.Sprintf("/proc/self/fd/%d", r.Fd()), source.DirOptions{MaxFileSize: 1024})
		if err != nil {
			t.Fatal(err)
		}
		// The pipe is read when it is scanned, so the error comes then.
		var errs []error
		if _, err := scanner.ScanAll(context.Background(), testDetector(t), src, scanner.RunOptions{Warn: func(err error) { errs = append(errs, err) }}); err != nil {
			t.Fatal(err)
		}
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "larger than 1.0 KiB") {
			t.Errorf("errors %v, want one naming the limit", errs)
		}
	})
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xfeff}, units...)
	}
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestDirUTF16(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	text := "# exportiert – ü\r\nx=1\r\nSLACK=" + slackURL + "\r\n"
	writeFile(t, filepath.Join(root, "le-bom.ps1"), utf16Bytes(text, false, true))
	writeFile(t, filepath.Join(root, "be-bom.txt"), utf16Bytes(text, true, true))
	writeFile(t, filepath.Join(root, "le.reg"), utf16Bytes(text, false, false))
	writeFile(t, filepath.Join(root, "be.txt"), utf16Bytes(text, true, false))
	files, skips := scanDir(t, root, source.DirOptions{})
	want := []string{"be-bom.txt:3", "be.txt:3", "le-bom.ps1:3", "le.reg:3"}
	if !slices.Equal(files, want) {
		t.Errorf("findings %v, want %v (skips %v)", files, want, skips)
	}
}

func TestDirVCSOnlyAtRoot(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	line := []byte("SLACK=" + slackURL + "\n")
	for _, dir := range []string{".git", ".hg", ".svn", ".jj", "sub/.git"} {
		writeFile(t, filepath.Join(root, dir, "meta"), line)
	}
	for _, dir := range []string{"fixtures/.hg", "fixtures/.svn", "fixtures/.jj"} {
		writeFile(t, filepath.Join(root, dir, "data"), line)
	}
	files, _ := scanDir(t, root, source.DirOptions{})
	want := []string{"fixtures/.hg/data:1", "fixtures/.jj/data:1", "fixtures/.svn/data:1"}
	if !slices.Equal(files, want) {
		t.Errorf("findings %v, want %v", files, want)
	}
}

// TestDirLinkedRoot: a root that is a symbolic link to a directory is
// followed, as find -H does, and its files are named inside it; links
// below the root are still skipped.
func TestDirLinkedRoot(t *testing.T) {
	t.Parallel()
	base := t.TempDir()
	writeFile(t, filepath.Join(base, "proj", "app", ".env"), []byte("SLACK="+slackURL+"\n"))
	writeFile(t, filepath.Join(base, "proj", ".git", "config"), []byte("SLACK="+slackURL+"\n"))
	writeFile(t, filepath.Join(base, "other", "leak.env"), []byte("SLACK="+slackURL+"\n"))
	if err := os.Symlink("proj", filepath.Join(base, "linkdir")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(base, "other"), filepath.Join(base, "proj", "inner")); err != nil {
		t.Fatal(err)
	}
	files, skips := scanDir(t, filepath.Join(base, "linkdir"), source.DirOptions{})
	if !slices.Equal(files, []string{"app/.env:1"}) {
		t.Errorf("findings in %v, want app/.env:1", files)
	}
	if !slices.Equal(skips, []string{"inner: symbolic link (not followed)"}) {
		t.Errorf("skips %q, want only the link inside the tree", skips)
	}
}
