package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hookscan/hookscan/internal/report"
	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise it comes from the module's build info.
var version = ""

// configNames are looked for at the scan root, in order.
var configNames = []string{".hookscan.yaml", ".hookscan.yml"}

// app holds what every command shares: output streams and common flags.
type app struct {
	stdout, stderr io.Writer

	config      string
	format      string
	output      string
	baseline    string
	noRedact    bool
	jobs        int
	maxFileSize sizeFlag
	noProgress  bool
	quiet       bool
	verbose     bool
	exitCode    int
	verify      verifyConfig
	// hide lists the context classes whose findings are left out.
	hide []string
	// source is where the running command's findings come from
	// (report.Source*), for the advice on what to do first.
	source string
	// suppress holds commit allowlists and .gitleaksignore, set with the
	// detector.
	suppress *suppressions

	// missing counts the missing objects a history scan reported
	// (historyWarn).
	missing int
	// failed is set when a non-fatal error was reported: the scan went on,
	// but the result is incomplete and the exit code is 2.
	failed bool
	// failures are those errors, one line each, for the report.
	failures []string
	// unreadNoun names what a failure could not read ("path", "object"),
	// and nothingRead says none of it could be, for the text summary.
	unreadNoun  string
	nothingRead bool
	// skipped counts the files not scanned, for the closing line.
	skipped skipCounts
	// notScanned lists them for SARIF's run-level notifications.
	notScanned []scanner.Skip
	// shown is the progress line on screen, cleared before a warning.
	shown *progressLine
	// publicLog, when set, says why standard output is public (a public
	// repository's workflow log): the report is then not printed there.
	publicLog string
}

