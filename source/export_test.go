package source

import (
	"context"

	"github.com/go-git/go-git/v5/plumbing"
)

// ReadPacked reads the blobs of want, in order, from the packs and loose
// objects of the object directories dirs, as the history scan's git
// reader does before it asks git.
func ReadPacked(dirs []string, want []plumbing.Hash) ([][]byte, error) {
	out, _, err := ReadPackedWork(dirs, want, 0)
	return out, err
}

// ReadPackedWork is ReadPacked with the delta base cache's size set
// (when positive); rebuilt is how many bytes the deltas produced.
func ReadPackedWork(dirs []string, want []plumbing.Hash, cacheLimit int) (out [][]byte, rebuilt int64, err error) {
	r, err := openPackReader(dirs)
	if err != nil {
		return nil, 0, err
	}
	defer r.close()
	if cacheLimit > 0 {
		r.cache.limit = cacheLimit
	}
	for _, h := range want {
		data, err := r.read(h, func(n int) []byte { return make([]byte, n) })
		if err != nil {
			return out, r.rebuilt, err
		}
		out = append(out, data)
	}
	return out, r.rebuilt, nil
}

// ReadPackedParallel reads want as a whole-history scan does, with
// workers readers, and returns the contents in want's order.
func ReadPackedParallel(dirs []string, want []plumbing.Hash, workers int) ([][]byte, error) {
	r, err := openPackReader(dirs)
	if err != nil {
		return nil, err
	}
	defer r.close()
	var out [][]byte
	err = r.readAll(context.Background(), want, workers, func(plumbing.Hash) int64 { return 1 << 10 }, func(plumbing.Hash) bool { return false },
		func(n int) []byte { return make([]byte, n) },
		func(h plumbing.Hash, data []byte, err error) error {
			if err != nil {
				return err
			}
			out = append(out, data)
			return nil
		})
	return out, err
}

// SetPackReaders sets how many goroutines read packs in a whole-history
// scan, until restore is called.
func SetPackReaders(n int) (restore func()) {
	old := packReaders.Swap(int32(n))
	return func() { packReaders.Store(old) }
}

// SetPackChunk sets how many blobs a pack reader takes at once. Not safe
// while a scan runs.
func SetPackChunk(n int) (restore func()) {
	old := packChunkBlobs
	packChunkBlobs = n
	return func() { packChunkBlobs = old }
}
