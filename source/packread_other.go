//go:build !unix

package source

// mapFile is not available here: git reads the packs.
func mapFile(string) ([]byte, func(), error) { return nil, nil, errPackUnsupported }

func releasePages([]byte) {}
