package source

import (
	"bufio"
	"compress/zlib"
	"fmt"
	"io"

	"github.com/hookscan/hookscan/scanner"
)

// scanLoose scans a loose blob in windows as it is inflated: go-git would
// inflate it whole first. A binary blob is a *scanner.Skip.
func (r *gitRepo) scanLoose(e stagedEntry, limit int64, opts StagedOptions) ([]scanner.Finding, []scanner.Dropped, *scanner.Skip, error) {
	hex := e.hash.String()
	f, err := r.fs.Open(r.fs.Join("objects", hex[:2], hex[2:]))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: %w", e.path, missingErr("read blob", e.hash, err))
	}
	defer f.Close()
	zr, err := zlib.NewReader(f)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: read blob %s: %w: %v", e.path, e.hash, ErrBadObject, err)
	}
	defer zr.Close()
	br := bufio.NewReader(zr)
	if _, err := br.ReadString(0); err != nil { // "blob <size>\0"
		return nil, nil, nil, fmt.Errorf("%s: read blob %s: %w: %v", e.path, e.hash, ErrBadObject, err)
	}
	rc, err := textStream(br, io.NopCloser(nil), e.path, limit, "binary file", func() error { return tooLarge(e.path, limit, -1) })
	if err != nil {
		if skip, ok := err.(*scanner.Skip); ok {
			return nil, nil, skip, nil
		}
		return nil, nil, nil, err
	}
	fs, drops, _, err := opts.scanReader(scanner.Fragment{Path: e.path}, rc, opts.Window)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: read blob %s: %w: %v", e.path, e.hash, ErrBadObject, err)
	}
	return fs, drops, nil, nil
}
