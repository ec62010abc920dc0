package main

import (
	"context"

	"github.com/hookscan/hookscan/internal/report"
	"github.com/hookscan/hookscan/source"
	"github.com/spf13/cobra"
)

func init() { extraCommands = append(extraCommands, newStagedCommand) }

func newStagedCommand(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "staged [REPO]",
		Short: "Scan what `git commit` would record (for pre-commit hooks)",
		Long: `Scan the changes staged in REPO (default: the repository holding the current
directory): the index compared with HEAD, as ` + "`git commit`" + ` would record it. Only
what the commit adds is reported, at the line numbers of the staged content; a
secret the file already held at HEAD, a pure rename and a deletion add nothing.
Works before the first commit too, and reads $GIT_INDEX_FILE as git sets it for
hooks. Exit 1 when the commit would add a secret, so a pre-commit hook stops it.`,
		Example: `  hookscan staged
  hookscan install-hook   # run it before every commit`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			repo := "."
			if len(args) == 1 {
				repo = args[0]
			}
			return a.runStaged(cmd.Context(), repo)
		},
	}
}

func (a *app) runStaged(ctx context.Context, repo string) error {
	a.source, a.unreadNoun = report.SourceStaged, "file"
	if err := a.checkFormat(); err != nil {
		return err
	}
	d, b, err := a.detector(repoTop(repo))
	if err != nil {
		return err
	}
	var drops droppedList
	findings, err := source.StagedWithOptions(ctx, d, repo, source.StagedOptions{MaxFileSize: int64(a.maxFileSize), Warn: a.warn, Dropped: drops.callback(a.verbose)})
	if err != nil {
		return err
	}
	a.showDropped(&drops, nil)
	return a.finish(ctx, d, b, findings, "hookscan/staged/")
}
