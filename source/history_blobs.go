package source

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// blobRead is one blob as a backend delivers it.
type blobRead struct {
	hash plumbing.Hash
	// data is the content, nil when the blob was skipped or unreadable,
	// or comes as stream.
	data []byte
	// stream, for a blob larger than gitRepo.streamAbove, yields its
	// content instead of data; it is valid only until emit returns, and
	// what emit leaves unread is skipped. A read error from it is the
	// blob's (an unreadable object).
	stream io.Reader
	// size is the blob's size in bytes, known even when it was skipped.
	size int64
	// skipped is set when the blob is larger than the size limit; it was
	// not inflated.
	skipped bool
	// err is set when the blob could not be read (missing object, broken
	// pack).
	err error
}

// blobBackend reads blob contents for the history scan. Implementations
// are used from one goroutine.
type blobBackend interface {
	// name is "go-git" or "git".
	name() string
	// read delivers every blob of want exactly once: in the order of
	// want when inOrder is set, else in the order the object store serves
	// fastest. Blobs larger than maxSize (when positive) are delivered as
	// skipped, without being inflated when the store allows; missing ones
	// may come first. alloc returns a buffer of length n for content;
	// blobs larger than the repository's streamAbove come as a stream
	// instead, never held whole. A non-nil error from emit stops the read
	// and is returned.
	read(ctx context.Context, want []plumbing.Hash, maxSize int64, inOrder bool, alloc func(n int) []byte, emit func(blobRead) error) error
	// allBlobs lists every blob in the object store, reachable or not.
	allBlobs(ctx context.Context) ([]plumbing.Hash, error)
	close()
}

// gogitBlobs reads blobs one by one through the repository's object
// reader: go-git (embedded, no git binary needed), or a git cat-file
// process when viaGit is set.
type gogitBlobs struct {
	r      *gitRepo
	viaGit bool
	// few is set when only a handful of blobs will be read: a loose
	// object is then found by opening its file rather than by listing
	// every loose object first.
	few bool
}

// store is where blobs are read: go-git's own store unless viaGit, so
// that the git reader's fallback never goes through git.
func (b *gogitBlobs) store() storer.EncodedObjectStorer {
	if b.viaGit {
		return b.r.objs
	}
	return b.r.repo.Storer
}

func (b *gogitBlobs) name() string {
	if b.viaGit {
		return BackendGit
	}
	return BackendGoGit
}
func (b *gogitBlobs) close() {}

func (b *gogitBlobs) read(ctx context.Context, want []plumbing.Hash, maxSize int64, inOrder bool, alloc func(int) []byte, emit func(blobRead) error) error {
	order := want
	if !inOrder && len(want) >= packOrderMin {
		order = b.r.packOrder(want)
	}
	if b.viaGit && b.r.cat != nil {
		return b.r.cat.readBlobs(ctx, order, maxSize, alloc, emit)
	}
	for i, h := range order {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := b.emitOne(h, maxSize, alloc, emit); err != nil {
			return err
		}
	}
	return nil
}

// emitOne reads one blob and hands it to emit: whole, or as a stream when
// it is larger than the repository's streamAbove (go-git then streams it
// from the pack or the loose object, see openRepo).
func (b *gogitBlobs) emitOne(h plumbing.Hash, maxSize int64, alloc func(int) []byte, emit func(blobRead) error) error {
	br, rd := b.open(h, maxSize, alloc)
	if rd == nil {
		return emit(br)
	}
	defer rd.Close()
	br.stream = &guardedReader{r: rd, hash: h}
	return emit(br)
}

// guardedReader turns a panic inside go-git, while it inflates a corrupt
// object, into a read error naming the object.
type guardedReader struct {
	r    io.Reader
	hash plumbing.Hash
}

func (g *guardedReader) Read(p []byte) (n int, err error) {
	defer func() {
		if v := recover(); v != nil {
			n, err = 0, fmt.Errorf("read blob %s: %w: %v", g.hash, ErrBadObject, v)
		}
	}()
	return g.r.Read(p)
}

// readOne reads one blob whole.
func (b *gogitBlobs) readOne(h plumbing.Hash, maxSize int64, alloc func(int) []byte) blobRead {
	br, rd := b.open(h, maxSize, alloc)
	if rd != nil {
		defer rd.Close()
		buf := alloc(int(br.size))
		if _, err := io.ReadFull(&guardedReader{r: rd, hash: h}, buf); err != nil {
			return blobRead{hash: h, size: br.size, err: fmt.Errorf("read blob %s: %w: %v", h, ErrBadObject, err)}
		}
		br.data = buf
	}
	return br
}

