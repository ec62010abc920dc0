package report

import (
	"github.com/hookscan/hookscan/scanner"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// hintMax bounds the one-line rotation hint, in characters.
const hintMax = 160

var (
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\(([^)\s]*)[^)]*\)`)
	mdAutoLink = regexp.MustCompile(`<(https?://[^>\s]+)>`)
	mdStrong   = regexp.MustCompile("\\*\\*|__|`")
	mdEmphasis = regexp.MustCompile(`(^|[\s(])[*_]([^*_\s](?:[^*_]*[^*_\s])?)[*_]($|[\s).,:;!?])`)
	mdBullet   = regexp.MustCompile(`^[-*+]\s+`)
	mdNumbered = regexp.MustCompile(`^\d+[.)]\s+`)
	mdHeading  = regexp.MustCompile(`^#{1,6}\s+`)
)

// plainText turns rule guidance markdown into plain text, line by line:
// links keep their text (and a bare URL its address), emphasis and code
// marks go, bullets become "- " and numbered steps stay numbered.
func plainText(md string) string {
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, " \t")
		indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		body := strings.TrimLeft(l, " \t")
		body = mdHeading.ReplaceAllString(body, "")
		body = strings.TrimPrefix(body, "> ")
		body = inline(mdBullet.ReplaceAllString(body, "- "))
		lines[i] = indent + body
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// inline strips inline markdown from one line.
func inline(s string) string {
	s = mdLink.ReplaceAllStringFunc(s, func(m string) string {
		sub := mdLink.FindStringSubmatch(m)
		text, href := sub[1], sub[2]
		switch {
		case text == "":
			return href
		case text == href || href == "" || strings.HasPrefix(href, "#"):
			return text
		default:
			return text + " (" + href + ")"
		}
	})
	s = mdAutoLink.ReplaceAllString(s, "$1")
	s = mdStrong.ReplaceAllString(s, "")
	return mdEmphasis.ReplaceAllString(s, "$1$2$3")
}

// rotationHint returns the first paragraph of rule guidance as plain text
// on one line: as many of its sentences as fit in hintMax characters, or
// the first sentence cut short with "…".
func rotationHint(md string) string {
	var para []string
	for l := range strings.SplitSeq(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			if len(para) > 0 {
				break
			}
			continue
		}
		l = mdHeading.ReplaceAllString(l, "")
		l = strings.TrimPrefix(l, "> ")
		l = mdBullet.ReplaceAllString(l, "")
		l = mdNumbered.ReplaceAllString(l, "")
		para = append(para, l)
	}
	s := strings.Join(strings.Fields(inline(strings.Join(para, " "))), " ")
	if utf8.RuneCountInString(s) <= hintMax {
		return s
	}
	hint := ""
	for _, end := range sentenceEnds(s) {
		if utf8.RuneCountInString(s[:end]) > hintMax {
			break
		}
		hint = s[:end]
	}
	if hint == "" {
		hint = truncate(s, hintMax-1) + "…"
	}
	return hint
}

// sentenceEnds returns the byte offsets just after each full stop (or ! or
// ?) that ends a sentence: one followed by a space and an upper-case
// letter, so "e.g. the" and "v1.2" do not count.
func sentenceEnds(s string) []int {
	var ends []int
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(s[i+2:])
			if unicode.IsUpper(r) {
				ends = append(ends, i+1)
			}
		}
	}
	return ends
}

// truncate returns the first n characters of s.
func truncate(s string, n int) string {
	for i := range s {
		if n == 0 {
			return strings.TrimRight(s[:i], " ")
		}
		n--
	}
	return s
}

// Where findings came from; Options.Source takes one of these, and the
// advice on what to do first depends on it.
const (
	// SourceWorkingTree is files on disk (hookscan dir).
	SourceWorkingTree = "dir"
	// SourceStdin is text piped to hookscan stdin.
	SourceStdin = "stdin"
	// SourceStaged is what the next commit would record (hookscan staged).
	SourceStaged = "staged"
	// SourceHistory is commits (hookscan git); findings with a commit are
	// history findings whatever the source.
	SourceHistory = "history"
	// SourcePR is a pull request's commits.
	SourcePR = "pr"
)

// Guidance is a rule's rotation guidance split for showing: what the
// secret lets someone do, the numbered steps, and what follows them, all
// plain text.
type Guidance struct {
	// Risk says what anyone holding the secret can do: the rest of an
	// intro that opens with "Rotate first: the X is in git history",
	// which fits history only; empty when the intro is not such a lead or
	// says nothing more.
	Risk string
	// Intro is the text before the steps as the rule wrote it.
	Intro string
	// Steps are the numbered steps (or, when the rule has none, its
	// bullets), one line each, without their numbers.
	Steps []string
	// Bullets is set when Steps are bullets, not numbered steps.
	Bullets bool
	// Notes is the text after the steps.
	Notes string
}

// historyLead matches the opening rules use for history ("Rotate first:
// the URL is in git history") and what follows it.
var historyLead = regexp.MustCompile(`(?s)^\s*Rotate first:\s*(?:the|its) [\w ]{1,30}? (is|are) (?:already )?in git history(.*)$`)

