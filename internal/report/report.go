// Package report writes hookscan's findings for people and for machines:
// text for a terminal, json, SARIF 2.1.0 for code scanning, and GitHub
// Actions workflow commands that annotate a run.
//
// Redaction lives here and only here. Every writer shows a secret through
// Redact unless Options.NoRedact is set, and the two formats that end up
// published on GitHub (sarif and github) never hold a full secret at all.
// Writers keep the order of the findings they are given; choosing,
// filtering and sorting findings is the caller's business.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// Options say how to write a report.
type Options struct {
	// Format is one of text, json, sarif or github; empty means text.
	Format string
	// NoRedact shows full secrets in text and json output. sarif and
	// github output ignore it: code-scanning alerts and workflow logs are
	// read by everyone with access to the repository, so they only ever
	// hold redacted secrets.
	NoRedact bool
	// Color adds ANSI colours to text output. The caller decides when
	// (standard output is a terminal and NO_COLOR is unset); the other
	// formats ignore it.
	Color bool
	// Rules looks up the rule behind a finding, for its rotation guidance
	// and, in SARIF, its rule metadata. It may be nil, or return nil for an
	// unknown id: the finding's own fields are used instead.
	Rules func(id string) *rules.Rule
	// ToolVersion is hookscan's version, written to SARIF's
	// tool.driver.version when not empty.
	ToolVersion string
	// Verbose shows every rotation step in text output; without it, the
	// first step and how to see the rest.
	Verbose bool
	// Source is where the findings came from (SourceWorkingTree,
	// SourceStaged, SourceHistory, SourcePR, SourceStdin), which decides
	// the advice on what to do first; empty means the working tree.
	Source string
	// Category, when not empty, becomes SARIF's runAutomationDetails.id,
	// which code scanning uses to keep separate analyses of one commit
	// apart (for example "hookscan/history/" and "hookscan/files/").
	Category string
	// NotScanned lists the files the run skipped and why. SARIF reports
	// each as a run-level notification (invocations[0].
	// toolExecutionNotifications), so code scanning shows the coverage
	// gap; the other formats leave it to the caller's closing line on
	// stderr (a JSON report stays an array of findings).
	NotScanned []scanner.Skip
	// Incomplete says the scan went past errors (unreadable files, missing
	// objects): SARIF's invocation then says executionSuccessful false.
	Incomplete bool
	// Failures are those errors, one line each, as stderr showed them.
	// SARIF writes each as an error notification (descriptor not-read);
	// the text summary counts them, so that a run that read less than it
	// was asked never says only "No secrets found.".
	Failures []string
	// FailureNoun names what each failure could not read in the text
	// summary ("path", "file", "object"); empty means "input".
	FailureNoun string
	// NothingRead says that, of what the run was asked to scan, nothing
	// could be read: the text summary then says so instead of counting.
	NothingRead bool
	// Quiet leaves out the text summary ("No secrets found.", counts):
	// only findings are written.
	Quiet bool
	// LeftOut says what the run found but does not report, for the text
	// summary ("2 in the baseline", "1 hidden by --hide"): "No secrets
	// found." alone would hide that there were some.
	LeftOut []string
}

// hardCoded names what was found, "Hard-coded " and the rule's
// description, without saying it twice when the description already
// starts that way.
func hardCoded(desc string) string {
	if strings.HasPrefix(strings.ToLower(desc), "hard-coded ") {
		return desc
	}
	return "Hard-coded " + desc
}

// Formats returns the names Options.Format accepts, the default first.
func Formats() []string {
	return []string{"text", "json", "sarif", "github"}
}

// Write writes findings to w in opts.Format.
func Write(w io.Writer, findings []scanner.Finding, opts Options) error {
	switch opts.Format {
	case "", "text":
		return WriteText(w, findings, opts)
	case "json":
		return WriteJSON(w, findings, opts)
	case "sarif":
		return WriteSARIF(w, findings, opts)
	case "github":
		return WriteGitHub(w, findings, opts)
	default:
		return fmt.Errorf("write report: unknown format %q (want %s)", opts.Format, strings.Join(Formats(), ", "))
	}
}

// rule returns the rule behind a finding, or nil.
func (o Options) rule(id string) *rules.Rule {
	if o.Rules == nil {
		return nil
	}
	return o.Rules(id)
}

// secret returns what a local format (text, json) shows of a secret.
func (o Options) secret(s string) string {
	if o.NoRedact {
		return s
	}
	return Redact(s)
}

// fingerprint returns the finding's fingerprint, computing it when the
// producer left it empty so that every format can name the secret.
func fingerprint(f *scanner.Finding) string {
	if f.Fingerprint != "" {
		return f.Fingerprint
	}
	return scanner.Fingerprint(f.RuleID, f.Secret)
}

// severityRank orders severities from worst (0) to least; unknown ones
// sort last.
func severityRank(s string) int {
	for i, v := range rules.Severities {
		if v == s {
			return i
		}
	}
	return len(rules.Severities)
}

// shortSHA is the commit abbreviation shown to people.
func shortSHA(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

// isHistory reports whether a finding came from git history.
func isHistory(f *scanner.Finding) bool {
	return f.Commit != ""
}

// headStatus says whether a history finding is still in HEAD, or "" when
// that is not known.
func headStatus(f *scanner.Finding) string {
	switch {
	case f.InHead == nil:
		return ""
	case *f.InHead:
		return "still in HEAD"
	default:
		return "removed from HEAD, still in history"
	}
}
