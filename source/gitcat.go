package source

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
)

// catFileBlobs reads blobs from the packs itself (packReader) and
// through `git cat-file --batch` what that cannot read; git inflates
// objects about twice as fast as go-git. The object list with sizes comes
// from one `--batch-all-objects --batch-check --unordered` run, started as
// soon as the backend is made so that it overlaps the commit and tree walk;
// its order is the packs' order, which keeps git's delta-base cache warm.
// Unless the list must name the blobs (typed), it leaves out the objects'
// types: git finds a deltified object's type only at the end of its delta
// chain, which made the listing of terraform's store cost 3.7 CPU-s
// instead of 1.5. Only the sizes of blobs the walk names are then asked.
type catFileBlobs struct {
	git    string
	gitDir string
	// fallback reads what git cannot (it stops at a broken object).
	fallback *gogitBlobs

	listed chan struct{} // closed when the listing is done
	// typed is set when the listing holds blobs only, with order, their
	// listing order; otherwise sizes holds every object and order is nil
	// (the history scan asks for its own order; 542,000 objects of
	// terraform's cost 11 MB more and a tenth of a second).
	typed bool
	order []plumbing.Hash
	sizes map[plumbing.Hash]int64
	// corrupt holds the objects the listing found in the store but
	// could not read ("<oid> missing" from --batch-all-objects, which
	// lists only what is there): damaged, not missing.
	corrupt map[plumbing.Hash]bool
	err     error

	// cancel stops the listing.
	cancel context.CancelFunc
	// next is the cat-file the first batch uses, started with the
	// listing so that its start-up overlaps the walk; nil once taken.
	next *batchProcess
	// packs reads blobs from the packs without git, nil where it cannot
	// (see packReader).
	packs *packReader
}

// newCatFileBlobs starts listing the repository's objects (its blobs only
// when typed is set, as allBlobs needs). It fails when the git binary is
// missing.
func newCatFileBlobs(ctx context.Context, r *gitRepo, typed bool) (*catFileBlobs, error) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		return nil, fmt.Errorf("find git: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	b := &catFileBlobs{git: gitBin, gitDir: r.gitDir, fallback: &gogitBlobs{r: r}, listed: make(chan struct{}), typed: typed, cancel: cancel}
	format := "--batch-check=%(objectname) %(objectsize)"
	if typed {
		format = "--batch-check=%(objectname) %(objecttype) %(objectsize)"
	}
	cmd := b.command(ctx, "cat-file", "--batch-all-objects", format, "--unordered")
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, fmt.Errorf("run git cat-file: %w", err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("run git cat-file: %w", err)
	}
	go func() {
		defer close(b.listed)
		b.sizes = map[plumbing.Hash]int64{}
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Bytes()
			// "<oid> <type> <size>", or "<oid> <size>"
			if len(line) < 41 || line[40] != ' ' {
				continue
			}
			size := line[41:]
			if string(size) == "missing" {
				if b.corrupt == nil {
					b.corrupt = map[plumbing.Hash]bool{}
				}
				b.corrupt[plumbing.NewHash(string(line[:40]))] = true
				continue
			}
			if typed {
				typ, sz, ok := bytes.Cut(size, []byte{' '})
				if !ok || string(typ) != "blob" {
					continue
				}
				size = sz
			}
			n, err := strconv.ParseInt(string(size), 10, 64)
			if err != nil {
				continue
			}
			h := plumbing.NewHash(string(line[:40]))
			had := len(b.sizes)
			b.sizes[h] = n
			if len(b.sizes) == had {
				continue // in two packs: listed twice
			}
			if typed {
				b.order = append(b.order, h)
			}
		}
		_, _ = io.Copy(io.Discard, out)
		if err := cmd.Wait(); err != nil {
			b.err = fmt.Errorf("list objects with git cat-file in %s: %w: %s", b.gitDir, err, gitFirstLine(stderr.String()))
		}
	}()
	b.packs, _ = openPackReader(r.objectDirs)
	if b.packs == nil {
		b.next, _ = b.startBatch(ctx) // if it fails, batch tries again and says why
	}
	return b, nil
}

func (b *catFileBlobs) name() string { return BackendGit }
func (b *catFileBlobs) close() {
	b.cancel()
	if b.next != nil {
		_ = b.next.cmd.Wait()
	}
	if b.packs != nil {
		b.packs.close()
	}
}

