// Package gitleaks reads what a repository that used gitleaks carries, so
// it can move to hookscan without a flood of old noise: .gitleaksignore
// fingerprints and the allowlists (and custom rules) of .gitleaks.toml,
// converted to a .hookscan.yaml.
package gitleaks

import (
	"bufio"
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/hookscan/hookscan/scanner"
)

// IgnoreFile is the name gitleaks gives its ignore file.
const IgnoreFile = ".gitleaksignore"

// AllowMarker silences a line for gitleaks, and so for hookscan too.
const AllowMarker = "gitleaks:allow"

// Ignore is a parsed .gitleaksignore: gitleaks fingerprints, each
// "commit:file:rule-id:line" (a finding in one commit) or
// "file:rule-id:line" (that place in any commit, or on disk).
type Ignore struct {
	entries []ignoreEntry
}

type ignoreEntry struct {
	commit, file, rule string
	line               int
}

var hexCommit = regexp.MustCompile(`^[0-9a-f]{7,64}$`)

// ParseIgnore parses a .gitleaksignore named name. Blank lines and lines
// starting with # are skipped; a line that is not a fingerprint is an
// error naming the file and line.
func ParseIgnore(name string, data []byte) (*Ignore, error) {
	ig := &Ignore{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		// The file may hold colons: take the line and the rule from the
		// right, and a commit from the left only when it looks like one.
		i := strings.LastIndexByte(l, ':')
		line, err := strconv.Atoi(l[i+1:])
		if i < 0 || err != nil || line < 1 {
			return nil, fmt.Errorf("%s:%d: not a gitleaks fingerprint (want [commit:]file:rule-id:line): %q", name, n, l)
		}
		rest := l[:i]
		j := strings.LastIndexByte(rest, ':')
		if j <= 0 || j == len(rest)-1 {
			return nil, fmt.Errorf("%s:%d: not a gitleaks fingerprint (want [commit:]file:rule-id:line): %q", name, n, l)
		}
		e := ignoreEntry{rule: rest[j+1:], file: rest[:j], line: line}
		if c, f, ok := strings.Cut(e.file, ":"); ok && hexCommit.MatchString(c) && f != "" {
			e.commit, e.file = c, f
		}
		e.file = path.Clean(strings.TrimPrefix(e.file, "./"))
		ig.entries = append(ig.entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return ig, nil
}

// Len is the number of fingerprints.
func (ig *Ignore) Len() int {
	if ig == nil {
		return 0
	}
	return len(ig.entries)
}

// Matches reports whether a fingerprint names the finding's place: the
// same file (as named, or relative to root, the directory the
// fingerprints are relative to) and start line, and the same commit when
// the fingerprint has one. gitleaks' rule ids are not hookscan's, so the
// rule is not compared: the fingerprint silences what was reviewed at
// that place, as it did for gitleaks.
func (ig *Ignore) Matches(f *scanner.Finding, root string) bool {
	if ig == nil {
		return false
	}
	file := path.Clean(f.File)
	rel := file
	if r := path.Clean(strings.TrimPrefix(root, "./")); r != "." && r != "" {
		rel = strings.TrimPrefix(file, r+"/")
	}
	for _, e := range ig.entries {
		if e.line != f.Line || (e.file != file && e.file != rel) {
			continue
		}
		if e.commit == "" || (f.Commit != "" && strings.HasPrefix(f.Commit, e.commit)) {
			return true
		}
	}
	return false
}
