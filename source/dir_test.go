package source_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDirWalk(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	secretLine := []byte("SLACK=" + slackURL + "\n")
	writeFile(t, filepath.Join(root, "app", ".env"), secretLine)
	writeFile(t, filepath.Join(root, ".git", "config"), secretLine)
	writeFile(t, filepath.Join(root, "bin", "tool"), append([]byte("\x7fELF\x00\x00"), secretLine...))
	writeFile(t, filepath.Join(root, "big.txt"), append(bytes.Repeat([]byte("a"), 2048), secretLine...))
	// A built executable over the limit is binary, not "too large":
	// raising the limit would not have it scanned.
	writeFile(t, filepath.Join(root, "bin", "big-tool"), append([]byte("\x7fELF\x02\x01\x01\x00"), bytes.Repeat(secretLine, 64)...))
	writeFile(t, filepath.Join(root, "bad-utf8.txt"), append([]byte("\xff\xfe\xc3("), secretLine...))
	writeFile(t, filepath.Join(root, "vendor", "x.txt"), secretLine)
	writeFile(t, filepath.Join(outside, "leak.txt"), secretLine)
	if err := os.Symlink(filepath.Join(outside, "leak.txt"), filepath.Join(root, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "linkdir")); err != nil {
		t.Fatal(err)
	}
	unreadable := filepath.Join(root, "locked.txt")
	writeFile(t, unreadable, secretLine)
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
	canRead := func() bool { f, err := os.Open(unreadable); f.Close(); return err == nil }() // root ignores modes

	d := testDetector(t)
	src, err := source.Dir(context.Background(), root, source.DirOptions{
		MaxFileSize: 1024,
		SkipPath:    func(p string) bool { return strings.HasPrefix(p, "vendor/") },
	})
	if err != nil {
		t.Fatal(err)
	}
	var skips, errs []string
	findings, err := scanner.ScanAll(context.Background(), d, src, scanner.RunOptions{Jobs: 2, Warn: func(err error) {
		var s *scanner.Skip
		if errors.As(err, &s) {
			skips = append(skips, s.Path+": "+s.Reason)
		} else {
			errs = append(errs, err.Error())
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range findings {
		files = append(files, f.File)
	}
	want := []string{"app/.env", "bad-utf8.txt"}
	if canRead {
		want = append(want, "locked.txt")
	}
	if strings.Join(files, ",") != strings.Join(want, ",") {
		t.Errorf("findings in %v, want %v", files, want)
	}
	joined := strings.Join(skips, "\n")
	for _, s := range []string{"bin/tool: binary file", "bin/big-tool: binary file", "big.txt: larger than 1.0 KiB", "link.txt: symbolic link", "linkdir: symbolic link"} {
		if !strings.Contains(joined, s) {
			t.Errorf("skips %q lack %q", joined, s)
		}
	}
	if !canRead && (len(errs) != 1 || !strings.Contains(errs[0], "locked.txt: permission denied")) {
		t.Errorf("errors %q, want one naming locked.txt", errs)
	}
}

func TestDirMissingRoot(t *testing.T) {
	_, err := source.Dir(context.Background(), filepath.Join(t.TempDir(), "nope"), source.DirOptions{})
	if err == nil || !strings.Contains(err.Error(), "nope: no such file or directory") {
		t.Errorf("error %v", err)
	}
}

func TestDirSingleFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yml")
	writeFile(t, path, []byte("url: "+slackURL+"\n"))
	src, err := source.Dir(context.Background(), path, source.DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fs, _ := scanner.ScanAll(context.Background(), testDetector(t), src, scanner.RunOptions{})
	if len(fs) != 1 || fs[0].File != "config.yml" {
		t.Errorf("got %+v", fs)
	}
}

func TestReader(t *testing.T) {
	f, err := source.Reader(strings.NewReader("abc"), "-", 0)
	if err != nil || string(f.Raw) != "abc" || f.Path != "-" {
		t.Errorf("got %+v, %v", f, err)
	}
	if _, err := source.Reader(strings.NewReader("abcdef"), "-", 3); err == nil || !strings.Contains(err.Error(), "larger than 3 B") {
		t.Errorf("limit error %v", err)
	}
}

func TestBaselineRoundTrip(t *testing.T) {
	d := testDetector(t)
	fs := d.Scan(scanner.Fragment{Path: "a/.env", Raw: []byte("A=" + slackURL + "\nB=" + whsec + "\n")})
	if len(fs) != 2 {
		t.Fatalf("got %d findings", len(fs))
	}
	var buf bytes.Buffer
	if err := scanner.NewBaseline(fs[:1]).Write(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), slackURL) || strings.Contains(buf.String(), whsec) {
		t.Fatal("baseline holds a secret")
	}
	path := filepath.Join(t.TempDir(), "baseline")
	writeFile(t, path, buf.Bytes())
	b, err := scanner.LoadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	// The secret moved two lines down: the baseline still accepts it.
	moved := d.Scan(scanner.Fragment{Path: "a/.env", Raw: []byte("\n\nA=" + slackURL + "\nB=" + whsec + "\n")})
	left := b.Filter(moved)
	if len(left) != 1 || left[0].RuleID != "test-whsec" {
		t.Errorf("after filter: %+v", left)
	}
	writeFile(t, path, []byte("not a baseline\n"))
	if _, err := scanner.LoadBaseline(path); err == nil || !strings.Contains(err.Error(), path+":1: not a baseline entry") {
		t.Errorf("error %v", err)
	}
}
