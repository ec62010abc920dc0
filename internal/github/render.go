package github

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/hookscan/hookscan/internal/report"
	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// Bounds that keep bodies under GitHub's limit of 65,536 characters for
// issue and comment bodies (counted here in bytes, which is stricter).
const (
	maxBody = 65000
	// maxRows bounds the rows of the summary comment's table and the
	// secrets its state remembers.
	maxRows = 100
)

// RuleFunc looks up the rule behind a finding (Detector.Rule); it may
// return nil, and then the finding's own fields stand in.
type RuleFunc func(id string) *rules.Rule

func (rf RuleFunc) get(id string) *rules.Rule {
	if rf == nil {
		return nil
	}
	return rf(id)
}

// what names a finding's secret for people: the rule's description, else
// its id.
func what(f *scanner.Finding) string {
	return cmp.Or(f.Description, f.RuleID, "secret")
}

// fingerprintOf returns the finding's fingerprint, computing it when the
// producer left it empty.
func fingerprintOf(f *scanner.Finding) string {
	if f.Fingerprint != "" {
		return f.Fingerprint
	}
	return scanner.Fingerprint(f.RuleID, f.Secret)
}

func shortSHA(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

// rotateNow is what every comment and issue says first.
func rotateNow(provider string) string {
	who := "the provider"
	if provider != "" {
		who = text(provider)
	}
	return "**Rotate it now.** The secret is already in git history, which GitHub keeps and every clone and fork copies: " +
		"deleting the line, or a later commit, does not make it safe. Revoke or regenerate it at " + who +
		" first, then take it out of the code."
}

// guidance writes a rule's rotation steps and its reference link.
func guidance(b *strings.Builder, r *rules.Rule, heading string) {
	if r == nil || strings.TrimSpace(r.Guidance.Rotate) == "" && r.Guidance.URL == "" {
		return
	}
	b.WriteString(heading + "\n\n")
	if g := strings.TrimSpace(r.Guidance.Rotate); g != "" {
		b.WriteString(g + "\n\n")
	}
	if r.Guidance.URL != "" {
		b.WriteString("Provider documentation: " + r.Guidance.URL + "\n\n")
	}
}

// ReviewComment renders the line comment on a finding in a pull request's
// diff: what it is, rotate first, the provider's rotation steps, and
// where the secret should live instead.
func ReviewComment(f scanner.Finding, r *rules.Rule) string {
	var b strings.Builder
	fp := fingerprintOf(&f)
	b.WriteString(findingMarker(fp, f.File) + "\n")
	b.WriteString(verificationLine(f.Verification))
	fmt.Fprintf(&b, "**Hard-coded %s**", text(what(&f)))
	var facts []string
	if f.Provider != "" {
		facts = append(facts, text(f.Provider))
	}
	if f.Severity != "" {
		facts = append(facts, "severity "+text(f.Severity))
	}
	if len(facts) > 0 {
		b.WriteString(" (" + strings.Join(facts, ", ") + ")")
	}
	b.WriteString(": " + code(report.Redact(f.Secret)))
	if f.DecodedFrom != "" {
		b.WriteString(", hidden under " + text(f.DecodedFrom) + " encoding")
	}
	b.WriteString("\n\n" + rotateNow(f.Provider) + "\n\n")
	guidance(&b, r, "**How to rotate it**")
	if f.Advice != "" {
		// Advice is hookscan's own Markdown (scanner.Advice), like the
		// rules' guidance: it is written as it is.
		b.WriteString("**Where it should live instead:** " + f.Advice + "\n\n")
	}
	b.WriteString(footer(&f, fp))
	return b.String()
}

// verificationLine opens a comment or issue with what --verify found: a
// live secret first of all; nothing when no check was asked for.
func verificationLine(v *scanner.Verification) string {
	t := report.VerificationText(v)
	switch {
	case t == "":
		return ""
	case v.Status == scanner.VerifyLive:
		return "**Live — rotate now:** the provider accepts this secret (" + text(v.Detail) + ").\n\n"
	}
	return "Verification: " + text(t) + ".\n\n"
}

// footer names the rule and fingerprint and says how to accept a false
// positive.
func footer(f *scanner.Finding, fp string) string {
	s := "<sub>Rule " + code(f.RuleID) + ", fingerprint " + code(fp)
	if f.Commit != "" {
		s += ", introduced in " + code(shortSHA(f.Commit))
	}
	return s + ". Not a secret? Add the line " + code(fp+" "+f.File) +
		" to the hookscan baseline, or mark the line with a `hookscan:allow` comment.</sub>\n"
}

// reviewBody is the text of the review that carries the line comments.
func reviewBody(n int) string {
	noun := "secret"
	if n != 1 {
		noun = "secrets"
	}
	return fmt.Sprintf("hookscan found %d hard-coded %s on lines this pull request adds. "+
		"Rotate each one at its provider first: it is already in the branch's history. "+
		"The summary comment lists every secret in the pull request.", n, noun)
}

// status is where a secret stands in a pull request.
type status int

const (
	// statusCommented: on a diff line, with a review comment.
	statusCommented status = iota
	// statusOutside: in the branch, on a line the diff does not show.
	statusOutside
	// statusRemoved: a later commit of the branch removed it; it is still
	// in the branch's history.
	statusRemoved
	// statusGone: an earlier run reported it, and the branch's history no
	// longer holds it (rewritten by a force-push).
	statusGone
)

// summaryEntry is one row of the summary comment.
type summaryEntry struct {
	f      scanner.Finding
	status status
}

// summaryState is what the summary comment remembers between runs: every
// secret it has reported (by fingerprint, never the value), so a secret
// later removed from the branch is still named.
type summaryState struct {
	V       int           `json:"v"`
	Secrets []stateSecret `json:"secrets"`
}

type stateSecret struct {
	Fingerprint string `json:"fp"`
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Line        int    `json:"line,omitempty"`
	Provider    string `json:"provider,omitempty"`
	Description string `json:"description,omitempty"`
	Severity    string `json:"severity,omitempty"`
	Commit      string `json:"commit,omitempty"`
}

// SummaryInput is what the pull request summary comment is rendered from.
type summaryInput struct {
	head    string
	entries []summaryEntry
	state   summaryState
	rules   RuleFunc
	links   Links
	allowed []Allowed
	notes   []string
}

// renderSummary renders the pull request's summary comment.
func renderSummary(in summaryInput) string {
	var b strings.Builder
	b.WriteString(marker(markSummary, "") + "\n")
	live := 0
	for _, e := range in.entries {
		if e.status != statusGone {
			live++
		}
	}
	switch {
	case len(in.entries) == 0:
		fmt.Fprintf(&b, "### hookscan: no hard-coded secrets\n\nNo secrets in this pull request's commits as of %s.\n", code(shortSHA(in.head)))
	default:
		noun := "secrets"
		if len(in.entries) == 1 {
			noun = "secret"
		}
		fmt.Fprintf(&b, "### hookscan: %d hard-coded %s in this pull request\n\n", len(in.entries), noun)
		fmt.Fprintf(&b, "Checked at %s. Every secret below has been pushed to GitHub and stays in git history, "+
			"which every clone and fork copies: rotate it at its provider first, then take it out of the code. "+
			"Removing it in a later commit, or force-pushing, is not enough.\n\n", link(code(shortSHA(in.head)), in.links.Commit(in.head)))
		b.WriteString("| Severity | Secret | Where | Status |\n|---|---|---|---|\n")
		for i, e := range in.entries {
			if i == maxRows {
				fmt.Fprintf(&b, "\n…and %d more: the workflow run's job summary lists them all.\n", len(in.entries)-i)
				break
			}
			b.WriteString(summaryRow(e, in.links, in.head) + "\n")
		}
		b.WriteString("\n")
	}
	var details strings.Builder
	seen := map[string]bool{}
	for _, e := range in.entries {
		if e.status == statusCommented || e.status == statusGone {
			continue
		}
		fp := fingerprintOf(&e.f)
		if seen[fp] {
			continue
		}
		seen[fp] = true
		f := e.f
		fmt.Fprintf(&details, "#### %s in %s\n\n", text(what(&f)), code(f.File))
		if f.Provider != "" {
			details.WriteString("Provider: " + text(f.Provider) + ". ")
		}
		details.WriteString("Secret: " + code(report.Redact(f.Secret)) + ".\n\n")
		details.WriteString(rotateNow(f.Provider) + "\n\n")
		guidance(&details, in.rules.get(f.RuleID), "**How to rotate it**")
		if f.Advice != "" {
			details.WriteString("**Where it should live instead:** " + f.Advice + "\n\n")
		}
		details.WriteString(footer(&f, fp) + "\n")
	}
	if len(in.allowed) > 0 {
		fmt.Fprintf(&b, "#### Allowed by this pull request\n\nThis pull request silences these secrets itself. They get no line comment; a reviewer should check that each is not a real secret before approving:\n\n")
		b.WriteString("| Secret | Where | Silenced by |\n|---|---|---|\n")
		for i, al := range in.allowed {
			if i == maxRows {
				fmt.Fprintf(&b, "\n…and %d more.\n", len(in.allowed)-i)
				break
			}
			f := al.Finding
			where := code(f.File)
			if f.Line > 0 {
				where = code(fmt.Sprintf("%s:%d", f.File, f.Line))
			}
			b.WriteString(row(text(what(&f))+" "+code(report.Redact(f.Secret)), where, al.Reason) + "\n")
		}
		b.WriteString("\n")
	}
	for _, n := range in.notes {
		b.WriteString("_" + text(n) + "_\n\n")
	}
	state := in.state
	if len(state.Secrets) > maxRows {
		state.Secrets = state.Secrets[:maxRows]
	}
	end := jsonMarker(markState, state) + "\n"
	if details.Len() > 0 && live > 0 {
		const open, closing = "<details open><summary>What to do about the secrets without a review comment</summary>\n\n", "</details>\n\n"
		b.WriteString(open)
		b.WriteString(clip(details.String(), maxBody-b.Len()-len(closing)-len(end), "…and more: the workflow run's job summary lists them all.\n"))
		b.WriteString(closing)
	}
	return clip(b.String(), maxBody-len(end), "…\n") + end
}

// summaryRow renders one secret's row. Secrets still in the branch link
// to their line at the head; removed ones to the commit that added them.
func summaryRow(e summaryEntry, l Links, head string) string {
	f := e.f
	where := code(f.File)
	if f.Line > 0 {
		where = code(fmt.Sprintf("%s:%d", f.File, f.Line))
	}
	var st string
	switch e.status {
	case statusCommented:
		where = link(where, l.Permalink(cmpOr(head, f.Commit), f.File, f.Line, f.EndLine))
		st = "in the diff: see the review comment"
	case statusOutside:
		where = link(where, l.Permalink(cmpOr(head, f.Commit), f.File, f.Line, f.EndLine))
		st = "in the branch, on a line the diff does not show: see below"
	case statusRemoved:
		where = link(where, l.Permalink(f.Commit, f.File, f.Line, f.EndLine))
		st = "**gone from the branch, still in its history**: it must still be rotated"
	case statusGone:
		st = "**no longer in the branch's history** (rewritten): it was pushed, so it must still be rotated"
	}
	secret := text(what(&f))
	if f.Provider != "" && !strings.Contains(strings.ToLower(what(&f)), strings.ToLower(f.Provider)) {
		secret = text(f.Provider) + " " + secret
	}
	if f.Secret != "" {
		secret += " " + code(report.Redact(f.Secret))
	}
	return row(cmpOr(text(f.Severity), "?"), secret, where, st)
}

// issueLocation is one place a secret was found, as an issue records it.
type issueLocation struct {
	Commit string `json:"c"`
	File   string `json:"f"`
	Line   int    `json:"l,omitempty"`
	End    int    `json:"e,omitempty"`
	Date   string `json:"d,omitempty"`
	Author string `json:"a,omitempty"`
	InHead *bool  `json:"h,omitempty"`
}

func (l issueLocation) key() string { return shortHash(l.Commit + "\x00" + l.File) }

// shortHash names a location or commit compactly in a marker.
func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:5])
}

