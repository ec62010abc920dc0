package main

import (
	"context"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hookscan/hookscan/internal/report"
	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

func newDirCommand(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "dir [PATH...]",
		Short: "Scan files under each PATH (default .)",
		Long: `Scan every file under each PATH (default: the current directory). Version-control
directories, symbolic links, binary files and files over --max-file-size are
skipped (said with -v); a PATH that is itself a link to a directory is
followed. Findings name files as reached from the current directory
("hookscan dir .github" names ".github/workflows/ci.yml"). PATH may be
a file, and there may be many (pre-commit's hookscan-files hook passes the
files it wants scanned); with several PATHs the config is read from the
current directory.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runDir(cmd.Context(), args)
		},
	}
}

func (a *app) runDir(ctx context.Context, roots []string) error {
	a.source, a.unreadNoun = report.SourceWorkingTree, "path"
	if err := a.checkFormat(); err != nil {
		return err
	}
	if len(roots) == 0 {
		roots = []string{"."}
	}
	// One root holds its own config; with several (pre-commit passes the
	// files it wants scanned), or one file below it, the config is the
	// current directory's.
	configRoot := roots[0]
	if len(roots) > 1 || fileBelow(roots[0]) {
		configRoot = "."
	}
	d, b, err := a.detector(configRoot)
	if err != nil {
		return err
	}
	var sources []iter.Seq2[scanner.Fragment, error]
	var drops droppedList
	for _, root := range roots {
		opts := a.dirOptions(d, roots, root)
		opts.SkipPath = drops.skipPath(d, a.verbose)
		src, err := source.Dir(ctx, root, opts)
		if err != nil {
			// The other roots are still scanned and the report written;
			// the run exits 2.
			a.warn(err)
			continue
		}
		sources = append(sources, src)
	}
	p := a.progress("files")
	findings, err := scanner.ScanAll(ctx, d, concat(sources), scanner.RunOptions{Jobs: a.jobs, Warn: a.warn, Progress: p.update, Dropped: drops.callback(a.verbose)})
	p.done()
	if err != nil {
		return err
	}
	a.nothingRead = p.scanned == 0
	var name func(string) string
	if len(roots) == 1 {
		// Name files as the user reaches them from the current directory
		// (".github/workflows/ci.yml" for "hookscan dir .github"); the
		// detector saw them relative to the root, where the config's path
		// allowlists apply.
		name = prefixPaths(findings, roots[0])
	}
	a.showDropped(&drops, name)
	return a.finish(ctx, d, b, findings, "hookscan/dir/")
}

// dirOptions are the walk options for one of the roots: with several
// roots, files are named after the root they came from. So is a root that
// is a file below the current directory: tests/x.go is a test file
// whether it is named alone or with others (a pre-commit hook passes one
// staged file or many), not a file called x.go.
func (a *app) dirOptions(d *scanner.Detector, roots []string, root string) source.DirOptions {
	opts := source.DirOptions{MaxFileSize: int64(a.maxFileSize), SkipPath: d.PathAllowed}
	if len(roots) > 1 || fileBelow(root) {
		opts.Prefix = joinSlash(root, "")
	}
	return opts
}

// fileBelow reports whether root is a regular file named by a relative
// path that stays inside the current directory.
func fileBelow(root string) bool {
	clean := filepath.ToSlash(filepath.Clean(root))
	if filepath.IsAbs(root) || clean == ".." || strings.HasPrefix(clean, "../") {
		return false
	}
	info, err := os.Stat(root)
	return err == nil && info.Mode().IsRegular()
}

// prefixPaths names each finding's file from root rather than inside it;
// a root that is a file names the file. It returns the naming, for other
// lists of the same files.
func prefixPaths(findings []scanner.Finding, root string) func(string) string {
	clean := filepath.ToSlash(filepath.Clean(root))
	if clean == "." {
		return nil
	}
	info, err := os.Stat(root)
	isFile := err == nil && !info.IsDir()
	name := func(file string) string {
		if isFile {
			return clean
		}
		return joinSlash(clean, file)
	}
	for i := range findings {
		f := &findings[i]
		old := f.File
		f.File = name(f.File)
		// The advice follows the file's kind, which the folders above
		// the root can decide (".github/workflows"); advice drawn from
		// the text (a Kubernetes Secret) is kept.
		if byPath := scanner.Advice(f.File, nil); byPath != scanner.Advice(old, nil) {
			f.Advice = byPath
		}
	}
	return name
}

func concat[T any](seqs []iter.Seq2[T, error]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, s := range seqs {
			for v, err := range s {
				if !yield(v, err) {
					return
				}
			}
		}
	}
}