// command runs git on the repository, with the environment a hook may
// have set (GIT_DIR, GIT_INDEX_FILE...) removed so that git reads exactly
// the repository go-git reads.
func (b *catFileBlobs) command(ctx context.Context, args ...string) *exec.Cmd {
	return gitCommand(ctx, b.git, b.gitDir, args...)
}

// streamConfig is the git option that makes cat-file stream a packed
// blob larger than streamAbove (when positive) to its output, as it does
// a loose one, rather than inflate it whole into its own memory first
// (git does so only past core.bigFileThreshold, 512 MiB by default; a
// blob stored as a delta is still rebuilt whole).
func streamConfig(streamAbove int64) []string {
	if streamAbove <= 0 {
		return nil
	}
	return []string{"-c", "core.bigFileThreshold=" + strconv.FormatInt(streamAbove, 10)}
}

// gitCommand runs the git binary on the repository at gitDir, without the
// variables a hook may have set (see catFileBlobs.command).
//
// git maps packs in windows of up to 1 GiB and keeps up to 8 GiB mapped on
// 64-bit machines: reading a whole large history then holds the packs in
// its resident set. Smaller windows and limit keep git's memory bounded
// for about a tenth more of its time.
func gitCommand(ctx context.Context, gitBin, gitDir string, args ...string) *exec.Cmd {
	pre := []string{"--git-dir=" + gitDir, "-c", "core.packedGitWindowSize=64m", "-c", "core.packedGitLimit=256m", "-c", "core.deltaBaseCacheLimit=32m"}
	cmd := exec.CommandContext(ctx, gitBin, append(pre, args...)...)
	env := os.Environ()
	kept := env[:0:0]
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
			"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_CEILING_DIRECTORIES":
			continue
		}
		kept = append(kept, kv)
	}
	cmd.Env = kept
	return cmd
}