func newRootCommand(stdout, stderr io.Writer) *cobra.Command {
	a := &app{stdout: stdout, stderr: stderr, maxFileSize: source.DefaultMaxFileSize}
	root := &cobra.Command{
		Use:   "hookscan",
		Short: "Find hard-coded webhook secrets and say how to rotate them",
		Long: `hookscan finds webhook URLs with embedded tokens, webhook signing secrets and the
API keys around them in files, git history and staged changes, and says how to
rotate each one and where it should live instead.

Exit codes: 0 no findings, 1 findings (see --exit-code), 2 error.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       buildVersion(),
		PersistentPreRun: func(*cobra.Command, []string) {
			if a.output == "-" {
				// The usual name for standard output, as
				// config import-gitleaks -o - has it.
				a.output = ""
			}
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	f := root.PersistentFlags()
	f.StringVarP(&a.config, "config", "c", "", "config file (default: .hookscan.yaml at the scan root)")
	f.StringVarP(&a.format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), ", "))
	f.StringVarP(&a.output, "output", "o", "", "write the report to this file instead of standard output (- is standard output)")
	f.StringVar(&a.baseline, "baseline", "", "ignore findings listed in this baseline file")
	f.BoolVar(&a.noRedact, "no-redact", false, "show full secrets in text and json output")
	f.IntVarP(&a.jobs, "jobs", "j", 0, "scanning goroutines (default: one per CPU)")
	f.Var(&a.maxFileSize, "max-file-size", "skip files larger than this (e.g. 10MiB, 512KiB)")
	f.BoolVar(&a.noProgress, "no-progress", false, "never show a progress line")
	f.BoolVarP(&a.quiet, "quiet", "q", false, "print nothing but findings and errors")
	f.BoolVarP(&a.verbose, "verbose", "v", false, "say which files were skipped and why, and which candidates a filter dropped; show every rotation step")
	f.IntVar(&a.exitCode, "exit-code", 1, "exit code when there are findings")
	a.verify.addFlags(f)
	f.StringSliceVar(&a.hide, "hide", nil, "leave out findings in these context classes ("+strings.Join(scanner.ContextClasses, ", ")+")")
	root.AddCommand(
		newDirCommand(a),
		newStdinCommand(a),
		newRulesCommand(a),
		newBaselineCommand(a),
		newVersionCommand(a),
	)
	for _, add := range extraCommands {
		root.AddCommand(add(a))
	}
	rejectUnknownSubcommands(root)
	return root
}

// rejectUnknownSubcommands makes every command that only groups others
// ("github", "rules") fail on a name it does not know, as the root does:
// cobra would print the group's help and exit 0, so a mistyped
// "hookscan github scna" in CI would pass silently.
func rejectUnknownSubcommands(c *cobra.Command) {
	for _, sub := range c.Commands() {
		rejectUnknownSubcommands(sub)
	}
	if c.HasParent() && c.HasSubCommands() && !c.Runnable() {
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("unknown command %q for %q; run %q", args[0], cmd.CommandPath(), cmd.CommandPath()+" --help")
			}
			return cmd.Help()
		}
	}
}

// extraCommands are added by files that register them (git, staged,
// install-hook, github), so each command stays in a file of its own.
var extraCommands []func(*app) *cobra.Command

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// loadRules returns the rule set and config for a scan rooted at root:
// the embedded packs merged with --config, or with .hookscan.yaml found at
// the root.
func (a *app) loadRules(root string) ([]*rules.Rule, *rules.Config, error) {
	path := a.config
	if path == "" && root != "" {
		dir := root
		if fi, err := os.Stat(root); err == nil && !fi.IsDir() {
			dir = filepath.Dir(root)
		}
		for _, name := range configNames {
			p := filepath.Join(dir, name)
			fi, err := os.Stat(p)
			switch {
			case err != nil:
				continue
			case path != "":
				// Only one is read: say so, or edits to the other
				// would silently change nothing.
				if !a.quiet {
					fmt.Fprintf(a.stderr, "hookscan: warning: both %s and %s exist; using %s\n", report.Printable(path), report.Printable(p), report.Printable(path))
				}
			case !fi.Mode().IsRegular():
				// A FIFO here would block the run before it starts.
				return nil, nil, fmt.Errorf("load config %s: not a regular file", report.Printable(p))
			default:
				path = p
			}
		}
	}
	rs, cfg, err := configRules(path)
	if err != nil || path == "" {
		return rs, cfg, err
	}
	if a.verbose {
		fmt.Fprintf(a.stderr, "hookscan: using config %s\n", path)
	}
	return rs, cfg, nil
}

// detector compiles the rules for a scan rooted at root and loads the
// baseline (--baseline, else the config's).
func (a *app) detector(root string) (*scanner.Detector, *scanner.Baseline, error) {
	// Loading and compiling the rules allocates a few MB of short-lived
	// parse trees while the heap is still tiny: collecting as it goes
	// would take several cycles, most of a small scan's CPU. Collect once
	// afterwards instead.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	rs, cfg, err := a.loadRules(root)
	if err != nil {
		return nil, nil, err
	}
	d, err := scanner.Compile(rs, scanner.Options{Allow: withMigration(cfg.Allow), ExplainDrops: a.verbose, AllowOwnExamples: true})
	if err != nil {
		return nil, nil, err
	}
	if a.suppress, err = loadSuppressions(root, cfg); err != nil {
		return nil, nil, err
	}
	path := a.baseline
	if path == "" && cfg.Baseline != "" {
		path = filepath.Join(filepath.Dir(cfg.Path), cfg.Baseline)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			// Named in the config before it was written: nothing is
			// left out yet (a --baseline that is missing is an error).
			if !a.quiet {
				fmt.Fprintf(a.stderr, "hookscan: baseline %s (named in %s) does not exist yet, so every finding is reported; write it with hookscan baseline -o %s\n", report.Printable(path), report.Printable(cfg.Path), report.Printable(path))
			}
			path = ""
		}
	}
	var b *scanner.Baseline
	if path != "" {
		if b, err = scanner.LoadBaseline(path); err != nil {
			return nil, nil, err
		}
	}
	return d, b, nil
}

// warn reports a problem the scan went past: skips only in verbose mode,
// anything else always, and then the run exits 2.
func (a *app) warn(err error) {
	sk, skip := err.(*scanner.Skip)
	if skip {
		a.skipped.add(sk, int64(a.maxFileSize))
		if a.format == "sarif" {
			a.notScanned = append(a.notScanned, *sk)
		}
	}
	if skip && !a.verbose {
		return
	}
	if !skip {
		a.fail(err)
	}
	a.shown.clear()
	// File names may hold escape sequences: never hand them to the
	// terminal raw.
	fmt.Fprintln(a.stderr, "hookscan: "+report.Printable(err.Error()))
}

// fail records an error the scan went past: the result is incomplete,
// the report says what failed, and the exit code is 2.
func (a *app) fail(err error) {
	a.failed = true
	a.failures = append(a.failures, report.Printable(err.Error()))
}

// finish filters findings through the baseline and --hide, verifies them
// (--verify), writes the report and turns the outcome into the exit code.
func (a *app) finish(ctx context.Context, d *scanner.Detector, b *scanner.Baseline, findings []scanner.Finding, category string) error {
	var dropped func(*scanner.Finding, string)
	if a.verbose {
		// -v names every candidate left out, these too.
		dropped = func(f *scanner.Finding, why string) {
			a.printDropped(scanner.Dropped{RuleID: f.RuleID, File: f.File, Line: f.Line, Column: f.Column, Commit: f.Commit, Secret: f.Secret, Filter: why})
		}
	}
	findings = a.suppress.filter(d, findings, dropped)
	var leftOut []string
	n := len(findings)
	if findings = b.Filter(findings); len(findings) < n {
		leftOut = append(leftOut, fmt.Sprintf("%d in the baseline", n-len(findings)))
	}
	if len(a.hide) > 0 {
		n = len(findings)
		findings = slices.DeleteFunc(findings, func(f scanner.Finding) bool { return slices.Contains(a.hide, f.Context) })
		if len(findings) < n {
			leftOut = append(leftOut, fmt.Sprintf("%d hidden by --hide", n-len(findings)))
		}
	}
	findings = a.verifyFindings(ctx, d, findings)
	w := a.stdout
	if a.publicLog != "" && a.output == "" && len(findings) > 0 {
		// The log of a public repository's workflow is public too: the
		// report goes to a file or nowhere.
		w = io.Discard
		fmt.Fprintf(a.stderr, "hookscan: %d finding%s not printed: %s, and so is this job's log; write the report to a file with -o FILE (hookscan github sarif uploads it to code scanning, seen only by people with write access)\n", len(findings), plural(len(findings)), a.publicLog)
	}
	if a.output != "" {
		f, err := os.Create(a.output)
		if err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		defer f.Close()
		w = f
	}
	opts := report.Options{
		Format:      a.format,
		NoRedact:    a.noRedact,
		Color:       a.output == "" && isTerminal(a.stdout) && os.Getenv("NO_COLOR") == "",
		Rules:       d.Rule,
		ToolVersion: buildVersion(),
		Category:    category,
		Quiet:       a.quiet,
		Verbose:     a.verbose,
		Source:      a.source,
		NotScanned:  a.notScanned,
		Incomplete:  a.failed,
		Failures:    a.failures,
		FailureNoun: a.unreadNoun,
		NothingRead: a.nothingRead,
		LeftOut:     leftOut,
	}
	if err := report.Write(w, findings, opts); err != nil {
		return err
	}
	if c, ok := w.(io.Closer); ok && w != a.stdout {
		if err := c.Close(); err != nil {
			return fmt.Errorf("write report %s: %w", a.output, err)
		}
	}
	if line := a.skipped.summary(); line != "" && !a.quiet {
		// On stderr in every format: a JSON report stays an array of
		// findings, and CI logs still show the gap.
		fmt.Fprintln(a.stderr, "hookscan: "+line)
	}
	switch {
	case a.failed:
		return &exitError{2}
	case len(findings) > 0 && a.exitCode != 0:
		return &exitError{a.exitCode}
	}
	return nil
}

// checkFormat fails early on an unknown --format or --hide class, or an
// --exit-code or --jobs out of range, before any scanning.
func (a *app) checkFormat() error {
	if a.exitCode < 0 || a.exitCode > 255 {
		// A process's status is one byte: 256 would exit 0 and let a
		// CI gate pass with findings.
		return fmt.Errorf("--exit-code %d: want 0 to 255", a.exitCode)
	}
	if a.jobs < 0 {
		return fmt.Errorf("--jobs %d: want 1 or more (0 means one per CPU)", a.jobs)
	}
	for _, c := range a.hide {
		if !slices.Contains(scanner.ContextClasses, c) {
			return fmt.Errorf("unknown context class %q in --hide (want %s)", c, strings.Join(scanner.ContextClasses, ", "))
		}
	}
	for _, f := range report.Formats() {
		if a.format == f {
			return nil
		}
	}
	return fmt.Errorf("unknown format %q (want %s)", a.format, strings.Join(report.Formats(), ", "))
}
