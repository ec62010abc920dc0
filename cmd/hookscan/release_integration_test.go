//go:build integration

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReleaseScript builds the release archive for this platform and
// checks that checksums.txt verifies it and the binary knows its version.
func TestReleaseScript(t *testing.T) {
	// -trimpath and -ldflags rebuild every dependency: over a minute on a
	// cold cache, so this runs with make test-integration.
	goos, goarch := goEnvValue(t, "GOOS"), goEnvValue(t, "GOARCH")
	out := t.TempDir()
	cmd := exec.Command("bash", "../../scripts/release.sh", "v1.2.3-test", out)
	cmd.Env = append(os.Environ(), "TARGETS="+goos+"/"+goarch)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("release.sh: %v\n%s", err, msg)
	}
	check := exec.Command("sha256sum", "-c", "checksums.txt")
	check.Dir = out
	if msg, err := check.CombinedOutput(); err != nil || !strings.Contains(string(msg), "hookscan_"+goos+"_"+goarch+".tar.gz: OK") {
		t.Fatalf("sha256sum -c: %v\n%s", err, msg)
	}
	if msg, err := exec.Command("tar", "-xzf", filepath.Join(out, "hookscan_"+goos+"_"+goarch+".tar.gz"), "-C", out).CombinedOutput(); err != nil {
		t.Fatalf("tar: %v\n%s", err, msg)
	}
	v, err := exec.Command(filepath.Join(out, "hookscan"), "version").Output()
	if err != nil || !strings.Contains(string(v), "v1.2.3-test") {
		t.Errorf("hookscan version = %q (%v)", v, err)
	}
}

// goEnvValue returns what go env says of name.
func goEnvValue(t *testing.T, name string) string {
	t.Helper()
	v, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(v))
}
