package source

import (
	"io"
	"syscall"

	"golang.org/x/sys/unix"
)

// growPipe enlarges the pipe git writes blob contents into: with the
// default 64 KiB, moving gigabytes costs a context switch every few
// objects. Failure (an old kernel, a lower pipe-max-size) is harmless.
func growPipe(r io.Reader) {
	sc, ok := r.(syscall.Conn)
	if !ok {
		return
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return
	}
	_ = raw.Control(func(fd uintptr) {
		_, _ = unix.FcntlInt(fd, unix.F_SETPIPE_SZ, 1<<20)
	})
}
