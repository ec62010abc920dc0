package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	gh "github.com/google/go-github/v60/github"

	"github.com/hookscan/hookscan/scanner"
)

// PullRequest is what a pull request report is made from.
type PullRequest struct {
	// Number is the pull request's number.
	Number int
	// Head is the SHA of the pull request's head commit, which review
	// comments are made on.
	Head string
	// Findings are the secrets the pull request's commits brought in
	// (a history scan of base..head). For those still in the head, Line
	// must be the line at Head, where a review comment can go.
	Findings []scanner.Finding
	// Diff holds the lines a review comment may go on.
	Diff DiffLines
	// Rules gives the rotation guidance bodies are rendered from.
	Rules RuleFunc
	// Allowed are secrets that a hookscan:allow marker or a baseline
	// entry added by the pull request itself silences: they get no line
	// comment, and the summary names them for the reviewer.
	Allowed []Allowed
	// Notes are sentences for the reviewer at the end of the summary
	// (which trusted files the pull request changes).
	Notes []string
	// Public is set for a public (or internal) repository: the diff
	// already shows the secrets to everyone who can read it, so the
	// comments stay and say so first.
	Public bool
}

// publicNote opens every comment on a public repository's pull request.
const publicNote = "**Rotate now: this value is public.** This repository is public, so anyone can already read the secret in this pull request's diff, and bots harvest public diffs within minutes.\n\n"

// withPublicNote puts publicNote after a body's first line (its marker).
func withPublicNote(body string) string {
	marker, rest, _ := strings.Cut(body, "\n")
	return marker + "\n" + publicNote + rest
}

// Allowed is a secret the pull request silences itself.
type Allowed struct {
	// Finding is the secret.
	Finding scanner.Finding
	// Reason is what silences it, as Markdown.
	Reason string
}

// PullRequestResult says what a pull request report changed.
type PullRequestResult struct {
	// Comments is the number of line comments in the review posted; 0
	// when no review was posted.
	Comments int
	// ReviewID is the id of the review posted, or 0.
	ReviewID int64
	// Summary is what became of the summary comment: "created",
	// "updated", "unchanged", or "" when none was needed.
	Summary string
	// SummaryURL is the summary comment's address, when there is one.
	SummaryURL string
	// Rejected is set when GitHub refused the line comments (a line
	// outside the diff) and the summary took them instead.
	Rejected bool
}

