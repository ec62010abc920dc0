package source

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/go-git/go-git/v5/plumbing"
)

// packReaders is how many goroutines read packs in a whole-history scan;
// 0 means half the processors (see readerCount). Tests set it.
var packReaders atomic.Int32

// readerCount returns how many goroutines read blobs from the packs.
// Inflating is about half of a whole-history scan's work: with one
// reader the scanners waited on it past two or three processors. With
// two processors one reader keeps both busy, and a second would only take
// time from the scanners.
func readerCount() int {
	if n := packReaders.Load(); n > 0 {
		return int(n)
	}
	return min(max(runtime.GOMAXPROCS(0)/2, 1), 8)
}

// Chunks of the list a reader takes at once: consecutive blobs, so that
// the versions of a file, which rebuild one another, are mostly read by
// the same reader, bounded in bytes so that the chunks in flight hold
// little memory.
var packChunkBlobs = 64 // tests make it smaller

const packChunkBytes = 4 << 20

// packChunk is a run of the list read by one reader.
type packChunk struct {
	start, end int
	data       [][]byte
	errs       []error
	done       chan struct{}
}

// readAll reads every blob of list and calls deliver for each, in list's
// order, with its content or the error that leaves it to git. skip
// names blobs not to read (deliver gets them with errPackUnsupported).
// With workers > 1, forks of r read chunks of the list at once; size
// gives a blob's size for cutting the chunks (0 when unknown).
func (r *packReader) readAll(ctx context.Context, list []plumbing.Hash, workers int, size func(plumbing.Hash) int64, skip func(plumbing.Hash) bool, alloc func(int) []byte, deliver func(h plumbing.Hash, data []byte, err error) error) error {
	readOne := func(rr *packReader, h plumbing.Hash) ([]byte, error) {
		if skip(h) {
			return nil, errPackUnsupported
		}
		return rr.read(h, alloc)
	}
	if workers <= 1 || len(list) <= packChunkBlobs {
		for i, h := range list {
			if i%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			data, err := readOne(r, h)
			if err := deliver(h, data, err); err != nil {
				return err
			}
		}
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The chunks go to the readers in order through work, and to the
	// delivery in the same order through queue; a chunk is delivered
	// once done. queue bounds the chunks in flight.
	work := make(chan *packChunk, workers)
	queue := make(chan *packChunk, 2*workers)
	var wg sync.WaitGroup
	for w := range workers {
		rr := r
		if w > 0 {
			rr = r.fork()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range work {
				for i := c.start; i < c.end && ctx.Err() == nil; i++ {
					data, err := readOne(rr, list[i])
					c.data, c.errs = append(c.data, data), append(c.errs, err)
				}
				close(c.done)
			}
		}()
	}
	go func() {
		defer close(work)
		defer close(queue)
		for start := 0; start < len(list); {
			end, bytes := start, int64(0)
			for end < len(list) && end-start < packChunkBlobs && bytes < packChunkBytes {
				bytes += size(list[end])
				end++
			}
			c := &packChunk{start: start, end: end, done: make(chan struct{})}
			start = end
			select {
			case queue <- c:
			case <-ctx.Done():
				return
			}
			select {
			case work <- c:
			case <-ctx.Done():
				close(c.done) // queued but never read
				return
			}
		}
	}()
	var err error
	for c := range queue {
		<-c.done
		if err != nil {
			continue // stopping: drain what is in flight
		}
		for j, data := range c.data {
			if e := deliver(list[c.start+j], data, c.errs[j]); e != nil {
				err = e
				cancel()
				break
			}
		}
		if err == nil && len(c.data) < c.end-c.start {
			err = ctx.Err() // the readers stopped early
		}
	}
	wg.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return err
}

// fork returns a reader of the same packs with a cache, inflater and
// buffers of its own, for another goroutine. Only r closes the packs.
func (r *packReader) fork() *packReader {
	f := &packReader{packs: r.packs, dirs: r.dirs}
	f.cache.init(r.cache.limit)
	return f
}
