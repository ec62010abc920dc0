package source

import (
	"bytes"
	"sync"
)

// syncBuffer is a bytes.Buffer a child process's output is copied into by
// os/exec's goroutine while the reading goroutine may look at it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
