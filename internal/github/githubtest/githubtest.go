// Package githubtest is a fake of the GitHub REST API endpoints hookscan
// reports through, for tests: pull request files, review comments and
// reviews, issue comments, issues, labels and code-scanning SARIF
// uploads. It answers as GitHub documents: Link-header pagination, rate
// limit headers on every answer, 401 for a wrong token, 404 for unknown
// things, 422 for a review comment on a line outside the diff. Every
// request is recorded, and faults (rate limits, server errors) can be
// queued for any endpoint.
package githubtest

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Request is one request the server received.
type Request struct {
	// Method and Path are the request's; Query is its raw query string.
	Method, Path, Query string
	// Header holds the request's headers.
	Header http.Header
	// Body is the request body as sent.
	Body []byte
	// Status is what the server answered.
	Status int
}

// Write reports whether the request could change something.
func (r Request) Write() bool { return r.Method != http.MethodGet && r.Method != http.MethodHead }

func (r Request) String() string { return r.Method + " " + r.Path }

// Fault is an answer served instead of the normal one, Times times, to
// requests with this method and path.
type Fault struct {
	// Method and Path select the requests (the path exactly).
	Method, Path string
	// Times is how many requests get the fault.
	Times int
	// Status, Header and Body are the answer.
	Status int
	Header map[string]string
	Body   string
	// AfterProcessing serves the request as usual first, then answers
	// the fault instead: GitHub did the work and the answer was lost,
	// as with a 502 from a proxy in front of it.
	AfterProcessing bool
	// Hang never answers: the request waits until the client gives up.
	Hang bool
}

// Advisory is a repository security advisory.
type Advisory struct {
	// GHSAID names the advisory.
	GHSAID string
	// Summary and Description are its text.
	Summary, Description string
	// Severity is critical, high, medium or low.
	Severity string
	// State is draft, triage, published or closed.
	State string
	// CWEs are its weakness ids.
	CWEs []string
}

// Issue is an issue or pull request as the fake holds it.
type Issue struct {
	// Number is the issue's number, shared with pull requests.
	Number int
	// Title and Body are the issue's text.
	Title, Body string
	// State is "open" or "closed".
	State string
	// Labels are the names of the issue's labels.
	Labels []string
	// PullRequest marks pull requests, which the issues listing also
	// returns, as GitHub's does.
	PullRequest bool
}

// Comment is an issue or pull request conversation comment.
type Comment struct {
	// ID is the comment's id, which edits name.
	ID int64
	// User is the author's login.
	User string
	// Body is the comment's text.
	Body string
}

// ReviewComment is a line comment of a review.
type ReviewComment struct {
	// ID is the comment's id; ReviewID the review that carried it.
	ID, ReviewID int64
	// Path, Line and Side place the comment in the diff.
	Path string
	Line int
	Side string
	// CommitID is the commit the comment was made on.
	CommitID string
	// Body is the comment's text.
	Body string
}

// Review is a pull request review.
type Review struct {
	// ID is the review's id.
	ID int64
	// CommitID is the commit reviewed.
	CommitID string
	// Event is what the review asked for: COMMENT, APPROVE, REQUEST_CHANGES.
	Event string
	// Body is the review's text.
	Body string
	// Comments is the number of line comments it carried.
	Comments int
}

// SARIFUpload is a code-scanning upload, its SARIF decoded.
type SARIFUpload struct {
	// ID is the upload's id, as the API answered it.
	ID string
	// CommitSHA and Ref are what the analysis is about.
	CommitSHA, Ref string
	// ToolName names the tool that made the SARIF.
	ToolName string
	// SARIF is the log, decoded from base64 and gunzipped.
	SARIF []byte
}

type pullRequest struct {
	head  string
	files []prFile
	lines map[string]map[int]bool
}

type prFile struct {
	name, patch string
}

// Server is the fake API. Its URL (with a trailing slash) is the API root.
type Server struct {
	*httptest.Server
	// Owner and Repo name the only repository the fake knows.
	Owner, Repo string
	// Token is the bearer token every request must carry.
	Token string
	// MaxPerPage caps page sizes below what clients ask for, to make
	// short listings span several pages. 0 means GitHub's 100.
	MaxPerPage int
	// Login is the user the token belongs to, the author of what it
	// writes.
	Login string

	closing             chan struct{}
	closeOnce           sync.Once
	mu                  sync.Mutex
	requests            []Request
	faults              []*Fault
	nextID              int64
	nextNumber          int
	issues              map[int]*Issue
	comments            map[int][]*Comment
	reviewComments      map[int][]*ReviewComment
	reviews             map[int][]*Review
	labels              []string
	pulls               map[int]*pullRequest
	sarifs              []SARIFUpload
	sarifPolls          map[string]int
	remaining           int
	visibility          string
	advisories          []*Advisory
	advisoriesForbidden bool
	sarifPending        int
	sarifErrors         []string
}