func (b *catFileBlobs) wait(ctx context.Context) error {
	select {
	case <-b.listed:
		return b.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (b *catFileBlobs) allBlobs(ctx context.Context) ([]plumbing.Hash, error) {
	if !b.typed {
		return b.fallback.allBlobs(ctx) // the listing holds every object
	}
	if err := b.wait(ctx); err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return b.fallback.allBlobs(ctx) // git too old or broken: go-git
	}
	return b.order, nil
}

func (b *catFileBlobs) read(ctx context.Context, want []plumbing.Hash, maxSize int64, inOrder bool, alloc func(int) []byte, emit func(blobRead) error) error {
	if err := b.wait(ctx); err != nil {
		if ctx.Err() != nil {
			return err
		}
		// git could not list the objects (too old for
		// --batch-all-objects, or broken): go-git reads them.
		return b.fallback.read(ctx, want, maxSize, inOrder, alloc, emit)
	}
	// Pack order when the listing kept it (typed), else want's.
	order := want
	if !inOrder && b.typed {
		wanted := make(map[plumbing.Hash]bool, len(want))
		for _, h := range want {
			wanted[h] = true
		}
		order = make([]plumbing.Hash, 0, len(want))
		for _, h := range b.order {
			if wanted[h] {
				delete(wanted, h)
				order = append(order, h)
			}
		}
		for _, h := range want {
			if wanted[h] {
				delete(wanted, h)
				order = append(order, h) // missing: reported below
			}
		}
	}
	// Sizes first: what is too big or missing is settled without git
	// inflating anything.
	list := make([]plumbing.Hash, 0, len(order))
	var corrupt []plumbing.Hash
	for _, h := range order {
		size, ok := b.sizes[h]
		switch {
		case !ok && b.corrupt[h]:
			corrupt = append(corrupt, h)
		case !ok:
			err := fmt.Errorf("read blob %s: %w", h, ErrMissingObject)
			if err := emit(blobRead{hash: h, err: err}); err != nil {
				return err
			}
		case maxSize > 0 && size > maxSize:
			if err := emit(blobRead{hash: h, size: size, skipped: true}); err != nil {
				return err
			}
		default:
			list = append(list, h)
		}
	}
	if len(corrupt) > 0 {
		// git says only "missing"; go-git says what is wrong with the
		// object ("zlib: invalid header"), or reads it after all.
		if err := b.fallback.read(ctx, corrupt, maxSize, true, alloc, emit); err != nil {
			return err
		}
	}
	return b.readPacked(ctx, list, maxSize, alloc, emit)
}

// readPacked reads the blobs of list, in that order, from the packs and
// loose objects itself, and asks git cat-file for those it cannot read
// (a corrupt object, one larger than streamAbove, a store it does not
// know) so that they are reported, or streamed, as before.
func (b *catFileBlobs) readPacked(ctx context.Context, list []plumbing.Hash, maxSize int64, alloc func(int) []byte, emit func(blobRead) error) error {
	if b.packs == nil {
		return b.readList(ctx, list, maxSize, alloc, emit)
	}
	streamAbove := b.fallback.r.streamAbove
	var toGit []plumbing.Hash
	size := func(h plumbing.Hash) int64 { return b.sizes[h] }
	streamed := func(h plumbing.Hash) bool { return streamAbove > 0 && b.sizes[h] > streamAbove }
	err := b.packs.readAll(ctx, list, readerCount(), size, streamed, alloc, func(h plumbing.Hash, data []byte, err error) error {
		if err != nil {
			toGit = append(toGit, h)
			return nil
		}
		if len(toGit) > 0 {
			if err := b.readList(ctx, toGit, maxSize, alloc, emit); err != nil {
				return err
			}
			toGit = toGit[:0]
		}
		return emit(blobRead{hash: h, data: data, size: int64(len(data))})
	})
	if err != nil {
		return err
	}
	return b.readList(ctx, toGit, maxSize, alloc, emit)
}

// readList reads the blobs of list, in that order, with git cat-file.
func (b *catFileBlobs) readList(ctx context.Context, list []plumbing.Hash, maxSize int64, alloc func(int) []byte, emit func(blobRead) error) error {
	// git cat-file dies at the first object it cannot inflate. Report
	// that object and start again after it; if git keeps failing, let
	// go-git read the rest, one object at a time.
	for restarts := 0; len(list) > 0; restarts++ {
		if restarts == 8 {
			return b.fallback.read(ctx, list, maxSize, true, alloc, emit)
		}
		done, err := b.batch(ctx, list, alloc, emit)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var ee *emitError
		if errors.As(err, &ee) {
			return ee.err
		}
		if de := (*deliveredError)(nil); errors.As(err, &de) {
			list = list[done:]
			continue
		}
		if done >= len(list) {
			return nil
		}
		if err := emit(blobRead{hash: list[done], err: fmt.Errorf("read blob %s: %w: %v", list[done], ErrBadObject, err)}); err != nil {
			return err
		}
		list = list[done+1:]
	}
	return nil
}

// emitError marks an error returned by the caller's emit function, which
// must stop the read rather than cause a restart.
type emitError struct{ err error }

func (e *emitError) Error() string { return e.err.Error() }

// batchProcess is a `git cat-file --batch --buffer` waiting for its list.
type batchProcess struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout io.ReadCloser
	stderr *bytes.Buffer
	cancel context.CancelFunc
}

// startBatch starts a git cat-file for batch.
func (b *catFileBlobs) startBatch(ctx context.Context) (*batchProcess, error) {
	ctx, cancel := context.WithCancel(ctx)
	p := &batchProcess{cmd: b.command(ctx, append(streamConfig(b.fallback.r.streamAbove), "cat-file", "--batch", "--buffer")...), stderr: &bytes.Buffer{}, cancel: cancel}
	var err error
	if p.stdin, err = p.cmd.StdinPipe(); err == nil {
		p.stdout, err = p.cmd.StdoutPipe()
	}
	if err == nil {
		p.cmd.Stderr = p.stderr
		err = p.cmd.Start()
	}
	if err != nil {
		cancel()
		return nil, err
	}
	growPipe(p.stdout)
	return p, nil
}

