package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/hookscan/hookscan/internal/gitleaks"
	"github.com/hookscan/hookscan/rules"
)

func init() { extraCommands = append(extraCommands, newConfigCommand) }

func newConfigCommand(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Work with .hookscan.yaml",
	}
	var out string
	var force bool
	imp := &cobra.Command{
		Use:   "import-gitleaks [.gitleaks.toml]",
		Short: "Write the .hookscan.yaml equivalent of a gitleaks config",
		Long: `Convert a gitleaks config (default .gitleaks.toml) into .hookscan.yaml: its
allowlists (paths, regexes, stopwords, commits) and its custom rules with their
own allowlists. gitleaks path regexes become globs where they are glob-shaped;
what has no equivalent (AND allowlists, settings aimed at gitleaks' own rule
ids, path-only rules) is listed on stderr and at the top of the file. The file
is checked by loading it before it is written; an existing file is kept unless
--force. hookscan also honours gitleaks:allow comments and .gitleaksignore
without any conversion.`,
		Example: `  hookscan config import-gitleaks
  hookscan config import-gitleaks ci/gitleaks.toml -o -`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := ".gitleaks.toml"
			if len(args) == 1 {
				in = args[0]
			}
			return a.importGitleaks(in, out, force)
		},
	}
	imp.Flags().StringVarP(&out, "output", "o", ".hookscan.yaml", "where to write the config (- for standard output)")
	imp.Flags().BoolVar(&force, "force", false, "replace an existing output file")
	cmd.AddCommand(imp)
	return cmd
}

func (a *app) importGitleaks(in, out string, force bool) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return fmt.Errorf("read gitleaks config: %w", err)
	}
	yml, notes, err := gitleaks.Convert(in, data)
	if err != nil {
		return fmt.Errorf("convert gitleaks config: %w", err)
	}
	// What is written must load: a converted regex or glob that hookscan
	// refuses is a bug here, not the user's to find later.
	if _, err := rules.ParseConfig(out, yml); err != nil {
		return fmt.Errorf("convert gitleaks config %s: the result does not load: %w", in, err)
	}
	if !a.quiet {
		for _, n := range notes {
			fmt.Fprintf(a.stderr, "hookscan: %s: %s\n", in, n)
		}
	}
	if out == "-" {
		_, err := a.stdout.Write(yml)
		return err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(out, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("write %s: it exists (--force replaces it, -o - prints the config)", out)
	}
	if err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	if _, err := f.Write(yml); err != nil {
		f.Close()
		return fmt.Errorf("write config %s: %w", out, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write config %s: %w", out, err)
	}
	if !a.quiet {
		fmt.Fprintf(a.stderr, "hookscan: wrote %s from %s\n", out, in)
	}
	return nil
}