// SetSARIFProcessing says how uploads are processed: pending polls answer
// "pending" before the outcome, which is "failed" with errs when errs is
// not empty, else "complete".
func (s *Server) SetSARIFProcessing(pending int, errs ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sarifPending, s.sarifErrors = pending, errs
}

// New starts a fake for owner/repo that accepts token. Close it when done.
func New(owner, repo, token string) *Server {
	s := &Server{
		Owner: owner, Repo: repo, Token: token, Login: "github-actions[bot]",
		nextID: 1000, nextNumber: 1,
		issues: map[int]*Issue{}, comments: map[int][]*Comment{}, reviewComments: map[int][]*ReviewComment{},
		reviews: map[int][]*Review{}, pulls: map[int]*pullRequest{}, remaining: 5000,
		visibility: "private", sarifPolls: map[string]int{},
	}
	mux := http.NewServeMux()
	p := "/repos/{owner}/{repo}"
	mux.HandleFunc("GET "+p+"/pulls/{n}/files", s.listFiles)
	mux.HandleFunc("GET "+p+"/pulls/{n}/comments", s.listReviewComments)
	mux.HandleFunc("POST "+p+"/pulls/{n}/reviews", s.createReview)
	mux.HandleFunc("GET "+p+"/issues/{n}/comments", s.listComments)
	mux.HandleFunc("POST "+p+"/issues/{n}/comments", s.createComment)
	mux.HandleFunc("PATCH "+p+"/issues/comments/{id}", s.editComment)
	mux.HandleFunc("GET "+p+"/issues", s.listIssues)
	mux.HandleFunc("POST "+p+"/issues", s.createIssue)
	mux.HandleFunc("PATCH "+p+"/issues/{n}", s.editIssue)
	mux.HandleFunc("GET "+p+"/labels/{name}", s.getLabel)
	mux.HandleFunc("POST "+p+"/labels", s.createLabel)
	mux.HandleFunc("POST "+p+"/code-scanning/sarifs", s.uploadSARIF)
	mux.HandleFunc("GET "+p+"/code-scanning/sarifs/{id}", s.getSARIF)
	mux.HandleFunc("GET "+p, s.getRepo)
	mux.HandleFunc("DELETE "+p+"/pulls/comments/{id}", s.deleteReviewComment)
	mux.HandleFunc("DELETE "+p+"/issues/comments/{id}", s.deleteComment)
	mux.HandleFunc("GET "+p+"/security-advisories", s.listAdvisories)
	mux.HandleFunc("POST "+p+"/security-advisories", s.createAdvisory)
	s.closing = make(chan struct{})
	s.Server = httptest.NewServer(s.front(mux))
	return s
}

// Close stops the server, ending requests left hanging.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.closing) })
	s.Server.Close()
}

// lostAnswer takes an answer nobody will read.
type lostAnswer struct{ header http.Header }

func (l *lostAnswer) Header() http.Header         { return l.header }
func (l *lostAnswer) Write(b []byte) (int, error) { return len(b), nil }
func (l *lostAnswer) WriteHeader(int)             {}

// SetVisibility sets what GET /repos/{owner}/{repo} says: public,
// private or internal.
func (s *Server) SetVisibility(v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.visibility = v
}

// AddReviewComment adds a line comment as an earlier run would have left
// it, in a review of its own.
func (s *Server) AddReviewComment(number int, path string, line int, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	rv := &Review{ID: s.nextID, Event: "COMMENT", Comments: 1}
	s.reviews[number] = append(s.reviews[number], rv)
	s.nextID++
	s.reviewComments[number] = append(s.reviewComments[number], &ReviewComment{ID: s.nextID, ReviewID: rv.ID, Path: path, Line: line, Side: "RIGHT", Body: body})
}

// ForbidAdvisories makes the security advisory endpoints answer 403, as
// they do for a token that is not a security manager's or an admin's.
func (s *Server) ForbidAdvisories(forbid bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.advisoriesForbidden = forbid
}

