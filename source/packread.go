package source

import (
	"bytes"
	"container/list"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/klauspost/compress/zlib"
)

// packReader reads blobs straight from a repository's pack files and
// loose objects, in the scanning process: a whole-history scan of a
// small repository spent more on moving every blob through a pipe from
// git cat-file (system time on both sides) than git spent inflating
// them. It reads what git reads: version 2 indexes, packs of version 2
// or 3, offset and reference deltas, the directories the repository
// borrows objects from. What it cannot read (another index version, a
// corrupt object) it reports as errPackUnsupported or a read error, and
// the caller asks git for that object instead.
//
// A packReader is used from one goroutine; fork makes one for another.
type packReader struct {
	packs []*packFile
	// dirs are the object directories: the repository's, then those it
	// borrows from, where loose objects are looked for.
	dirs []string
	zr   io.ReadCloser // reused inflater, nil until first used
	src  bytes.Reader
	// delta holds a delta's instructions while they are applied.
	delta []byte
	cache baseCache
	// touched counts the pack bytes read since the maps were last
	// released (see releaseAfter).
	touched int64
	// rebuilt counts the bytes deltas have produced, emitted or not.
	rebuilt int64
}

// packFile is one pack and its index, mapped into memory.
type packFile struct {
	name   string
	pack   []byte
	idx    []byte
	count  int
	names  []byte // count hashes of 20 bytes, sorted
	offs   []byte // count big-endian uint32 offsets
	large  []byte // 64-bit offsets
	fanout []byte // 256 big-endian uint32 cumulative counts
	unmap  func()
}

// maxPackObject is the largest object the reader inflates, whatever a
// header says: a bigger one (or a damaged size) is left to git rather than
// allocated here. Tests lower it.
var maxPackObject = 512 << 20

// errPackUnsupported marks an object or store the pack reader leaves to
// git.
var errPackUnsupported = errors.New("not readable without git")

// releaseAfter is how many bytes of pack the reader maps in before it
// drops the mapped pages from its resident set: the kernel keeps them
// cached, but a scan of a large store would otherwise count much of the
// pack as its own memory. A read maps in about faultAround bytes however
// little it takes (the kernel maps the cached pages around a fault).
const (
	releaseAfter = 8 << 20
	faultAround  = 64 << 10
)

// baseCacheLimit bounds the delta bases kept while they are small. On
// gin's history 4-8 MiB cost the least CPU: most of a chain is rebuilt
// only once, and a larger cache is mostly memory to fault in (and to
// collect). Large objects get room for four of their size, up to
// baseCacheMax, which holds four of the largest blob scanned by default.
const (
	baseCacheLimit = 8 << 20
	baseCacheMax   = 4 * DefaultMaxFileSize
)

// openPackReader maps the packs of the object directory dirs[0] and of
// those it borrows from (dirs[1:]).
func openPackReader(dirs []string) (*packReader, error) {
	r := &packReader{dirs: dirs}
	r.cache.init(baseCacheLimit)
	for _, dir := range dirs {
		idxs, err := filepath.Glob(filepath.Join(dir, "pack", "*.idx"))
		if err != nil {
			r.close()
			return nil, err
		}
		for _, idx := range idxs {
			p, err := openPackFile(idx)
			if err != nil {
				r.close()
				return nil, err
			}
			if p != nil {
				r.packs = append(r.packs, p)
			}
		}
	}
	return r, nil
}

// openPackFile maps an index and its pack; nil when the pack is gone (a
// repack removed it between the listing and the open).
func openPackFile(idxPath string) (*packFile, error) {
	packPath := strings.TrimSuffix(idxPath, ".idx") + ".pack"
	idx, unmapIdx, err := mapFile(idxPath)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("%s: %w", idxPath, err)
	}
	pack, unmapPack, err := mapFile(packPath)
	if err != nil {
		unmapIdx()
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("%s: %w", packPath, err)
	}
	p := &packFile{name: packPath, pack: pack, idx: idx, unmap: func() { unmapIdx(); unmapPack() }}
	if err := p.parseIndex(); err != nil {
		p.unmap()
		return nil, fmt.Errorf("%s: %w", idxPath, err)
	}
	if len(pack) < 12+20 || string(pack[:4]) != "PACK" {
		p.unmap()
		return nil, fmt.Errorf("%s: %w: not a pack", packPath, errPackUnsupported)
	}
	if v := binary.BigEndian.Uint32(pack[4:]); v != 2 && v != 3 {
		p.unmap()
		return nil, fmt.Errorf("%s: %w: pack version %d", packPath, errPackUnsupported, v)
	}
	// The index names the pack it describes by the pack's checksum, and
	// both count the same objects: a SHA-256 repository's, or a pack
	// rewritten under the index, fails here.
	if !bytes.Equal(idx[len(idx)-40:len(idx)-20], pack[len(pack)-20:]) || int(binary.BigEndian.Uint32(pack[8:])) != p.count {
		p.unmap()
		return nil, fmt.Errorf("%s: %w: index and pack do not match", idxPath, errPackUnsupported)
	}
	return p, nil
}

