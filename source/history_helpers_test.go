package source_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hookscan/hookscan/scanner"
)

// historyPack is the rule set of the git tests: one precise rule keeps
// every expected finding exact.
const historyPack = `
rules:
  - id: test-slack-url
    provider: Slack
    kind: webhook-url
    severity: high
    description: Slack incoming webhook URL
    keywords: [hooks.slack.com]
    regex: '((?:https?://)?hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24})(?:[^A-Za-z0-9]|$)'
`

func historyDetector(t testing.TB) *scanner.Detector {
	t.Helper()
	return compilePack(t, "history.yaml", historyPack)
}

// secretGen makes distinct synthetic webhook URLs, assembled at run time
// so no file holds one.
type secretGen struct{ r *rand.Rand }

func newSecretGen(seed uint64) *secretGen {
	return &secretGen{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

func (g *secretGen) pick(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[g.r.IntN(len(alphabet))]
	}
	return string(b)
}

// next returns a Slack-style webhook URL with random parts.
func (g *secretGen) next() string {
	const upper = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	const mixed = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	return "https://hooks.slack" + ".com/services/" + "T" + g.pick(upper, 9) + "/B" + g.pick(upper, 9) + "/" + g.pick(mixed, 24)
}

// secretOf is the part of a URL the rule reports: all of it.
func secretOf(url string) string { return url }

// gitFixture drives the git CLI in a test directory with fixed identities and
// dates, so commits are reproducible.
type gitFixture struct {
	t    testing.TB
	dir  string
	tick int
}

func newGitFixture(t testing.TB) *gitFixture {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("the git tests need the git binary: ", err)
	}
	r := &gitFixture{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

// gitEnv isolates git from the user's and system configuration.
func gitEnv(extra ...string) []string {
	env := []string{}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GIT_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=Ada Author", "GIT_AUTHOR_EMAIL=ada@example.com",
		"GIT_COMMITTER_NAME=Cy Committer", "GIT_COMMITTER_EMAIL=cy@example.com",
	)
	return append(env, extra...)
}

func (r *gitFixture) git(args ...string) string {
	r.t.Helper()
	return r.gitIn(r.dir, args...)
}

func (r *gitFixture) gitIn(dir string, args ...string) string {
	r.t.Helper()
	return r.run(dir, nil, args...)
}

// gitEnv runs git in the repository with extra environment variables.
func (r *gitFixture) gitEnv(env []string, args ...string) string {
	r.t.Helper()
	return r.run(r.dir, env, args...)
}

func (r *gitFixture) run(dir string, env []string, args ...string) string {
	r.t.Helper()
	date := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.tick) * time.Hour).Format(time.RFC3339)
	cmd := exec.Command("git", append([]string{"-c", "protocol.file.allow=always", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(gitEnv("GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *gitFixture) write(path, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit stages everything and commits; it returns the commit id.
func (r *gitFixture) commit(msg string) string {
	r.t.Helper()
	r.tick++
	r.git("add", "-A")
	r.git("commit", "-q", "--allow-empty", "-m", msg)
	return r.git("rev-parse", "HEAD")
}

// lines makes a file body whose line n (1-based) holds text.
func linesWith(n int, text string) string {
	var b strings.Builder
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "line %d\n", i)
	}
	return b.String() + "url: " + text + "\n"
}

// histWant is one expected finding.
type histWant struct {
	secret, commit, file string
	line                 int
	inHead               bool
}

func (w histWant) String() string {
	return fmt.Sprintf("%s:%d @%.8s inHead=%v (%.30s)", w.file, w.line, w.commit, w.inHead, w.secret)
}

// got turns findings into comparable wants.
func histGot(fs []scanner.Finding) []histWant {
	out := make([]histWant, 0, len(fs))
	for _, f := range fs {
		w := histWant{secret: f.Secret, commit: f.Commit, file: f.File, line: f.Line}
		if f.InHead != nil {
			w.inHead = *f.InHead
		}
		out = append(out, w)
	}
	return out
}

// sameFindings fails the test unless fs holds exactly the wanted findings,
// in any order.
func sameFindings(t *testing.T, fs []scanner.Finding, wants []histWant) {
	t.Helper()
	left := map[histWant]int{}
	for _, w := range wants {
		left[w]++
	}
	var extra []histWant
	for _, g := range histGot(fs) {
		if left[g] > 0 {
			left[g]--
			continue
		}
		extra = append(extra, g)
	}
	for w, n := range left {
		if n > 0 {
			t.Errorf("missing finding %v", w)
		}
	}
	for _, g := range extra {
		t.Errorf("unexpected finding %v", g)
	}
}

// warnLog collects what a scan reported through Warn.
type warnLog struct{ list []error }

func (w *warnLog) add(err error) { w.list = append(w.list, err) }

func (w *warnLog) String() string {
	var b strings.Builder
	for _, e := range w.list {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}
