//go:build !unix

package scanner

import "sync/atomic"

// newTransitionTable returns n zero cells for k's transitions.
func newTransitionTable(_ *keywordIndex, n int) []atomic.Uint32 {
	return make([]atomic.Uint32, n)
}
