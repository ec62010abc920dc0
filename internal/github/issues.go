package github

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	gh "github.com/google/go-github/v60/github"

	"github.com/hookscan/hookscan/scanner"
)

// IssuesResult says what an issues report changed.
type IssuesResult struct {
	// Created, Updated and Reopened count issues by what was done to
	// them; Unchanged counts those that already said everything.
	Created, Updated, Reopened, Unchanged int
	// Issues are the numbers of the issues about the secrets found, in
	// the order of the secrets' first commits.
	Issues []int
}

// ReportIssues keeps one issue per secret (per fingerprint), labelled
// with the client's label, which it creates when missing. A secret with
// no issue gets one; an issue whose secret turned up in new places gets
// them added to its body and a comment that lists them. An issue a person
// closed stays closed unless the secret appears in a commit the issue
// does not know yet. Issues are found again by the fingerprint marker in
// their body, so re-runs never open duplicates.
func (c *Client) ReportIssues(ctx context.Context, findings []scanner.Finding, rf RuleFunc) (IssuesResult, error) {
	var res IssuesResult
	secrets := groupBySecret(findings, rf)
	if len(secrets) == 0 {
		return res, nil
	}
	existing, err := c.secretIssues(ctx)
	if err != nil {
		return res, err
	}
	labelReady := false
	for _, s := range secrets {
		iss := existing[s.fp]
		if iss == nil {
			if !labelReady {
				if err := c.ensureLabel(ctx); err != nil {
					return res, err
				}
				labelReady = true
			}
			var created *gh.Issue
			err := c.create(ctx, "open an issue", PermIssues, func() error {
				iss, _, err := c.gh.Issues.Create(ctx, c.c.Owner, c.c.Repo, &gh.IssueRequest{
					Title:  gh.String(issueTitle(s)),
					Body:   gh.String(renderIssue(s, c.links)),
					Labels: &[]string{c.label},
				})
				created = iss
				return err
			}, func() (bool, error) {
				again, err := c.secretIssues(ctx)
				created = again[s.fp]
				return created != nil, err
			})
			if err != nil {
				return res, err
			}
			res.Created++
			res.Issues = append(res.Issues, created.GetNumber())
			continue
		}
		res.Issues = append(res.Issues, iss.GetNumber())
		var old issueState
		if v, ok := findMarker(iss.GetBody(), markLocations); ok {
			_ = jsonUnmarshal(v, &old) // damaged: every location counts as new
		}
		fresh, newCommit := mergeLocations(s, old)
		reopen := iss.GetState() == "closed" && newCommit
		body := renderIssue(s, c.links)
		if body == iss.GetBody() && !reopen {
			res.Unchanged++
			continue
		}
		req := &gh.IssueRequest{Body: gh.String(body)}
		if reopen {
			req.State = gh.String("open")
		}
		op := fmt.Sprintf("update issue #%d", iss.GetNumber())
		if _, _, err := c.gh.Issues.Edit(ctx, c.c.Owner, c.c.Repo, iss.GetNumber(), req); err != nil {
			return res, c.fail(op, PermIssues, err)
		}
		if reopen {
			res.Reopened++
		} else {
			res.Updated++
		}
		if len(fresh) > 0 {
			msg := renderNewLocations(fresh, reopen, c.links)
			if _, _, err := c.gh.Issues.CreateComment(ctx, c.c.Owner, c.c.Repo, iss.GetNumber(), &gh.IssueComment{Body: gh.String(msg)}); err != nil {
				return res, c.fail(fmt.Sprintf("comment on issue #%d", iss.GetNumber()), PermIssues, err)
			}
		}
	}
	return res, nil
}

// groupBySecret gathers findings by fingerprint, earliest first.
func groupBySecret(findings []scanner.Finding, rf RuleFunc) []*secretIssue {
	by := map[string]*secretIssue{}
	var out []*secretIssue
	for _, f := range findings {
		fp := fingerprintOf(&f)
		s := by[fp]
		if s == nil {
			s = &secretIssue{fp: fp, f: f, rule: rf.get(f.RuleID)}
			by[fp] = s
			out = append(out, s)
		}
		if !f.Date.IsZero() && (s.f.Date.IsZero() || f.Date.Before(s.f.Date)) {
			s.f = f
		}
		author := f.Author
		if f.Email != "" {
			author += " <" + f.Email + ">"
		}
		s.locs = append(s.locs, issueLocation{
			Commit: f.Commit, File: f.File, Line: f.Line, End: endLine(&f),
			Date: day(f.Date), Author: author, InHead: f.InHead,
		})
		if f.Advice != "" && !slices.Contains(s.advice, f.Advice) {
			s.advice = append(s.advice, f.Advice)
		}
	}
	for _, s := range out {
		sortLocations(s.locs)
		s.known = remember(nil, s.locs, issueLocation.key)
		s.commits = remember(nil, s.locs, func(l issueLocation) string { return shortHash(l.Commit) })
	}
	slices.SortStableFunc(out, func(a, b *secretIssue) int {
		return compareLocations(a.locs[0], b.locs[0])
	})
	return out
}

func endLine(f *scanner.Finding) int {
	if f.EndLine > f.Line {
		return f.EndLine
	}
	return 0
}

func compareLocations(a, b issueLocation) int {
	return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.File, b.File), cmp.Compare(a.Commit, b.Commit))
}

func sortLocations(locs []issueLocation) {
	slices.SortStableFunc(locs, compareLocations)
}

