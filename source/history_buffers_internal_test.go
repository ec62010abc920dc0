package source

import "testing"

func TestBlobBuffers(t *testing.T) {
	var b blobBuffers
	small := b.get(5000) // class 13: 8 KiB
	if len(small) != 5000 || cap(small) != 8<<10 {
		t.Fatalf("get(5000): len %d cap %d, want 5000 and 8192", len(small), cap(small))
	}
	big := b.get(100 << 10) // 128 KiB
	b.put(big)
	b.put(small)
	if b.bytes != 136<<10 {
		t.Fatalf("%d bytes free, want %d", b.bytes, 136<<10)
	}
	// The smallest free buffer large enough is handed out again.
	if got := b.get(3000); &got[:1][0] != &small[:1][0] || len(got) != 3000 {
		t.Fatalf("get(3000) did not reuse the 8 KiB buffer")
	}
	if got := b.get(6000); &got[:1][0] != &big[:1][0] {
		t.Fatalf("get(6000) did not take the free 128 KiB buffer")
	}
	if b.bytes != 0 {
		t.Fatalf("%d bytes free, want 0", b.bytes)
	}
	// Buffers that are not the pool's are not kept; nor any past the bound.
	b.put(make([]byte, 10, 5000))
	for range maxFreeBuffers/(1<<20) + 3 {
		b.put(make([]byte, 0, 1<<20))
	}
	if b.bytes != maxFreeBuffers {
		t.Fatalf("%d bytes free, want the bound %d", b.bytes, maxFreeBuffers)
	}
}
