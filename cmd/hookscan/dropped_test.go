package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/internal/scantest"
)

// TestVerboseListsDropped checks that -v names each candidate a filter
// dropped, with its rule and filter, redacted, and that without -v nothing
// is said.
func TestVerboseListsDropped(t *testing.T) {
	dir := t.TempDir()
	// A webhook URL with a placeholder token, a placeholder value, a
	// line marked hookscan:allow, and one real finding.
	placeholderURL := strings.Replace(scantest.SlackURL, scantest.SlackURL[len(scantest.SlackURL)-24:], strings.Repeat("X", 24), 1)
	allowed := "Qm7" + "xZ2pL9vK4tR8wN3bH6cJ5dF"
	text := "SLACK_WEBHOOK_URL=" + placeholderURL + "\n" +
		"WEBHOOK_SECRET=your-webhook-secret-here\n" +
		"HOOK_SECRET=" + allowed + " # hookscan:allow\n" +
		"OTHER_HOOK=" + scantest.SlackURL + "\n"
	if err := os.WriteFile(filepath.Join(dir, "app.env"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, quiet, _ := run(t, dir, "dir", ".")
	if strings.Contains(quiet, "dropped") {
		t.Errorf("without -v, dropped candidates were listed:\n%s", quiet)
	}
	_, stderr, code := run(t, dir, "dir", ".", "-v")
	if code != 1 {
		t.Errorf("exit code %d, want 1 (one finding)", code)
	}
	for _, want := range []string{
		"dropped  app.env:1  slack-incoming-webhook-url  value ",
		"(filter: placeholder)",
		"dropped  app.env:2  generic-",
		"value your…  (filter: placeholder)",
		"dropped  app.env:3  generic-webhook-secret-assignment  value Qm7x",
		"(filter: inline-allow)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("-v output lacks %q:\n%s", want, stderr)
		}
	}
	for _, secret := range []string{placeholderURL, allowed, scantest.SlackURL} {
		if strings.Contains(stderr, secret) {
			t.Errorf("-v output shows a value in full: %s", stderr)
		}
	}
	if strings.Contains(stderr, "app.env:4") {
		t.Errorf("the reported finding is listed as dropped:\n%s", stderr)
	}
}
