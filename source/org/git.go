package org

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	"github.com/go-git/go-git/v5/plumbing/transport/server"

	"github.com/hookscan/hookscan/internal/apiurl"
)

// Git runs the git commands an organisation scan needs: list a remote's
// refs, clone bare, fetch. The token travels in an http.extraHeader that
// git reads from its environment (GIT_CONFIG_COUNT), so it is in no URL, no
// command line and no message, and only to an HTTP remote of the GitHub
// at APIURL (checkRemote).
type Git struct {
	// Token authenticates HTTPS requests; empty sends none.
	Token string
	// APIURL is the REST API root the repositories were listed from;
	// empty means DefaultAPIURL. With a Token, an HTTP remote must belong
	// to that GitHub.
	APIURL string
	// Env is added to the environment of every git command (tests set
	// GIT_TRACE here).
	Env []string
}

// env is the environment of a git command: never a prompt, and the token
// as an Authorization header when there is one.
func (g Git) env() []string {
	env := append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=", "GCM_INTERACTIVE=never")
	if g.Token != "" {
		auth := base64.StdEncoding.EncodeToString([]byte("x-access-token:" + g.Token))
		env = append(env, "GIT_CONFIG_COUNT=1",
			"GIT_CONFIG_KEY_0=http.extraHeader",
			"GIT_CONFIG_VALUE_0=Authorization: Basic "+auth)
	}
	return append(env, g.Env...)
}

// run runs git with args and returns its standard output. A failure
// carries git's last line of standard error, with anything that looks
// like the token removed.
func (g Git) run(ctx context.Context, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Env = g.env()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := gitError(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return out, g.scrub(errors.New(msg))
	}
	return out, nil
}

// gitError picks what git's stderr says went wrong: the first "fatal:"
// or "error:" line (git clone follows "fatal: '…' does not appear to be
// a git repository" with hints), else the last line.
func gitError(stderr string) string {
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for _, l := range lines {
		if strings.HasPrefix(l, "fatal: ") || strings.HasPrefix(l, "error: ") {
			return strings.TrimSpace(l)
		}
	}
	return strings.TrimSpace(lines[len(lines)-1])
}

// LsRemote lists the branches and tags of the repository at remote (ref
// name to object id) without fetching any content. It runs in process,
// with no git command: over HTTP(S) it is one request for the ref
// advertisement (the token as basic auth, as git sends it), for a local
// path or file:// URL it reads the refs from disk; other schemes (ssh) go
// through `git ls-remote`. A listing of a repository that has no commits
// is empty.
func (g Git) LsRemote(ctx context.Context, remote string) (map[string]string, error) {
	if err := g.checkRemote(remote); err != nil {
		return nil, err
	}
	refs, err := g.lsRemote(ctx, remote)
	if err != nil {
		return nil, fmt.Errorf("list refs of %s: %w", Redacted(remote), err)
	}
	return refs, nil
}

func (g Git) lsRemote(ctx context.Context, remote string) (map[string]string, error) {
	ep, err := transport.NewEndpoint(remote)
	if err != nil {
		return nil, err
	}
	var (
		client transport.Transport
		auth   transport.AuthMethod
	)
	switch ep.Protocol {
	case "http", "https":
		client = githttp.DefaultClient
		if g.Token != "" {
			auth = &githttp.BasicAuth{Username: "x-access-token", Password: g.Token}
		}
	case "file":
		// A work tree's refs are in its .git directory.
		if fi, err := os.Stat(filepath.Join(ep.Path, ".git")); err == nil && fi.IsDir() {
			ep.Path = filepath.Join(ep.Path, ".git")
		}
		client = server.DefaultServer
	default:
		return g.lsRemoteCommand(ctx, remote)
	}
	sess, err := client.NewUploadPackSession(ep, auth)
	if ep.Protocol == "file" && errors.Is(err, transport.ErrRepositoryNotFound) {
		// go-git knows a bare repository by its config file; git does
		// not need one.
		return g.lsRemoteCommand(ctx, remote)
	}
	if err != nil {
		return nil, g.scrub(err)
	}
	defer sess.Close()
	adv, err := sess.AdvertisedReferencesContext(ctx)
	if errors.Is(err, transport.ErrEmptyRemoteRepository) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, g.scrub(err)
	}
	refs := map[string]string{}
	for name, id := range adv.References {
		if strings.HasPrefix(name, "refs/heads/") || strings.HasPrefix(name, "refs/tags/") {
			refs[name] = id.String()
		}
	}
	return refs, nil
}

