package scanner_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
)

func loadBaselineText(t *testing.T, text string) (*scanner.Baseline, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "baseline")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return scanner.LoadBaseline(path)
}

// TestBaselineNameInjection: a file named "pad\n<fingerprint> victim.env"
// must stay one entry, not forge one that hides victim.env's secret.
func TestBaselineNameInjection(t *testing.T) {
	t.Parallel()
	victim := scanner.Finding{File: "victim.env", Fingerprint: scanner.Fingerprint("test-whsec", whsec)}
	evil := scanner.Finding{File: "pad\n" + victim.Fingerprint + " victim.env", Fingerprint: scanner.Fingerprint("test-slack-url", slackURL)}
	odd := scanner.Finding{File: `"quoted" name `, Fingerprint: victim.Fingerprint}
	var buf bytes.Buffer
	if err := scanner.NewBaseline([]scanner.Finding{evil, odd}).Write(&buf); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "\n"); n != 3 {
		t.Fatalf("two entries gave %d lines:\n%s", n, buf.String())
	}
	b, err := loadBaselineText(t, buf.String())
	if err != nil {
		t.Fatal(err)
	}
	if b.Len() != 2 || !b.Contains(evil) || !b.Contains(odd) || b.Contains(victim) {
		t.Errorf("entries %d, evil %v, odd %v, victim %v: want 2, true, true, false", b.Len(), b.Contains(evil), b.Contains(odd), b.Contains(victim))
	}
}

// TestBaselineOldFormat: files written before quoting still load as they
// were meant, including a name that starts with a quote.
func TestBaselineOldFormat(t *testing.T) {
	t.Parallel()
	fp := scanner.Fingerprint("test-whsec", whsec)
	b, err := loadBaselineText(t, "# hookscan baseline v1: <fingerprint> <file>, one per line, sorted. No secrets are stored.\n"+
		fp+" dir with space/a.env\n"+fp+" \"odd\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"dir with space/a.env", `"odd`} {
		if !b.Contains(scanner.Finding{File: file, Fingerprint: fp}) {
			t.Errorf("old entry %q not read", file)
		}
	}
}

func FuzzBaselineRoundTrip(f *testing.F) {
	f.Add("a.env")
	f.Add("pad\n0123456789abcdef0123 victim.env")
	f.Add(`"x" `)
	f.Add("\x1b[31m\r\u202e")
	f.Fuzz(func(t *testing.T, file string) {
		if file == "" {
			return
		}
		in := scanner.Finding{File: file, Fingerprint: "0123456789abcdef0123"}
		var buf bytes.Buffer
		if err := scanner.NewBaseline([]scanner.Finding{in}).Write(&buf); err != nil {
			t.Fatal(err)
		}
		b, err := loadBaselineText(t, buf.String())
		if err != nil {
			t.Fatalf("%q: %v", file, err)
		}
		if b.Len() != 1 || !b.Contains(in) {
			t.Fatalf("%q did not round-trip:\n%s", file, buf.String())
		}
	})
}
