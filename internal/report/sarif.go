package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

const (
	// sarifSchema is the published SARIF 2.1.0 schema (with its errata).
	sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifTool   = "hookscan"
	sarifInfo   = "https://github.com/hookscan/hookscan"
	// FingerprintKey names hookscan's fingerprint in a SARIF result's
	// partialFingerprints. The version suffix changes if the fingerprint's
	// definition ever does.
	FingerprintKey = "hookscan/v1"
	// sarifTextMax is the longest shortDescription and fullDescription
	// code scanning accepts.
	sarifTextMax = 1024
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool              sarifToolSection   `json:"tool"`
	Invocations       []sarifInvocation  `json:"invocations,omitempty"`
	AutomationDetails *sarifAutomationID `json:"automationDetails,omitempty"`
	ColumnKind        string             `json:"columnKind"`
	Results           []sarifResult      `json:"results"`
}

// sarifInvocation is the run's one invocation, written when there is
// something to say about it: the files it did not scan.
type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level      string                `json:"level"`
	Message    sarifMessage          `json:"message"`
	Descriptor *sarifDescriptorRef   `json:"descriptor,omitempty"`
	Locations  []sarifNotificationAt `json:"locations,omitempty"`
}

type sarifDescriptorRef struct {
	ID string `json:"id"`
}

// sarifNotificationAt is a location without a region: a whole file.
type sarifNotificationAt struct {
	PhysicalLocation struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
	} `json:"physicalLocation"`
}

// maxNotScanned bounds the notifications of one run: a tree of images
// would otherwise add one per file. Past it, one more says how many were
// left out.
const maxNotScanned = 1000

// sarifNotScanned turns the files a run did not scan into notifications:
// a warning for a file over the size limit (a gap the user can close with
// --max-file-size), a note for the rest (binary files, links, devices).
func sarifNotScanned(skips []scanner.Skip) []sarifNotification {
	shown := skips[:min(len(skips), maxNotScanned)]
	out := make([]sarifNotification, 0, len(shown)+1)
	for _, sk := range shown {
		level := "note"
		if strings.Contains(sk.Reason, "larger than") {
			level = "warning"
		}
		n := sarifNotification{
			Level:      level,
			Message:    sarifMessage{Text: "Not scanned: " + sk.Reason},
			Descriptor: &sarifDescriptorRef{ID: "not-scanned"},
		}
		if sk.Path != "" {
			var at sarifNotificationAt
			at.PhysicalLocation.ArtifactLocation.URI = artifactURI(sk.Path)
			n.Locations = []sarifNotificationAt{at}
		}
		out = append(out, n)
	}
	return withMore(out, len(skips), "warning", "not-scanned", "%d more files not scanned, not listed")
}

// sarifFailures turns the errors a run went past (a file or an object
// that could not be read) into error notifications.
func sarifFailures(failures []string) []sarifNotification {
	shown := failures[:min(len(failures), maxNotScanned)]
	out := make([]sarifNotification, 0, len(shown)+1)
	for _, f := range shown {
		out = append(out, sarifNotification{Level: "error", Message: sarifMessage{Text: f}, Descriptor: &sarifDescriptorRef{ID: "not-read"}})
	}
	return withMore(out, len(failures), "error", "not-read", "%d more errors, not listed")
}

// withMore adds to the notifications listed, out of total, one saying how
// many more were left out (more formats the count), when any were.
func withMore(listed []sarifNotification, total int, level, id, more string) []sarifNotification {
	if total <= len(listed) {
		return listed
	}
	return append(listed, sarifNotification{
		Level:      level,
		Message:    sarifMessage{Text: fmt.Sprintf(more, total-len(listed))},
		Descriptor: &sarifDescriptorRef{ID: id},
	})
}

type sarifAutomationID struct {
	ID string `json:"id"`
}

