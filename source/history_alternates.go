package source

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// maxAlternateDepth is how deep git follows alternates of alternates.
const maxAlternateDepth = 5

// alternateDirs lists the object directories a repository borrows from
// (objects/info/alternates, as `git clone --shared` or `--reference`
// writes it), in git's order: each directory, then the ones it borrows
// from. Relative entries are relative to the object directory that names
// them. Blank lines and comments are skipped, as git does; a directory
// that does not exist is an error naming the alternates file.
func alternateDirs(objectsDir string) ([]string, error) {
	var out []string
	seen := map[string]bool{filepath.Clean(objectsDir): true}
	var walk func(dir string, depth int) error
	walk = func(dir string, depth int) error {
		file := filepath.Join(dir, "info", "alternates")
		f, err := os.Open(file)
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", file, gitPathErr(err))
		}
		defer f.Close()
		if depth >= maxAlternateDepth {
			return fmt.Errorf("read %s: alternates nested more than %d deep", file, maxAlternateDepth)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			alt := line
			if !filepath.IsAbs(alt) {
				alt = filepath.Join(dir, alt)
			}
			alt = filepath.Clean(alt)
			if seen[alt] {
				continue
			}
			seen[alt] = true
			if fi, err := os.Stat(alt); err != nil || !fi.IsDir() {
				return fmt.Errorf("read %s: object directory %s is not there", file, alt)
			}
			out = append(out, alt)
			if err := walk(alt, depth+1); err != nil {
				return err
			}
		}
		if err := sc.Err(); err != nil {
			return fmt.Errorf("read %s: %w", file, err)
		}
		return nil
	}
	return out, walk(objectsDir, 0)
}

// openAlternates opens a go-git store over each object directory that
// objectsDir borrows from (dirs, from alternateDirs).
func openAlternates(objectsDir string, dirs []string) ([]*filesystem.Storage, error) {
	var out []*filesystem.Storage
	for _, d := range dirs {
		// go-git opens the directory above "objects", which is where git
		// itself puts every object directory it makes.
		if filepath.Base(d) != "objects" {
			for _, st := range out {
				st.Close()
			}
			return nil, fmt.Errorf("read alternates of %s: object directory %s is not named \"objects\": use the git reader", objectsDir, d)
		}
		fs := noAlternates{osfs.New(filepath.Dir(d))}
		out = append(out, filesystem.NewStorageWithOptions(fs, cache.NewObjectLRU(16<<20), filesystem.Options{KeepDescriptors: true}))
	}
	return out, nil
}

// noAlternates hides objects/info/alternates from go-git, which resolves
// its entries against the wrong directory and reopens every pack of the
// alternate for each object it looks up there; alternateStore does the
// borrowing instead.
type noAlternates struct{ billy.Filesystem }

func isAlternatesFile(name string) bool {
	return filepath.ToSlash(filepath.Clean(name)) == "objects/info/alternates"
}

func (n noAlternates) Open(name string) (billy.File, error) {
	if isAlternatesFile(name) {
		return nil, os.ErrNotExist
	}
	return n.Filesystem.Open(name)
}

func (n noAlternates) OpenFile(name string, flag int, perm os.FileMode) (billy.File, error) {
	if isAlternatesFile(name) {
		return nil, os.ErrNotExist
	}
	return n.Filesystem.OpenFile(name, flag, perm)
}

func (n noAlternates) Stat(name string) (os.FileInfo, error) {
	if isAlternatesFile(name) {
		return nil, os.ErrNotExist
	}
	return n.Filesystem.Stat(name)
}

// alternateStore reads an object from the repository's own store, then
// from each store it borrows from, in order.
type alternateStore struct {
	*filesystem.Storage
	alts []*filesystem.Storage
}

// EncodedObject returns the object from the first store that has it.
func (s *alternateStore) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	obj, err := s.Storage.EncodedObject(t, h)
	if !errors.Is(err, plumbing.ErrObjectNotFound) {
		return obj, err
	}
	for _, a := range s.alts {
		obj, err := a.EncodedObject(t, h)
		if !errors.Is(err, plumbing.ErrObjectNotFound) {
			return obj, err
		}
	}
	return nil, plumbing.ErrObjectNotFound
}

// HasEncodedObject reports whether any store has the object.
func (s *alternateStore) HasEncodedObject(h plumbing.Hash) error {
	err := s.Storage.HasEncodedObject(h)
	for _, a := range s.alts {
		if !errors.Is(err, plumbing.ErrObjectNotFound) {
			return err
		}
		err = a.HasEncodedObject(h)
	}
	return err
}

// EncodedObjectSize returns the size from the first store that has the
// object.
func (s *alternateStore) EncodedObjectSize(h plumbing.Hash) (int64, error) {
	n, err := s.Storage.EncodedObjectSize(h)
	for _, a := range s.alts {
		if !errors.Is(err, plumbing.ErrObjectNotFound) {
			return n, err
		}
		n, err = a.EncodedObjectSize(h)
	}
	return n, err
}

// IterEncodedObjects iterates over the objects of every store.
func (s *alternateStore) IterEncodedObjects(t plumbing.ObjectType) (storer.EncodedObjectIter, error) {
	var iters []storer.EncodedObjectIter
	for _, st := range append([]*filesystem.Storage{s.Storage}, s.alts...) {
		it, err := st.IterEncodedObjects(t)
		if err != nil {
			for _, o := range iters {
				o.Close()
			}
			return nil, err
		}
		iters = append(iters, it)
	}
	return storer.NewMultiEncodedObjectIter(iters), nil
}

// Close closes every store.
func (s *alternateStore) Close() error {
	err := s.Storage.Close()
	for _, a := range s.alts {
		err = errors.Join(err, a.Close())
	}
	return err
}