// lsRemoteCommand lists refs with `git ls-remote`.
func (g Git) lsRemoteCommand(ctx context.Context, remote string) (map[string]string, error) {
	out, err := g.run(ctx, "ls-remote", "--heads", "--tags", "--", remote)
	if err != nil {
		return nil, err
	}
	refs := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		id, ref, ok := strings.Cut(sc.Text(), "\t")
		if ok && !strings.HasSuffix(ref, "^{}") {
			refs[ref] = id
		}
	}
	return refs, nil
}

// checkRemote refuses an HTTP remote that the token must not reach: one
// over plain http to a host other than loopback, where the token would
// travel in the clear, or one on another host than the GitHub at
// g.APIURL. The listing names the clone URLs, so a misconfigured or
// hostile answer must not route the token elsewhere; and cloning such a
// remote without the token would scan whatever it serves as the
// repository, so it is not cloned at all. Other remotes (a path, file://,
// ssh) get no HTTP header; with no token there is nothing to keep.
func (g Git) checkRemote(remote string) error {
	if g.Token == "" {
		return nil
	}
	u, err := url.Parse(remote)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" {
		if lower := strings.ToLower(remote); strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
			return fmt.Errorf("skipped: clone URL %q does not parse, so the token is not sent to it", Redacted(remote))
		}
		return nil
	}
	if !apiurl.Secure(u) {
		return fmt.Errorf("skipped: clone URL %s is plain http, which would send the token unencrypted (http is accepted only for a loopback host)", Redacted(remote))
	}
	api, err := apiurl.Parse(cmp.Or(g.APIURL, DefaultAPIURL))
	if err != nil {
		return fmt.Errorf("skipped: %w", err)
	}
	if !apiurl.SameGitHub(api, u) {
		return fmt.Errorf("skipped: clone URL %s is not on the GitHub of the API URL %s, so the token is not sent there", Redacted(remote), api.Redacted())
	}
	return nil
}

func (g Git) scrub(err error) error { return scrub(err, g.Token) }

// scrub keeps a token out of an error's text.
func scrub(err error, token string) error {
	if token == "" || !strings.Contains(err.Error(), token) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), token, "***"))
}

// Sync brings the bare clone at dir up to date with remote: a clone when
// dir holds none, a fetch of every branch and tag otherwise. It reports
// whether it cloned.
func (g Git) Sync(ctx context.Context, remote, dir string) (cloned bool, err error) {
	if err := g.checkRemote(remote); err != nil {
		return false, err
	}
	if _, err := os.Stat(filepath.Join(dir, "HEAD")); err == nil {
		_, err := g.run(ctx, "--git-dir", dir, "fetch", "--quiet", "--prune", "--force", "--", remote,
			"+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*")
		if err != nil {
			return false, fmt.Errorf("fetch %s: %w", Redacted(remote), err)
		}
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return false, fmt.Errorf("create cache: %w", err)
	}
	// Clone next to the target and rename, so an interrupted clone never
	// passes for a complete one.
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".clone-")
	if err != nil {
		return false, fmt.Errorf("create cache: %w", err)
	}
	defer os.RemoveAll(tmp)
	if _, err := g.run(ctx, "clone", "--bare", "--quiet", "--", remote, tmp); err != nil {
		return false, fmt.Errorf("clone %s: %w", Redacted(remote), err)
	}
	// The clone records where it came from; keep that free of
	// credentials too.
	if _, err := g.run(ctx, "--git-dir", tmp, "config", "remote.origin.url", Redacted(remote)); err != nil {
		return false, fmt.Errorf("clone %s: %w", Redacted(remote), err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return false, fmt.Errorf("clone %s: %w", Redacted(remote), err)
	}
	return true, nil
}

// HasCommit reports whether the repository at dir holds commit id.
func (g Git) HasCommit(ctx context.Context, dir, id string) bool {
	_, err := g.run(ctx, "--git-dir", dir, "cat-file", "-e", id+"^{commit}")
	return err == nil
}

// Redacted is a URL with any user information replaced by "***", fit to
// print.
func Redacted(remote string) string {
	u, err := url.Parse(remote)
	if err != nil || u.User == nil {
		return remote
	}
	u.User = url.User("***")
	return u.String()
}