type sarifToolSection struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      sarifMessage       `json:"fullDescription"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	HelpURI              string             `json:"helpUri,omitempty"`
	Help                 sarifMessage       `json:"help"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRuleProps struct {
	Tags             []string `json:"tags"`
	SecuritySeverity string   `json:"security-severity"`
	Precision        string   `json:"precision"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          *sarifResultProps `json:"properties,omitempty"`
}

type sarifResultProps struct {
	// Verification is what a live check found (--verify).
	Verification *scanner.Verification `json:"verification,omitempty"`
	// Repository is owner/name, in organisation scans.
	Repository  string `json:"repository,omitempty"`
	Commit      string `json:"commit,omitempty"`
	Date        string `json:"date,omitempty"`
	InHead      *bool  `json:"inHead,omitempty"`
	DecodedFrom string `json:"decodedFrom,omitempty"`
	Context     string `json:"context,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// WriteSARIF writes the findings as a SARIF 2.1.0 log with one run, in the
// shape GitHub code scanning accepts: tool.driver.rules holds each rule
// that has a finding (sorted by id) with its rotation guidance as help,
// and each result has a relative artifact URI, a region, a level from the
// severity and hookscan's fingerprint under partialFingerprints
// (FingerprintKey). Messages show only redacted secrets, whatever
// opts.NoRedact says, because SARIF is meant to be uploaded.
//
// Columns are UTF-16 code units (the run says so in columnKind), counted
// from the finding's LineText when it has one; otherwise the finding's
// byte columns are used as they are, which is the same for ASCII lines.
func WriteSARIF(w io.Writer, findings []scanner.Finding, opts Options) error {
	log := sarifLog{
		Schema:  sarifSchema,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool: sarifToolSection{Driver: sarifDriver{
				Name:           sarifTool,
				InformationURI: sarifInfo,
				Version:        opts.ToolVersion,
				Rules:          []sarifRule{},
			}},
			ColumnKind: "utf16CodeUnits",
			Results:    []sarifResult{},
		}},
	}
	run := &log.Runs[0]
	if len(opts.NotScanned) > 0 || opts.Incomplete || len(opts.Failures) > 0 {
		notes := append(sarifFailures(opts.Failures), sarifNotScanned(opts.NotScanned)...)
		run.Invocations = []sarifInvocation{{ExecutionSuccessful: !opts.Incomplete && len(opts.Failures) == 0, Notifications: notes}}
	}
	if opts.Category != "" {
		run.AutomationDetails = &sarifAutomationID{ID: opts.Category}
	}

	index := map[string]int{}
	var ids []string
	first := map[string]*scanner.Finding{}
	for i := range findings {
		f := &findings[i]
		if _, ok := first[f.RuleID]; !ok {
			first[f.RuleID] = f
			ids = append(ids, f.RuleID)
		}
	}
	slices.Sort(ids)
	for i, id := range ids {
		index[id] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleFor(opts.rule(id), first[id]))
	}
	for i := range findings {
		f := &findings[i]
		run.Results = append(run.Results, sarifResultFor(f, index[f.RuleID]))
	}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	return nil
}

// sarifRuleFor describes a rule; r may be nil, and then the finding's own
// fields stand in.
func sarifRuleFor(r *rules.Rule, f *scanner.Finding) sarifRule {
	id, provider, kind, severity, desc := f.RuleID, f.Provider, f.Kind, f.Severity, f.Description
	g := rules.Guidance{Rotate: f.Rotation, URL: f.GuideURL}
	if r != nil {
		provider, kind, severity, desc = cmp.Or(r.Provider, provider), cmp.Or(r.Kind, kind), cmp.Or(r.Severity, severity), cmp.Or(r.Description, desc)
		g.Rotate, g.URL = cmp.Or(g.Rotate, r.Guidance.Rotate), cmp.Or(g.URL, r.Guidance.URL)
	}
	desc = cmp.Or(desc, id)
	full := fmt.Sprintf("%s, hard-coded in a file or its git history. Anyone who can read the repository can use it until it is rotated.", desc)
	if provider != "" {
		full = fmt.Sprintf("%s (%s), hard-coded in a file or its git history. Anyone who can read the repository can use it until it is rotated with %s.", desc, provider, provider)
	}
	text, md := sarifHelp(g, provider)
	out := sarifRule{
		ID:                   id,
		Name:                 pascalCase(id),
		ShortDescription:     sarifMessage{Text: clip(desc, sarifTextMax)},
		FullDescription:      sarifMessage{Text: clip(full, sarifTextMax)},
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(severity)},
		Help:                 sarifMessage{Text: text, Markdown: md},
		Properties: sarifRuleProps{
			Tags:             sarifTags(provider, kind),
			SecuritySeverity: securitySeverity(severity),
			Precision:        precision(kind),
		},
	}
	if u, err := url.Parse(g.URL); err == nil && u.IsAbs() && u.Host != "" {
		out.HelpURI = g.URL
	}
	return out
}

// sarifHelp renders a rule's rotation guidance and its URL, in plain text
// and in markdown. Code scanning shows help.markdown next to every alert.
func sarifHelp(g rules.Guidance, provider string) (text, md string) {
	rotate := strings.TrimSpace(g.Rotate)
	if rotate == "" {
		who := "its provider"
		if provider != "" {
			who = provider
		}
		rotate = fmt.Sprintf("Revoke the secret with %s and issue a new one, then keep the new one in a secret manager and read it at run time. Removing it from the code is not enough: it stays in git history.", who)
	}
	text, md = plainText(rotate), rotate
	if g.URL != "" {
		text += "\n\nSee " + g.URL
		md += "\n\nSee <" + g.URL + ">."
	}
	return text, md
}

