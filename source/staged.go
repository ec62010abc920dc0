package source

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/hookscan/hookscan/scanner"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// stagedEntry is one file of the index.
type stagedEntry struct {
	path string
	hash plumbing.Hash
}

// Staged scans what `git commit` would record: the index compared with
// HEAD. Only files the index adds or changes are read, and a secret that
// the HEAD version of the file already held is not reported, so a commit
// is judged by what it adds. A pure rename is not news; a rename with
// edits is compared with the files the commit deletes. In a repository
// with no commits yet, everything staged is new. Lines are those of the
// staged content, which may differ from the working tree.
//
// The index read is $GIT_INDEX_FILE when set, as git sets it for hooks
// during `git commit -a` or `git commit PATH`, else the repository's own.
func Staged(ctx context.Context, d *scanner.Detector, repoPath string) ([]scanner.Finding, error) {
	return StagedWithOptions(ctx, d, repoPath, StagedOptions{})
}

// StagedOptions tune a staged scan as DirOptions tune a directory walk.
type StagedOptions struct {
	// MaxFileSize skips larger staged files; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Warn receives a *scanner.Skip for each staged file not scanned (over
	// the limit, or binary), and the error of each that could not be read,
	// in index order; the scan then goes on. When nil, skips are dropped
	// and the first read error fails the scan.
	Warn func(error)
	// Window is the size past which a staged file is scanned in windows
	// of this size rather than read whole; 0 means scanner.DefaultWindow.
	Window int
	// Dropped, when set, receives the candidates a filter or an allowlist
	// dropped in what the commit adds (see scanner.Detector.ScanExplained),
	// and each file allow.paths leaves unread (scanner.FilterAllowPaths),
	// sorted by file and line, after the scan; a value the file's previous
	// version already held is not listed. Nil means none are kept.
	Dropped func(scanner.Dropped)

	// scanReader scans a text in windows (Detector.ScanReaderExplained);
	// when nil every file is read whole.
	scanReader func(scanner.Fragment, io.Reader, int) ([]scanner.Finding, []scanner.Dropped, int64, error)
}

// StagedWithOptions is Staged with a size limit and a report of the files
// not scanned. Binary files are skipped and UTF-16 files decoded, as in
// Dir.
func StagedWithOptions(ctx context.Context, d *scanner.Detector, repoPath string, opts StagedOptions) ([]scanner.Finding, error) {
	opts.scanReader = d.ScanReaderExplained
	det := funcsOf(d)
	if opts.Dropped != nil {
		det.explain = d.ScanExplained
	}
	return scanStaged(ctx, det, repoPath, os.Getenv("GIT_INDEX_FILE"), opts)
}

