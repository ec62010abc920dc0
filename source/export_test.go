package source

import "github.com/go-git/go-git/v5/plumbing"

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
