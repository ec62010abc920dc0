package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestVerboseEscapesFileNames(t *testing.T) {
	dir := t.TempDir()
	name := "x\x1b[31mred\x07.bin"
	if err := os.WriteFile(filepath.Join(dir, name), []byte("a\x00b"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, _ := run(t, dir, "dir", ".", "-v", "--no-progress")
	if strings.ContainsAny(stderr, "\x1b\x07") || !strings.Contains(stderr, `x\x1b[31mred\x07.bin: skipped: binary file`) {
		t.Errorf("stderr %q: want the name escaped", stderr)
	}
}

func TestConfigFIFOIsAnError(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, ".hookscan.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := run(t, dir, "dir", ".", "--no-progress")
	if code != 2 || !strings.Contains(stderr, ".hookscan.yaml: not a regular file") {
		t.Errorf("exit %d, stderr %q: want 2 and the config named", code, stderr)
	}
}

func TestSkippedSummary(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"big1.txt": strings.Repeat("a", 2048), "big2.txt": strings.Repeat("b", 4096), "bin": "a\x00b", "ok.txt": "x"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, stderr, code := run(t, dir, "dir", ".", "--no-progress", "--max-file-size", "1KiB", "-f", "json")
	want := "hookscan: not scanned: 2 files over 1.0 KiB (--max-file-size to include them), 1 file binary (-v lists them)\n"
	if code != 0 || stderr != want || strings.TrimSpace(out) != "[]" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0, [], %q", code, out, stderr, want)
	}
	if _, stderr, _ := run(t, dir, "dir", ".", "-q", "--no-progress", "--max-file-size", "1KiB"); stderr != "" {
		t.Errorf("quiet run printed %q", stderr)
	}
}
