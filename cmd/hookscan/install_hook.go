package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

func init() { extraCommands = append(extraCommands, newInstallHookCommand) }

// hookMarker identifies a pre-commit hook that hookscan wrote.
const hookMarker = "# hookscan pre-commit hook"

func newInstallHookCommand(a *app) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "install-hook [REPO]",
		Short: "Install a plain git pre-commit hook that runs `hookscan staged`",
		Long: `Write the pre-commit hook of REPO (default: the repository holding the current
directory), in the directory git runs hooks from (core.hooksPath if set, else
.git/hooks). The hook runs ` + "`hookscan staged`" + ` and stops a commit that adds a
secret; ` + "`git commit --no-verify`" + ` bypasses it once. An existing hook that
hookscan did not write is left alone unless --force is given; it is then kept
as pre-commit.bak.

With the pre-commit framework, use this repository's hook id "hookscan" instead.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			repo := "."
			if len(args) == 1 {
				repo = args[0]
			}
			return a.installHook(cmd.Context(), repo, force)
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing pre-commit hook (kept as pre-commit.bak)")
	return cmd
}

func (a *app) installHook(ctx context.Context, repo string, force bool) error {
	dir, err := hooksDir(ctx, repo)
	if err != nil {
		return err
	}
	script := hookScript(hookCommand())
	path := filepath.Join(dir, "pre-commit")
	old, err := os.ReadFile(path)
	switch {
	case err == nil && bytes.Equal(old, script):
		if !a.quiet {
			fmt.Fprintf(a.stderr, "hookscan: %s is already installed\n", path)
		}
		return nil
	case err == nil && !bytes.Contains(old, []byte(hookMarker)):
		if !force {
			return fmt.Errorf("install hook: %s exists and was not written by hookscan; add --force to replace it (it is kept as pre-commit.bak)", path)
		}
		if err := os.WriteFile(path+".bak", old, 0o755); err != nil {
			return fmt.Errorf("install hook: back up %s: %w", path, err)
		}
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("install hook: read %s: %w", path, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("install hook: create %s: %w", dir, err)
	}
	if err := os.WriteFile(path, script, 0o755); err != nil {
		return fmt.Errorf("install hook: write %s: %w", path, err)
	}
	// WriteFile keeps the mode of an existing file.
	if err := os.Chmod(path, 0o755); err != nil {
		return fmt.Errorf("install hook: make %s executable: %w", path, err)
	}
	if !a.quiet {
		fmt.Fprintf(a.stderr, "hookscan: installed %s\n", path)
	}
	return nil
}

// hookScript is the hook: a POSIX shell script, so it runs wherever git
// does.
func hookScript(command string) []byte {
	return []byte(`#!/bin/sh
` + hookMarker + `: stops commits that add webhook secrets.
# Written by "hookscan install-hook"; skip it once with "git commit --no-verify".
exec ` + command + ` staged
`)
}

// hookCommand is how the hook calls hookscan: by name when the hookscan on
// PATH is this one, else by this binary's absolute path.
func hookCommand() string {
	self, err := os.Executable()
	if err != nil {
		return "hookscan"
	}
	if resolved, err := filepath.EvalSymlinks(self); err == nil {
		self = resolved
	}
	if onPath, err := exec.LookPath("hookscan"); err == nil {
		if resolved, err := filepath.EvalSymlinks(onPath); err == nil && resolved == self {
			return "hookscan"
		}
	}
	return shellQuote(self)
}

// hooksDir asks git where the repository's hooks live (it knows
// core.hooksPath and linked worktrees).
func hooksDir(ctx context.Context, repo string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", "rev-parse", "--path-format=absolute", "--git-path", "hooks")
	cmd.Dir = repo
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		msg, _, _ = strings.Cut(msg, "\n")
		return "", fmt.Errorf("install hook in %s: %s", repo, msg)
	}
	return strings.TrimSpace(string(out)), nil
}

// shellQuote quotes a path for sh.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
