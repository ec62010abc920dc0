//go:build unix

package scanner

import (
	"runtime"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// newTransitionTable returns n zero cells for k's transitions. The table
// is sized for every state and class but filled only where scans go, so
// it is mapped outside the Go heap: untouched pages cost no memory, and
// its size does not count towards the heap the collector lets grow
// (the default rules' table is 20 MB, of which a scan touches a few).
// The mapping is released when k is no longer reachable.
func newTransitionTable(k *keywordIndex, n int) []atomic.Uint32 {
	size := n * int(unsafe.Sizeof(atomic.Uint32{}))
	if size < 1<<20 {
		return make([]atomic.Uint32, n)
	}
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return make([]atomic.Uint32, n)
	}
	runtime.AddCleanup(k, func(mem []byte) { _ = syscall.Munmap(mem) }, mem)
	return unsafe.Slice((*atomic.Uint32)(unsafe.Pointer(unsafe.SliceData(mem))), n)
}
