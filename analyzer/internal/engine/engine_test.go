package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// The prefilter never skips a text the detector finds something in:
// every rule's examples pass it.
func TestMayMatchExamples(t *testing.T) {
	rs, err := rules.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	e := Default()
	d, err := e.Detector()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range rs {
		for _, ex := range r.Examples.Match {
			if len(d.Scan(scanner.Fragment{Path: "x.go", Raw: []byte(ex)})) == 0 {
				continue
			}
			n++
			ok, err := e.MayMatch(ex)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				t.Errorf("rule %s: prefilter skips its example %.12q…", r.ID, ex)
			}
		}
	}
	if n == 0 {
		t.Fatal("no examples checked")
	}
	for _, plain := range []string{"invalid argument", "application/json", "unexpected end of input"} {
		if ok, _ := e.MayMatch(plain); ok {
			t.Errorf("prefilter keeps %q", plain)
		}
	}
}

func TestEncoded(t *testing.T) {
	for s, want := range map[string]bool{
		"aHR0cHM6Ly9ob29rcy5zbGFjay5jb20v": true, // base64
		"https%3A%2F%2Fhooks":              true,
		`\u0068ooks`:                       true,
		"&#104;ooks":                       true,
		"a short sentence, nothing more":   false,
		"x-request-id":                     false,
	} {
		if got := encoded(s); got != want {
			t.Errorf("encoded(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestRuleFilesFlag(t *testing.T) {
	var f RuleFiles
	digest := strings.Repeat("ab", 32)
	if err := f.Set("/a.yaml@sha256:" + digest + ", /b.yaml"); err != nil {
		t.Fatal(err)
	}
	if got, want := f.String(), "/a.yaml@sha256:"+digest+",/b.yaml"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	for _, bad := range []string{"/a.yaml@sha256:abc", "@sha256:" + digest, "/a.yaml@sha256:" + strings.Repeat("zz", 32)} {
		var f RuleFiles
		if err := f.Set(bad); err == nil {
			t.Errorf("Set(%q) accepted it", bad)
		}
	}
}

func TestPinnedRuleFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "extra.yaml")
	data := []byte("disable: [generic-webhook-secret-assignment]\n")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := New(path + "@sha256:" + Digest(data))
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.Detector()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range d.Rules() {
		if r.ID == "generic-webhook-secret-assignment" {
			t.Error("the disabled rule is compiled")
		}
	}
	if ok, _ := e.MayMatch("nothing"); !ok {
		t.Error("with extra rule files the prefilter must keep everything")
	}

	e, _ = New(path)
	if _, err := e.Detector(); err == nil || !strings.Contains(err.Error(), "not pinned") || !strings.Contains(err.Error(), Digest(data)) {
		t.Errorf("unpinned: err = %v", err)
	}
	e, _ = New(path + "@sha256:" + strings.Repeat("0", 64))
	if _, err := e.Detector(); err == nil || !strings.Contains(err.Error(), "changed since it was pinned") {
		t.Errorf("stale pin: err = %v", err)
	}
	e, _ = New("relative.yaml@sha256:" + strings.Repeat("0", 64))
	if _, err := e.Detector(); err == nil || !strings.Contains(err.Error(), "absolute path") {
		t.Errorf("missing relative file: err = %v", err)
	}
}
