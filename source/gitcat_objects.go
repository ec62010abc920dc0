package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// catFileObjects answers object reads from one long-running `git cat-file
// --batch`, one object at a time. A scan that reads a few commits and trees
// (a range) pays git's start-up, a few milliseconds, where go-git would
// first load every pack index whole (a quarter of a second on a large
// repository). git also follows alternates, relative and chained, as it
// always does. Everything but reading goes to the go-git store underneath.
type catFileObjects struct {
	storer.EncodedObjectStorer

	mu     sync.Mutex
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	out    *bufio.Reader
	stderr *syncBuffer
	cancel context.CancelFunc
	err    error // set once the process is unusable
	// dead marks an err that came from the process dying on one object
	// (git exits on a corrupt one): the next read starts a new process,
	// up to maxCatRestarts times, so that one bad object does not make
	// every later read fail.
	dead     bool
	restarts int
	ctx      context.Context
	gitBin   string
	gitDir   string
	// streamAbove, when positive, is the size past which readBlobs
	// delivers a blob as a stream (gitRepo.streamAbove).
	streamAbove int64
}

// maxCatRestarts bounds how often a git cat-file that died on a corrupt
// object is started again in one scan.
const maxCatRestarts = 64

// newCatFileObjects starts git cat-file --batch on the repository.
func newCatFileObjects(ctx context.Context, r *gitRepo) (*catFileObjects, error) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		return nil, fmt.Errorf("find git: %w", err)
	}
	c := &catFileObjects{
		EncodedObjectStorer: r.objs,
		ctx:                 ctx, gitBin: gitBin, gitDir: r.gitDir,
		streamAbove: r.streamAbove,
	}
	if err := c.start(); err != nil {
		return nil, err
	}
	// A git that answers at all says the null id is missing; anything
	// else (a broken or foreign binary) is not used.
	if _, _, err := c.read(plumbing.ZeroHash); !errors.Is(err, plumbing.ErrObjectNotFound) {
		c.close()
		if err == nil {
			err = errors.New("git cat-file found the null object id")
		}
		return nil, err
	}
	return c, nil
}

// start runs a new git cat-file --batch.
func (c *catFileObjects) start() error {
	ctx, cancel := context.WithCancel(c.ctx)
	cmd := gitCommand(ctx, c.gitBin, c.gitDir, append(streamConfig(c.streamAbove), "cat-file", "--batch")...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		cancel()
		return fmt.Errorf("run git cat-file: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return fmt.Errorf("run git cat-file: %w", err)
	}
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		cancel()
		return fmt.Errorf("run git cat-file: %w", err)
	}
	c.cmd, c.stdin, c.out, c.stderr, c.cancel = cmd, stdin, bufio.NewReaderSize(stdout, 64<<10), stderr, cancel
	c.err, c.dead = nil, false
	return nil
}

// usable restarts a process that died on a bad object, and returns the
// error that makes it unusable, if any.
func (c *catFileObjects) usable() error {
	if c.err == nil || !c.dead || c.restarts >= maxCatRestarts || c.ctx.Err() != nil {
		return c.err
	}
	c.stop()
	c.restarts++
	if err := c.start(); err != nil {
		c.err, c.dead = err, false
	}
	return c.err
}

// stop ends the running process.
func (c *catFileObjects) stop() {
	_ = c.stdin.Close()
	c.cancel()
	_ = c.cmd.Wait()
}

// close ends the git process.
func (c *catFileObjects) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stop()
	c.err, c.dead = errors.New("git cat-file: closed"), false
}

// EncodedObject reads one object; a missing object is
// plumbing.ErrObjectNotFound, as go-git says it.
func (c *catFileObjects) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	typ, data, err := c.read(h)
	if err != nil {
		return nil, err
	}
	if t != plumbing.AnyObject && typ != t {
		return nil, plumbing.ErrObjectNotFound
	}
	obj := &plumbing.MemoryObject{}
	obj.SetType(typ)
	obj.SetSize(int64(len(data)))
	if _, err := obj.Write(data); err != nil {
		return nil, err
	}
	return obj, nil
}

