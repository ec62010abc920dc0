package scanner

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestLookupGate checks that every lookup fallbackQuoted reads holds one
// of lookupLiterals, in each spelling of its alternation, and that lines
// holding none are skipped.
func TestLookupGate(t *testing.T) {
	lines := []string{
		`process.env.X || "v"`, `import.meta.env.X ?? "v"`, `Bun.env.X || "v"`, `process.env["X"] ?? 'v'`,
		`Deno.env.get("X") ?? "v"`, `getenv('X') ?: 'v'`, `System.getenv("X") ?: "v"`, `Getenv("X") || "v"`,
		`Environment.GetEnvironmentVariable("X") ?? "v"`, `os.environ.get("X") or "v"`,
		`$_ENV['X'] ?? 'v'`, `$_SERVER['X'] ?? 'v'`, `ENV['X'] || 'v'`,
		`os.getenv("X", "v")`, `os.environ.get("X", "v")`, `env.str("X", default="v")`, `config("X", default="v")`,
		`ENV.fetch("X", "v")`, `env('X', 'v')`, `System.getProperty("x", "v")`, `ENV.fetch("X") { "v" }`,
		`cmp.Or(os.Getenv("X"), "v")`, `cmp.Or(os.Getenv("X"), os.Getenv("Y"), "v")`,
		`System.getenv().getOrDefault("X", "v")`, `Optional.ofNullable(System.getenv("X")).orElse("v")`,
		`env::var("X").unwrap_or("v".to_string())`, `env::var("X").unwrap_or_else(|_| "v".into())`,
		`option_env!("X").unwrap_or("v")`, `{{ .Values.x.webhookSecret | default "v" }}`,
	}
	for _, line := range lines {
		if !fallbackQuoted.MatchString(line) {
			t.Fatalf("%s: fallbackQuoted does not match; the list is out of date", line)
		}
		if !mayLookUpQuoted([]byte(line)) {
			t.Errorf("%s: the gate skips a lookup", line)
		}
	}
	for _, line := range []string{"\tdefault:\n", `environment := "prod"`, `// see the env docs at "x"`} {
		if mayLookUpQuoted([]byte(line)) {
			t.Errorf("%q: the gate lets through a line with no lookup", line)
		}
	}
	// Spellings near those: each line with a few bytes deleted, repeated
	// or replaced. Wherever the expression still matches, the gate lets
	// the line through.
	alphabet := []byte(`.([{$_:!"'|?, eEnNvVgGtTrRoOcCsS`)
	r := rand.New(rand.NewPCG(3, 4))
	matched := 0
	for _, seed := range lines {
		for range 3000 {
			b := []byte(seed)
			for range 1 + r.IntN(3) {
				i := r.IntN(len(b))
				switch r.IntN(3) {
				case 0:
					b = append(b[:i:i], b[i+1:]...)
				case 1:
					b = append(b[:i+1:i+1], b[i:]...)
				default:
					b[i] = alphabet[r.IntN(len(alphabet))]
				}
			}
			if fallbackQuoted.Match(b) {
				matched++
				if !mayLookUpQuoted(b) {
					t.Fatalf("%s: the gate skips a lookup", b)
				}
			}
		}
	}
	if matched < 5000 {
		t.Fatalf("only %d edited lines hold a lookup", matched)
	}
}

// TestSecretLeaf checks secretLeaf against a lower-case copy searched for
// each word, on names in every case and with non-ASCII letters.
func TestSecretLeaf(t *testing.T) {
	pieces := []string{"Webhook", "SECRET", "tok", "en", "K", "ey", "\u212Aey", "Pass", "W", "url", "_", "-", ".", "x", "Ü", "dsn", "s", "id", "Si", "D", "hm", "AC"}
	r := rand.New(rand.NewPCG(5, 6))
	yes := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(5) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		key := b.String()
		want := false
		for _, w := range secretWords {
			if strings.Contains(strings.ToLower(key), w) {
				want = true
			}
		}
		if got := secretLeaf(key); got != want {
			t.Fatalf("secretLeaf(%q) = %v, want %v", key, got, want)
		}
		if want {
			yes++
		}
	}
	if yes < 1000 || yes > 19000 {
		t.Fatalf("%d of 20000 names hold a word: the pieces test little", yes)
	}
}
