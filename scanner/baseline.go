package scanner

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// baselineHeader opens every baseline file.
const baselineHeader = "# hookscan baseline v1: <fingerprint> <file>, one per line, sorted; odd file names Go-quoted. No secrets are stored."

// Baseline is a set of accepted findings: (fingerprint, file) pairs. It
// names secrets, not lines, so it survives edits that move a secret, and
// it stores no secret, so it can be committed.
type Baseline struct {
	entries map[baselineEntry]bool
}

type baselineEntry struct{ fingerprint, file string }

// NewBaseline returns a baseline that accepts the given findings.
func NewBaseline(fs []Finding) *Baseline {
	b := &Baseline{entries: map[baselineEntry]bool{}}
	for _, f := range fs {
		b.entries[baselineEntry{f.Fingerprint, f.File}] = true
	}
	return b
}

// LoadBaseline reads a baseline file.
func LoadBaseline(path string) (*Baseline, error) {
	file, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("read baseline %s: %w", path, err)
	}
	defer file.Close()
	return ReadBaseline(path, file)
}

// ReadBaseline reads a baseline from r; name says where it came from in
// errors.
func ReadBaseline(name string, r io.Reader) (*Baseline, error) {
	b := &Baseline{entries: map[baselineEntry]bool{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fp, file, ok := strings.Cut(line, " ")
		if !ok || len(fp) != 20 || strings.Trim(fp, "0123456789abcdef") != "" || file == "" {
			return nil, fmt.Errorf("%s:%d: not a baseline entry (want \"<20 hex fingerprint> <file>\")", name, n)
		}
		if strings.HasPrefix(file, `"`) {
			// Written by quoteBaselinePath; an old file's name that merely
			// starts with a quote does not unquote and is taken as it is.
			if u, err := strconv.Unquote(file); err == nil {
				file = u
			}
		}
		b.entries[baselineEntry{fp, file}] = true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read baseline %s: %w", name, err)
	}
	return b, nil
}

// Len returns the number of entries.
func (b *Baseline) Len() int { return len(b.entries) }

// Contains reports whether the baseline accepts a finding.
func (b *Baseline) Contains(f Finding) bool {
	return b != nil && b.entries[baselineEntry{f.Fingerprint, f.File}]
}

// Filter returns the findings the baseline does not accept.
func (b *Baseline) Filter(fs []Finding) []Finding {
	if b == nil || len(b.entries) == 0 {
		return fs
	}
	out := fs[:0:0]
	for _, f := range fs {
		if !b.Contains(f) {
			out = append(out, f)
		}
	}
	return out
}

// Write writes the baseline, sorted, one entry per line.
func (b *Baseline) Write(w io.Writer) error {
	lines := make([]string, 0, len(b.entries))
	for e := range b.entries {
		lines = append(lines, e.fingerprint+" "+quoteBaselinePath(e.file))
	}
	slices.Sort(lines)
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, baselineHeader)
	for _, l := range lines {
		fmt.Fprintln(bw, l)
	}
	return bw.Flush()
}

// quoteBaselinePath writes a file name so that it stays one entry: a name
// holding a newline would otherwise add a line of its own (a forged entry
// that hides another file's secret, or one that makes the file unreadable).
// Plain names are written as they are, so old readers and diffs still
// understand them; the others are Go-quoted.
func quoteBaselinePath(file string) string {
	if strings.HasPrefix(file, `"`) || strings.TrimSpace(file) != file || strings.ContainsFunc(file, func(r rune) bool {
		return r < 0x20 || r == 0x7f || r == utf8.RuneError || unicode.Is(unicode.Bidi_Control, r)
	}) {
		return strconv.Quote(file)
	}
	return file
}