// HasEncodedObject reports whether git can read the object.
func (c *catFileObjects) HasEncodedObject(h plumbing.Hash) error {
	_, err := c.EncodedObject(plumbing.AnyObject, h)
	return err
}

// EncodedObjectSize reads the object to learn its size: the few objects
// asked about are read next anyway.
func (c *catFileObjects) EncodedObjectSize(h plumbing.Hash) (int64, error) {
	obj, err := c.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return 0, err
	}
	return obj.Size(), nil
}

func (c *catFileObjects) read(h plumbing.Hash) (plumbing.ObjectType, []byte, error) {
	if err := c.usable(); err != nil {
		return plumbing.InvalidObject, nil, err
	}
	fail := func(err error) (plumbing.ObjectType, []byte, error) {
		if msg := gitFirstLine(c.stderr.String()); msg != "" {
			err = fmt.Errorf("%w: %s", err, msg)
		}
		c.err, c.dead = fmt.Errorf("read object %s with git cat-file: %w", h, err), true
		return plumbing.InvalidObject, nil, c.err
	}
	if _, err := io.WriteString(c.stdin, h.String()+"\n"); err != nil {
		return fail(err)
	}
	header, err := c.out.ReadString('\n')
	if err != nil {
		return fail(err)
	}
	fields := strings.Fields(header)
	if len(fields) == 2 && fields[1] == "missing" {
		return plumbing.InvalidObject, nil, plumbing.ErrObjectNotFound
	}
	if len(fields) != 3 || fields[0] != h.String() {
		return fail(fmt.Errorf("unexpected output %q", strings.TrimSpace(header)))
	}
	typ, err := plumbing.ParseObjectType(fields[1])
	if err != nil {
		return fail(err)
	}
	size, err := strconv.Atoi(fields[2])
	if err != nil || size < 0 {
		return fail(fmt.Errorf("unexpected output %q", strings.TrimSpace(header)))
	}
	data := make([]byte, size+1)
	if _, err := io.ReadFull(c.out, data); err != nil {
		return fail(err)
	}
	if data[size] != '\n' {
		return fail(errors.New("missing newline after object"))
	}
	return typ, data[:size], nil
}

// resolve asks git for the commit a revision names: git reads every form
// of revision it documents. The running cat-file answers it (it takes a
// revision wherever it takes an object id), which saves starting a git
// process for each end of a range.
func (c *catFileObjects) resolve(ctx context.Context, r *gitRepo, rev string) (plumbing.Hash, error) {
	if strings.ContainsAny(rev, "\n\x00") || rev == "" {
		return plumbing.ZeroHash, fmt.Errorf("resolve revision %q: %w", rev, plumbing.ErrReferenceNotFound)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.usable(); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("resolve revision %q: %w", rev, err)
	}
	fail := func(err error) (plumbing.Hash, error) {
		c.err, c.dead = fmt.Errorf("resolve revision %q with git cat-file: %w", rev, err), true
		return plumbing.ZeroHash, c.err
	}
	if _, err := io.WriteString(c.stdin, rev+"^{commit}\n"); err != nil {
		return fail(err)
	}
	header, err := c.out.ReadString('\n')
	if err != nil {
		return fail(err)
	}
	fields := strings.Fields(header)
	if len(fields) >= 2 && (fields[len(fields)-1] == "missing" || fields[len(fields)-1] == "ambiguous") {
		return plumbing.ZeroHash, fmt.Errorf("resolve revision %q: %w", rev, plumbing.ErrReferenceNotFound)
	}
	if len(fields) != 3 || fields[1] != "commit" || !plumbing.IsHash(fields[0]) {
		return fail(fmt.Errorf("unexpected output %q", strings.TrimSpace(header)))
	}
	size, err := strconv.Atoi(fields[2])
	if err != nil || size < 0 {
		return fail(fmt.Errorf("unexpected output %q", strings.TrimSpace(header)))
	}
	if _, err := c.out.Discard(size + 1); err != nil {
		return fail(err)
	}
	return plumbing.NewHash(fields[0]), nil
}