func sarifResultFor(f *scanner.Finding, ruleIndex int) sarifResult {
	desc := cmp.Or(f.Description, f.RuleID)
	msg := fmt.Sprintf("%s (%s).", hardCoded(desc), Redact(f.Secret))
	if f.DecodedFrom != "" {
		msg += " Hidden under " + f.DecodedFrom + " encoding."
	}
	var props *sarifResultProps
	if isHistory(f) {
		msg += " Introduced in commit " + shortSHA(f.Commit)
		if !f.Date.IsZero() {
			msg += " on " + f.Date.Format("2006-01-02")
		}
		msg += "."
		if s := headStatus(f); s != "" {
			msg += " " + strings.ToUpper(s[:1]) + s[1:] + "."
		}
		props = &sarifResultProps{Commit: f.Commit, InHead: f.InHead, DecodedFrom: f.DecodedFrom}
		if !f.Date.IsZero() {
			props.Date = f.Date.UTC().Format(time.RFC3339)
		}
	} else if f.DecodedFrom != "" {
		props = &sarifResultProps{DecodedFrom: f.DecodedFrom}
	}
	if f.Repository != "" {
		if props == nil {
			props = &sarifResultProps{}
		}
		props.Repository = f.Repository
	}
	if f.Context != "" {
		if props == nil {
			props = &sarifResultProps{}
		}
		props.Context = f.Context
	}
	if f.Advice != "" {
		msg += " " + f.Advice
	}
	if v := VerificationText(f.Verification); v != "" {
		msg += " Verification: " + v + "."
		if props == nil {
			props = &sarifResultProps{}
		}
		props.Verification = f.Verification
	}
	return sarifResult{
		RuleID:    f.RuleID,
		RuleIndex: ruleIndex,
		Level:     sarifLevel(f.Severity),
		Message:   sarifMessage{Text: msg},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
			ArtifactLocation: sarifArtifact{URI: artifactURI(f.File), URIBaseID: f.Repository},
			Region:           region(f),
		}}},
		PartialFingerprints: map[string]string{FingerprintKey: fingerprint(f)},
		Properties:          props,
	}
}

// region converts a finding's place to a SARIF region: 1-based lines,
// UTF-16 columns, and an end column one past the secret's last character.
func region(f *scanner.Finding) sarifRegion {
	r := sarifRegion{
		StartLine:   max(f.Line, 1),
		StartColumn: max(f.Column, 1),
		EndLine:     f.EndLine,
		EndColumn:   f.EndColumn + 1,
	}
	if r.EndLine < r.StartLine {
		r.EndLine = r.StartLine
	}
	if r.EndLine == r.StartLine && r.EndColumn <= r.StartColumn {
		r.EndColumn = r.StartColumn + 1
	}
	line := f.LineText
	if line == "" || f.Column < 1 || f.Column-1 > len(line) {
		return r
	}
	r.StartColumn = utf16Len(line[:f.Column-1]) + 1
	if f.EndLine == f.Line && f.EndColumn >= f.Column && f.EndColumn <= len(line) {
		// EndColumn is the secret's last character; take the whole of it,
		// whichever of its bytes the column names.
		end := f.EndColumn
		for end < len(line) && !utf8.RuneStart(line[end]) {
			end++
		}
		r.EndColumn = utf16Len(line[:end]) + 1
	}
	return r
}

// utf16Len is the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// artifactURI turns a slash-separated path relative to the scan root into
// a relative URI reference: each segment percent-encoded, and ':' encoded
// too so that a first segment such as "c:x" cannot read as a scheme.
// Absolute paths become file:// URIs.
func artifactURI(path string) string {
	path = strings.TrimPrefix(path, "./")
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	u := strings.Join(segs, "/")
	if strings.HasPrefix(path, "/") {
		return "file://" + u
	}
	return u
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(sev string) string {
	switch sev {
	case "critical", "high":
		return "error"
	case "low":
		return "note"
	default:
		return "warning"
	}
}

// securitySeverity is the score code scanning turns back into a severity:
// over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, below low.
func securitySeverity(sev string) string {
	switch sev {
	case "critical":
		return "9.5"
	case "high":
		return "8.0"
	case "low":
		return "3.0"
	default:
		return "5.5"
	}
}

// precision says how often a rule's findings are real secrets: shapes
// with a fixed host or prefix rarely miss, context rules (a name and a
// value) more often, the generic rules most.
func precision(kind string) string {
	switch kind {
	case rules.KindWebhookURL:
		return "very-high"
	case rules.KindGeneric:
		return "medium"
	default:
		return "high"
	}
}

// sarifTags are the rule's tags: code scanning treats rules tagged
// "security" with a security-severity as security alerts, and CWE-798 is
// "Use of Hard-coded Credentials".
func sarifTags(provider, kind string) []string {
	tags := []string{"security", "secret", "external/cwe/cwe-798"}
	for _, t := range []string{kind, strings.ToLower(provider)} {
		if t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return tags
}

// pascalCase turns a rule id into SARIF's rule name: "slack-webhook-url"
// becomes "SlackWebhookUrl".
func pascalCase(id string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(id, "-") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// clip shortens s to at most n characters.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return truncate(s, n-1) + "…"
}
