package scanner

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
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
	f.Add("cron.yaml", "a:\n  - \"https://x/\\\n      y\"\n  k: \"a\\\n\\\n  b\\\"c\" # \"\\\n")
	f.Add("seed.sql", "INSERT INTO t (name, value, hook_token) VALUES ('hook_secret', 'v''w', \"x\"), (f(1, 2), NULL, 'y');\nUPDATE s SET value = 'v' WHERE key = 'hook_token';")
	f.Add("my.sql", "CREATE TABLE `t` (`a` int, b decimal(1,2) COMMENT 'x,)', KEY k (a)) ;\nINSERT INTO t VALUES (1,2.0,'v'),('hook_token',\n'w');\nCREATE TABLE u (")
	f.Add("dump.sql", "COPY public.t (key, value, secret) FROM stdin;\nhook_token\tv\t\\N\n\t\t\n\\.\nCOPY x (a) FROM stdin;\n")
	f.Add("export.csv", "name,\"hook, token\",signing_secret\r\na,\"x,y\",\"v\"\n\"\n,,\n")
	f.Fuzz(func(t *testing.T, p, text string) {
		vt := structuredLines(p, []byte(text))
		if vt == nil {
			return
		}
		for i, s := range vt.segs {
			if s.vstart > s.vend || s.vend > len(vt.text) || s.orig+s.vend-s.vstart > len(text) {
				t.Fatalf("segment %+v out of range", s)
			}
			if !bytes.Equal(vt.text[s.vstart:s.vend], []byte(text[s.orig:s.orig+s.vend-s.vstart])) {
				t.Fatalf("segment %+v does not copy the file", s)
			}
			got, ok := vt.toFile(s.vstart)
			if i > 0 && vt.segs[i-1].vend == s.vstart {
				// A piece of a value joined to the one before (addSpans):
				// the offset between them is also the end of the first.
				prev := vt.segs[i-1]
				if !ok || got != s.orig && got != prev.orig+prev.vend-prev.vstart {
					t.Fatalf("toFile(%d) = %d, %v; want %d or %d", s.vstart, got, ok, s.orig, prev.orig+prev.vend-prev.vstart)
				}
				continue
			}
			if !ok || got != s.orig {
				t.Fatalf("toFile(%d) = %d, %v; want %d", s.vstart, got, ok, s.orig)
			}
		}
	})
}

// TestLockFilesNoStructure checks that lock files (and assembly) get no
// structure passes while configuration written in the same formats does.
func TestLockFilesNoStructure(t *testing.T) {
	for _, p := range []string{"package-lock.json", "web/ui/package-lock.json", "npm-shrinkwrap.json", "app/pnpm-lock.yaml", "Packages.Lock.json", "Package.resolved", "yarn.lock", "go.sum", "vendor/golang.org/x/sys/unix/asm_linux_amd64.s", "boot/start.S", "boot.asm"} {
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

// TestStructureCacheSameAnswers evolves YAML, TOML, JSON and Markdown
// files through random edits, in some versions with a secret below its
// name, and checks that the cached check answers as the whole one does
// for every version, with one cache kept across versions and paths.
func TestStructureCacheSameAnswers(t *testing.T) {
	t.Parallel()
	d, _ := compileDefaults(t)
	r := rand.New(rand.NewPCG(11, 12))
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	random := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alnum[r.IntN(len(alnum))]
		}
		return string(b)
	}
	// Names that hold no secret, and names that say they do with values
	// that are not one (references, placeholders).
	plain := []string{"name", "port", "host", "timeout", "region", "replicas", "image", "level", "path", "mode", "retries"}
	secretish := []string{"token", "webhook", "secret", "password", "signing", "auth"}
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	value := func() string {
		switch r.IntN(4) {
		case 0:
			return strconv.Itoa(r.IntN(9000))
		case 1:
			return "\"" + pick(plain) + "-" + pick(plain) + "\""
		case 2:
			return "${" + strings.ToUpper(pick(secretish)) + "}"
		}
		return pick(plain)
	}
	// line makes lines of the format at a nesting depth.
	line := func(format string, depth int) []string {
		name := pick(plain)
		if r.IntN(4) == 0 {
			name = pick(secretish)
		}
		switch format {
		case "yaml", "md":
			ind := strings.Repeat("  ", depth)
			if r.IntN(3) == 0 {
				return []string{ind + name + ":", ind + "  " + pick(plain) + ": " + value()}
			}
			return []string{ind + name + ": " + value()}
		case "toml":
			if r.IntN(4) == 0 {
				return []string{"[" + name + "." + pick(plain) + "]"}
			}
			return []string{name + " = " + value()}
		}
		ind := strings.Repeat("  ", depth)
		if r.IntN(3) == 0 {
			return []string{ind + `"` + name + `": {`, ind + `  "` + pick(plain) + `": ` + strconv.Itoa(r.IntN(99)), ind + "},"}
		}
		return []string{ind + `"` + name + `": "` + strings.Trim(value(), `"`) + `",`}
	}
	// secret is a value below the names that make it one.
	secret := func(format string) []string {
		v := random(24)
		switch format {
		case "yaml", "md":
			return []string{"webhook:", "  secret: " + v}
		case "toml":
			return []string{"[github]", "webhook_secret = \"" + v + "\""}
		}
		return []string{`"stripe": {`, `  "webhook_secret": "` + v + `"`, `},`}
	}
	positives, negatives := 0, 0
	c := NewStructureCache()
	for _, format := range []string{"yaml", "toml", "json", "md", "yaml"} {
		path := "config/app." + format
		if format == "md" {
			path = "docs/README.md"
		}
		var lines []string
		for range 120 {
			lines = append(lines, line(format, r.IntN(3))...)
		}
		for v := range 80 {
			// A few edits a version, as commits make.
			for range 1 + r.IntN(3) {
				i := r.IntN(len(lines) + 1)
				switch r.IntN(3) {
				case 0:
					lines = slices.Insert(lines, i, line(format, r.IntN(3))...)
				case 1:
					if i < len(lines) {
						lines = slices.Delete(lines, i, i+1)
					}
				default:
					if i < len(lines) {
						lines[i] = strings.TrimRight(lines[i], "0123456789") + strconv.Itoa(r.IntN(99))
					}
				}
			}
			version := slices.Clone(lines)
			if r.IntN(3) == 0 {
				// At the top level, where its names are the whole path.
				version = append(secret(format), version...)
			}
			if format == "md" {
				version = append(append([]string{"# Setup", "", "```yaml"}, version...), "```")
			}
			text := []byte(strings.Join(version, "\n") + "\n")
			want := d.HasStructuredFindings(path, text)
			if got := d.HasStructuredFindingsCached(path, text, c); got != want {
				t.Fatalf("%s version %d: cached check says %v, the whole one %v:\n%s", path, v, got, want, text)
			}
			if want {
				positives++
			} else {
				negatives++
			}
		}
	}
	t.Logf("%d versions with structured findings, %d without", positives, negatives)
	if positives < 20 || negatives < 20 {
		t.Fatalf("%d versions with structured findings, %d without: the edits do not test both", positives, negatives)
	}
}
