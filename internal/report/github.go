package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/hookscan/hookscan/scanner"
)

// WriteGitHub writes one GitHub Actions workflow command per finding
// (::error for critical and high, ::warning for medium, ::notice for low),
// which the runner turns into an annotation on the file and line:
//
//	::error file=app.env,line=3,col=19,endLine=3,endColumn=43,title=…::message
//
// col and endColumn are written only for a single-line secret, as GitHub
// requires; endColumn is one past the secret's last character, as in
// SARIF. Properties and message are escaped the way the Actions toolkit
// does, so no value can end the command or start another. Workflow logs
// are widely readable, so secrets are always redacted, whatever
// opts.NoRedact says. No findings, no output.
func WriteGitHub(w io.Writer, findings []scanner.Finding, opts Options) error {
	bw := bufio.NewWriter(w)
	for i := range findings {
		f := &findings[i]
		reg := region(f)
		props := [][2]string{
			{"file", escapeTerminal(f.File)},
			{"line", strconv.Itoa(reg.StartLine)},
		}
		if reg.EndLine == reg.StartLine {
			props = append(props, [2]string{"col", strconv.Itoa(reg.StartColumn)})
		}
		props = append(props, [2]string{"endLine", strconv.Itoa(reg.EndLine)})
		if reg.EndLine == reg.StartLine {
			props = append(props, [2]string{"endColumn", strconv.Itoa(reg.EndColumn)})
		}
		desc := cmp.Or(f.Description, f.RuleID)
		props = append(props, [2]string{"title", fmt.Sprintf("%s (%s)", desc, f.RuleID)})

		bw.WriteString("::" + annotationLevel(f.Severity) + " ")
		for j, p := range props {
			if j > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString(p[0] + "=" + escapeProperty(p[1]))
		}
		bw.WriteString("::" + escapeData(annotationMessage(f, desc, opts)) + "\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write github annotations: %w", err)
	}
	return nil
}

// annotationMessage is the annotation's text: what was found, where it
// came from in history, where it should live, and how to rotate it.
func annotationMessage(f *scanner.Finding, desc string, opts Options) string {
	lines := []string{hardCoded(desc) + ": " + Redact(f.Secret)}
	if v := VerificationText(f.Verification); v != "" {
		lines = append(lines, "Verification: "+v+".")
	}
	if f.DecodedFrom != "" {
		lines = append(lines, "Hidden under "+f.DecodedFrom+" encoding.")
	}
	if isHistory(f) {
		l := "Introduced in commit " + shortSHA(f.Commit)
		if !f.Date.IsZero() {
			l += " on " + f.Date.Format("2006-01-02")
		}
		if s := headStatus(f); s != "" {
			l += "; " + s
		}
		lines = append(lines, l+".")
	}
	if f.Advice != "" {
		lines = append(lines, f.Advice)
	}
	rotate, guide := rotation(f, opts)
	g := SplitGuidance(rotate)
	first := Lead(f, opts.Source)
	if g.Risk != "" && len(g.Steps) > 0 {
		first += " " + g.Risk
	}
	lines = append(lines, "First: "+first)
	switch {
	case len(g.Steps) > 0:
		l := "Rotation: " + clip(g.Steps[0], hintMax)
		if !g.Bullets {
			l = "Rotation: " + g.marker(0) + clip(g.Steps[0], hintMax)
		}
		if n := len(g.Steps) - 1; n > 0 {
			l += fmt.Sprintf(" (%d more: hookscan explain %s)", n, f.RuleID)
		}
		lines = append(lines, l)
	case rotationHint(rotate) != "":
		lines = append(lines, "Rotation: "+rotationHint(rotate))
	}
	if guide != "" {
		lines = append(lines, "See "+guide)
	}
	return strings.Join(lines, "\n")
}

func annotationLevel(sev string) string {
	switch sev {
	case "critical", "high":
		return "error"
	case "low":
		return "notice"
	default:
		return "warning"
	}
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value: as data,
// and ':' and ',' too, which would end the value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// escapeTerminal writes the control characters the workflow-command
// escaping leaves alone (ESC, BEL and the like; CR and LF it encodes
// itself, and a runner decodes them back) as \xNN, so a file name cannot
// drive the terminal of whoever reads the log.
func escapeTerminal(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && c != '\r' && c != '\n') || c == 0x7f {
			fmt.Fprintf(&b, `\x%02x`, c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
