package scanner

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"errors"
	"sync"
)

// The trie of the default rules' literals is kept in the binary
// (trie.bin): building it is half of what compiling the rules costs,
// some 6 ms at every start, a tenth of a pre-commit check of one file.
// finish takes it when the literals are exactly those it was built from
// (same literals, same order, same case folding), which a user's rules
// or options change; otherwise it builds the trie. TestTrieCache fails
// when the file is stale; `make readme` rewrites it.
//
//go:embed trie.bin
var trieCacheData []byte

// trieCache decodes trieCacheData once, when first asked.
var trieCache = &trieFile{data: trieCacheData}

type trieFile struct {
	data []byte
	once sync.Once
	key  [32]byte
	k    *keywordIndex // nil when the file is unreadable
}

// trieMagic starts the file; its last byte is the format's version.
const trieMagic = "HSTRIE1"

// key identifies the builder's literals: a SHA-256 of the case folding
// and the literals in the order they were added.
func (b *keywordBuilder) key() [32]byte {
	h := sha256.New()
	var n [4]byte
	if b.fold {
		h.Write([]byte{1})
	} else {
		h.Write([]byte{0})
	}
	for _, l := range b.lits {
		binary.LittleEndian.PutUint32(n[:], uint32(len(l)))
		h.Write(n[:])
		h.Write([]byte(l))
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// load returns a copy of the cached trie when it was built from the
// literals key names, or nil. The arrays are shared: the trie is never
// changed once built.
func (f *trieFile) load(key [32]byte) *keywordIndex {
	f.once.Do(func() {
		k, fk, err := decodeTrie(f.data)
		if err == nil {
			f.k, f.key = k, fk
		}
	})
	if f.k == nil || f.key != key {
		return nil
	}
	c := f.k
	return &keywordIndex{classes: c.classes, stride2: c.stride2, maxLen: c.maxLen,
		parent: c.parent, label: c.label, child: c.child, sibling: c.sibling, own: c.own}
}

// encodeTrie writes k's trie and key.
func encodeTrie(k *keywordIndex) []byte {
	var b bytes.Buffer
	b.WriteString(trieMagic)
	b.Write(k.key[:])
	b.Write(k.classes[:])
	b.WriteByte(byte(k.stride2))
	put := func(v int32) { _ = binary.Write(&b, binary.LittleEndian, v) }
	put(k.maxLen)
	put(int32(len(k.parent)))
	for _, a := range [][]int32{k.parent, k.child, k.sibling, k.own} {
		for _, v := range a {
			put(v)
		}
	}
	b.Write(k.label)
	return b.Bytes()
}

// decodeTrie reads what encodeTrie wrote.
func decodeTrie(data []byte) (*keywordIndex, [32]byte, error) {
	var key [32]byte
	bad := errors.New("trie cache: malformed")
	if !bytes.HasPrefix(data, []byte(trieMagic)) {
		return nil, key, bad
	}
	p := data[len(trieMagic):]
	if len(p) < 32+256+1+8 {
		return nil, key, bad
	}
	k := &keywordIndex{}
	copy(key[:], p)
	p = p[32:]
	copy(k.classes[:], p)
	p = p[256:]
	k.stride2 = uint(p[0])
	p = p[1:]
	k.maxLen = int32(binary.LittleEndian.Uint32(p))
	n := int(binary.LittleEndian.Uint32(p[4:]))
	p = p[8:]
	if n < 2 || len(p) != 17*n {
		return nil, key, bad
	}
	arrays := make([]int32, 4*n)
	for i := range arrays {
		arrays[i] = int32(binary.LittleEndian.Uint32(p[4*i:]))
	}
	k.parent, k.child, k.sibling, k.own = arrays[:n:n], arrays[n:2*n:2*n], arrays[2*n:3*n:3*n], arrays[3*n:]
	k.label = bytes.Clone(p[16*n:])
	return k, key, nil
}
