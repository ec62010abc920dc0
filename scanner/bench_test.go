package scanner_test

import (
	"encoding/base64"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

// realSource loads Go's own source for a package tree: real text, not a
// synthetic corpus.
func realSource(b *testing.B, dirs ...string) []scanner.Fragment {
	var frags []scanner.Fragment
	for _, dir := range dirs {
		root := filepath.Join(goroot(b), "src", dir)
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, err := os.ReadFile(p)
			if err == nil && !source.IsBinary(data) {
				frags = append(frags, scanner.Fragment{Path: strings.TrimPrefix(p, root+"/"), Raw: data})
			}
			return nil
		})
	}
	if len(frags) == 0 {
		b.Fatalf("no source under %v", dirs)
	}
	return frags
}

// goroot asks the go command where Go's source is.
func goroot(b *testing.B) string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		b.Fatalf("go env GOROOT: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// BenchmarkDetector reports the detector's single-core throughput with the
// default rules on real Go source (MB/s).
func BenchmarkDetector(b *testing.B) {
	for _, set := range []struct {
		name string
		dirs []string
	}{
		{"net-http", []string{"net/http"}},
		{"crypto", []string{"crypto"}},
		{"cmd-go", []string{"cmd/go"}},
		{"all", []string{"."}},
	} {
		b.Run(set.name, func(b *testing.B) {
			frags := realSource(b, set.dirs...)
			d := defaultDetector(b)
			scanLoop(b, d, frags)
		})
	}
}

// BenchmarkAdversarial reports single-core throughput (MB/s) on text built
// to defeat the decoders, beside ordinary source: a 10 MiB escaped JSON
// document on one line and on many, a line with a keyword every few bytes,
// many keywords on one line, deep base64, a line of distinct assignments,
// webhook URL prefixes, escapes of escapes, and one name 10 MiB long made
// of keywords. A linear engine keeps every row within a small factor of
// the ordinary one.
func BenchmarkAdversarial(b *testing.B) {
	size := benchSize
	fill := func(unit string) []byte {
		return []byte(strings.Repeat(unit, size/len(unit)))
	}
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	record := `{"url":"https:\/\/example.com\/a\/b\/whsec_token\/x","hook":"https:\/\/hooks.slack.com\/services\/T0\/B0\/x"},`
	cases := []struct {
		name string
		text func() []byte
	}{
		{"ordinary-source", nil},
		{"escaped-json-one-line", func() []byte { return fill(record) }},
		{"escaped-json-lines", func() []byte { return fill(record + "\n") }},
		{"keyword-every-9-bytes", func() []byte { return fill(`whsec_\/;`) }},
		{"many-keywords-one-line", func() []byte {
			return fill(`hooks.slack.com%2Fservices%2F whsec_ discord.com\/api github_webhook_secret= `)
		}},
		{"base64-of-base64", func() []byte { return fill(b64(b64("whsec_"+strings.Repeat("Ab1", 14)+" ")) + "\n") }},
		// An env file or query string on one line: distinct names and
		// values, so nothing is judged twice.
		{"assignments-one-line", func() []byte {
			var b strings.Builder
			for i := 0; b.Len() < size; i++ {
				fmt.Fprintf(&b, "svc%d_webhook_secret=%08x%08x%08x&", i, uint32(i)*2654435761, uint32(i)*40503, i)
			}
			return []byte(b.String())
		}},
		{"url-prefixes-one-line", func() []byte {
			return fill(`https://hooks.slack.com/services/ https://discord.com/api/webhooks/ https://user:pass@`)
		}},
		{"nested-escapes-one-line", func() []byte {
			return fill(`https:\\\/\\\/hooks.slack.com%252Fservices%25252F\u0022whsec_\\u002F `)
		}},
		{"one-huge-token", func() []byte { return fill(`discord_github_webhook_secret_token_`) }},
	}
	d := defaultDetector(b)
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var frags []scanner.Fragment
			if c.text == nil {
				frags = realSource(b, "net/http")
			} else {
				frags = []scanner.Fragment{{Path: "data.json", Raw: c.text()}}
			}
			scanLoop(b, d, frags)
		})
	}
}

// benchSize is the adversarial inputs' size: 10 MiB, the default file limit.
const benchSize = 10 << 20

// scanLoop times scanning frags, counting their bytes for MB/s.
func scanLoop(b *testing.B, d *scanner.Detector, frags []scanner.Fragment) {
	var n int64
	for _, f := range frags {
		n += int64(len(f.Raw))
	}
	b.SetBytes(n)
	b.ResetTimer()
	cpu0 := cpuSeconds()
	for b.Loop() {
		for _, f := range frags {
			d.Scan(f)
		}
	}
	// CPU time, which other work on the machine disturbs less than the
	// wall time ns/op and MB/s are taken from.
	if cpu := cpuSeconds() - cpu0; cpu > 0 {
		b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
		b.ReportMetric(float64(n)/1e6*float64(b.N)/cpu, "MB/cpu-s")
	}
}

// cpuSeconds is the CPU time (user and system) the process has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
