package main

import (
	"fmt"
	"strings"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

// skipCounts counts the files a run did not scan, by why.
type skipCounts struct {
	large, binary, links, submodules, special int
	limit                                     int64
}

// add counts a skip by its reason, which the sources word as "larger than
// 10 MiB (12 MiB)" or "binary file" for files and "blob 0123abcd is 12
// MiB, larger than 10 MiB" or "blob 0123abcd is binary" for history.
func (c *skipCounts) add(s *scanner.Skip, limit int64) {
	switch r := s.Reason; {
	case strings.Contains(r, "larger than"):
		c.large++
		c.limit = limit
	case strings.HasPrefix(r, "binary") || strings.HasPrefix(r, "blob ") && strings.HasSuffix(r, " binary"):
		c.binary++
	case strings.HasPrefix(r, "symbolic link"):
		c.links++
	case strings.HasPrefix(r, "submodule"):
		c.submodules++
	default:
		c.special++
	}
}

// summary is the closing line naming what was not scanned, or "".
func (c *skipCounts) summary() string {
	var parts []string
	if c.large > 0 {
		parts = append(parts, fmt.Sprintf("%s over %s (--max-file-size to include them)", files(c.large), source.FormatSize(c.limit)))
	}
	if c.binary > 0 {
		parts = append(parts, files(c.binary)+" binary")
	}
	if c.links > 0 {
		parts = append(parts, fmt.Sprintf("%d symbolic link%s not followed", c.links, plural(c.links)))
	}
	if c.submodules > 0 {
		parts = append(parts, fmt.Sprintf("%d submodule%s not followed", c.submodules, plural(c.submodules)))
	}
	if c.special > 0 {
		parts = append(parts, fmt.Sprintf("%d pipe%s, socket%s or device%s not read", c.special, plural(c.special), plural(c.special), plural(c.special)))
	}
	if len(parts) == 0 {
		return ""
	}
	return "not scanned: " + strings.Join(parts, ", ") + " (-v lists them)"
}

func files(n int) string { return fmt.Sprintf("%d file%s", n, plural(n)) }

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