// issueState is what an issue's hidden marker records: the places it
// lists, and short hashes of every place and commit it has ever known, so
// that places beyond the listed ones are not news on the next run.
type issueState struct {
	V         int             `json:"v"`
	Locations []issueLocation `json:"locs"`
	Known     []string        `json:"known,omitempty"`
	Commits   []string        `json:"commits,omitempty"`
}

// secretIssue is everything an issue about one secret is rendered from.
type secretIssue struct {
	fp   string
	f    scanner.Finding // the earliest finding: rule, provider, secret
	rule *rules.Rule
	locs []issueLocation // earliest first
	// advice is the distinct "where it should live" advice, in order.
	advice []string
	// known and commits are the hashes of every place and commit the
	// issue knows (issueState), these locations' included.
	known, commits []string
}

// Bounds on what an issue's marker remembers: locations in full, and
// hashes of places and commits (11 bytes each in the JSON).
const (
	maxLocations = 100
	maxKnown     = 2000
)

func issueTitle(s *secretIssue) string {
	title := "Leaked " + what(&s.f)
	if s.f.Provider != "" && !strings.Contains(strings.ToLower(title), strings.ToLower(s.f.Provider)) {
		title = "Leaked " + s.f.Provider + " " + what(&s.f)
	}
	if len(s.locs) > 0 {
		title += " in " + s.locs[0].File
	}
	if len(title) > 200 {
		title = title[:200] + "…"
	}
	return title
}

