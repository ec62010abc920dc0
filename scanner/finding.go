package scanner

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"time"
)

// Fragment is one piece of text to scan and where it came from.
type Fragment struct {
	// Path is the file's path, slash-separated and relative to the scan
	// root ("-" or a --path name for stdin).
	Path string
	// Raw is the text. The detector never modifies it.
	Raw []byte
	// LineOffset is added to every line number: a fragment that starts at
	// line 40 of its file has LineOffset 39.
	LineOffset int
	// Commit is set for fragments read from git history.
	Commit *Commit
	// LinesOnly leaves out the passes that read a file's structure beyond
	// one line (values several lines below their names, under parents or
	// in tables), so that what is found on a line depends only on that
	// line and the lines next to it. A source that scans only the changed
	// lines of a file sets it; see Detector.HasStructuredFindings and
	// Detector.Refine.
	LinesOnly bool

	// load, when set, reads Raw: sources that yield files leave the
	// reading to the scanning goroutines, so it runs in parallel.
	load func() (Fragment, error)
	// open, when set, yields the text for a scan in windows of window
	// bytes (Stream).
	open   func() (io.ReadCloser, error)
	window int
}

// Lazy returns a fragment for path whose text load reads when a scanning
// goroutine calls Load, so sources that yield files can leave the reading
// to the workers, in parallel.
func Lazy(path string, load func() (Fragment, error)) Fragment {
	return Fragment{Path: path, load: load}
}

// Load returns the fragment with its text read, for fragments a source
// yields before reading them (Dir does). Fragments with text are returned
// as they are.
func (f Fragment) Load() (Fragment, error) {
	if f.load == nil {
		return f, nil
	}
	return f.load()
}

// Commit says where in history a finding came in.
type Commit struct {
	// SHA is the full hex object id of the commit.
	SHA string
	// Author and Email are the commit's author.
	Author, Email string
	// Date is the author date.
	Date time.Time
	// Message is the first line of the commit message.
	Message string
}

// Finding is one secret at one place.
type Finding struct {
	// RuleID is the id of the rule that matched.
	RuleID string `json:"ruleId"`
	// Provider, Kind, Severity and Description are copied from the rule.
	Provider    string `json:"provider"`
	Kind        string `json:"kind"`
	Severity    string `json:"severity"`
	Description string `json:"description"`
	// File is the path of the file, slash-separated, relative to the root.
	File string `json:"file"`
	// Line and Column (1-based, columns in bytes) locate the secret's first
	// character; EndLine and EndColumn its last.
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"endLine"`
	EndColumn int `json:"endColumn"`
	// Secret is the full secret. Writers redact it; only --no-redact shows
	// it.
	Secret string `json:"secret"`
	// Match is the whole text the rule matched (which holds the secret).
	Match string `json:"-"`
	// LineText is the source line that holds the start of the match, for
	// inline allow comments and context; never written out.
	LineText string `json:"-"`
	// Entropy is the secret's Shannon entropy in bits per character.
	Entropy float64 `json:"entropy"`
	// Fingerprint names the secret: the first 20 hex digits of
	// sha256(ruleId + NUL + secret). It does not depend on the place.
	Fingerprint string `json:"fingerprint"`
	// DecodedFrom lists the encodings the secret was hidden under,
	// outermost first ("base64", "percent", "json-escape"); empty when the
	// secret was in plain text.
	DecodedFrom string `json:"decodedFrom,omitempty"`
	// Advice says where this secret should live instead, for the kind of
	// file it was found in.
	Advice string `json:"advice,omitempty"`
	// Rotation is the rule's rotation steps (markdown) and GuideURL the
	// provider's documentation for them.
	Rotation string `json:"rotation,omitempty"`
	GuideURL string `json:"guideUrl,omitempty"`
	// Context classes the place the secret lives in: source, test, docs,
	// example, vendor, generated, config or ci.
	Context string `json:"context,omitempty"`
	// Verification is what a live check said of the secret; nil when none
	// was asked for.
	Verification *Verification `json:"verification,omitempty"`
	// Repository is owner/name, set by organisation scans.
	Repository string `json:"repository,omitempty"`

	// Commit, Author, Email and Date are set for history findings: the
	// earliest commit that brought the secret into this file.
	Commit string    `json:"commit,omitempty"`
	Author string    `json:"author,omitempty"`
	Email  string    `json:"email,omitempty"`
	Date   time.Time `json:"date,omitzero"`
	// InHead is set for history findings when HEAD still holds the secret
	// in this file.
	InHead *bool `json:"inHead,omitempty"`
}

// Verification statuses.
const (
	// VerifyLive: the provider accepted the credential.
	VerifyLive = "live"
	// VerifyRevoked: the provider says the credential is unknown or disabled.
	VerifyRevoked = "revoked"
	// VerifyError: the network failed or the answer was unexpected.
	VerifyError = "error"
	// VerifyUnsupported: no side-effect-free check exists for the rule.
	VerifyUnsupported = "unsupported"
)

// Verification is the outcome of a live check of a secret.
type Verification struct {
	// Status is one of the Verify* constants.
	Status string `json:"status"`
	// Detail says why: the provider's answer, the error, or why no check
	// exists. It never holds the secret.
	Detail string `json:"detail,omitempty"`
}

// Fingerprint returns the fingerprint of a secret found by a rule.
func Fingerprint(ruleID, secret string) string {
	h := sha256.New()
	h.Write([]byte(ruleID))
	h.Write([]byte{0})
	h.Write([]byte(secret))
	return hex.EncodeToString(h.Sum(nil))[:20]
}