// Advisories returns the repository security advisories.
func (s *Server) Advisories() []Advisory {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Advisory
	for _, a := range s.advisories {
		out = append(out, *a)
	}
	return out
}

// APIURL is the API root to give a client.
func (s *Server) APIURL() string { return s.URL + "/" }

// AddPullRequest adds pull request number with head commit head and the
// patches of its files (hunks as GitHub lists them, path → patch).
func (s *Server) AddPullRequest(number int, head string, patches map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pr := &pullRequest{head: head, lines: map[string]map[int]bool{}}
	names := make([]string, 0, len(patches))
	for n := range patches {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		pr.files = append(pr.files, prFile{n, patches[n]})
		pr.lines[n] = rightLines(patches[n])
	}
	s.pulls[number] = pr
	s.issues[number] = &Issue{Number: number, Title: fmt.Sprintf("PR %d", number), State: "open", PullRequest: true}
	s.nextNumber = max(s.nextNumber, number+1)
}

// SetHead moves a pull request's head, as a push does, with its new
// patches.
func (s *Server) SetHead(number int, head string, patches map[string]string) {
	s.mu.Lock()
	pr := s.pulls[number]
	s.mu.Unlock()
	if pr == nil {
		s.AddPullRequest(number, head, patches)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	pr.head = head
	pr.files, pr.lines = nil, map[string]map[int]bool{}
	for n, p := range patches {
		pr.files = append(pr.files, prFile{n, p})
		pr.lines[n] = rightLines(p)
	}
	slices.SortFunc(pr.files, func(a, b prFile) int { return strings.Compare(a.name, b.name) })
}

var hunk = regexp.MustCompile(`(?m)^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@`)

// rightLines is the set of new-side lines a patch's hunks span.
func rightLines(patch string) map[int]bool {
	m := map[int]bool{}
	for _, h := range hunk.FindAllStringSubmatch(patch, -1) {
		start, _ := strconv.Atoi(h[1])
		n := 1
		if h[2] != "" {
			n, _ = strconv.Atoi(h[2])
		}
		for l := start; l < start+n; l++ {
			m[l] = true
		}
	}
	return m
}

// AddFault queues a fault.
func (s *Server) AddFault(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// AddComment adds a conversation comment by someone else.
func (s *Server) AddComment(number int, user, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	s.comments[number] = append(s.comments[number], &Comment{ID: s.nextID, User: user, Body: body})
}

// AddIssue adds an issue as a person would, and returns its number.
func (s *Server) AddIssue(title, body string, labels ...string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.nextNumber
	s.nextNumber++
	s.issues[n] = &Issue{Number: n, Title: title, Body: body, State: "open", Labels: labels}
	for _, l := range labels {
		if !slices.Contains(s.labels, l) {
			s.labels = append(s.labels, l)
		}
	}
	return n
}

// CloseIssue closes an issue, as a person would.
func (s *Server) CloseIssue(number int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if iss := s.issues[number]; iss != nil {
		iss.State = "closed"
	}
}

// Requests returns every request so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Writes returns the requests so far that could change something.
func (s *Server) Writes() []Request {
	var w []Request
	for _, r := range s.Requests() {
		if r.Write() {
			w = append(w, r)
		}
	}
	return w
}

// Reset forgets the requests so far (not the state they built).
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// Issues returns the issues (not pull requests), by number.
func (s *Server) Issues() []Issue {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Issue
	for _, iss := range s.issues {
		if !iss.PullRequest {
			c := *iss
			c.Labels = slices.Clone(iss.Labels)
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b Issue) int { return a.Number - b.Number })
	return out
}

// Comments returns the conversation comments of an issue or pull request.
func (s *Server) Comments(number int) []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Comment
	for _, c := range s.comments[number] {
		out = append(out, *c)
	}
	return out
}

// ReviewComments returns the line comments on a pull request.
func (s *Server) ReviewComments(number int) []ReviewComment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []ReviewComment
	for _, c := range s.reviewComments[number] {
		out = append(out, *c)
	}
	return out
}

// Reviews returns the reviews of a pull request.
func (s *Server) Reviews(number int) []Review {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Review
	for _, r := range s.reviews[number] {
		out = append(out, *r)
	}
	return out
}

// Labels returns the repository's labels.
func (s *Server) Labels() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.labels)
}

// SARIFUploads returns the code-scanning uploads.
func (s *Server) SARIFUploads() []SARIFUpload {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sarifs)
}