// mergeLocations adds to s the locations an issue already records that
// this scan did not see (a --since scan sees only part of history), and
// the hashes of every place and commit it knew. It returns the locations
// the issue did not know, and whether one of them is in a commit the
// issue did not know.
func mergeLocations(s *secretIssue, old issueState) (fresh []issueLocation, newCommit bool) {
	known := map[string]bool{}
	commits := map[string]bool{}
	for _, k := range old.Known {
		known[k] = true
	}
	for _, c := range old.Commits {
		commits[c] = true
	}
	for _, l := range old.Locations {
		known[l.key()] = true
		commits[shortHash(l.Commit)] = true
	}
	seen := map[string]bool{}
	for _, l := range s.locs {
		seen[l.key()] = true
		if !known[l.key()] {
			fresh = append(fresh, l)
			if !commits[shortHash(l.Commit)] {
				newCommit = true
			}
		}
	}
	for _, l := range old.Locations {
		if !seen[l.key()] {
			s.locs = append(s.locs, l)
			seen[l.key()] = true
		}
	}
	sortLocations(s.locs)
	s.known, s.commits = remember(old.Known, s.locs, issueLocation.key), remember(old.Commits, s.locs, func(l issueLocation) string { return shortHash(l.Commit) })
	return fresh, newCommit
}

// remember returns the hashes in old followed by those of locs it lacks.
func remember(old []string, locs []issueLocation, hash func(issueLocation) string) []string {
	out := slices.Clone(old)
	have := map[string]bool{}
	for _, h := range out {
		have[h] = true
	}
	for _, l := range locs {
		if h := hash(l); !have[h] {
			have[h] = true
			out = append(out, h)
		}
	}
	return out
}

// secretIssues lists the issues with the client's label, open and
// closed, by the fingerprint in their marker. Where people left two
// issues about one secret, an open one wins, then the newest.
func (c *Client) secretIssues(ctx context.Context) (map[string]*gh.Issue, error) {
	issues, err := pages(func(o gh.ListOptions) ([]*gh.Issue, *gh.Response, error) {
		return c.gh.Issues.ListByRepo(ctx, c.c.Owner, c.c.Repo, &gh.IssueListByRepoOptions{
			Labels: []string{c.label}, State: "all", ListOptions: o,
		})
	})
	if err != nil {
		return nil, c.fail("list issues labelled "+c.label, PermIssues, err)
	}
	by := map[string]*gh.Issue{}
	var ours []*gh.Issue
	for _, iss := range issues {
		if iss.IsPullRequest() {
			continue
		}
		v, ok := findMarker(iss.GetBody(), markIssue)
		if !ok {
			continue
		}
		fp := fields(v)["fp"]
		if fp == "" {
			continue
		}
		ours = append(ours, iss)
		prev := by[fp]
		if prev == nil || (prev.GetState() != "open" && iss.GetState() == "open") ||
			(prev.GetState() == iss.GetState() && iss.GetNumber() > prev.GetNumber()) {
			by[fp] = iss
		}
	}
	return by, c.closeDuplicates(ctx, ours, by)
}

// closeDuplicates closes the open issues hookscan opened twice about one
// secret (a create whose answer an older version lost, or two runs at
// once), pointing each at the one kept. Issues people opened, whose body
// does not start with hookscan's marker, are left alone.
func (c *Client) closeDuplicates(ctx context.Context, ours []*gh.Issue, keep map[string]*gh.Issue) error {
	for _, iss := range ours {
		v, _ := findMarker(iss.GetBody(), markIssue)
		kept := keep[fields(v)["fp"]]
		if kept == iss || iss.GetState() != "open" || !strings.HasPrefix(iss.GetBody(), markerPrefix+markIssue) {
			continue
		}
		n := iss.GetNumber()
		msg := fmt.Sprintf("Duplicate of #%d, which tracks this secret: hookscan opened this one twice.", kept.GetNumber())
		if _, _, err := c.gh.Issues.CreateComment(ctx, c.c.Owner, c.c.Repo, n, &gh.IssueComment{Body: gh.String(msg)}); err != nil {
			return c.fail(fmt.Sprintf("comment on duplicate issue #%d", n), PermIssues, err)
		}
		if _, _, err := c.gh.Issues.Edit(ctx, c.c.Owner, c.c.Repo, n, &gh.IssueRequest{State: gh.String("closed"), StateReason: gh.String("not_planned")}); err != nil {
			return c.fail(fmt.Sprintf("close duplicate issue #%d", n), PermIssues, err)
		}
		iss.State = gh.String("closed")
		c.logf("closed issue #%d, a duplicate of #%d", n, kept.GetNumber())
	}
	return nil
}

// ensureLabel creates the label when the repository lacks it.
func (c *Client) ensureLabel(ctx context.Context) error {
	_, _, err := c.gh.Issues.GetLabel(ctx, c.c.Owner, c.c.Repo, c.label)
	if err == nil {
		return nil
	}
	if !isStatus(err, http.StatusNotFound) {
		return c.fail("look up label "+c.label, PermIssues, err)
	}
	return c.create(ctx, "create label "+c.label, PermIssues, func() error {
		_, _, err := c.gh.Issues.CreateLabel(ctx, c.c.Owner, c.c.Repo, &gh.Label{
			Name:        gh.String(c.label),
			Color:       gh.String("b60205"),
			Description: gh.String("A leaked secret found by hookscan: rotate it"),
		})
		if isStatus(err, http.StatusUnprocessableEntity) { // made meanwhile
			return nil
		}
		return err
	}, func() (bool, error) {
		_, _, err := c.gh.Issues.GetLabel(ctx, c.c.Owner, c.c.Repo, c.label)
		return err == nil, nil
	})
}
