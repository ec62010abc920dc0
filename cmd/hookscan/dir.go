package main

import (
	"context"
	"iter"

	"github.com/spf13/cobra"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

func newDirCommand(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "dir [PATH...]",
		Short: "Scan files under each PATH (default .)",
		Long: `Scan every file under each PATH (default: the current directory). Version-control
directories, symbolic links, binary files and files over --max-file-size are
skipped (said with -v). Findings name files relative to PATH.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runDir(cmd.Context(), args)
		},
	}
}

func (a *app) runDir(ctx context.Context, roots []string) error {
	if err := a.checkFormat(); err != nil {
		return err
	}
	if len(roots) == 0 {
		roots = []string{"."}
	}
	d, b, err := a.detector(roots[0])
	if err != nil {
		return err
	}
	var sources []iter.Seq2[scanner.Fragment, error]
	for _, root := range roots {
		src, err := source.Dir(ctx, root, a.dirOptions(d, roots, root))
		if err != nil {
			return err
		}
		sources = append(sources, src)
	}
	p := a.progress("files")
	findings, err := scanner.ScanAll(ctx, d, concat(sources), scanner.RunOptions{Jobs: a.jobs, Warn: a.warn, Progress: p.update})
	p.done()
	if err != nil {
		return err
	}
	return a.finish(d, b, findings, "hookscan/dir/")
}

// dirOptions are the walk options for one of the roots: with several
// roots, files are named after the root they came from.
func (a *app) dirOptions(d *scanner.Detector, roots []string, root string) source.DirOptions {
	opts := source.DirOptions{MaxFileSize: int64(a.maxFileSize), SkipPath: d.PathAllowed}
	if len(roots) > 1 {
		opts.Prefix = joinSlash(root, "")
	}
	return opts
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
