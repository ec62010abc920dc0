package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// ANSI styles for text output.
const (
	styleReset   = "\x1b[0m"
	styleBold    = "\x1b[1m"
	styleDim     = "\x1b[2m"
	styleRed     = "\x1b[1;31m"
	styleMagenta = "\x1b[1;35m"
	styleYellow  = "\x1b[33m"
	styleCyan    = "\x1b[36m"
	styleGreen   = "\x1b[32m"
)

// WriteText writes one block per finding for a person to read, then a
// summary line. Text taken from scanned files (paths, commit authors) is
// shown with control and bidirectional-override characters escaped, so a
// crafted file name cannot rewrite the terminal.
func WriteText(w io.Writer, findings []scanner.Finding, opts Options) error {
	bw := bufio.NewWriter(w)
	t := textWriter{w: bw, color: opts.Color}
	// A person reads from the top: production configuration and code
	// first, examples, documentation and vendored code last.
	ranked := slices.Clone(findings)
	slices.SortStableFunc(ranked, func(a, b scanner.Finding) int {
		return scanner.ContextRank(a.Context) - scanner.ContextRank(b.Context)
	})
	for i := range ranked {
		t.finding(&ranked[i], opts)
	}
	if !opts.Quiet {
		t.summary(findings, opts)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	return nil
}

type textWriter struct {
	w     *bufio.Writer
	color bool
}

// style wraps s in an ANSI style when colour is on.
func (t textWriter) style(style, s string) string {
	if !t.color || s == "" {
		return s
	}
	return style + s + styleReset
}

// field writes one "  label:  value" line; empty values are left out.
func (t textWriter) field(label, value string) {
	if value == "" {
		return
	}
	fmt.Fprintf(t.w, "  %s %s\n", t.style(styleDim, fmt.Sprintf("%-9s", label+":")), value)
}

func (t textWriter) finding(f *scanner.Finding, opts Options) {
	sev := strings.ToUpper(f.Severity)
	if sev == "" {
		sev = "UNKNOWN"
	}
	desc := f.Description
	if desc == "" {
		desc = f.RuleID
	}
	fmt.Fprintf(t.w, "%s %s %s\n",
		t.style(severityStyle(f.Severity), sev),
		t.style(styleBold, printable(desc)),
		t.style(styleDim, "("+printable(f.RuleID)+")"))
	t.field("repo", printable(f.Repository))
	t.field("file", t.style(styleBold, printable(location(f))))
	provider := printable(f.Provider)
	if f.Kind != "" {
		provider = strings.TrimSpace(provider + " (" + printable(f.Kind) + ")")
	}
	t.field("provider", provider)
	t.field("context", printable(f.Context))
	t.field("secret", t.style(styleYellow, printable(opts.secret(f.Secret))))
	t.field("decoded", printable(f.DecodedFrom))
	if v := VerificationText(f.Verification); v != "" {
		style := styleDim
		switch f.Verification.Status {
		case scanner.VerifyLive:
			style = styleRed
		case scanner.VerifyRevoked:
			style = styleGreen
		}
		t.field("verified", t.style(style, printable(v)))
	}
	if isHistory(f) {
		c := shortSHA(printable(f.Commit))
		if f.Author != "" || f.Email != "" {
			who := printable(f.Author)
			if f.Email != "" {
				who = strings.TrimSpace(who + " <" + printable(f.Email) + ">")
			}
			c += " by " + who
		}
		if !f.Date.IsZero() {
			c += " on " + f.Date.Format("2006-01-02")
		}
		t.field("commit", c)
		status := headStatus(f)
		if f.InHead != nil && *f.InHead {
			status = t.style(styleRed, status)
		}
		t.field("status", status)
	}
	t.field("advice", printable(f.Advice))
	rotate, guide := rotation(f, opts)
	g := SplitGuidance(rotate)
	first := Lead(f, opts.Source)
	if len(g.Steps) > 0 && g.Risk != "" {
		first += " " + g.Risk // without steps, the rotate line holds it
	}
	t.field("first", printable(first))
	switch {
	case len(g.Steps) == 0:
		t.field("rotate", printable(rotationHint(rotate)))
	case opts.Verbose:
		if g.Risk == "" && !historyLead.MatchString(g.Intro) {
			t.item("about", printable(g.Intro))
		}
		for i, s := range g.Steps {
			label := ""
			if i == 0 {
				label = "rotate"
			}
			t.item(label, g.marker(i)+printable(s))
		}
		for l := range strings.SplitSeq(g.Notes, "\n") {
			t.item("", printable(l))
		}
	default:
		t.field("rotate", g.marker(0)+printable(clip(g.Steps[0], hintMax)))
		if n := len(g.Steps) - 1; n > 0 {
			t.item("", t.style(styleDim, fmt.Sprintf("(%d more %s: hookscan explain %s, or -v)", n, map[bool]string{true: "step", false: "steps"}[n == 1], printable(f.RuleID))))
		}
	}
	t.field("guide", t.style(styleCyan, printable(guide)))
	t.w.WriteString("\n")
}

// item writes a line under a field: with a label, like field; without,
// indented to the values above it. Empty values are left out.
func (t textWriter) item(label, value string) {
	if value == "" {
		return
	}
	if label != "" {
		t.field(label, value)
		return
	}
	fmt.Fprintf(t.w, "  %s %s\n", strings.Repeat(" ", 9), value)
}

// rotation returns a finding's rotation steps (markdown) and guide URL:
// the finding's own, filled in by the detector, else its rule's.
func rotation(f *scanner.Finding, opts Options) (rotate, url string) {
	rotate, url = f.Rotation, f.GuideURL
	if r := opts.rule(f.RuleID); r != nil {
		rotate, url = cmp.Or(rotate, r.Guidance.Rotate), cmp.Or(url, r.Guidance.URL)
	}
	return rotate, url
}

func (t textWriter) summary(findings []scanner.Finding, opts Options) {
	leftOut := ""
	if len(opts.LeftOut) > 0 {
		leftOut = " (" + strings.Join(opts.LeftOut, ", ") + ")"
	}
	if len(findings) == 0 {
		// A run that could not read everything vouches only for what
		// it read.
		unread := plural(len(opts.Failures), cmp.Or(opts.FailureNoun, "input")) + " could not be read."
		switch {
		case len(opts.Failures) > 0 && opts.NothingRead:
			fmt.Fprintln(t.w, t.style(styleYellow, "Nothing could be scanned: "+unread))
		case len(opts.Failures) > 0:
			fmt.Fprintln(t.w, t.style(styleYellow, "No secrets found in what could be read"+leftOut+"; "+unread))
		default:
			fmt.Fprintln(t.w, t.style(styleGreen, "No secrets found"+leftOut+"."))
		}
		return
	}
	counts := make([]int, len(rules.Severities)+1)
	files := map[string]bool{}
	commits := map[string]bool{}
	for i := range findings {
		f := &findings[i]
		counts[severityRank(f.Severity)]++
		files[f.File] = true
		if f.Commit != "" {
			commits[f.Commit] = true
		}
	}
	var parts []string
	for i, n := range counts {
		if n == 0 {
			continue
		}
		name := "unknown"
		if i < len(rules.Severities) {
			name = rules.Severities[i]
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, name))
	}
	line := fmt.Sprintf("%s (%s) in %s", plural(len(findings), "finding"), strings.Join(parts, ", "), plural(len(files), "file"))
	if len(commits) > 0 {
		line += " from " + plural(len(commits), "commit")
	}
	if v := verificationCounts(findings); v != "" {
		line += "; verified: " + v
	}
	if leftOut != "" {
		line += "; not shown" + leftOut
	}
	fmt.Fprintln(t.w, t.style(styleBold, line+"."))
}