// ReportPullRequest posts one review whose line comments sit on the new
// secrets on diff lines, and keeps one summary comment of every secret in
// the pull request up to date. It reads what earlier runs posted first: a
// secret that already has a review comment in the same file gets no
// second one, and the summary is edited in place, only when its text
// changes. So a re-run on the same head writes nothing.
func (c *Client) ReportPullRequest(ctx context.Context, pr PullRequest) (PullRequestResult, error) {
	var res PullRequestResult
	if pr.Number <= 0 {
		return res, errors.New("report pull request: no pull request number (not a pull_request event? pass --pr)")
	}
	if pr.Head == "" {
		return res, fmt.Errorf("report pull request #%d: no head commit", pr.Number)
	}
	commented, err := c.reviewedFindings(ctx, pr.Number)
	if err != nil {
		return res, err
	}
	summary, prev, err := c.findSummary(ctx, pr.Number)
	if err != nil {
		return res, err
	}

	entries := make([]summaryEntry, 0, len(pr.Findings))
	var drafts []*gh.DraftReviewComment
	var draftIdx []int
	current := map[string]bool{}
	for _, f := range pr.Findings {
		key := findingKey(fingerprintOf(&f), f.File)
		e := summaryEntry{f: f}
		switch {
		case f.InHead != nil && !*f.InHead:
			e.status = statusRemoved
		case commented[key] != 0:
			e.status = statusCommented
		case !current[key] && f.Line > 0 && pr.Diff.Has(f.File, f.Line):
			e.status = statusCommented
			drafts = append(drafts, &gh.DraftReviewComment{
				Path: gh.String(f.File),
				Line: gh.Int(f.Line),
				Side: gh.String("RIGHT"),
				Body: gh.String(publicBody(pr.Public, ReviewComment(f, pr.Rules.get(f.RuleID)))),
			})
			draftIdx = append(draftIdx, len(entries))
		default:
			e.status = statusOutside
		}
		current[key] = true
		entries = append(entries, e)
	}

	if len(drafts) > 0 {
		var refused error
		err := c.create(ctx, fmt.Sprintf("create a review on pull request #%d", pr.Number), PermPullRequests, func() error {
			review, _, err := c.gh.PullRequests.CreateReview(ctx, c.c.Owner, c.c.Repo, pr.Number, &gh.PullRequestReviewRequest{
				CommitID: gh.String(pr.Head),
				Event:    gh.String("COMMENT"),
				Body:     gh.String(cond(pr.Public, publicNote, "") + reviewBody(len(drafts))),
				Comments: drafts,
			})
			if isStatus(err, http.StatusUnprocessableEntity) {
				refused, err = err, nil
			}
			res.ReviewID = review.GetID()
			return err
		}, func() (bool, error) {
			// A review is made whole or not at all: one of its line
			// comments says it was.
			again, err := c.reviewedFindings(ctx, pr.Number)
			if err != nil {
				return false, err
			}
			for _, d := range drafts {
				if v, ok := findMarker(d.GetBody(), markFinding); ok {
					m := fields(v)
					if id := again[findingKey(m["fp"], m["file"])]; id != 0 {
						res.ReviewID = id
						return true, nil
					}
				}
			}
			return false, nil
		})
		switch {
		case err == nil && refused == nil:
			res.Comments = len(drafts)
		case refused != nil:
			err = refused
			// A line outside the diff as GitHub sees it: the summary
			// carries these findings instead.
			var er *gh.ErrorResponse
			errors.As(err, &er)
			c.logf("GitHub refused the review's line comments (%s); the summary comment lists those secrets instead", c.scrub(errorMessage(er)))
			res.Rejected = true
			for _, i := range draftIdx {
				entries[i].status = statusOutside
			}
		default:
			return res, err
		}
	}

	// Remember every secret reported so far, to name those a force-push
	// later removes from the branch's history.
	state := summaryState{V: 1}
	for _, e := range entries {
		f := e.f
		state.Secrets = append(state.Secrets, stateSecret{
			Fingerprint: fingerprintOf(&f), Rule: f.RuleID, File: f.File, Line: f.Line,
			Provider: f.Provider, Description: f.Description, Severity: f.Severity, Commit: f.Commit,
		})
	}
	for _, s := range prev.Secrets {
		if current[findingKey(s.Fingerprint, s.File)] {
			continue
		}
		current[findingKey(s.Fingerprint, s.File)] = true
		state.Secrets = append(state.Secrets, s)
		entries = append(entries, summaryEntry{status: statusGone, f: scanner.Finding{
			RuleID: s.Rule, Fingerprint: s.Fingerprint, File: s.File, Line: s.Line,
			Provider: s.Provider, Description: s.Description, Severity: s.Severity, Commit: s.Commit,
		}})
	}
	if len(entries) == 0 && len(pr.Allowed) == 0 && len(pr.Notes) == 0 && summary == nil {
		return res, nil
	}
	body := publicBody(pr.Public && len(entries) > 0, renderSummary(summaryInput{head: pr.Head, entries: entries, state: state, rules: pr.Rules, links: c.links, allowed: pr.Allowed, notes: pr.Notes}))
	switch {
	case summary != nil && summary.GetBody() == body:
		res.Summary, res.SummaryURL = "unchanged", summary.GetHTMLURL()
	case summary != nil:
		ic, _, err := c.gh.Issues.EditComment(ctx, c.c.Owner, c.c.Repo, summary.GetID(), &gh.IssueComment{Body: gh.String(body)})
		if err != nil {
			return res, c.fail(fmt.Sprintf("update the summary comment on pull request #%d", pr.Number), PermPullRequests, err)
		}
		res.Summary, res.SummaryURL = "updated", ic.GetHTMLURL()
	default:
		var ic *gh.IssueComment
		err := c.create(ctx, fmt.Sprintf("comment on pull request #%d", pr.Number), PermPullRequests, func() error {
			var err error
			ic, _, err = c.gh.Issues.CreateComment(ctx, c.c.Owner, c.c.Repo, pr.Number, &gh.IssueComment{Body: gh.String(body)})
			return err
		}, func() (bool, error) {
			var err error
			ic, _, err = c.findSummary(ctx, pr.Number)
			return ic != nil, err
		})
		if err != nil {
			return res, err
		}
		res.Summary, res.SummaryURL = "created", ic.GetHTMLURL()
	}
	return res, nil
}

