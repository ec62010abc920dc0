package github

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/hookscan/hookscan/internal/apiurl"
)

// Default GitHub endpoints, used when GITHUB_API_URL and GITHUB_SERVER_URL
// are not set.
const (
	DefaultAPIURL    = "https://api.github.com"
	DefaultServerURL = "https://github.com"
)

// Context is what a run knows about the repository and the event it runs
// for, read from the environment GitHub Actions sets (FromEnv) and the
// event JSON file (ReadEvent). Callers may change any field before use:
// command-line flags override the environment.
type Context struct {
	// Token authenticates API calls (GITHUB_TOKEN). It is never printed,
	// logged or put in an error.
	Token string
	// Owner and Repo name the repository (GITHUB_REPOSITORY, "owner/repo").
	Owner, Repo string
	// EventName is the event that started the workflow (GITHUB_EVENT_NAME):
	// pull_request, push, schedule, workflow_dispatch, …
	EventName string
	// EventPath is the file holding the event's JSON payload
	// (GITHUB_EVENT_PATH).
	EventPath string
	// APIURL is the REST API root (GITHUB_API_URL): https://api.github.com,
	// or https://HOST/api/v3 on GitHub Enterprise Server.
	APIURL string
	// ServerURL is the web root that permalinks start with
	// (GITHUB_SERVER_URL).
	ServerURL string
	// SHA is the commit the workflow runs on (GITHUB_SHA). On pull_request
	// events it is GitHub's synthetic merge commit, not the pull request's
	// head: Head is that.
	SHA string
	// Ref is the ref the workflow runs on (GITHUB_REF), for example
	// refs/heads/main or refs/pull/7/merge.
	Ref string
	// StepSummary is the file whose Markdown becomes the job summary
	// (GITHUB_STEP_SUMMARY); empty outside Actions.
	StepSummary string
	// Output is the file that step outputs are appended to as name=value
	// lines (GITHUB_OUTPUT); empty outside Actions.
	Output string

	// PR is the pull request number (from the event).
	PR int
	// Base and Head are the commits a change spans: a pull request's
	// base.sha and head.sha, or a push's before and after. Base is empty
	// for a push that created the branch.
	Base, Head string
	// Visibility is the repository's visibility as the event says it:
	// "public", "private" or "internal"; empty when unknown.
	Visibility string
	// Fork is set when the pull request comes from another repository:
	// its token can read but not write, whatever the workflow asks for.
	Fork bool
}

// FromEnv reads a Context from environment variables through getenv (use
// os.Getenv). It does not read the event file: call ReadEvent for that
// once any overrides of EventPath are in place.
func FromEnv(getenv func(string) string) Context {
	c := Context{
		Token:       getenv("GITHUB_TOKEN"),
		EventName:   getenv("GITHUB_EVENT_NAME"),
		EventPath:   getenv("GITHUB_EVENT_PATH"),
		APIURL:      getenv("GITHUB_API_URL"),
		ServerURL:   getenv("GITHUB_SERVER_URL"),
		SHA:         getenv("GITHUB_SHA"),
		Ref:         getenv("GITHUB_REF"),
		StepSummary: getenv("GITHUB_STEP_SUMMARY"),
		Output:      getenv("GITHUB_OUTPUT"),
	}
	c.Owner, c.Repo, _ = strings.Cut(getenv("GITHUB_REPOSITORY"), "/")
	return c
}

// SetRepository sets Owner and Repo from "owner/repo".
func (c *Context) SetRepository(s string) error {
	owner, repo, ok := strings.Cut(s, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return fmt.Errorf("parse repository %q: want owner/repo", s)
	}
	c.Owner, c.Repo = owner, repo
	return nil
}

// Repository returns "owner/repo", or "" when unknown.
func (c *Context) Repository() string {
	if c.Owner == "" {
		return ""
	}
	return c.Owner + "/" + c.Repo
}

// event is the part of an event payload hookscan reads.
type event struct {
	Number      int `json:"number"`
	PullRequest *struct {
		Number int `json:"number"`
		Head   struct {
			SHA  string `json:"sha"`
			Repo *struct {
				FullName string `json:"full_name"`
			} `json:"repo"`
		} `json:"head"`
		Base struct {
			SHA  string `json:"sha"`
			Repo *struct {
				FullName string `json:"full_name"`
			} `json:"repo"`
		} `json:"base"`
	} `json:"pull_request"`
	Before     string `json:"before"`
	After      string `json:"after"`
	Repository *struct {
		FullName   string `json:"full_name"`
		Private    *bool  `json:"private"`
		Visibility string `json:"visibility"`
	} `json:"repository"`
}

// zeroSHA is what a push event says "before" was when it created a branch.
const zeroSHA = "0000000000000000000000000000000000000000"

// ReadEvent reads the event file at EventPath and fills PR, Base, Head,
// Fork and the repository from it, leaving alone every field already set
// (by flags). No EventPath, nothing to do.
func (c *Context) ReadEvent() error {
	if c.EventPath == "" {
		return nil
	}
	data, err := os.ReadFile(c.EventPath)
	if err != nil {
		return fmt.Errorf("read event: %w", err)
	}
	var ev event
	if err := json.Unmarshal(data, &ev); err != nil {
		return fmt.Errorf("read event %s: %w", c.EventPath, err)
	}
	if c.Owner == "" && ev.Repository != nil && ev.Repository.FullName != "" {
		if err := c.SetRepository(ev.Repository.FullName); err != nil {
			return fmt.Errorf("read event %s: %w", c.EventPath, err)
		}
	}
	if r := ev.Repository; r != nil && c.Visibility == "" {
		switch {
		case r.Visibility != "":
			c.Visibility = r.Visibility
		case r.Private != nil && *r.Private:
			c.Visibility = "private"
		case r.Private != nil:
			c.Visibility = "public"
		}
	}
	if pr := ev.PullRequest; pr != nil {
		if c.PR == 0 {
			c.PR = pr.Number
			if c.PR == 0 {
				c.PR = ev.Number
			}
		}
		if c.Base == "" {
			c.Base = pr.Base.SHA
		}
		if c.Head == "" {
			c.Head = pr.Head.SHA
		}
		if pr.Head.Repo != nil && pr.Base.Repo != nil && !strings.EqualFold(pr.Head.Repo.FullName, pr.Base.Repo.FullName) {
			c.Fork = true
		}
		return nil
	}
	if ev.After != "" {
		if c.Head == "" {
			c.Head = ev.After
		}
		if c.Base == "" && ev.Before != zeroSHA {
			c.Base = ev.Before
		}
	}
	return nil
}

// Defaults fills APIURL, ServerURL and Head (from SHA) where they are
// empty.
func (c *Context) Defaults() {
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	if c.ServerURL == "" {
		c.ServerURL = DefaultServerURL
	}
	if c.Head == "" {
		c.Head = c.SHA
	}
}

// ErrNoToken is returned when an API call needs a token and none was
// given.
var ErrNoToken = errors.New("no GitHub token: set GITHUB_TOKEN (in a workflow, pass ${{ github.token }})")

// checkAPI says what is missing before any API call can be made.
func (c *Context) checkAPI() error {
	if c.Token == "" {
		return ErrNoToken
	}
	if c.Owner == "" || c.Repo == "" {
		return errors.New("no repository: set GITHUB_REPOSITORY or --repository to owner/repo")
	}
	_, err := apiurl.Parse(c.APIURL)
	return err
}