func inHead(s *secretIssue) (bool, []string) {
	var files []string
	for _, l := range s.locs {
		if l.InHead != nil && *l.InHead {
			files = append(files, l.File)
		}
	}
	return len(files) > 0, files
}

func renderIssue(s *secretIssue, l Links) string {
	var b strings.Builder
	b.WriteString(marker(markIssue, "fp="+markerValue(s.fp)) + "\n")
	f := s.f
	b.WriteString(verificationLine(f.Verification))
	first := s.locs[0]
	fmt.Fprintf(&b, "hookscan found a hard-coded **%s**", text(what(&f)))
	if f.Provider != "" {
		b.WriteString(" issued by " + text(f.Provider))
	}
	b.WriteString(" in this repository's git history: " + code(report.Redact(f.Secret)) + ".\n\n")
	b.WriteString("| | |\n|---|---|\n")
	b.WriteString(row("Provider", cmpOr(text(f.Provider), "unknown")) + "\n")
	b.WriteString(row("Rule", code(f.RuleID)+" (severity "+cmpOr(text(f.Severity), "unknown")+")") + "\n")
	fc := link(code(shortSHA(first.Commit)), l.Commit(first.Commit))
	if first.Date != "" {
		fc += " on " + first.Date
	}
	b.WriteString(row("First commit", fc) + "\n")
	if first.Author != "" {
		b.WriteString(row("Author", code(first.Author)) + "\n")
	}
	still, files := inHead(s)
	switch {
	case still:
		for i, f := range files {
			files[i] = code(f)
		}
		b.WriteString(row("Still in HEAD", "yes, in "+strings.Join(files, ", ")) + "\n")
	default:
		b.WriteString("| Still in HEAD | no, but it stays in history: rotate it all the same |\n")
	}
	b.WriteString(row("Fingerprint", code(s.fp)) + "\n\n")

	b.WriteString("### Where it is\n\n")
	for i, loc := range s.locs {
		if i == 50 {
			fmt.Fprintf(&b, "- …and %d more places\n", len(s.locs)-i)
			break
		}
		b.WriteString("- " + locationLine(loc, l) + "\n")
	}
	b.WriteString("\n### Rotate it\n\n")
	b.WriteString(rotateNow(f.Provider) + "\n\n")
	who := cmpOr(text(f.Provider), "the provider")
	b.WriteString("- [ ] Revoke or regenerate the secret at " + who + " (steps below)\n")
	b.WriteString("- [ ] Store the new value in a secret manager and update everything that uses it\n")
	b.WriteString("- [ ] Take the literal out of the code in every place listed above\n")
	since := ""
	if first.Date != "" {
		since = " since " + first.Date
	}
	b.WriteString("- [ ] Check " + who + "'s logs for use of the old secret" + since + "\n")
	b.WriteString("- [ ] Close this issue\n\n")
	guidance(&b, s.rule, "**How to rotate it**")
	if len(s.advice) > 0 {
		b.WriteString("### Where it should live instead\n\n")
		for _, a := range s.advice {
			b.WriteString("- " + a + "\n")
		}
		b.WriteString("\n")
	}
	b.WriteString("<sub>Not a secret? Add " + code(s.fp+" "+first.File) +
		" to the hookscan baseline and close this issue. hookscan updates this issue when it finds the secret in new places.</sub>\n")
	st := issueState{V: 1, Locations: s.locs, Known: s.known, Commits: s.commits}
	if len(st.Locations) > maxLocations {
		st.Locations = st.Locations[:maxLocations]
	}
	st.Known = st.Known[:min(len(st.Known), maxKnown)]
	st.Commits = st.Commits[:min(len(st.Commits), maxKnown)]
	end := jsonMarker(markLocations, st) + "\n"
	return clip(b.String(), maxBody-len(end), "…\n") + end
}