// reviewedFindings reads the markers of the review comments on a pull
// request: which secrets, in which files, already have a line comment,
// and the review that carries it. A secret with two line comments of
// hookscan's in one file (a review an older version posted twice after a
// lost answer) keeps the first; the others are deleted.
func (c *Client) reviewedFindings(ctx context.Context, number int) (map[string]int64, error) {
	comments, err := pages(func(o gh.ListOptions) ([]*gh.PullRequestComment, *gh.Response, error) {
		return c.gh.PullRequests.ListComments(ctx, c.c.Owner, c.c.Repo, number, &gh.PullRequestListCommentsOptions{ListOptions: o})
	})
	if err != nil {
		return nil, c.fail(fmt.Sprintf("list the review comments of pull request #%d", number), PermPullRequests, err)
	}
	done := map[string]int64{}
	for _, pc := range comments {
		v, ok := findMarker(pc.GetBody(), markFinding)
		if !ok {
			continue
		}
		m := fields(v)
		key := findingKey(m["fp"], m["file"])
		if _, dup := done[key]; !dup {
			done[key] = max(pc.GetPullRequestReviewID(), 1)
			continue
		}
		if !strings.HasPrefix(pc.GetBody(), markerPrefix+markFinding) || pc.GetInReplyTo() != 0 {
			continue
		}
		if _, err := c.gh.PullRequests.DeleteComment(ctx, c.c.Owner, c.c.Repo, pc.GetID()); err != nil && !isStatus(err, http.StatusNotFound) {
			return nil, c.fail(fmt.Sprintf("delete a duplicate review comment on pull request #%d", number), PermPullRequests, err)
		}
		c.logf("deleted a duplicate line comment on %s of pull request #%d", m["file"], number)
	}
	return done, nil
}

// findSummary finds the summary comment an earlier run posted, and the
// state it holds.
func (c *Client) findSummary(ctx context.Context, number int) (*gh.IssueComment, summaryState, error) {
	var st summaryState
	comments, err := pages(func(o gh.ListOptions) ([]*gh.IssueComment, *gh.Response, error) {
		return c.gh.Issues.ListComments(ctx, c.c.Owner, c.c.Repo, number, &gh.IssueListCommentsOptions{ListOptions: o})
	})
	if err != nil {
		return nil, st, c.fail(fmt.Sprintf("list the comments of pull request #%d", number), PermPullRequests, err)
	}
	var found *gh.IssueComment
	for _, ic := range comments {
		if _, ok := findMarker(ic.GetBody(), markSummary); !ok {
			continue
		}
		if found == nil {
			found = ic
			if v, ok := findMarker(ic.GetBody(), markState); ok {
				// A damaged state is forgotten, not fatal: the scan itself
				// still names every secret the branch's history holds.
				_ = jsonUnmarshal(v, &st)
			}
			continue
		}
		// A second summary of hookscan's (a create whose answer an older
		// version lost): the first one is kept up to date, this one goes.
		if !strings.HasPrefix(ic.GetBody(), markerPrefix+markSummary) {
			continue
		}
		if _, err := c.gh.Issues.DeleteComment(ctx, c.c.Owner, c.c.Repo, ic.GetID()); err != nil && !isStatus(err, http.StatusNotFound) {
			return nil, st, c.fail(fmt.Sprintf("delete a duplicate summary comment on pull request #%d", number), PermPullRequests, err)
		}
		c.logf("deleted a duplicate summary comment on pull request #%d", number)
	}
	return found, st, nil
}

// isStatus reports whether err is GitHub answering status.
func isStatus(err error, status int) bool {
	var er *gh.ErrorResponse
	return errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == status
}

func publicBody(public bool, body string) string {
	if !public {
		return body
	}
	return withPublicNote(body)
}

func cond(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}