// parseIndex checks a version 2 index and finds its tables.
func (p *packFile) parseIndex() error {
	b := p.idx
	if len(b) < 8+256*4 || string(b[:4]) != "\xfftOc" || binary.BigEndian.Uint32(b[4:]) != 2 {
		return fmt.Errorf("%w: not a version 2 pack index", errPackUnsupported)
	}
	p.fanout = b[8 : 8+256*4]
	n := int(binary.BigEndian.Uint32(p.fanout[255*4:]))
	rest := b[8+256*4:]
	// names, CRCs, offsets, then the large offsets and two checksums.
	if n < 0 || len(rest) < n*(20+4+4)+40 {
		return fmt.Errorf("%w: index shorter than its %d objects", ErrBadObject, n)
	}
	p.count = n
	p.names = rest[:n*20]
	p.offs = rest[n*24 : n*28]
	p.large = rest[n*28 : len(rest)-40]
	return nil
}

// find returns the offset of object h in p.
func (p *packFile) find(h plumbing.Hash) (int64, bool) {
	lo := 0
	if h[0] > 0 {
		lo = int(binary.BigEndian.Uint32(p.fanout[(int(h[0])-1)*4:]))
	}
	hi := int(binary.BigEndian.Uint32(p.fanout[int(h[0])*4:]))
	if hi > p.count || lo > hi {
		return 0, false
	}
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch c := bytes.Compare(p.names[mid*20:mid*20+20], h[:]); {
		case c == 0:
			off := binary.BigEndian.Uint32(p.offs[mid*4:])
			if off&(1<<31) == 0 {
				return int64(off), true
			}
			i := int(off&^(1<<31)) * 8
			if i+8 > len(p.large) {
				return 0, false
			}
			return int64(binary.BigEndian.Uint64(p.large[i:])), true
		case c < 0:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0, false
}

func (r *packReader) close() {
	for _, p := range r.packs {
		p.unmap()
	}
	r.packs = nil
}

// Object types as packs number them.
const (
	objBlob     = 3
	objOfsDelta = 6
	objRefDelta = 7
)

// read returns blob h's content in a buffer from alloc. It fails with
// errPackUnsupported (wrapped) when h is in none of the packs and is not
// a loose object either.
func (r *packReader) read(h plumbing.Hash, alloc func(int) []byte) (data []byte, err error) {
	defer func() {
		if v := recover(); v != nil {
			data, err = nil, fmt.Errorf("read blob %s: %w: %v", h, ErrBadObject, v)
		}
	}()
	for _, p := range r.packs {
		if off, ok := p.find(h); ok {
			return r.readPacked(p, off, alloc)
		}
	}
	return r.readLoose(h, alloc)
}

// readPacked reads the blob at off in p into a buffer from alloc.
func (r *packReader) readPacked(p *packFile, off int64, alloc func(int) []byte) ([]byte, error) {
	if b, ok := r.cache.get(p, off); ok {
		out := alloc(len(b))
		copy(out, b)
		return out, nil
	}
	typ, size, pos, err := p.header(off)
	if err != nil {
		return nil, err
	}
	switch typ {
	case objBlob:
		out := alloc(size)
		if err := r.inflate(p, pos, out); err != nil {
			return nil, err
		}
		return out, nil
	case objOfsDelta, objRefDelta:
		return r.undelta(p, off, alloc)
	}
	return nil, fmt.Errorf("%w: object at %d of %s is of type %d, not a blob", ErrBadObject, off, p.name, typ)
}

// header reads the object header at off: its type, its size (of the
// content, or of the delta for a delta) and where what follows starts.
func (p *packFile) header(off int64) (typ, size int, pos int64, err error) {
	if off < 12 || off >= int64(len(p.pack))-20 {
		return 0, 0, 0, fmt.Errorf("%w: offset %d outside %s", ErrBadObject, off, p.name)
	}
	b := p.pack[off:]
	c := b[0]
	typ = int(c>>4) & 7
	size = int(c & 15)
	shift := 4
	i := 1
	for c&0x80 != 0 {
		if i >= len(b) || shift > 56 {
			return 0, 0, 0, fmt.Errorf("%w: bad object header at %d of %s", ErrBadObject, off, p.name)
		}
		c = b[i]
		size |= int(c&0x7f) << shift
		shift += 7
		i++
	}
	if size < 0 {
		return 0, 0, 0, fmt.Errorf("%w: bad object size at %d of %s", ErrBadObject, off, p.name)
	}
	if size > maxPackObject {
		return 0, 0, 0, fmt.Errorf("%w: object at %d of %s is %d bytes", errPackUnsupported, off, p.name, size)
	}
	return typ, size, off + int64(i), nil
}

// inflate fills out with the zlib stream at pos in p, which must hold
// exactly len(out) bytes.
func (r *packReader) inflate(p *packFile, pos int64, out []byte) error {
	r.src.Reset(p.pack[pos:])
	var err error
	if r.zr == nil {
		r.zr, err = zlib.NewReader(&r.src)
	} else {
		err = r.zr.(zlib.Resetter).Reset(&r.src, nil)
	}
	if err == nil {
		_, err = io.ReadFull(r.zr, out)
	}
	if err == nil {
		// The stream must end here, its checksum right: a damaged
		// object can still inflate to the announced size.
		var one [1]byte
		if n, end := r.zr.Read(one[:]); n != 0 {
			err = errors.New("longer than its header says")
		} else if end != io.EOF {
			err = end
		}
	}
	if err != nil {
		return fmt.Errorf("%w: inflate object at %d of %s: %v", ErrBadObject, pos, p.name, err)
	}
	r.touched += int64(len(p.pack)-int(pos)-r.src.Len()) + faultAround
	if r.touched > releaseAfter {
		r.touched = 0
		for _, p := range r.packs {
			releasePages(p.pack)
		}
	}
	return nil
}

// link is one delta of a chain being resolved.
type link struct {
	p   *packFile
	off int64
	pos int64 // where its zlib stream starts
	n   int   // its inflated size
}

// undelta rebuilds the deltified blob at off in p: it walks down the
// chain to a base it has (cached, or whole in a pack), then applies the
// deltas back up, keeping the intermediate results as bases for what
// follows (the next older version of a file is usually the next delta
// down the same chain).
func (r *packReader) undelta(p *packFile, off int64, alloc func(int) []byte) ([]byte, error) {
	var chain []link
	var base []byte
	spare := false // base is in no cache and can be reused once applied
	for {
		if b, ok := r.cache.get(p, off); ok && len(chain) > 0 {
			base = b
			break
		}
		typ, size, pos, err := p.header(off)
		if err != nil {
			return nil, err
		}
		switch typ {
		case objBlob:
			if len(chain) == 0 {
				return nil, fmt.Errorf("%w: object at %d of %s", ErrBadObject, off, p.name)
			}
			base = r.cache.buffer(size)
			if err := r.inflate(p, pos, base); err != nil {
				return nil, err
			}
			spare = !r.cache.put(p, off, base)
		case objOfsDelta:
			b := p.pack[pos:]
			c := b[0]
			d := int64(c & 0x7f)
			i := 1
			for c&0x80 != 0 {
				if i >= len(b) || i > 9 {
					return nil, fmt.Errorf("%w: bad delta offset at %d of %s", ErrBadObject, off, p.name)
				}
				c = b[i]
				d = (d+1)<<7 | int64(c&0x7f)
				i++
			}
			chain = append(chain, link{p: p, off: off, pos: pos + int64(i), n: size})
			if d <= 0 || d > off {
				return nil, fmt.Errorf("%w: bad delta offset at %d of %s", ErrBadObject, off, p.name)
			}
			off -= d
		case objRefDelta:
			if pos+20 > int64(len(p.pack)) {
				return nil, fmt.Errorf("%w: bad delta at %d of %s", ErrBadObject, off, p.name)
			}
			var bh plumbing.Hash
			copy(bh[:], p.pack[pos:pos+20])
			chain = append(chain, link{p: p, off: off, pos: pos + 20, n: size})
			found := false
			for _, q := range r.packs {
				if o, ok := q.find(bh); ok {
					p, off, found = q, o, true
					break
				}
			}
			if !found {
				// A base stored loose (a thin pack completed by hand).
				b, err := r.readLoose(bh, func(n int) []byte { return make([]byte, n) })
				if err != nil {
					return nil, err
				}
				base = b
			}
		default:
			return nil, fmt.Errorf("%w: object at %d of %s is of type %d, not a blob", ErrBadObject, off, p.name, typ)
		}
		if base != nil {
			break
		}
		if len(chain) > 10000 {
			return nil, fmt.Errorf("%w: delta chain too long at %d of %s", ErrBadObject, off, p.name)
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		l := chain[i]
		if cap(r.delta) < l.n {
			r.delta = make([]byte, l.n)
		}
		d := r.delta[:l.n]
		if err := r.inflate(l.p, l.pos, d); err != nil {
			return nil, err
		}
		src, rest, ok := deltaSize(d)
		if !ok || src != len(base) {
			return nil, fmt.Errorf("%w: delta at %d of %s does not fit its base", ErrBadObject, l.off, l.p.name)
		}
		dst, rest, ok := deltaSize(rest)
		if !ok {
			return nil, fmt.Errorf("%w: bad delta at %d of %s", ErrBadObject, l.off, l.p.name)
		}
		if dst > maxPackObject {
			return nil, fmt.Errorf("%w: delta at %d of %s makes %d bytes", errPackUnsupported, l.off, l.p.name, dst)
		}
		var out []byte
		if i == 0 {
			out = alloc(dst)
		} else {
			out = r.cache.buffer(dst)
		}
		r.rebuilt += int64(dst)
		if err := applyDelta(out, base, rest); err != nil {
			return nil, fmt.Errorf("%w: delta at %d of %s: %v", ErrBadObject, l.off, l.p.name, err)
		}
		if spare {
			r.cache.recycle(base)
		}
		base, spare = out, i > 0 && !r.cache.put(l.p, l.off, out)
	}
	return base, nil
}

// deltaSize reads a size at the start of a delta.
func deltaSize(d []byte) (int, []byte, bool) {
	n, shift := 0, 0
	for i, c := range d {
		n |= int(c&0x7f) << shift
		if c&0x80 == 0 {
			return n, d[i+1:], n >= 0
		}
		shift += 7
		if shift > 56 {
			break
		}
	}
	return 0, nil, false
}

// applyDelta writes into out (of the delta's result size) the copies
// from base and the inserts the instructions in d describe.
func applyDelta(out, base, d []byte) error {
	w := 0
	for i := 0; i < len(d); {
		c := d[i]
		i++
		switch {
		case c&0x80 != 0:
			// Bits 0-3 say which bytes of the offset follow, bits 4-6
			// which of the size, low byte first.
			var v [2]int // offset, size
			for bit := 0; bit < 7; bit++ {
				if c&(1<<bit) != 0 {
					if i >= len(d) {
						return errors.New("truncated copy")
					}
					v[bit/4] |= int(d[i]) << (8 * (bit % 4))
					i++
				}
			}
			off, n := v[0], v[1]
			if n == 0 {
				n = 0x10000
			}
			if off+n > len(base) || w+n > len(out) {
				return errors.New("copy out of bounds")
			}
			copy(out[w:], base[off:off+n])
			w += n
		case c != 0:
			n := int(c)
			if i+n > len(d) || w+n > len(out) {
				return errors.New("insert out of bounds")
			}
			copy(out[w:], d[i:i+n])
			w += n
			i += n
		default:
			return errors.New("reserved instruction")
		}
	}
	if w != len(out) {
		return errors.New("result shorter than announced")
	}
	return nil
}

// readLoose reads blob h from a loose object file.
func (r *packReader) readLoose(h plumbing.Hash, alloc func(int) []byte) ([]byte, error) {
	hex := h.String()
	for _, dir := range r.dirs {
		raw, err := os.ReadFile(filepath.Join(dir, hex[:2], hex[2:]))
		if err != nil {
			continue
		}
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("read blob %s: %w: %v", h, ErrBadObject, err)
		}
		var hdr [32]byte
		n, _ := io.ReadFull(zr, hdr[:])
		head, after, ok := bytes.Cut(hdr[:n], []byte{0})
		typ, num, ok2 := bytes.Cut(head, []byte{' '})
		size, err := strconv.Atoi(string(num))
		if !ok || !ok2 || err != nil || size < 0 || size > maxPackObject || string(typ) != "blob" {
			return nil, fmt.Errorf("read blob %s: %w: bad loose object header", h, ErrBadObject)
		}
		out := alloc(size)
		k := copy(out, after)
		if _, err := io.ReadFull(zr, out[k:]); err != nil || k < len(after) {
			return nil, fmt.Errorf("read blob %s: %w: loose object shorter than its header says", h, ErrBadObject)
		}
		var one [1]byte
		if n, err := zr.Read(one[:]); n != 0 || err != io.EOF {
			return nil, fmt.Errorf("read blob %s: %w: loose object longer than its header says or damaged", h, ErrBadObject)
		}
		return out, nil
	}
	return nil, fmt.Errorf("read blob %s: %w", h, errPackUnsupported)
}

// baseCache keeps recently rebuilt delta bases, least recently used
// first out, up to a number of bytes. The buffers of those it drops are
// used again for the next ones (a history rebuilds some hundred times
// more bytes than the cache holds).
type baseCache struct {
	limit, size int
	order       *list.List
	at          map[baseKey]*list.Element
	free        [maxRecycledClass + 1][][]byte // by size class, see buffer
	freeSize    int                            // bytes in free
}

// buffer returns a buffer of length n, one dropped from the cache when
// one of its size class is at hand. Sizes up to 1 MiB are rounded up to a
// power of two, so that a buffer fits the versions of other files too;
// larger ones are left to the collector.
func (c *baseCache) buffer(n int) []byte {
	class := max(bits.Len(uint(n-1)), minBufferClass)
	if class <= maxRecycledClass {
		if l := len(c.free[class]); l > 0 {
			b := c.free[class][l-1]
			c.free[class] = c.free[class][:l-1]
			c.freeSize -= cap(b)
			return b[:n]
		}
		return make([]byte, n, 1<<class)
	}
	return make([]byte, n)
}

type baseKey struct {
	p   *packFile
	off int64
}

type baseEntry struct {
	key  baseKey
	data []byte
}

func (c *baseCache) init(limit int) {
	c.limit, c.order, c.at = limit, list.New(), map[baseKey]*list.Element{}
}

func (c *baseCache) get(p *packFile, off int64) ([]byte, bool) {
	e, ok := c.at[baseKey{p, off}]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*baseEntry).data, true
}

