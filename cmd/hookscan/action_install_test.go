package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// releaseServer serves a release of hookscan/hookscan at tag v1.2.3, and
// the tags API, on loopback; tamper makes the archive differ from its
// checksum.
func releaseServer(t *testing.T, binary []byte, tamper bool) *httptest.Server {
	t.Helper()
	var archive bytes.Buffer
	gz := gzip.NewWriter(&archive)
	tw := tar.NewWriter(gz)
	tw.WriteHeader(&tar.Header{Name: "./hookscan", Mode: 0o755, Size: int64(len(binary))})
	tw.Write(binary)
	tw.Close()
	gz.Close()
	sum := sha256.Sum256(archive.Bytes())
	if tamper {
		sum[0] ^= 1
	}
	checksums := hex.EncodeToString(sum[:]) + "  hookscan_linux_amd64.tar.gz\n" + strings.Repeat("0", 64) + "  hookscan_darwin_arm64.tar.gz\n"
	const sha = "0123456789abcdef0123456789abcdef01234567"
	mux := http.NewServeMux()
	mux.HandleFunc("/hookscan/hookscan/releases/download/v1.2.3/hookscan_linux_amd64.tar.gz", func(w http.ResponseWriter, r *http.Request) { w.Write(archive.Bytes()) })
	mux.HandleFunc("/hookscan/hookscan/releases/download/v1.2.3/checksums.txt", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, checksums) })
	mux.HandleFunc("/api/repos/hookscan/hookscan/tags", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+actionToken {
			http.Error(w, "no token", http.StatusUnauthorized)
			return
		}
		fmt.Fprintf(w, `[{"name":"latest","commit":{"sha":%q}},{"name":"v1.2.3","commit":{"sha":%q}}]`, sha, sha)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// installAction runs scripts/action-install.sh as action.yml does and
// returns its outputs and standard output; a go shim stands in for the
// toolchain and records that it was asked to build.
func installAction(t *testing.T, srv *httptest.Server, ref string) (map[string]string, string) {
	t.Helper()
	tmp := t.TempDir()
	shim := filepath.Join(tmp, "shim")
	os.MkdirAll(shim, 0o755)
	os.WriteFile(filepath.Join(shim, "go"), []byte("#!/bin/bash\nset -eu\n[ \"$*\" = \"install -trimpath ./cmd/hookscan\" ] || exit 3\nprintf '#!/bin/sh\\necho built\\n' > \"$GOBIN/hookscan\"; chmod +x \"$GOBIN/hookscan\"\n"), 0o755)
	out := filepath.Join(tmp, "output")
	root, _ := filepath.Abs("../..")
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", filepath.Join(root, "scripts", "action-install.sh"))
	cmd.Env = []string{
		"PATH=" + shim + string(os.PathListSeparator) + os.Getenv("PATH"),
		"HOME=" + tmp, "RUNNER_TEMP=" + tmp, "RUNNER_OS=Linux", "RUNNER_ARCH=X64",
		"GITHUB_OUTPUT=" + out, "GITHUB_SERVER_URL=" + srv.URL, "GITHUB_API_URL=" + srv.URL + "/api",
		"ACTION_PATH=" + root, "ACTION_REF=" + ref, "ACTION_REPOSITORY=hookscan/hookscan", "GITHUB_TOKEN=" + actionToken,
	}
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("action-install.sh: %v\n%s", err, msg)
	}
	data, _ := os.ReadFile(out)
	outs := map[string]string{}
	for l := range strings.SplitSeq(strings.TrimSpace(string(data)), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			outs[k] = v
		}
	}
	return outs, string(msg)
}

// TestActionInstall checks how the action gets its binary: the release
// archive of its ref, checked against checksums.txt (a commit SHA finds
// its tag), and a build from source when there is no release or the
// archive does not match its checksum.
func TestActionInstall(t *testing.T) {
	released := []byte("#!/bin/sh\necho released\n")
	srv := releaseServer(t, released, false)
	for _, tc := range []struct{ ref, how string }{
		{"v1.2.3", "release"},
		{"0123456789abcdef0123456789abcdef01234567", "release"},
		{"main", "build"},
		{"v9.9.9", "build"}, // no such release
	} {
		outs, msg := installAction(t, srv, tc.ref)
		if outs["how"] != tc.how {
			t.Errorf("ref %s: how = %q, want %s\n%s", tc.ref, outs["how"], tc.how, msg)
			continue
		}
		got, err := exec.Command(outs["path"]).Output()
		want := map[string]string{"release": "released\n", "build": "built\n"}[tc.how]
		if err != nil || string(got) != want {
			t.Errorf("ref %s: the installed binary says %q (%v), want %q", tc.ref, got, err, want)
		}
	}
	outs, msg := installAction(t, releaseServer(t, released, true), "v1.2.3")
	if outs["how"] != "build" || !strings.Contains(msg, "::warning title=hookscan::hookscan_linux_amd64.tar.gz of v1.2.3 does not match its checksum") {
		t.Errorf("tampered archive: how = %q\n%s", outs["how"], msg)
	}
}

// TestActionsPinnedBySHA checks that the action and the workflows use
// every other action at a full commit SHA, never a tag a third party can
// move, and never put an expression inside run:.
func TestActionsPinnedBySHA(t *testing.T) {
	files, _ := filepath.Glob("../../.github/workflows/*.yml")
	files = append(files, "../../action.yml")
	uses := regexp.MustCompile(`(?m)^\s*(?:-\s*)?uses:\s*(\S+)`)
	pinned := regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range uses.FindAllStringSubmatch(string(data), -1) {
			n++
			if !pinned.MatchString(m[1]) {
				t.Errorf("%s: uses %s, not pinned by a commit SHA", f, m[1])
			}
		}
		var doc struct {
			Jobs map[string]struct {
				Steps []struct {
					Run string `yaml:"run"`
				} `yaml:"steps"`
			} `yaml:"jobs"`
		}
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, j := range doc.Jobs {
			for _, s := range j.Steps {
				if expr.MatchString(s.Run) {
					t.Errorf("%s: an expression inside run: %q", f, s.Run)
				}
			}
		}
	}
	if n < 4 {
		t.Errorf("found %d uses: in %v; the test reads the wrong files", n, files)
	}
}