func scanStaged(ctx context.Context, det detectorFuncs, repoPath, indexFile string, opts StagedOptions) ([]scanner.Finding, error) {
	limit := opts.MaxFileSize
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	if opts.Window <= 0 {
		opts.Window = scanner.DefaultWindow
	}
	r, err := openRepo(repoPath)
	if err != nil {
		return nil, err
	}
	defer r.close()
	if r.workTree == "" {
		return nil, fmt.Errorf("scan staged changes in %s: a bare repository has no index", repoPath)
	}
	if indexFile == "" {
		indexFile = filepath.Join(r.gitDir, "index")
	} else if !filepath.IsAbs(indexFile) {
		indexFile = filepath.Join(r.workTree, indexFile)
	}
	entries, err := r.readIndex(ctx, indexFile)
	if err != nil {
		return nil, err
	}
	head := map[string]plumbing.Hash{}
	if c, err := r.resolve("HEAD"); err == nil {
		rc, err := r.readCommit(c)
		if err != nil {
			return nil, missingErr("read commit", c, err)
		}
		if head, err = r.headFiles(rc.tree); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, fmt.Errorf("scan staged changes in %s: %w", repoPath, err)
	}

	inIndex := make(map[string]bool, len(entries))
	for _, e := range entries {
		inIndex[e.path] = true
	}
	// Files the commit deletes may be the sources of renames.
	deleted := map[plumbing.Hash]string{}
	for p, h := range head {
		if !inIndex[p] {
			deleted[h] = p
		}
	}
	var changed []stagedEntry
	// drops are the dropped candidates, for opts.Dropped: first the
	// files allow.paths leaves out, which are not read.
	var drops []scanner.Dropped
	for _, e := range entries {
		if old, ok := head[e.path]; ok && old == e.hash {
			continue
		}
		if _, renamed := deleted[e.hash]; renamed {
			continue // same content under a new name
		}
		if det.pathAllowed(e.path) {
			drops = append(drops, scanner.Dropped{File: e.path, Filter: scanner.FilterAllowPaths})
			continue
		}
		changed = append(changed, e)
	}
	if len(changed) == 0 {
		sendDropped(drops, opts.Dropped)
		return nil, nil
	}

	found, dropped, skips, err := r.scanEntries(ctx, det, changed, limit, opts)
	for _, sk := range skips {
		if sk != nil && opts.Warn != nil {
			opts.Warn(sk)
		}
	}
	if err != nil && opts.Warn == nil {
		// A staged blob that cannot be read would otherwise pass the
		// commit unscanned. With Warn, each was handed to it (the
		// caller fails the run) and the rest is reported.
		return nil, fmt.Errorf("scan staged changes in %s: %w", repoPath, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Drop what the previous version already had.
	oldFPs := map[plumbing.Hash]map[string]bool{}
	oldDrops := map[plumbing.Hash]map[string]bool{}
	// scanOld scans an old version once, for both maps.
	scanOld := func(h plumbing.Hash, path string) {
		if _, ok := oldFPs[h]; ok {
			return
		}
		fps, drops := map[string]bool{}, map[string]bool{}
		prev, prevDropped, _, _ := r.scanEntries(ctx, det, []stagedEntry{{path, h}}, limit, opts) // an unreadable old version hides nothing
		for _, f := range prev[0] {
			fps[f.Fingerprint] = true
		}
		for _, d := range prevDropped[0] {
			drops[d.Secret] = true
		}
		oldFPs[h], oldDrops[h] = fps, drops
	}
	// wasOld reports whether the version a changed file replaces, or one
	// the commit deletes when the file is new, holds fp in old.
	wasOld := func(e stagedEntry, old map[plumbing.Hash]map[string]bool, fp string) bool {
		if prev, ok := head[e.path]; ok {
			scanOld(prev, e.path)
			return old[prev][fp]
		}
		for h, p := range deleted {
			if scanOld(h, p); old[h][fp] {
				return true
			}
		}
		return false
	}
	var out []scanner.Finding
	for i, e := range changed {
		for _, f := range found[i] {
			if f.Fingerprint == "" {
				f.Fingerprint = scanner.Fingerprint(f.RuleID, f.Secret)
			}
			if !wasOld(e, oldFPs, f.Fingerprint) {
				out = append(out, f)
			}
		}
	}
	scanner.SortFindings(out)
	if opts.Dropped != nil {
		for i, e := range changed {
			for _, d := range dropped[i] {
				if !wasOld(e, oldDrops, d.Secret) {
					drops = append(drops, d)
				}
			}
		}
		sendDropped(drops, opts.Dropped)
	}
	return out, nil
}

// sendDropped hands drops to dropped (when not nil), sorted by place.
func sendDropped(drops []scanner.Dropped, dropped func(scanner.Dropped)) {
	if dropped == nil {
		return
	}
	slices.SortFunc(drops, func(a, b scanner.Dropped) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), cmp.Compare(a.RuleID, b.RuleID))
	})
	for _, d := range drops {
		dropped(d)
	}
}