// put keeps data as the object at off in p, and reports whether it did:
// if not, data is still the caller's.
func (c *baseCache) put(p *packFile, off int64, data []byte) bool {
	k := baseKey{p, off}
	// Room for four objects the size of this one: the versions of a
	// large file are rebuilt from one another, oldest asked first, so
	// without a few of them kept each would be rebuilt from the far end
	// of its chain. The room shrinks back with the next small object.
	room := min(max(c.limit, 4*cap(data)), baseCacheMax)
	if _, ok := c.at[k]; ok || cap(data) > room/4 {
		return false
	}
	c.at[k] = c.order.PushFront(&baseEntry{key: k, data: data})
	c.size += cap(data)
	for c.size > room {
		e := c.order.Back()
		be := e.Value.(*baseEntry)
		c.order.Remove(e)
		delete(c.at, be.key)
		c.size -= cap(be.data)
		c.recycle(be.data)
	}
	return true
}

// recycle keeps b for buffer, up to the cache's size in all: past it,
// buffers of the class holding the most bytes are dropped (they belong to
// files read earlier).
func (c *baseCache) recycle(b []byte) {
	n := cap(b)
	class := bits.Len(uint(n)) - 1
	if n == 0 || n&(n-1) != 0 || n > c.limit || class > maxRecycledClass {
		return // not made by buffer, or too large to keep
	}
	for c.freeSize+n > c.limit {
		most := 0
		for i := range c.free {
			if len(c.free[i])<<i > len(c.free[most])<<most {
				most = i
			}
		}
		l := len(c.free[most]) - 1
		c.free[most][l] = nil
		c.free[most] = c.free[most][:l]
		c.freeSize -= 1 << most
	}
	c.free[class] = append(c.free[class], b)
	c.freeSize += n
}

// maxRecycledClass is the largest size class buffer rounds to: 16 MiB.
const maxRecycledClass = 24
