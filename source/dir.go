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
	// Window is the size past which a file is scanned in windows of this
	// size (scanner.Stream) rather than read whole, so memory stays
	// bounded whatever MaxFileSize allows; 0 means scanner.DefaultWindow.
	Window int
}

// Dir yields every regular file under root as a fragment whose Path is
// slash-separated and relative to root (root itself when root is a file).
// The fragments are not read yet: Fragment.Load reads one (ScanAll does,
// in its workers), and may then return a *Skip for a binary file.
// It skips version-control metadata (.git anywhere, .hg, .svn and .jj at
// the root), symbolic links below the root (so it never leaves the root;
// a root that is itself a link to a directory is followed), named pipes,
// sockets and devices (opening them can block forever), binary files (a
// NUL in the first 8 KiB, unless the text is UTF-16, which is decoded) and
// files larger than MaxFileSize, yielding a *Skip for each; unreadable
// files and directories yield their error and the walk goes on. A root
// that is a named pipe or character device is read as a stream.
func Dir(ctx context.Context, root string, opts DirOptions) (iter.Seq2[scanner.Fragment, error], error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", root, unwrapPathError(err))
	}
	limit := opts.MaxFileSize
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	window := opts.Window
	if window <= 0 {
		window = scanner.DefaultWindow
	}
	if !info.IsDir() {
		return func(yield func(scanner.Fragment, error) bool) {
			name := filepath.ToSlash(filepath.Base(root))
			if opts.Prefix != "" {
				name = opts.Prefix
			}
			yield(readNamed(root, name, info, limit, window))
		}, nil
	}
	// A root named on the command line that is a symbolic link to a
	// directory is followed, as find -H does: the user asked for it. The
	// walk starts at its target, and files are still named from the root
	// as given; links inside the tree are not followed.
	walkRoot := root
	if li, err := os.Lstat(root); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		if walkRoot, err = filepath.EvalSymlinks(root); err != nil {
			return nil, fmt.Errorf("scan %s: %w", root, unwrapPathError(err))
		}
	}
	return func(yield func(scanner.Fragment, error) bool) {
		err := filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			rel, _ := filepath.Rel(walkRoot, p)
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
				if p != walkRoot && vcsDir(d.Name(), filepath.Dir(p) == filepath.Clean(walkRoot)) {
					return filepath.SkipDir
				}
				if p != walkRoot && opts.SkipPath != nil && opts.SkipPath(rel+"/") {
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
				// Opening a FIFO blocks until a writer comes, and a device
				// may never end: only what is named on the command line
				// is read as a stream.
				if !yield(scanner.Fragment{}, &scanner.Skip{Path: rel, Reason: specialFile(d.Type()) + " (not read; name it on the command line to read it)"}) {
					return filepath.SkipAll
				}
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
				if !yield(scanner.Fragment{}, oversized(p, rel, limit, fi.Size())) {
					return filepath.SkipAll
				}
				return nil
			}
			frag := scanner.Lazy(rel, func() (scanner.Fragment, error) { return readFile(p, rel, limit) })
			if fi.Size() > int64(window) {
				frag = streamFile(p, rel, limit, window)
			}
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

// vcsDir reports whether a directory holds version-control metadata. Git
// never records a path named .git, so one is skipped at any depth; .hg,
// .svn and .jj are skipped only at the root: deeper down they are
// ordinary tracked folders (test fixtures, vendored trees).
func vcsDir(name string, atRoot bool) bool {
	switch name {
	case ".git":
		return true
	case ".hg", ".svn", ".jj":
		return atRoot
	}
	return false
}

// specialFile names a file type that is not a regular file.
func specialFile(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "block device"
	}
	return "irregular file"
}

// readNamed reads a file named on the command line: a regular file as
// readFile does, a named pipe or character device (/dev/stdin, <(...))
// as a stream, since its size says nothing of what it holds.
func readNamed(path, name string, info fs.FileInfo, limit int64, window int) (scanner.Fragment, error) {
	m := info.Mode()
	switch {
	case m.IsRegular():
		if info.Size() > limit {
			return scanner.Fragment{}, oversized(path, name, limit, info.Size())
		}
		if info.Size() > int64(window) {
			return streamFile(path, name, limit, window), nil
		}
		return readFile(path, name, limit)
	case m&fs.ModeNamedPipe != 0 || m&fs.ModeCharDevice != 0:
		// Opened when scanned, and read in windows: a pipe may carry
		// more than fits in memory.
		return streamPath(path, name, limit, window, "binary input", func() error {
			return fmt.Errorf("read %s: input larger than %s (raise --max-file-size)", name, FormatSize(limit))
		}), nil
	}
	return scanner.Fragment{}, &scanner.Skip{Path: name, Reason: specialFile(m) + " (cannot be read as a file)"}
}

// readFile reads one regular file by reading it, not by trusting its size
// (files under /proc say 0, and a file may grow while it is read), up to
// limit bytes.
func readFile(path, name string, limit int64) (scanner.Fragment, error) {
	f, err := os.Open(path)
	if err != nil {
		return scanner.Fragment{}, fmt.Errorf("read %s: %w", name, unwrapPathError(err))
	}
	defer f.Close()
	size := int64(0)
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 {
		size = min(fi.Size(), limit+1)
	}
	// ReadFrom doubles the buffer when less than MinRead bytes are free:
	// leave that much room past the size so a file is read into one
	// allocation of its own size.
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return scanner.Fragment{}, fmt.Errorf("read %s: %w", name, unwrapPathError(err))
	}
	if int64(buf.Len()) > limit {
		return scanner.Fragment{}, tooLarge(name, limit, -1)
	}
	return textFragment(name, buf.Bytes(), "binary file")
}

// tooLarge is the skip for a file over the size limit; size is -1 when
// unknown.
func tooLarge(name string, limit, size int64) *scanner.Skip {
	reason := "larger than " + FormatSize(limit)
	if size >= 0 {
		reason += " (" + FormatSize(size) + ")"
	}
	return &scanner.Skip{Path: name, Reason: reason}
}

// oversized is the skip for a file over the size limit: binary when its
// first bytes say so (a built executable, an archive: raising
// --max-file-size would not have it scanned), else too large.
func oversized(path, name string, limit, size int64) *scanner.Skip {
	if f, err := os.Open(path); err == nil {
		head := make([]byte, binarySniff)
		n, _ := io.ReadFull(f, head)
		f.Close()
		if IsBinary(head[:n]) {
			return &scanner.Skip{Path: name, Reason: "binary file"}
		}
	}
	return tooLarge(name, limit, size)
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
	return textFragment(name, data, "binary input")
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
