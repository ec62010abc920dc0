package main

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hookscan/hookscan/internal/report"
	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

func newStdinCommand(a *app) *cobra.Command {
	var name string
	cmd := &cobra.Command{
		Use:   "stdin",
		Short: "Scan standard input",
		Long: `Scan what arrives on standard input as one file. --path names it in findings and
picks the advice that fits (a .env, a workflow, a Go file...).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runStdin(cmd.Context(), name)
		},
	}
	cmd.Flags().StringVar(&name, "path", "-", "name of the input in findings")
	return cmd
}

func (a *app) runStdin(ctx context.Context, name string) error {
	a.source = report.SourceStdin
	if err := a.checkFormat(); err != nil {
		return err
	}
	d, b, err := a.detector(".")
	if err != nil {
		return err
	}
	// Read in windows as it is scanned: memory stays bounded whatever
	// --max-file-size allows.
	f, err := source.Stream(os.Stdin, name, int64(a.maxFileSize))
	if err != nil {
		if _, skip := err.(*scanner.Skip); !skip {
			return err
		}
		a.warn(err)
		return a.finish(ctx, d, b, nil, "hookscan/stdin/")
	}
	var findings []scanner.Finding
	var drops droppedList
	if skip := drops.skipPath(d, a.verbose); !skip(f.Path) {
		one := func(yield func(scanner.Fragment, error) bool) { yield(f, nil) }
		findings, err = scanner.ScanAll(ctx, d, one, scanner.RunOptions{Jobs: 1, Warn: a.warn, Dropped: drops.callback(a.verbose)})
		if err != nil {
			return err
		}
	}
	a.showDropped(&drops, nil)
	return a.finish(ctx, d, b, findings, "hookscan/stdin/")
}

// joinSlash joins an OS path and a slash path into a clean slash path.
func joinSlash(root, rel string) string {
	return strings.TrimPrefix(path.Join(filepath.ToSlash(root), rel), "./")
}
