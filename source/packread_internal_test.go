package source

import (
	"bytes"
	"compress/zlib"
	"testing"
)

func FuzzApplyDelta(f *testing.F) {
	f.Add([]byte("hello world"), []byte{11, 5, 0x91, 0, 5})
	f.Add([]byte("abc"), []byte{3, 4, 0x90, 3, 1, 'd'})
	f.Add([]byte(""), []byte{0, 2, 2, 'h', 'i'})
	f.Fuzz(func(t *testing.T, base, delta []byte) {
		src, rest, ok := deltaSize(delta)
		if !ok || src != len(base) {
			return
		}
		dst, rest, ok := deltaSize(rest)
		if !ok || dst > 1<<20 {
			return
		}
		out := make([]byte, dst)
		if err := applyDelta(out, base, rest); err == nil && len(out) != dst {
			t.Fatalf("result of %d bytes, want %d", len(out), dst)
		}
	})
}

// FuzzPackObject reads the object at each offset of a made-up pack: a
// damaged header, stream or delta must be an error, never a panic (read
// recovers from one, but a panic would mean a bounds check missed), and
// no size a header claims may be allocated past maxPackObject.
func FuzzPackObject(f *testing.F) {
	defer func(old int) { maxPackObject = old }(maxPackObject)
	maxPackObject = 1 << 20
	// A blob, then an offset delta on it that copies it and adds "!".
	blob := packObject(objBlob, []byte("hi\n"), nil)
	delta := packObject(objOfsDelta, []byte{3, 4, 0x90, 3, 1, '!'}, []byte{byte(len(blob))})
	f.Add(blob)
	f.Add(append(append([]byte{}, blob...), delta...))
	f.Add([]byte{0x70})
	f.Fuzz(func(t *testing.T, objects []byte) {
		pack := append(append([]byte("PACK\x00\x00\x00\x02\x00\x00\x00\x02"), objects...), make([]byte, 20)...)
		p := &packFile{name: "fuzz.pack", pack: pack}
		r := &packReader{}
		r.cache.init(1 << 10)
		alloc := func(n int) []byte {
			if n > maxPackObject {
				t.Fatalf("asked for %d bytes, more than the %d an object may have", n, maxPackObject)
			}
			return make([]byte, n)
		}
		for off := int64(12); off < int64(12+len(objects)); off++ {
			_, _ = r.readPacked(p, off, alloc)
		}
	})
}

// packObject encodes one object as a pack stores it: the header, what an
// offset delta adds (pre), the zlib stream.
func packObject(typ int, data, pre []byte) []byte {
	n := len(data)
	out := []byte{byte(typ<<4 | n&15)}
	for n >>= 4; n > 0; n >>= 7 {
		out[len(out)-1] |= 0x80
		out = append(out, byte(n&0x7f))
	}
	out = append(out, pre...)
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	_, _ = w.Write(data)
	_ = w.Close()
	return append(out, z.Bytes()...)
}

func TestPackObjectSeeds(t *testing.T) {
	blob := packObject(objBlob, []byte("hi\n"), nil)
	objects := append(append([]byte{}, blob...), packObject(objOfsDelta, []byte{3, 4, 0x90, 3, 1, '!'}, []byte{byte(len(blob))})...)
	pack := append(append([]byte("PACK\x00\x00\x00\x02\x00\x00\x00\x02"), objects...), make([]byte, 20)...)
	r := &packReader{}
	r.cache.init(1 << 10)
	alloc := func(n int) []byte { return make([]byte, n) }
	p := &packFile{name: "seed.pack", pack: pack}
	if got, err := r.readPacked(p, 12, alloc); err != nil || string(got) != "hi\n" {
		t.Fatalf("blob: %q, %v", got, err)
	}
	if got, err := r.readPacked(p, 12+int64(len(blob)), alloc); err != nil || string(got) != "hi\n!" {
		t.Fatalf("delta: %q, %v", got, err)
	}
}
