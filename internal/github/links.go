package github

import (
	"fmt"
	"net/url"
	"strings"
)

// Links builds web addresses into one repository.
type Links struct {
	// ServerURL is the web root, e.g. https://github.com.
	ServerURL string
	// Owner and Repo name the repository.
	Owner, Repo string
}

// Links returns the link builder for the context's repository.
func (c *Context) Links() Links {
	server := c.ServerURL
	if server == "" {
		server = DefaultServerURL
	}
	return Links{ServerURL: server, Owner: c.Owner, Repo: c.Repo}
}

func (l Links) root() string {
	return strings.TrimRight(l.ServerURL, "/") + "/" + url.PathEscape(l.Owner) + "/" + url.PathEscape(l.Repo)
}

// Permalink points at lines of a file at a commit; line 0 means the whole
// file.
func (l Links) Permalink(commit, file string, line, endLine int) string {
	if l.ServerURL == "" || l.Owner == "" || commit == "" {
		return ""
	}
	segs := strings.Split(file, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	u := l.root() + "/blob/" + commit + "/" + strings.Join(segs, "/")
	switch {
	case line <= 0:
	case endLine > line:
		u += fmt.Sprintf("#L%d-L%d", line, endLine)
	default:
		u += fmt.Sprintf("#L%d", line)
	}
	return u
}

// Commit points at a commit.
func (l Links) Commit(sha string) string {
	if l.ServerURL == "" || l.Owner == "" || sha == "" {
		return ""
	}
	return l.root() + "/commit/" + sha
}
