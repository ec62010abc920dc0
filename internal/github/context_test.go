package github

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestContextFromEnvAndEvent(t *testing.T) {
	dir := t.TempDir()
	pr := filepath.Join(dir, "pr.json")
	os.WriteFile(pr, []byte(`{"action":"synchronize","number":42,"pull_request":{"number":42,
		"head":{"sha":"`+testCommits[1]+`","repo":{"full_name":"someone/shop"}},
		"base":{"sha":"`+testCommits[0]+`","repo":{"full_name":"acme/shop"}}},
		"repository":{"full_name":"acme/shop"}}`), 0o644)
	env := map[string]string{
		"GITHUB_TOKEN": testToken, "GITHUB_REPOSITORY": "acme/shop", "GITHUB_EVENT_NAME": "pull_request",
		"GITHUB_EVENT_PATH": pr, "GITHUB_API_URL": "https://ghe.example/api/v3", "GITHUB_SERVER_URL": "https://ghe.example",
		"GITHUB_SHA": testCommits[3], "GITHUB_REF": "refs/pull/42/merge",
	}
	c := FromEnv(func(k string) string { return env[k] })
	if err := c.ReadEvent(); err != nil {
		t.Fatal(err)
	}
	c.Defaults()
	if c.PR != 42 || c.Base != testCommits[0] || c.Head != testCommits[1] || !c.Fork || c.Repository() != "acme/shop" ||
		c.SHA != testCommits[3] || c.APIURL != "https://ghe.example/api/v3" {
		t.Errorf("context %+v", c)
	}

	// Flags set before ReadEvent win over the event.
	c = FromEnv(func(k string) string { return env[k] })
	c.PR, c.Head = 7, "abc"
	if err := c.ReadEvent(); err != nil {
		t.Fatal(err)
	}
	if c.PR != 7 || c.Head != "abc" || c.Base != testCommits[0] {
		t.Errorf("overrides lost: %+v", c)
	}

	push := filepath.Join(dir, "push.json")
	os.WriteFile(push, []byte(`{"ref":"refs/heads/new","before":"0000000000000000000000000000000000000000","after":"`+testCommits[2]+`"}`), 0o644)
	c = Context{EventPath: push}
	if err := c.ReadEvent(); err != nil {
		t.Fatal(err)
	}
	if c.Base != "" || c.Head != testCommits[2] || c.PR != 0 {
		t.Errorf("push of a new branch: %+v", c)
	}

	c = Context{EventPath: filepath.Join(dir, "missing.json")}
	if err := c.ReadEvent(); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing event file: %v", err)
	}
	os.WriteFile(push, []byte(`{`), 0o644)
	c = Context{EventPath: push}
	if err := c.ReadEvent(); err == nil || !strings.Contains(err.Error(), "push.json") {
		t.Errorf("bad event file: %v", err)
	}
}

func TestNewClientNeeds(t *testing.T) {
	if _, err := NewClient(Context{Owner: "a", Repo: "b"}, Options{}); err != ErrNoToken {
		t.Errorf("no token: %v", err)
	}
	if _, err := NewClient(Context{Token: testToken}, Options{}); err == nil || !strings.Contains(err.Error(), "GITHUB_REPOSITORY") {
		t.Errorf("no repository: %v", err)
	}
	var c Context
	if err := c.SetRepository("justone"); err == nil {
		t.Error("SetRepository took a name without owner")
	}
}

func TestLinks(t *testing.T) {
	l := Links{ServerURL: "https://github.com/", Owner: "acme", Repo: "shop"}
	if got := l.Permalink("abc", "dir/a b#.yml", 3, 5); got != "https://github.com/acme/shop/blob/abc/dir/a%20b%23.yml#L3-L5" {
		t.Errorf("permalink %q", got)
	}
	if got := l.Permalink("", "x", 1, 1); got != "" {
		t.Errorf("permalink without commit %q", got)
	}
}
