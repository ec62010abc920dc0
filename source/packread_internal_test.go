package source

import "testing"

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