// readIndex lists the stage-0 files of an index (conflicted entries cannot
// be committed; gitlinks and intent-to-add entries hold no content). When
// go-git cannot read the index (a split or sparse index), git is asked.
func (r *gitRepo) readIndex(ctx context.Context, file string) ([]stagedEntry, error) {
	f, err := os.Open(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil // nothing was ever staged
	}
	if err != nil {
		return nil, fmt.Errorf("read index %s: %w", file, gitPathErr(err))
	}
	defer f.Close()
	var idx index.Index
	if err := index.NewDecoder(f).Decode(&idx); err != nil {
		entries, gitErr := r.gitLsFiles(ctx, file)
		if gitErr != nil {
			return nil, fmt.Errorf("read index %s: %w (git ls-files: %v)", file, err, gitErr)
		}
		return entries, nil
	}
	out := make([]stagedEntry, 0, len(idx.Entries))
	for _, e := range idx.Entries {
		// Stage 0 is a resolved entry (go-git's index.Merged constant is 1,
		// which is the ancestor stage of a conflict).
		if e.Stage != 0 || e.IntentToAdd || e.Mode == filemode.Submodule || e.Mode == filemode.Dir {
			continue
		}
		out = append(out, stagedEntry{path: e.Name, hash: e.Hash})
	}
	return out, nil
}

// gitLsFiles reads an index through `git ls-files --stage`.
func (r *gitRepo) gitLsFiles(ctx context.Context, file string) ([]stagedEntry, error) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, gitBin, "--git-dir="+r.gitDir, "--work-tree="+r.workTree, "ls-files", "--stage", "-z")
	cmd.Env = append(os.Environ(), "GIT_INDEX_FILE="+file)
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	var entries []stagedEntry
	for rec := range bytes.SplitSeq(out, []byte{0}) {
		// "<mode> <object> <stage>\t<path>"
		meta, path, ok := bytes.Cut(rec, []byte{'\t'})
		if !ok {
			continue
		}
		f := bytes.Fields(meta)
		if len(f) != 3 || string(f[2]) != "0" || string(f[0]) == "160000" {
			continue
		}
		if mode, err := strconv.ParseUint(string(f[0]), 8, 32); err != nil || mode&0o170000 == 0o040000 {
			continue
		}
		entries = append(entries, stagedEntry{path: string(path), hash: plumbing.NewHash(string(f[1]))})
	}
	return entries, nil
}

// scanEntries reads blobs on this goroutine (go-git is not safe for
// concurrent use) and scans them on up to GOMAXPROCS goroutines. Result i
// belongs to entry i; a blob over limit or binary yields no findings and
// a *scanner.Skip at its index; a blob that cannot be read (a missing
// object) has its error there, and the first one is also returned.
func (r *gitRepo) scanEntries(ctx context.Context, det detectorFuncs, entries []stagedEntry, limit int64, opts StagedOptions) ([][]scanner.Finding, [][]scanner.Dropped, []error, error) {
	out := make([][]scanner.Finding, len(entries))
	dropped := make([][]scanner.Dropped, len(entries))
	skips := make([]error, len(entries))
	reader := &gogitBlobs{r: r, few: true}
	alloc := func(n int) []byte { return make([]byte, n) }
	type job struct {
		i    int
		data []byte
	}
	workers := min(runtime.GOMAXPROCS(0), len(entries))
	jobs := make(chan job, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				// Each index is written by one goroutine only.
				f, skip := textFragment(entries[j.i].path, j.data, "binary file")
				if skip != nil {
					skips[j.i] = skip
					continue
				}
				out[j.i], dropped[j.i] = det.run(f)
			}
		})
	}
	var err error
	for i, e := range entries {
		if ctx.Err() != nil {
			break
		}
		if size, ok := r.looseSize(e.hash); ok && size > int64(opts.Window) && size <= limit && opts.scanReader != nil {
			// Big and loose (as git add writes it): scanned here, in
			// windows, as it is inflated.
			fs, drops, skip, serr := r.scanLoose(e, limit, opts)
			switch {
			case serr != nil:
				skips[i] = serr
				if err == nil {
					err = serr
				}
			case skip != nil:
				skips[i] = skip
			default:
				out[i], dropped[i] = fs, drops
			}
			continue
		}
		br := reader.readOne(e.hash, limit, alloc)
		switch {
		case br.err != nil:
			skips[i] = fmt.Errorf("%s: %w", e.path, br.err)
			if err == nil {
				err = skips[i]
			}
		case br.skipped:
			skips[i] = tooLarge(e.path, limit, br.size)
		case br.data != nil:
			jobs <- job{i, br.data}
		}
	}
	close(jobs)
	wg.Wait()
	return out, dropped, skips, err
}