// front records the request, checks the token and the repository, serves
// queued faults, and adds rate limit headers.
func (s *Server) front(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := &statusRecorder{ResponseWriter: w, status: 200}
		defer func() {
			s.mu.Lock()
			s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body, Status: rec.status})
			s.mu.Unlock()
		}()
		s.mu.Lock()
		s.remaining = max(s.remaining-1, 1)
		h := w.Header()
		h.Set("X-RateLimit-Limit", "5000")
		h.Set("X-RateLimit-Remaining", strconv.Itoa(s.remaining))
		h.Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10))
		h.Set("X-RateLimit-Resource", "core")
		s.mu.Unlock()
		if r.Header.Get("Authorization") != "Bearer "+s.Token {
			writeJSON(rec, http.StatusUnauthorized, map[string]string{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"})
			return
		}
		if f := s.takeFault(r); f != nil {
			if f.Hang {
				select {
				case <-r.Context().Done():
				case <-s.closing:
				}
				return
			}
			if f.AfterProcessing {
				next.ServeHTTP(&lostAnswer{header: http.Header{}}, r)
			}
			for k, v := range f.Header {
				h.Set(k, v)
			}
			h.Set("Content-Type", "application/json; charset=utf-8")
			rec.WriteHeader(f.Status)
			io.WriteString(rec, f.Body)
			return
		}
		next.ServeHTTP(rec, r)
	})
}

// takeFault returns the first queued fault for the request, counting it.
func (s *Server) takeFault(r *http.Request) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if f.Method == r.Method && f.Path == r.URL.Path && f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				s.faults = slices.Delete(s.faults, i, i+1)
			}
			return f
		}
	}
	return nil
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func notFound(w http.ResponseWriter) {
	writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
}

func invalid(w http.ResponseWriter, msg string, errs ...any) {
	writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": msg, "errors": errs, "documentation_url": "https://docs.github.com/rest"})
}

// repoOK checks the path's repository; on a mismatch it answers 404.
func (s *Server) repoOK(w http.ResponseWriter, r *http.Request) bool {
	if !strings.EqualFold(r.PathValue("owner"), s.Owner) || !strings.EqualFold(r.PathValue("repo"), s.Repo) {
		notFound(w)
		return false
	}
	return true
}

