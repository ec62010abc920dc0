package github

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	gh "github.com/google/go-github/v60/github"
)

// DiffLines are the lines a pull request review may comment on: for each
// file (by its path at the head), the new-side lines inside the diff's
// hunks, added or context. GitHub answers 422 to a comment on any other
// line.
type DiffLines map[string]map[int]bool

// Has reports whether a review may comment on line of path.
func (d DiffLines) Has(path string, line int) bool { return d[path][line] }

// add records the new-side lines of one hunk.
func (d DiffLines) add(path string, start, count int) {
	if count <= 0 {
		return
	}
	m := d[path]
	if m == nil {
		m = map[int]bool{}
		d[path] = m
	}
	for l := start; l < start+count; l++ {
		m[l] = true
	}
}

// parseHunk reads "@@ -a[,b] +c[,d] @@ …" into its counts.
func parseHunk(line string) (oldCount, newStart, newCount int, err error) {
	rest, ok := strings.CutPrefix(line, "@@ -")
	if !ok {
		return 0, 0, 0, fmt.Errorf("not a hunk header: %q", line)
	}
	oldPart, rest, ok := strings.Cut(rest, " +")
	if !ok {
		return 0, 0, 0, fmt.Errorf("not a hunk header: %q", line)
	}
	newPart, _, ok := strings.Cut(rest, " @@")
	if !ok {
		return 0, 0, 0, fmt.Errorf("not a hunk header: %q", line)
	}
	_, oldCount, err = parseRange(oldPart)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("hunk header %q: %w", line, err)
	}
	newStart, newCount, err = parseRange(newPart)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("hunk header %q: %w", line, err)
	}
	return oldCount, newStart, newCount, nil
}

// parseRange reads "start[,count]"; count defaults to 1.
func parseRange(s string) (start, count int, err error) {
	a, b, hasCount := strings.Cut(s, ",")
	if start, err = strconv.Atoi(a); err != nil {
		return 0, 0, err
	}
	count = 1
	if hasCount {
		if count, err = strconv.Atoi(b); err != nil {
			return 0, 0, err
		}
	}
	if start < 0 || count < 0 {
		return 0, 0, fmt.Errorf("negative range %q", s)
	}
	return start, count, nil
}

// AddPatch adds the hunks of one file's patch (the patch field GitHub
// lists for a pull request's files: hunks without file headers).
func (d DiffLines) AddPatch(path, patch string) error {
	var h hunk
	for line := range strings.SplitSeq(patch, "\n") {
		if h.consume(line) {
			continue
		}
		if !strings.HasPrefix(line, "@@ ") {
			continue
		}
		oc, ns, nc, err := parseHunk(line)
		if err != nil {
			return fmt.Errorf("parse patch of %s: %w", path, err)
		}
		d.add(path, ns, nc)
		h = hunk{oldLeft: oc, newLeft: nc}
	}
	return nil
}

// ParseDiff reads the output of `git diff` (unified format, a/ and b/
// prefixes, any context size) into the lines a review may comment on. Use
// the same range GitHub shows, BASE...HEAD, and the default three lines
// of context: GitHub's diff has three.
func ParseDiff(r io.Reader) (DiffLines, error) {
	d := DiffLines{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	path := ""
	var h hunk
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if h.consume(line) {
			continue
		}
		switch {
		case strings.HasPrefix(line, "diff --git "):
			path = ""
		case strings.HasPrefix(line, "+++ "):
			p, err := diffPath(strings.TrimPrefix(line, "+++ "))
			if err != nil {
				return nil, fmt.Errorf("parse diff line %d: %w", n, err)
			}
			path = p
		case strings.HasPrefix(line, "@@ "):
			oc, ns, nc, err := parseHunk(line)
			if err != nil {
				return nil, fmt.Errorf("parse diff line %d: %w", n, err)
			}
			if path != "" {
				d.add(path, ns, nc)
			}
			h = hunk{oldLeft: oc, newLeft: nc}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read diff: %w", err)
	}
	return d, nil
}

// diffPath reads the path of a "+++ " line: b/PATH, a C-quoted "b/PATH",
// or /dev/null for a deleted file (returned as "").
func diffPath(s string) (string, error) {
	s = strings.TrimRight(s, "\t")
	if s == "/dev/null" {
		return "", nil
	}
	if strings.HasPrefix(s, `"`) {
		u, err := strconv.Unquote(s)
		if err != nil {
			return "", fmt.Errorf("quoted path %s: %w", s, err)
		}
		s = u
	}
	if p, ok := strings.CutPrefix(s, "b/"); ok {
		return p, nil
	}
	return s, nil
}

// PullRequestDiffLines asks GitHub for a pull request's files and reads
// their patches into DiffLines: the fallback when the local clone cannot
// compute the diff. GitHub lists at most 3,000 files and leaves out the
// patch of binary and very large files; those get no line comments.
func (c *Client) PullRequestDiffLines(ctx context.Context, number int) (DiffLines, error) {
	files, err := pages(func(o gh.ListOptions) ([]*gh.CommitFile, *gh.Response, error) {
		return c.gh.PullRequests.ListFiles(ctx, c.c.Owner, c.c.Repo, number, &o)
	})
	if err != nil {
		return nil, c.fail(fmt.Sprintf("list the files of pull request #%d", number), PermPullRequests, err)
	}
	d := DiffLines{}
	for _, f := range files {
		if err := d.AddPatch(f.GetFilename(), f.GetPatch()); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// hunk counts down the lines left in a hunk's body.
type hunk struct{ oldLeft, newLeft int }

// consume reports whether line belongs to the current hunk's body, and
// counts it.
func (h *hunk) consume(line string) bool {
	if h.oldLeft <= 0 && h.newLeft <= 0 {
		return false
	}
	switch {
	case strings.HasPrefix(line, "+"):
		h.newLeft--
	case strings.HasPrefix(line, "-"):
		h.oldLeft--
	case strings.HasPrefix(line, `\`):
	default:
		h.oldLeft--
		h.newLeft--
	}
	return true
}
