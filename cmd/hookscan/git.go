package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/hookscan/hookscan/internal/report"
	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

func init() { extraCommands = append(extraCommands, newGitCommand) }

// historyMemoryLimit is the Go heap's soft limit during a history scan
// (see debug.SetMemoryLimit).
const historyMemoryLimit = 320 << 20

// gitOptions are the flags of `hookscan git`.
type gitOptions struct {
	rangeSpec  string
	since      string
	branch     onceFlag
	allObjects bool
	backend    string
}

func newGitCommand(a *app) *cobra.Command {
	var o gitOptions
	cmd := &cobra.Command{
		Use:   "git [REPO]",
		Short: "Scan a repository's history: every blob of every ref, once",
		Long: `Scan the history of REPO (default: the repository holding the current directory):
every blob reachable from any branch, tag or remote-tracking ref is read once, and
each secret is reported once per file, at the earliest commit that brought it into
that file (author, date, line in that version), with inHead saying whether HEAD
still holds it. A secret deleted long ago is still live until it is rotated.

--range BASE..HEAD and --since REF scan only what those commits add (a pull
request, a push); --branch limits the scan to one branch's history;
--all-objects adds blobs no ref reaches and every stash entry.

Shallow clones are scanned as far as they go, with a warning. Missing or
unreadable objects are reported by id and the scan goes on (exit 2 at the end).`,
		Example: `  hookscan git
  hookscan git --range origin/main..HEAD -f github
  hookscan git ../other-repo --all-objects -f json -o history.json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			repo := "."
			if len(args) == 1 {
				repo = args[0]
			}
			return a.runGit(cmd.Context(), repo, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.rangeSpec, "range", "", "scan only what commits in BASE..HEAD add")
	f.StringVar(&o.since, "since", "", "scan only what commits after REF add (REF..HEAD, or REF..--branch)")
	o.branch.hint = "one scan follows one branch; run hookscan git once per branch, or without --branch for every ref"
	f.Var(&o.branch, "branch", "scan only the history of this branch or revision")
	f.BoolVar(&o.allObjects, "all-objects", false, "also scan unreachable blobs and every stash entry")
	f.StringVar(&o.backend, "backend", "", `blob reader: "git" (git cat-file, faster) or "go-git" (embedded); default: git when installed`)
	cmd.MarkFlagsMutuallyExclusive("range", "since")
	return cmd
}

func (a *app) runGit(ctx context.Context, repo string, o gitOptions) error {
	a.source, a.unreadNoun = report.SourceHistory, "object"
	if err := a.checkFormat(); err != nil {
		return err
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// A whole large history keeps 150-250 MB live; without a limit the
		// collector lets the heap grow to twice that. GOMEMLIMIT overrides.
		debug.SetMemoryLimit(historyMemoryLimit)
	}
	// git walks the commits while the rules compile: the scan asks for
	// the detector only when it reads blobs (on a one-commit range the
	// compiling was a third of the run). A bad config or rule is still
	// reported at once: the walk is stopped. Both sides may write to
	// stderr meanwhile.
	p := a.progress("blobs") // on stderr if that is a terminal
	sw := &syncWriter{w: a.stderr}
	a.stderr, p.w = sw, sw
	var drops droppedList
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ready := make(chan *scanner.Detector, 1)
	type scanned struct {
		findings []scanner.Finding
		err      error
	}
	done := make(chan scanned, 1)
	go func() {
		load := func(ctx context.Context) (*scanner.Detector, error) {
			select {
			case d := <-ready:
				return d, nil
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		findings, err := source.HistoryLoading(ctx, load, repo, source.HistoryOptions{
			All:         o.allObjects,
			Branch:      o.branch.value,
			Range:       o.rangeSpec,
			Since:       o.since,
			MaxFileSize: int64(a.maxFileSize),
			Jobs:        a.jobs,
			Backend:     o.backend,
			Warn:        a.historyWarn,
			Progress:    p.history,
			Dropped:     drops.callback(a.verbose),
		})
		done <- scanned{findings, err}
	}()
	d, b, err := a.detector(repoTop(repo))
	if err != nil {
		cancel()
		<-done
		p.done()
		return err
	}
	ready <- d
	res := <-done
	p.done()
	a.missingSummary()
	if res.err != nil {
		return res.err
	}
	a.nothingRead = p.blobsScanned == 0
	a.showDropped(&drops, nil)
	return a.finish(ctx, d, b, res.findings, "hookscan/git/")
}

// repoTop is where a history or staged scan of repo finds its config and
// .gitleaksignore: the top of the working tree, whichever directory in it
// was named, since the scan reads the whole repository. It is relative to
// the current directory when repo is. A bare repository, or a path that is
// no repository (which the scan then reports), keeps the path given.
func repoTop(repo string) string {
	top, err := source.WorkTree(repo)
	if err != nil || top == "" {
		return repo
	}
	if !filepath.IsAbs(repo) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, top); err == nil {
				return rel
			}
		}
	}
	return top
}

// historyWarn reports a problem of a history scan. A shallow clone and a
// range with unrelated ends are facts about the repository, said once and
// not counted as failures; missing or unreadable objects make the result
// incomplete and the exit code 2.
func (a *app) historyWarn(err error) {
	if errors.Is(err, source.ErrShallow) || errors.Is(err, source.ErrUnrelatedHistories) {
		if !a.quiet {
			fmt.Fprintln(a.stderr, "hookscan: warning: "+err.Error())
		}
		return
	}
	if errors.Is(err, source.ErrMissingObject) && !a.verbose {
		// A partial clone can miss thousands of blobs: name the first
		// few, count the rest (missingSummary).
		if a.missing++; a.missing > missingShown {
			a.fail(err)
			return
		}
	}
	a.warn(err)
}

// missingShown is how many missing objects a history scan names, one
// line each, unless -v asks for all.
const missingShown = 10

// missingSummary counts the missing objects a history scan did not name.
func (a *app) missingSummary() {
	if n := a.missing - missingShown; n > 0 {
		fmt.Fprintf(a.stderr, "hookscan: %d more objects are missing from the repository (-v names each)\n", n)
	}
}

// history shows a history scan's counts on the progress line: commits
// while walking, then blobs scanned of those to scan.
func (p *progressLine) history(s source.HistoryStats) {
	p.blobsScanned = s.Scanned
	if s.Blobs == 0 {
		p.noun = "commits walked"
		p.update(scanner.Progress{Fragments: int64(s.Commits)})
		return
	}
	p.noun = fmt.Sprintf("of %d blobs (%d commits)", s.Blobs, s.Commits)
	p.update(scanner.Progress{Fragments: int64(s.Scanned + s.Skipped), Bytes: s.Bytes, Findings: int64(s.Findings)})
}