func locationLine(loc issueLocation, l Links) string {
	label := code(loc.File)
	if loc.Line > 0 {
		label = code(fmt.Sprintf("%s:%d", loc.File, loc.Line))
	}
	s := link(label, l.Permalink(loc.Commit, loc.File, loc.Line, loc.End))
	s += ", commit " + link(code(shortSHA(loc.Commit)), l.Commit(loc.Commit))
	if loc.Date != "" {
		s += " (" + loc.Date + ")"
	}
	switch {
	case loc.InHead == nil:
	case *loc.InHead:
		s += ", still in HEAD"
	default:
		s += ", removed from HEAD"
	}
	return s
}

// renderNewLocations is the comment that tells an issue's followers about
// new places the secret was found.
func renderNewLocations(fresh []issueLocation, reopened bool, l Links) string {
	var b strings.Builder
	n := "1 more place"
	if len(fresh) != 1 {
		n = fmt.Sprintf("%d more places", len(fresh))
	}
	fmt.Fprintf(&b, "hookscan found this secret in %s:\n\n", n)
	for i, loc := range fresh {
		if i == 50 {
			fmt.Fprintf(&b, "- …and %d more\n", len(fresh)-i)
			break
		}
		b.WriteString("- " + locationLine(loc, l) + "\n")
	}
	if reopened {
		b.WriteString("\nIt came back in a new commit after this issue was closed, so the issue is open again. " +
			"If the secret was rotated, the new commit holds the old value or a new one: check which, and rotate again if need be.\n")
	}
	return b.String()
}

