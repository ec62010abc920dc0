package main

import (
	"context"
	"iter"

	"github.com/spf13/cobra"

	"github.com/hookscan/hookscan/scanner"
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
		src, err := scanner.Dir(ctx, root, scanner.DirOptions{MaxFileSize: int64(a.maxFileSize), SkipPath: d.PathAllowed})
		if err != nil {
			return err
		}
		if len(roots) > 1 {
			src = prefixPaths(root, src)
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

// prefixPaths names fragments after the root they came from, so findings
// from several roots stay apart.
func prefixPaths(root string, src iter.Seq2[scanner.Fragment, error]) iter.Seq2[scanner.Fragment, error] {
	return func(yield func(scanner.Fragment, error) bool) {
		for f, err := range src {
			if err == nil {
				f.Path = joinSlash(root, f.Path)
			}
			if !yield(f, err) {
				return
			}
		}
	}
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