// page serves one page of items with GitHub's Link header.
func page[T any](s *Server, w http.ResponseWriter, r *http.Request, items []T) {
	q := r.URL.Query()
	per := 30
	if v, err := strconv.Atoi(q.Get("per_page")); err == nil && v > 0 {
		per = min(v, 100)
	}
	if s.MaxPerPage > 0 {
		per = min(per, s.MaxPerPage)
	}
	p := 1
	if v, err := strconv.Atoi(q.Get("page")); err == nil && v > 0 {
		p = v
	}
	last := max((len(items)+per-1)/per, 1)
	from := min((p-1)*per, len(items))
	to := min(from+per, len(items))
	link := func(n int, rel string) string {
		u := *r.URL
		u.Scheme, u.Host = "http", r.Host
		qq := u.Query()
		qq.Set("page", strconv.Itoa(n))
		qq.Set("per_page", strconv.Itoa(per))
		u.RawQuery = qq.Encode()
		return fmt.Sprintf("<%s>; rel=%q", u.String(), rel)
	}
	var links []string
	if p < last {
		links = append(links, link(p+1, "next"), link(last, "last"))
	}
	if p > 1 {
		links = append(links, link(1, "first"), link(p-1, "prev"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	out := items[from:to]
	if out == nil {
		out = []T{}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) pull(w http.ResponseWriter, r *http.Request) (int, *pullRequest, bool) {
	if !s.repoOK(w, r) {
		return 0, nil, false
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	s.mu.Lock()
	pr := s.pulls[n]
	s.mu.Unlock()
	if err != nil || pr == nil {
		notFound(w)
		return 0, nil, false
	}
	return n, pr, true
}

func (s *Server) listFiles(w http.ResponseWriter, r *http.Request) {
	_, pr, ok := s.pull(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	var files []map[string]any
	for _, f := range pr.files {
		files = append(files, map[string]any{"filename": f.name, "status": "modified", "patch": f.patch})
	}
	s.mu.Unlock()
	page(s, w, r, files)
}

func (s *Server) reviewCommentJSON(c *ReviewComment, n int) map[string]any {
	return map[string]any{
		"id": c.ID, "pull_request_review_id": c.ReviewID, "path": c.Path, "line": c.Line, "side": c.Side,
		"commit_id": c.CommitID, "body": c.Body, "user": map[string]any{"login": s.Login},
		"html_url": fmt.Sprintf("%s/%s/%s/pull/%d#discussion_r%d", s.URL, s.Owner, s.Repo, n, c.ID),
	}
}

func (s *Server) listReviewComments(w http.ResponseWriter, r *http.Request) {
	n, _, ok := s.pull(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	var out []map[string]any
	for _, c := range s.reviewComments[n] {
		out = append(out, s.reviewCommentJSON(c, n))
	}
	s.mu.Unlock()
	page(s, w, r, out)
}

func (s *Server) createReview(w http.ResponseWriter, r *http.Request) {
	n, pr, ok := s.pull(w, r)
	if !ok {
		return
	}
	var req struct {
		CommitID *string `json:"commit_id"`
		Body     string  `json:"body"`
		Event    string  `json:"event"`
		Comments []struct {
			Path     string `json:"path"`
			Position *int   `json:"position"`
			Line     *int   `json:"line"`
			Side     string `json:"side"`
			Body     string `json:"body"`
		} `json:"comments"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "Problems parsing JSON"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	commit := pr.head
	if req.CommitID != nil {
		if *req.CommitID != pr.head {
			invalid(w, "Unprocessable Entity", "commit_id is not part of the pull request")
			return
		}
		commit = *req.CommitID
	}
	switch req.Event {
	case "", "COMMENT", "APPROVE", "REQUEST_CHANGES":
	default:
		invalid(w, "Unprocessable Entity", "event is not one of APPROVE, REQUEST_CHANGES, COMMENT")
		return
	}
	for _, c := range req.Comments {
		if c.Position != nil || c.Line == nil {
			invalid(w, "Unprocessable Entity", "this test server takes line and side only")
			return
		}
		if c.Side != "" && c.Side != "RIGHT" || !pr.lines[c.Path][*c.Line] {
			invalid(w, "Unprocessable Entity", "Pull request review thread line must be part of the diff")
			return
		}
	}
	s.nextID++
	rv := &Review{ID: s.nextID, CommitID: commit, Event: req.Event, Body: req.Body, Comments: len(req.Comments)}
	s.reviews[n] = append(s.reviews[n], rv)
	for _, c := range req.Comments {
		s.nextID++
		s.reviewComments[n] = append(s.reviewComments[n], &ReviewComment{
			ID: s.nextID, ReviewID: rv.ID, Path: c.Path, Line: *c.Line, Side: cmpOr(c.Side, "RIGHT"), CommitID: commit, Body: c.Body,
		})
	}
	state := "COMMENTED"
	if req.Event == "" {
		state = "PENDING"
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": rv.ID, "body": rv.Body, "state": state, "commit_id": commit,
		"html_url": fmt.Sprintf("%s/%s/%s/pull/%d#pullrequestreview-%d", s.URL, s.Owner, s.Repo, n, rv.ID)})
}

func (s *Server) issue(w http.ResponseWriter, r *http.Request) (*Issue, bool) {
	if !s.repoOK(w, r) {
		return nil, false
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	s.mu.Lock()
	iss := s.issues[n]
	s.mu.Unlock()
	if err != nil || iss == nil {
		notFound(w)
		return nil, false
	}
	return iss, true
}

func (s *Server) commentJSON(c *Comment, n int) map[string]any {
	return map[string]any{
		"id": c.ID, "body": c.Body, "user": map[string]any{"login": c.User},
		"html_url": fmt.Sprintf("%s/%s/%s/issues/%d#issuecomment-%d", s.URL, s.Owner, s.Repo, n, c.ID),
	}
}

func (s *Server) listComments(w http.ResponseWriter, r *http.Request) {
	iss, ok := s.issue(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	var out []map[string]any
	for _, c := range s.comments[iss.Number] {
		out = append(out, s.commentJSON(c, iss.Number))
	}
	s.mu.Unlock()
	page(s, w, r, out)
}

func (s *Server) createComment(w http.ResponseWriter, r *http.Request) {
	iss, ok := s.issue(w, r)
	if !ok {
		return
	}
	var req struct {
		Body *string `json:"body"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Body == nil || *req.Body == "" {
		invalid(w, "Validation Failed", map[string]string{"resource": "IssueComment", "field": "body", "code": "missing_field"})
		return
	}
	if len(*req.Body) > 65536 {
		invalid(w, "Validation Failed", map[string]string{"resource": "IssueComment", "field": "body", "code": "custom", "message": "body is too long (maximum is 65536 characters)"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	c := &Comment{ID: s.nextID, User: s.Login, Body: *req.Body}
	s.comments[iss.Number] = append(s.comments[iss.Number], c)
	writeJSON(w, http.StatusCreated, s.commentJSON(c, iss.Number))
}

func (s *Server) editComment(w http.ResponseWriter, r *http.Request) {
	if !s.repoOK(w, r) {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var req struct {
		Body *string `json:"body"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Body == nil || *req.Body == "" {
		invalid(w, "Validation Failed", map[string]string{"resource": "IssueComment", "field": "body", "code": "missing_field"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for n, cs := range s.comments {
		for _, c := range cs {
			if c.ID == id {
				c.Body = *req.Body
				writeJSON(w, http.StatusOK, s.commentJSON(c, n))
				return
			}
		}
	}
	notFound(w)
}

func (s *Server) issueJSON(iss *Issue) map[string]any {
	labels := []map[string]any{}
	for _, l := range iss.Labels {
		labels = append(labels, map[string]any{"name": l})
	}
	m := map[string]any{
		"id": int64(iss.Number) + 500000, "number": iss.Number, "title": iss.Title, "body": iss.Body, "state": iss.State, "labels": labels,
		"html_url": fmt.Sprintf("%s/%s/%s/issues/%d", s.URL, s.Owner, s.Repo, iss.Number),
	}
	if iss.PullRequest {
		m["pull_request"] = map[string]any{"url": fmt.Sprintf("%s/repos/%s/%s/pulls/%d", s.URL, s.Owner, s.Repo, iss.Number)}
	}
	return m
}

func (s *Server) listIssues(w http.ResponseWriter, r *http.Request) {
	if !s.repoOK(w, r) {
		return
	}
	q := r.URL.Query()
	state := q.Get("state")
	if state == "" {
		state = "open"
	}
	var want []string
	if l := q.Get("labels"); l != "" {
		want = strings.Split(l, ",")
	}
	s.mu.Lock()
	var list []*Issue
	for _, iss := range s.issues {
		if state != "all" && iss.State != state {
			continue
		}
		ok := true
		for _, l := range want {
			if !slices.Contains(iss.Labels, l) {
				ok = false
			}
		}
		if ok {
			list = append(list, iss)
		}
	}
	// Newest first, as GitHub sorts by default.
	slices.SortFunc(list, func(a, b *Issue) int { return b.Number - a.Number })
	var out []map[string]any
	for _, iss := range list {
		out = append(out, s.issueJSON(iss))
	}
	s.mu.Unlock()
	page(s, w, r, out)
}

type issueRequest struct {
	Title  *string   `json:"title"`
	Body   *string   `json:"body"`
	State  *string   `json:"state"`
	Labels *[]string `json:"labels"`
}

func (s *Server) createIssue(w http.ResponseWriter, r *http.Request) {
	if !s.repoOK(w, r) {
		return
	}
	var req issueRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Title == nil || *req.Title == "" {
		invalid(w, "Validation Failed", map[string]string{"resource": "Issue", "field": "title", "code": "missing_field"})
		return
	}
	if req.Body != nil && len(*req.Body) > 65536 {
		invalid(w, "Validation Failed", map[string]string{"resource": "Issue", "field": "body", "code": "custom", "message": "body is too long (maximum is 65536 characters)"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	iss := &Issue{Number: s.nextNumber, Title: *req.Title, State: "open"}
	s.nextNumber++
	if req.Body != nil {
		iss.Body = *req.Body
	}
	if req.Labels != nil {
		iss.Labels = slices.Clone(*req.Labels)
		for _, l := range iss.Labels {
			if !slices.Contains(s.labels, l) {
				// GitHub makes unknown labels on the fly.
				s.labels = append(s.labels, l)
			}
		}
	}
	s.issues[iss.Number] = iss
	writeJSON(w, http.StatusCreated, s.issueJSON(iss))
}

func (s *Server) editIssue(w http.ResponseWriter, r *http.Request) {
	iss, ok := s.issue(w, r)
	if !ok {
		return
	}
	var req issueRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "Problems parsing JSON"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if req.State != nil {
		if *req.State != "open" && *req.State != "closed" {
			invalid(w, "Validation Failed", map[string]string{"resource": "Issue", "field": "state", "code": "invalid"})
			return
		}
		iss.State = *req.State
	}
	if req.Title != nil {
		iss.Title = *req.Title
	}
	if req.Body != nil {
		iss.Body = *req.Body
	}
	if req.Labels != nil {
		iss.Labels = slices.Clone(*req.Labels)
	}
	writeJSON(w, http.StatusOK, s.issueJSON(iss))
}

func (s *Server) getLabel(w http.ResponseWriter, r *http.Request) {
	if !s.repoOK(w, r) {
		return
	}
	name := r.PathValue("name")
	s.mu.Lock()
	found := slices.Contains(s.labels, name)
	s.mu.Unlock()
	if !found {
		notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"name": name, "color": "b60205"})
}

func (s *Server) createLabel(w http.ResponseWriter, r *http.Request) {
	if !s.repoOK(w, r) {
		return
	}
	var req struct {
		Name  string `json:"name"`
		Color string `json:"color"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Name == "" {
		invalid(w, "Validation Failed", map[string]string{"resource": "Label", "field": "name", "code": "missing_field"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if slices.Contains(s.labels, req.Name) {
		invalid(w, "Validation Failed", map[string]string{"resource": "Label", "field": "name", "code": "already_exists"})
		return
	}
	s.labels = append(s.labels, req.Name)
	writeJSON(w, http.StatusCreated, map[string]any{"name": req.Name, "color": req.Color})
}

var hexSHA = regexp.MustCompile(`^[0-9a-f]{40}$`)

func (s *Server) uploadSARIF(w http.ResponseWriter, r *http.Request) {
	if !s.repoOK(w, r) {
		return
	}
	var req struct {
		CommitSHA string `json:"commit_sha"`
		Ref       string `json:"ref"`
		Sarif     string `json:"sarif"`
		ToolName  string `json:"tool_name"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "Problems parsing JSON"})
		return
	}
	if !hexSHA.MatchString(req.CommitSHA) || !strings.HasPrefix(req.Ref, "refs/") {
		invalid(w, "Invalid request.", "commit_sha must be a 40-character SHA and ref a full ref name")
		return
	}
	raw, err := base64.StdEncoding.DecodeString(req.Sarif)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "Invalid request. sarif is not base64"})
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "Invalid request. sarif is not gzipped"})
		return
	}
	sarif, err := io.ReadAll(zr)
	if err != nil || !json.Valid(sarif) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "Invalid request. sarif is not valid gzipped JSON"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	id := fmt.Sprintf("47177e22-5596-11eb-80a1-%012x", s.nextID)
	s.sarifs = append(s.sarifs, SARIFUpload{ID: id, CommitSHA: req.CommitSHA, Ref: req.Ref, ToolName: req.ToolName, SARIF: sarif})
	writeJSON(w, http.StatusAccepted, map[string]string{"id": id, "url": s.URL + "/repos/" + url.PathEscape(s.Owner) + "/" + url.PathEscape(s.Repo) + "/code-scanning/sarifs/" + id})
}

func cmpOr(a, b string) string {
	if a == "" {
		return b
	}
	return a
}

func (s *Server) getRepo(w http.ResponseWriter, r *http.Request) {
	if !s.repoOK(w, r) {
		return
	}
	s.mu.Lock()
	v := s.visibility
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"id": 1296269, "name": s.Repo, "full_name": s.Owner + "/" + s.Repo, "private": v != "public", "visibility": v,
		"owner":    map[string]any{"login": s.Owner},
		"html_url": s.URL + "/" + s.Owner + "/" + s.Repo, "default_branch": "main",
	})
}

func (s *Server) getSARIF(w http.ResponseWriter, r *http.Request) {
	if !s.repoOK(w, r) {
		return
	}
	id := r.PathValue("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	known := false
	for _, u := range s.sarifs {
		known = known || u.ID == id
	}
	if !known {
		notFound(w)
		return
	}
	s.sarifPolls[id]++
	out := map[string]any{"processing_status": "complete", "analyses_url": s.URL + "/repos/" + s.Owner + "/" + s.Repo + "/code-scanning/analyses?sarif_id=" + id}
	switch {
	case s.sarifPolls[id] <= s.sarifPending:
		out = map[string]any{"processing_status": "pending", "analyses_url": nil}
	case len(s.sarifErrors) > 0:
		out = map[string]any{"processing_status": "failed", "analyses_url": nil, "errors": s.sarifErrors}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) deleteReviewComment(w http.ResponseWriter, r *http.Request) {
	deleteByID(s, w, r, s.reviewComments, func(c *ReviewComment) int64 { return c.ID })
}

func (s *Server) deleteComment(w http.ResponseWriter, r *http.Request) {
	deleteByID(s, w, r, s.comments, func(c *Comment) int64 { return c.ID })
}

// deleteByID deletes the comment the path's {id} names from lists.
func deleteByID[T any](s *Server, w http.ResponseWriter, r *http.Request, lists map[int][]T, id func(T) int64) {
	if !s.repoOK(w, r) {
		return
	}
	want, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	s.mu.Lock()
	defer s.mu.Unlock()
	for n, cs := range lists {
		for i, c := range cs {
			if id(c) == want {
				lists[n] = slices.Delete(cs, i, i+1)
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
	}
	notFound(w)
}

func advisoryForbidden(w http.ResponseWriter) {
	writeJSON(w, http.StatusForbidden, map[string]string{"message": "Resource not accessible by integration",
		"documentation_url": "https://docs.github.com/rest/security-advisories/repository-advisories"})
}

func (s *Server) advisoryJSON(a *Advisory) map[string]any {
	return map[string]any{
		"ghsa_id": a.GHSAID, "summary": a.Summary, "description": a.Description, "severity": a.Severity, "state": a.State,
		"html_url": s.URL + "/" + s.Owner + "/" + s.Repo + "/security/advisories/" + a.GHSAID,
	}
}

func (s *Server) listAdvisories(w http.ResponseWriter, r *http.Request) {
	if !s.repoOK(w, r) {
		return
	}
	s.mu.Lock()
	forbidden := s.advisoriesForbidden
	var out []map[string]any
	state := r.URL.Query().Get("state")
	for _, a := range s.advisories {
		if state == "" || a.State == state {
			out = append(out, s.advisoryJSON(a))
		}
	}
	s.mu.Unlock()
	if forbidden {
		advisoryForbidden(w)
		return
	}
	page(s, w, r, out)
}

func (s *Server) createAdvisory(w http.ResponseWriter, r *http.Request) {
	if !s.repoOK(w, r) {
		return
	}
	var req struct {
		Summary         string   `json:"summary"`
		Description     string   `json:"description"`
		Severity        *string  `json:"severity"`
		CVSS            *string  `json:"cvss_vector_string"`
		CWEIDs          []string `json:"cwe_ids"`
		Vulnerabilities []struct {
			Package *struct {
				Ecosystem string `json:"ecosystem"`
				Name      string `json:"name"`
			} `json:"package"`
		} `json:"vulnerabilities"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "Problems parsing JSON"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.advisoriesForbidden {
		advisoryForbidden(w)
		return
	}
	ecosystems := []string{"rubygems", "npm", "pip", "maven", "nuget", "composer", "go", "rust", "erlang", "actions", "pub", "other", "swift"}
	switch {
	case req.Summary == "" || len(req.Summary) > 1024 || req.Description == "" || len(req.Description) > 65535:
		invalid(w, "Validation Failed", "summary and description are required; summary at most 1024 characters, description 65535")
		return
	case req.Vulnerabilities == nil:
		invalid(w, "Validation Failed", "vulnerabilities is required")
		return
	case req.Severity != nil && req.CVSS != nil:
		invalid(w, "Validation Failed", "set severity or cvss_vector_string, not both")
		return
	case req.Severity != nil && !slices.Contains([]string{"critical", "high", "medium", "low"}, *req.Severity):
		invalid(w, "Validation Failed", "severity is not one of critical, high, medium, low")
		return
	}
	for _, v := range req.Vulnerabilities {
		if v.Package == nil || !slices.Contains(ecosystems, v.Package.Ecosystem) {
			invalid(w, "Validation Failed", "a vulnerability needs a package with a known ecosystem")
			return
		}
	}
	s.nextID++
	a := &Advisory{GHSAID: fmt.Sprintf("GHSA-%04x-%04x-%04x", s.nextID&0xffff, (s.nextID>>4)&0xffff, (s.nextID*7)&0xffff),
		Summary: req.Summary, Description: req.Description, State: "draft", CWEs: req.CWEIDs}
	if req.Severity != nil {
		a.Severity = *req.Severity
	}
	s.advisories = append(s.advisories, a)
	writeJSON(w, http.StatusCreated, s.advisoryJSON(a))
}
