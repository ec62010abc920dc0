package source

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// ErrNotRepository is returned (wrapped) when a path is not inside a git
// repository.
var ErrNotRepository = errors.New("not a git repository")

// gitRepo is an open repository: go-git over the git directory, plus the
// paths the git CLI needs.
type gitRepo struct {
	repo *git.Repository
	st   *filesystem.Storage
	dot  *dotgit.DotGit
	// fs is the git directory, with commondir paths mapped for linked
	// worktrees.
	fs billy.Filesystem
	// gitDir is the repository's git directory (".git", or the bare
	// repository itself, or a linked worktree's private directory).
	gitDir string
	// workTree is the top of the working tree, empty for a bare repository.
	workTree string
	// objectDirs are the object directories: the repository's (the
	// common one for a linked worktree), then those it borrows from.
	objectDirs []string
	// loose is the set of loose objects, listed on first use.
	loose map[plumbing.Hash]bool
	// objs reads objects: st (with the stores it borrows from, if any), or
	// cat when git reads them.
	objs storer.EncodedObjectStorer
	// cat, when set, is the git process objs reads through.
	cat *catFileObjects
	// streamAbove, when positive, is the size past which the history
	// readers deliver a blob as a stream rather than whole (see
	// blobRead.stream); go-git then streams such blobs too.
	streamAbove int64
}

// openRepo opens the repository that holds path: a working tree (or a
// directory inside one), a bare repository, or a .git directory.
func openRepo(path string) (*gitRepo, error) {
	return openRepoStreaming(path, 0)
}

// openRepoStreaming is openRepo whose history readers deliver blobs
// larger than streamAbove bytes (when positive) as streams: go-git reads
// such an object from its pack or loose file as it is consumed instead of
// inflating it whole first (a blob stored as a delta is still rebuilt in
// memory).
func openRepoStreaming(path string, streamAbove int64) (*gitRepo, error) {
	gitDir, workTree, err := findGitDir(path)
	if err != nil {
		return nil, fmt.Errorf("open repository %s: %w", path, err)
	}
	dotFS := osfs.New(gitDir)
	var fs billy.Filesystem = dotgit.NewRepositoryFilesystem(dotFS, nil)
	common := ""
	if data, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		common = strings.TrimSpace(string(data))
		if !filepath.IsAbs(common) {
			common = filepath.Join(gitDir, common)
		}
		fs = dotgit.NewRepositoryFilesystem(dotFS, osfs.New(common))
	}
	// KeepDescriptors: blobs are looked up one by one in pack order, and
	// reopening the pack for every lookup costs more than the read.
	st := filesystem.NewStorageWithOptions(noAlternates{fs}, cache.NewObjectLRUDefault(), filesystem.Options{KeepDescriptors: true, LargeObjectThreshold: streamAbove})
	var objs storage.Storer = st
	objectsDir := filepath.Join(gitDir, "objects")
	if common != "" {
		objectsDir = filepath.Join(common, "objects")
	}
	altDirs, err := alternateDirs(objectsDir)
	var alts []*filesystem.Storage
	if err == nil {
		alts, err = openAlternates(objectsDir, altDirs)
	}
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("open repository %s: %w", path, err)
	}
	if len(alts) > 0 {
		objs = &alternateStore{Storage: st, alts: alts}
	}
	repo, err := git.Open(objs, nil)
	if err != nil {
		objs.(interface{ Close() error }).Close()
		if errors.Is(err, git.ErrRepositoryNotExists) {
			err = ErrNotRepository
		}
		return nil, fmt.Errorf("open repository %s: %w", path, err)
	}
	return &gitRepo{repo: repo, st: st, objs: objs, dot: dotgit.New(fs), fs: fs, gitDir: gitDir, workTree: workTree, objectDirs: append([]string{objectsDir}, altDirs...), streamAbove: streamAbove}, nil
}

// readWithGit makes every object read go through one git cat-file
// process.
func (r *gitRepo) readWithGit(ctx context.Context) error {
	c, err := newCatFileObjects(ctx, r)
	if err != nil {
		return err
	}
	r.cat, r.objs = c, c
	return nil
}

func (r *gitRepo) close() {
	if r.cat != nil {
		r.cat.close()
	}
	if c, ok := r.repo.Storer.(interface{ Close() error }); ok {
		c.Close()
	}
}

// WorkTree returns the top of the working tree of the repository that
// holds path (a directory or a file inside it, or its .git directory), or
// "" for a bare repository. What a history or staged scan reads is the
// whole repository's wherever it is run from, and so is its config.
func WorkTree(path string) (string, error) {
	_, workTree, err := findGitDir(path)
	if err != nil {
		return "", fmt.Errorf("open repository %s: %w", path, err)
	}
	return workTree, nil
}

// findGitDir locates the git directory and work tree of the repository
// that holds path.
func findGitDir(path string) (gitDir, workTree string, err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", "", err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", "", gitPathErr(err)
	}
	if !fi.IsDir() {
		abs = filepath.Dir(abs)
	}
	return locateGitDir(abs)
}

// locateGitDir finds the git directory for dir, walking up as git does.
func locateGitDir(dir string) (gitDir, workTree string, err error) {
	for d := dir; ; {
		dotGit := filepath.Join(d, ".git")
		if fi, err := os.Stat(dotGit); err == nil {
			if fi.IsDir() {
				return dotGit, d, nil
			}
			target, err := readGitFile(dotGit)
			if err != nil {
				return "", "", err
			}
			return target, d, nil
		}
		if looksLikeGitDir(d) {
			if filepath.Base(d) == ".git" {
				return d, filepath.Dir(d), nil
			}
			return d, "", nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", "", ErrNotRepository
		}
		d = parent
	}
}

// readGitFile follows a ".git" file ("gitdir: PATH"), as linked worktrees
// and submodules use.
func readGitFile(file string) (string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", file, gitPathErr(err))
	}
	line, _, _ := strings.Cut(string(data), "\n")
	target, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
	if !ok {
		return "", fmt.Errorf("read %s: no gitdir line", file)
	}
	target = strings.TrimSpace(target)
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(file), target)
	}
	if !looksLikeGitDir(target) {
		return "", fmt.Errorf("read %s: %s is not a git directory", file, target)
	}
	return target, nil
}

// looksLikeGitDir applies git's own test: HEAD, objects/ and refs/ (the
// last two possibly through commondir).
func looksLikeGitDir(d string) bool {
	if fi, err := os.Stat(filepath.Join(d, "HEAD")); err != nil || fi.IsDir() {
		return false
	}
	base := d
	if common, err := os.ReadFile(filepath.Join(d, "commondir")); err == nil {
		base = strings.TrimSpace(string(common))
		if !filepath.IsAbs(base) {
			base = filepath.Join(d, base)
		}
	}
	for _, sub := range []string{"objects", "refs"} {
		if fi, err := os.Stat(filepath.Join(base, sub)); err != nil || !fi.IsDir() {
			return false
		}
	}
	return true
}

// gitPathErr drops the *os.PathError wrapper, whose path the caller
// already names.
func gitPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
