package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/hookscan/hookscan/scanner"
)

// DefaultMaxFileSize is the largest file scanned unless told otherwise.
const DefaultMaxFileSize = 10 << 20

// binarySniff is how much of a file is checked for NUL bytes.
const binarySniff = 8 << 10

// DirOptions tune a directory walk.
type DirOptions struct {
	// MaxFileSize skips larger files; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// SkipPath, when set, reports whether a path (as it will appear in
	// findings) is allowlisted, so the file is not even read.
	SkipPath func(path string) bool
	// Prefix is put before every path (with a slash), to keep the files
	// of several roots apart.
	Prefix string
}

// Dir yields every regular file under root as a fragment whose Path is
// slash-separated and relative to root (root itself when root is a file).
// The fragments are not read yet: Fragment.Load reads one (ScanAll does,
// in its workers), and may then return a *Skip for a binary file.
// It skips version-control directories, symbolic links (so it never leaves
// the root), binary files (a NUL in the first 8 KiB) and files larger than
// MaxFileSize, yielding a *Skip for each; unreadable files and directories
// yield their error and the walk goes on.
func Dir(ctx context.Context, root string, opts DirOptions) (iter.Seq2[scanner.Fragment, error], error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", root, unwrapPathError(err))
	}
	limit := opts.MaxFileSize
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	if !info.IsDir() {
		return func(yield func(scanner.Fragment, error) bool) {
			name := filepath.ToSlash(filepath.Base(root))
			if opts.Prefix != "" {
				name = opts.Prefix
			}
			f, err := readFile(root, name, info.Size(), limit)
			yield(f, err)
		}, nil
	}
	return func(yield func(scanner.Fragment, error) bool) {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if opts.Prefix != "" {
				rel = path.Join(opts.Prefix, rel)
			}
			if err != nil {
				if !yield(scanner.Fragment{}, fmt.Errorf("read %s: %w", displayPath(root, rel), unwrapPathError(err))) {
					return filepath.SkipAll
				}
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				switch d.Name() {
				case ".git", ".hg", ".svn", ".jj":
					if p != root {
						return filepath.SkipDir
					}
				}
				if p != root && opts.SkipPath != nil && opts.SkipPath(rel+"/") {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if !yield(scanner.Fragment{}, &scanner.Skip{Path: rel, Reason: "symbolic link (not followed)"}) {
					return filepath.SkipAll
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			if opts.SkipPath != nil && opts.SkipPath(rel) {
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				if !yield(scanner.Fragment{}, fmt.Errorf("read %s: %w", displayPath(root, rel), unwrapPathError(err))) {
					return filepath.SkipAll
				}
				return nil
			}
			if fi.Size() > limit {
				_, err := readFile(p, rel, fi.Size(), limit)
				if !yield(scanner.Fragment{}, err) {
					return filepath.SkipAll
				}
				return nil
			}
			size := fi.Size()
			frag := scanner.Lazy(rel, func() (scanner.Fragment, error) { return readFile(p, rel, size, limit) })
			if !yield(frag, nil) {
				return filepath.SkipAll
			}
			return nil
		})
		if err != nil && !errors.Is(err, filepath.SkipAll) && ctx.Err() == nil {
			yield(scanner.Fragment{}, fmt.Errorf("walk %s: %w", root, err))
		}
	}, nil
}

// readFile reads one file with a single allocation, or says why not.
func readFile(path, name string, size, limit int64) (scanner.Fragment, error) {
	if size > limit {
		return scanner.Fragment{}, &scanner.Skip{Path: name, Reason: fmt.Sprintf("larger than %s (%s)", FormatSize(limit), FormatSize(size))}
	}
	f, err := os.Open(path)
	if err != nil {
		return scanner.Fragment{}, fmt.Errorf("read %s: %w", name, unwrapPathError(err))
	}
	defer f.Close()
	buf := make([]byte, size)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return scanner.Fragment{}, fmt.Errorf("read %s: %w", name, unwrapPathError(err))
	}
	buf = buf[:n]
	if IsBinary(buf) {
		return scanner.Fragment{}, &scanner.Skip{Path: name, Reason: "binary file"}
	}
	return scanner.Fragment{Path: name, Raw: buf}, nil
}

// IsBinary reports whether data looks binary: a NUL byte in its first 8 KiB.
func IsBinary(data []byte) bool {
	return bytes.IndexByte(data[:min(len(data), binarySniff)], 0) >= 0
}

// Reader reads one fragment from r, named name, refusing more than limit
// bytes (0 means DefaultMaxFileSize).
func Reader(r io.Reader, name string, limit int64) (scanner.Fragment, error) {
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return scanner.Fragment{}, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return scanner.Fragment{}, fmt.Errorf("read %s: input larger than %s (raise --max-file-size)", name, FormatSize(limit))
	}
	if IsBinary(data) {
		return scanner.Fragment{}, &scanner.Skip{Path: name, Reason: "binary input"}
	}
	return scanner.Fragment{Path: name, Raw: data}, nil
}

// FormatSize renders a byte count for messages: "10 MiB", "512 KiB".
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func displayPath(root, rel string) string {
	if rel == "." || rel == "" {
		return root
	}
	return strings.TrimPrefix(filepath.ToSlash(filepath.Join(root, rel)), "./")
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