// StepSummary renders findings as a Markdown table for a workflow's job
// summary (GITHUB_STEP_SUMMARY), under a Markdown title. Findings that
// commit at (the head) still holds, and findings from files rather than
// history, link to their line at at: give them their lines there. Others
// link to the commit that brought them in.
func StepSummary(title string, findings []scanner.Finding, l Links, at string) string {
	var b strings.Builder
	noun := "secrets"
	if len(findings) == 1 {
		noun = "secret"
	}
	fmt.Fprintf(&b, "### %s: %d hard-coded %s\n\n", title, len(findings), noun)
	if len(findings) == 0 {
		return b.String()
	}
	b.WriteString("| Severity | Provider | Secret | Where | Commit | In HEAD |\n|---|---|---|---|---|---|\n")
	const maxRows = 300
	for i := range findings {
		if i == maxRows {
			fmt.Fprintf(&b, "\n…and %d more; the report file has them all.\n", len(findings)-i)
			break
		}
		f := &findings[i]
		commit := cmpOr(f.Commit, at)
		if f.InHead != nil && *f.InHead && at != "" {
			commit = at
		}
		where := code(f.File)
		if f.Line > 0 {
			where = code(fmt.Sprintf("%s:%d", f.File, f.Line))
		}
		where = link(where, l.Permalink(commit, f.File, f.Line, f.EndLine))
		c := ""
		if f.Commit != "" {
			c = link(code(shortSHA(f.Commit)), l.Commit(f.Commit))
			if d := day(f.Date); d != "" {
				c += " " + d
			}
		}
		head := ""
		if f.InHead != nil {
			head = "no"
			if *f.InHead {
				head = "yes"
			}
		}
		b.WriteString(row(text(f.Severity), text(f.Provider), text(what(f))+" "+code(report.Redact(f.Secret)), where, c, head) + "\n")
	}
	b.WriteString("\nRotate each secret at its provider first: it is in git history. Then move it to a secret manager.\n")
	return b.String()
}
