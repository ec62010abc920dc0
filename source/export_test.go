package source

import "github.com/go-git/go-git/v5/plumbing"

// ReadPacked reads the blobs of want, in order, from the packs and loose
// objects of the object directories dirs, as the history scan's git
// reader does before it asks git.
func ReadPacked(dirs []string, want []plumbing.Hash) ([][]byte, error) {
	r, err := openPackReader(dirs)
	if err != nil {
		return nil, err
	}
	defer r.close()
	var out [][]byte
	for _, h := range want {
		data, err := r.read(h, func(n int) []byte { return make([]byte, n) })
		if err != nil {
			return out, err
		}
		out = append(out, data)
	}
	return out, nil
}
