package scanner

import (
	"bytes"
	"testing"
)

// structuredLines returns the made-up lines of every pass that applies to
// p, or nil.
func structuredLines(p string, text []byte) *virtualText {
	lits := findPassLiterals(text)
	defer lits.release()
	return madeUpLines(p, passFallback|passPairs|structurePasses(p), text, nil, lits)
}

// FuzzStructuredLines checks the made-up lines on any input: no panic,
// and every copied run is the file's text at the place it maps to.
func FuzzStructuredLines(f *testing.F) {
	f.Add("a.yaml", "slack:\n  webhook:\n    signing_secret: |\n      abc\n- x: y\n")
	f.Add("main.tf", "variable \"x\" {\n  default = <<EOT\nvalue\nEOT\n}\n}\n{\n")
	f.Add("c.toml", "[a.\"b\"]\nkey = \"v\"\n[]\n")
	f.Add("notes.txt", "'k': \n\"token\": {\n  \"key\": 1\n")
	f.Fuzz(func(t *testing.T, p, text string) {
		vt := structuredLines(p, []byte(text))
		if vt == nil {
			return
		}
		for _, s := range vt.segs {
			if s.vstart > s.vend || s.vend > len(vt.text) || s.orig+s.vend-s.vstart > len(text) {
				t.Fatalf("segment %+v out of range", s)
			}
			if !bytes.Equal(vt.text[s.vstart:s.vend], []byte(text[s.orig:s.orig+s.vend-s.vstart])) {
				t.Fatalf("segment %+v does not copy the file", s)
			}
			if got, ok := vt.toFile(s.vstart); !ok || got != s.orig {
				t.Fatalf("toFile(%d) = %d, %v; want %d", s.vstart, got, ok, s.orig)
			}
		}
	})
}

// TestLockFilesNoStructure checks that lock files get no structure passes
// while configuration written in the same formats does.
func TestLockFilesNoStructure(t *testing.T) {
	for _, p := range []string{"package-lock.json", "web/ui/package-lock.json", "npm-shrinkwrap.json", "app/pnpm-lock.yaml", "Packages.Lock.json", "Package.resolved", "yarn.lock", "go.sum"} {
		if got := structurePasses(p); got != 0 {
			t.Errorf("%s: structure passes %b, want none", p, got)
		}
	}
	for _, p := range []string{"package.json", "config/lock.json", "pnpm-workspace.yaml", "deploy.yaml", "terraform.tfvars"} {
		if structurePasses(p) == 0 {
			t.Errorf("%s: no structure passes", p)
		}
	}
}