// open reads one blob, or opens it when it is larger than the
// repository's streamAbove: then rd is its content, for the caller to
// read and close. A panic inside go-git on a corrupt pack becomes a read
// error for that blob.
func (b *gogitBlobs) open(h plumbing.Hash, maxSize int64, alloc func(int) []byte) (br blobRead, rd io.ReadCloser) {
	br.hash = h
	defer func() {
		if p := recover(); p != nil {
			if rd != nil {
				rd.Close()
			}
			br, rd = blobRead{hash: h, err: fmt.Errorf("read blob %s: %w: %v", h, ErrBadObject, p)}, nil
		}
	}()
	// go-git inflates a loose object whole to learn its size; read its
	// header first so a big one is skipped unread, as packed ones are.
	if maxSize > 0 && (b.few || b.r.isLoose(h)) {
		if size, ok := b.r.looseSize(h); ok && size > maxSize {
			return blobRead{hash: h, size: size, skipped: true}, nil
		}
	}
	obj, err := b.store().EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		br.err = missingErr("read blob", h, err)
		return br, nil
	}
	br.size = obj.Size()
	if maxSize > 0 && br.size > maxSize {
		br.skipped = true
		return br, nil
	}
	r, err := obj.Reader()
	if err != nil {
		br.err = missingErr("read blob", h, err)
		return br, nil
	}
	if b.r.streamAbove > 0 && br.size > b.r.streamAbove {
		return br, r
	}
	defer r.Close()
	buf := alloc(int(br.size))
	if _, err := io.ReadFull(r, buf); err != nil {
		br.err = fmt.Errorf("read blob %s: %w: %v", h, ErrBadObject, err)
		return br, nil
	}
	br.data = buf
	return br, nil
}

func (b *gogitBlobs) allBlobs(ctx context.Context) ([]plumbing.Hash, error) {
	iter, err := b.store().IterEncodedObjects(plumbing.BlobObject)
	if err != nil {
		return nil, fmt.Errorf("list blobs in %s: %w", b.r.gitDir, err)
	}
	defer iter.Close()
	var out []plumbing.Hash
	for {
		obj, err := iter.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, fmt.Errorf("list blobs in %s: %w: %v", b.r.gitDir, ErrBadObject, err)
		}
		out = append(out, obj.Hash())
		if len(out)%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
}

// isLoose reports whether an object is stored loose (not in a pack).
func (r *gitRepo) isLoose(h plumbing.Hash) bool {
	if r.loose == nil {
		r.loose = map[plumbing.Hash]bool{}
		if hs, err := r.dot.Objects(); err == nil {
			for _, l := range hs {
				r.loose[l] = true
			}
		}
	}
	return r.loose[h]
}

// looseSize reads the size from a loose object's header ("blob 1234\x00")
// without inflating the rest.
func (r *gitRepo) looseSize(h plumbing.Hash) (int64, bool) {
	hex := h.String()
	f, err := r.fs.Open(r.fs.Join("objects", hex[:2], hex[2:]))
	if err != nil {
		return 0, false
	}
	defer f.Close()
	zr, err := zlib.NewReader(f)
	if err != nil {
		return 0, false
	}
	defer zr.Close()
	var hdr [32]byte
	n, _ := io.ReadFull(zr, hdr[:])
	head, _, ok := bytes.Cut(hdr[:n], []byte{0})
	if !ok {
		return 0, false
	}
	_, num, ok := bytes.Cut(head, []byte{' '})
	if !ok {
		return 0, false
	}
	size, err := strconv.ParseInt(string(num), 10, 64)
	return size, err == nil
}

// packOrderMin is the number of blobs from which sorting them in pack
// order pays for reading every pack index whole.
const packOrderMin = 4096

// packOrder sorts hashes the way the object store lays them out: loose
// objects first, then each pack by offset. Reading in pack order keeps
// delta bases in go-git's cache and the disk reads sequential. Hashes found
// in no local pack (alternates) keep their order at the end.
func (r *gitRepo) packOrder(want []plumbing.Hash) []plumbing.Hash {
	wanted := make(map[plumbing.Hash]bool, len(want))
	for _, h := range want {
		wanted[h] = true
	}
	out := make([]plumbing.Hash, 0, len(want))
	take := func(h plumbing.Hash) {
		if wanted[h] {
			delete(wanted, h)
			out = append(out, h)
		}
	}
	if loose, err := r.dot.Objects(); err == nil {
		for _, h := range loose {
			take(h)
		}
	}
	if packs, err := r.dot.ObjectPacks(); err == nil {
		for _, p := range packs {
			f, err := r.dot.ObjectPackIdx(p)
			if err != nil {
				continue
			}
			idx := idxfile.NewMemoryIndex()
			err = idxfile.NewDecoder(f).Decode(idx)
			f.Close()
			if err != nil {
				continue
			}
			iter, err := idx.EntriesByOffset()
			if err != nil {
				continue
			}
			for {
				e, err := iter.Next()
				if err != nil {
					break
				}
				take(e.Hash)
			}
			iter.Close()
		}
	}
	for _, h := range want {
		take(h)
	}
	return out
}
