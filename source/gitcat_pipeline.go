package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// readBlobs reads many blobs through the running cat-file with the
// requests sent ahead of the answers, so git never waits for hookscan to
// ask for the next one: a range of a hundred commits reads about a
// thousand blobs, one round trip each otherwise. Blobs larger than maxSize
// (when positive) are delivered skipped, their content read past; those
// larger than streamAbove as streams. A blob
// git does not have is delivered with its error. When emit returns an
// error the answers still on the way cannot be told apart any more, so
// the process is not used again.
func (c *catFileObjects) readBlobs(ctx context.Context, want []plumbing.Hash, maxSize int64, alloc func(int) []byte, emit func(blobRead) error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return c.err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The requests go from their own goroutine: git answers while they
	// are written, and both pipes would fill if one goroutine did both.
	sent := make(chan error, 1)
	go func() {
		w := bufio.NewWriterSize(c.stdin, 32<<10)
		for _, h := range want {
			if ctx.Err() != nil {
				break
			}
			if _, err := w.WriteString(h.String() + "\n"); err != nil {
				sent <- err
				return
			}
		}
		sent <- w.Flush()
	}()
	stop := func(err error) {
		if msg := gitFirstLine(c.stderr.String()); msg != "" {
			err = fmt.Errorf("%w: %s", err, msg)
		}
		c.err = fmt.Errorf("read blobs with git cat-file: %w", err)
		c.cancel() // the writer may be blocked on a pipe git no longer reads
	}
	// When git stops answering (a broken pack), the blobs not read yet
	// are each reported unreadable, as reading them one by one would.
	var i int
	fail := func(err error) error {
		stop(err)
		for _, h := range want[i:] {
			if err := emit(blobRead{hash: h, err: missingErr("read blob", h, c.err)}); err != nil {
				return err
			}
		}
		return nil
	}
	for ; i < len(want); i++ {
		h := want[i]
		header, err := c.out.ReadString('\n')
		if err != nil {
			return fail(err)
		}
		fields := strings.Fields(header)
		if len(fields) == 2 && fields[1] == "missing" && fields[0] == h.String() {
			if err := emit(blobRead{hash: h, err: missingErr("read blob", h, plumbing.ErrObjectNotFound)}); err != nil {
				stop(err)
				return err
			}
			continue
		}
		if len(fields) != 3 || fields[0] != h.String() {
			return fail(fmt.Errorf("unexpected output %q", strings.TrimSpace(header)))
		}
		size, err := strconv.ParseInt(fields[2], 10, 64)
		if err != nil || size < 0 {
			return fail(fmt.Errorf("unexpected output %q", strings.TrimSpace(header)))
		}
		br := blobRead{hash: h, size: size}
		switch {
		case fields[1] != "blob":
			// As go-git says it: an object of another type is not the
			// blob asked for.
			br.err = missingErr("read blob", h, plumbing.ErrObjectNotFound)
			_, err = c.out.Discard(int(size))
		case maxSize > 0 && size > maxSize:
			br.skipped = true
			_, err = c.out.Discard(int(size))
		case c.streamAbove > 0 && size > c.streamAbove:
			// Scanned as it comes out of git, never held whole.
			content := &sizedReader{r: c.out, left: size}
			br.stream = content
			if err := emit(br); err != nil {
				stop(err) // the rest of the blob is still on the way
				return err
			}
			_, err = io.Copy(io.Discard, content)
			if err == nil {
				if b, rerr := c.out.ReadByte(); rerr != nil || b != '\n' {
					err = errors.New("missing newline after object")
				}
			}
			if err != nil {
				i++ // delivered: not reported again
				return fail(err)
			}
			continue
		default:
			br.data = alloc(int(size))
			_, err = io.ReadFull(c.out, br.data)
		}
		if err != nil {
			return fail(err)
		}
		if b, err := c.out.ReadByte(); err != nil || b != '\n' {
			return fail(errors.New("missing newline after object"))
		}
		if err := emit(br); err != nil {
			if i < len(want)-1 {
				stop(err)
			}
			return err
		}
	}
	if err := <-sent; err != nil {
		stop(err)
	}
	return nil
}