// verificationCounts says how many findings each verification status
// has, worst first, or "" when none was verified.
func verificationCounts(findings []scanner.Finding) string {
	counts := map[string]int{}
	for i := range findings {
		if v := findings[i].Verification; v != nil {
			counts[v.Status]++
		}
	}
	var parts []string
	for _, s := range []string{scanner.VerifyLive, scanner.VerifyRevoked, scanner.VerifyError, scanner.VerifyUnsupported} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	return strings.Join(parts, ", ")
}

// location is "file:line:column", leaving out what is unknown.
func location(f *scanner.Finding) string {
	s := f.File
	if f.Line > 0 {
		s += ":" + strconv.Itoa(f.Line)
		if f.Column > 0 {
			s += ":" + strconv.Itoa(f.Column)
		}
	}
	return s
}

func severityStyle(sev string) string {
	switch sev {
	case "critical":
		return styleMagenta
	case "high":
		return styleRed
	case "medium":
		return styleYellow
	default:
		return styleCyan
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// Printable escapes control characters, invalid UTF-8 and bidirectional
// controls in s, for paths and messages printed to a terminal or a log.
func Printable(s string) string { return printable(s) }

// printable escapes what a terminal would act on instead of showing:
// control characters (escape sequences, carriage returns), invalid UTF-8,
// and the bidirectional controls that can make text read differently
// from what it is.
func printable(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) || isBidi(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case r < 0x80 && unicode.IsControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unicode.IsControl(r) || isBidi(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[:size])
		}
		s = s[size:]
	}
	return b.String()
}

func isBidi(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}