// batch runs one `git cat-file --batch` over list. It returns how many
// objects it delivered; on failure list[done] is the object git could
// not deliver.
func (b *catFileBlobs) batch(ctx context.Context, list []plumbing.Hash, alloc func(int) []byte, emit func(blobRead) error) (done int, err error) {
	p := b.next
	b.next = nil
	if p == nil {
		if p, err = b.startBatch(ctx); err != nil {
			return 0, err
		}
	}
	cmd, stdin, stdout, stderr, cancel := p.cmd, p.stdin, p.stdout, p.stderr, p.cancel
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		w := bufio.NewWriterSize(stdin, 64<<10)
		var line [41]byte
		line[40] = '\n'
		for _, h := range list {
			hex := h.String()
			copy(line[:40], hex)
			if _, err := w.Write(line[:]); err != nil {
				break
			}
		}
		_ = w.Flush()
		_ = stdin.Close()
	}()
	finish := func(readErr error) (int, error) {
		cancel()
		_, _ = io.Copy(io.Discard, stdout)
		wg.Wait()
		werr := cmd.Wait()
		if readErr == nil {
			return done, nil
		}
		var ee *emitError
		var de *deliveredError
		if errors.As(readErr, &ee) || errors.As(readErr, &de) {
			return done, readErr
		}
		if msg := gitFirstLine(stderr.String()); msg != "" {
			return done, fmt.Errorf("git cat-file: %s", msg)
		}
		if werr != nil {
			return done, fmt.Errorf("git cat-file: %w", werr)
		}
		return done, readErr
	}
	rd := bufio.NewReaderSize(stdout, 256<<10)
	for done < len(list) {
		header, err := rd.ReadSlice('\n')
		if err != nil {
			return finish(fmt.Errorf("read git cat-file output: %w", err))
		}
		h := list[done]
		fields := bytes.Fields(header)
		if len(fields) == 2 && string(fields[1]) == "missing" {
			if err := emit(blobRead{hash: h, err: fmt.Errorf("read blob %s: %w", h, ErrMissingObject)}); err != nil {
				return finish(&emitError{err})
			}
			done++
			continue
		}
		if len(fields) != 3 || string(fields[0]) != h.String() {
			return finish(fmt.Errorf("unexpected git cat-file output %q", gitFirstLine(string(header))))
		}
		size, err := strconv.Atoi(string(fields[2]))
		if err != nil || size < 0 {
			return finish(fmt.Errorf("unexpected git cat-file output %q", gitFirstLine(string(header))))
		}
		if sa := b.fallback.r.streamAbove; sa > 0 && int64(size) > sa {
			// Scanned as it comes out of git, never held whole. The
			// blob is delivered, read error or not: a failure past it
			// must not report it again.
			done++
			if err := b.emitStream(rd, h, int64(size), emit); err != nil {
				return finish(err)
			}
			continue
		}
		buf := alloc(size)
		if _, err := io.ReadFull(rd, buf); err != nil {
			return finish(fmt.Errorf("read git cat-file output: %w", err))
		}
		if nl, err := rd.ReadByte(); err != nil || nl != '\n' {
			return finish(errors.New("read git cat-file output: missing newline after object"))
		}
		done++
		if err := emit(blobRead{hash: h, data: buf, size: int64(size)}); err != nil {
			return finish(&emitError{err})
		}
	}
	return finish(nil)
}

// emitStream hands the next size bytes of rd to emit as blob h's stream,
// then reads past what emit left and the newline git writes after it.
// An error from emit is an *emitError; a failed read a *deliveredError.
func (b *catFileBlobs) emitStream(rd *bufio.Reader, h plumbing.Hash, size int64, emit func(blobRead) error) error {
	content := &sizedReader{r: rd, left: size}
	if err := emit(blobRead{hash: h, stream: content, size: size}); err != nil {
		return &emitError{err}
	}
	if _, err := io.Copy(io.Discard, content); err != nil {
		return &deliveredError{fmt.Errorf("read git cat-file output: %w", err)}
	}
	if nl, err := rd.ReadByte(); err != nil || nl != '\n' {
		return &deliveredError{errors.New("read git cat-file output: missing newline after object")}
	}
	return nil
}

// sizedReader reads the next left bytes of r, the content of an object
// git announced with its size: an end before them is an error (a plain
// end would pass for the object's end).
type sizedReader struct {
	r    io.Reader
	left int64
}

func (s *sizedReader) Read(p []byte) (int, error) {
	if s.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > s.left {
		p = p[:s.left]
	}
	n, err := s.r.Read(p)
	s.left -= int64(n)
	if errors.Is(err, io.EOF) && s.left > 0 {
		err = fmt.Errorf("git cat-file output ends %d bytes before the end of the object", s.left)
	}
	return n, err
}

// deliveredError marks a failure of git cat-file after the object it
// was writing had been delivered: the read starts again after it
// without reporting it twice.
type deliveredError struct{ err error }

func (e *deliveredError) Error() string { return e.err.Error() }

func gitFirstLine(s string) string {
	s = strings.TrimSpace(s)
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(line)
}