// SplitGuidance splits rotation markdown into its parts.
func SplitGuidance(md string) Guidance {
	var g Guidance
	var intro, notes []string
	step := -1
	for l := range strings.SplitSeq(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		trimmed := strings.TrimSpace(l)
		switch {
		case mdNumbered.MatchString(trimmed) || (mdBullet.MatchString(trimmed) && (len(g.Steps) == 0 || g.Bullets)):
			g.Bullets = !mdNumbered.MatchString(trimmed)
			g.Steps = append(g.Steps, mdBullet.ReplaceAllString(mdNumbered.ReplaceAllString(trimmed, ""), ""))
			step = len(g.Steps) - 1
			notes = nil
		case step >= 0 && trimmed != "" && len(notes) == 0 && strings.HasPrefix(l, " "):
			g.Steps[step] += " " + trimmed // a step's continuation line
		case step >= 0:
			if trimmed != "" || len(notes) > 0 {
				notes = append(notes, l)
			}
		default:
			intro = append(intro, l)
		}
	}
	for i, s := range g.Steps {
		g.Steps[i] = strings.Join(strings.Fields(inline(s)), " ")
	}
	g.Intro = oneLine(plainText(strings.Join(intro, "\n")))
	g.Notes = plainText(strings.Join(notes, "\n"))
	if m := historyLead.FindStringSubmatch(g.Intro); m != nil {
		g.Risk = riskClause(m[2], m[1] == "are")
	} else {
		g.Risk = withoutHistory(g.Intro)
	}
	return g
}

// riskClause turns what follows "the X is in git history" into a sentence
// of its own: ", and anyone holding it can post" becomes "Anyone holding
// it can post", " and gives full control" becomes "It gives full
// control", ", so deleting the line does not revoke it." goes.
func riskClause(s string, plural bool) string {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, ", so "); ok {
		// The reason to rotate before deleting fits history only.
		if _, after, ok := strings.Cut(rest, ". "); ok {
			return strings.TrimSpace(after)
		}
		return ""
	}
	s = strings.TrimLeft(s, ",;. ")
	s = strings.TrimPrefix(s, "and ")
	if s == "" {
		return ""
	}
	first, _, _ := strings.Cut(s, " ")
	switch {
	case first != strings.ToLower(first) || subjects[first]:
		return strings.ToUpper(s[:1]) + s[1:]
	case plural:
		return "They " + s // "give access to …"
	default:
		return "It " + s // "gives full control …"
	}
}

// subjects start a clause that needs no pronoun before it.
var subjects = map[string]bool{"anyone": true, "whoever": true, "with": true, "its": true, "query": true, "a": true, "an": true, "the": true}

// withoutHistory drops the sentences that say the secret is in git
// history, which fit history only.
func withoutHistory(s string) string {
	var keep []string
	start := 0
	for _, end := range append(sentenceEnds(s), len(s)) {
		if sent := strings.TrimSpace(s[start:end]); sent != "" && !strings.Contains(sent, "git history") {
			keep = append(keep, sent)
		}
		start = end
	}
	return strings.Join(keep, " ")
}

// oneLine joins the lines of s with spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Lead says what to do first about a finding, in words that fit where it
// was found: a staged secret is not committed yet, one in history must be
// rotated whatever happens to the file, one in the working tree may or
// may not have been committed.
func Lead(f *scanner.Finding, source string) string {
	if f.Commit != "" {
		source = SourceHistory
	}
	switch source {
	case SourceStaged:
		return "Not committed yet: unstage it (git restore --staged " + shellQuote(f.File) + "; before the first commit, git rm --cached " + shellQuote(f.File) + "), move the value to your secret manager and read it from there. Rotate it only if it was pushed or shared elsewhere."
	case SourceHistory:
		return "Rotate first: it is in git history, so deleting the line does not revoke it."
	case SourcePR:
		return "Rotate first: it is in this pull request's commits, which everyone who can read the repository can see; deleting the line does not revoke it."
	case SourceStdin:
		return "Move the value to your secret manager. If it was ever committed, pushed or shared, rotate it first."
	default:
		return "Move the value to your secret manager before committing. If this file was ever committed, pushed or shared, rotate it first: deleting the line does not revoke it."
	}
}

// fitRotation rewrites the opening of rotation markdown that says the
// secret is in git history ("Rotate first: the URL is in git history, and
// anyone holding it can post…") to fit a finding that is not in history:
// what to do first for its source (Lead), then what the secret lets
// someone do. Steps and notes stay as the rule wrote them; guidance
// without such an opening, and history findings, are returned unchanged.
func fitRotation(md string, f *scanner.Finding, source string) string {
	if f.Commit != "" || source == SourceHistory || source == SourcePR {
		return md
	}
	lines := strings.SplitAfter(md, "\n")
	n := 0 // lines of the intro
	for n < len(lines) {
		trimmed := strings.TrimSpace(lines[n])
		if mdNumbered.MatchString(trimmed) || mdBullet.MatchString(trimmed) || (trimmed == "" && n > 0) {
			break
		}
		n++
	}
	intro := strings.Join(lines[:n], "")
	if !strings.Contains(intro, "git history") {
		return md
	}
	lead := Lead(f, source)
	if risk := SplitGuidance(intro).Risk; risk != "" {
		lead += " " + risk
	}
	return lead + "\n" + strings.Join(lines[n:], "")
}

// shellQuote quotes a path for a command line a person copies, when it
// needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-+@,=") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// marker is what goes before step i: its number, or a bullet.
func (g Guidance) marker(i int) string {
	if g.Bullets {
		return "- "
	}
	return strconv.Itoa(i+1) + ". "
}
