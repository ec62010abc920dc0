package scanner

import (
	"bytes"
)

// A literal default of an environment lookup is a secret when the
// variable's name says so: process.env.STRIPE_WEBHOOK_SECRET || "…",
// os.getenv("X", "…"), ENV.fetch("X", "…"), ${X:-…}, getenv("X") ?: "…",
// cmp.Or(os.Getenv("X"), "…"). The name and the literal are far apart or
// joined by an operator rules do not read as an assignment, so the
// detector writes each pair out as a made-up line, "X = <literal>", and
// scans it with the file's other made-up lines (structure.go).

// fallbackQuoted are lookups whose default is a quoted literal: group 1 is
// the variable's name, group 2 the literal with its quotes.
var fallbackQuoted = lazyCompile(`(?:` +
	// JavaScript and TypeScript: process.env.X || "…", import.meta.env.X ?? "…"
	`(?:process\.env|import\.meta\.env|Bun\.env)(?:\.|\[\s*["'])([A-Za-z_]\w*)(?:["']\s*\])?\s*(?:\|\||\?\?)|` +
	// Deno.env.get("X") ?? "…"; PHP getenv('X') ?: '…'; Kotlin System.getenv("X") ?: "…";
	// C# Environment.GetEnvironmentVariable("X") ?? "…"; Python os.environ.get("X") or "…"
	`(?:Deno\.env\.get|[gG]etenv|GetEnvironmentVariable|\benviron\.get)\(\s*["']([A-Za-z_]\w*)["']\s*\)\s*(?:\?:|\?\?|\|\||or\b)|` +
	// PHP $_ENV['X'] ?? '…'; Ruby ENV['X'] || '…'
	`(?:\$_ENV|\$_SERVER|\bENV)\[\s*["']([A-Za-z_]\w*)["']\s*\]\s*(?:\?\?|\|\||\?:)|` +
	// Python os.getenv("X", "…"), os.environ.get("X", "…"), env.str("X", default="…"),
	// config("X", default="…"); Ruby ENV.fetch("X", "…"); PHP Laravel env('X', '…');
	// Java System.getProperty("x", "…")
	`(?:\bgetenv|\benviron\.get|\bENV\.fetch|\benv(?:\.str)?|\bconfig|\bgetProperty)\(\s*["']([A-Za-z_][\w.-]*)["']\s*,\s*(?:default\s*=\s*)?|` +
	// Ruby ENV.fetch("X") { "…" }
	`\bENV\.fetch\(\s*["']([A-Za-z_]\w*)["']\s*\)\s*\{\s*|` +
	// Go cmp.Or(os.Getenv("X"), "…")
	`\bcmp\.Or\(\s*os\.Getenv\(\s*"([A-Za-z_]\w*)"\s*\)\s*,\s*(?:os\.Getenv\(\s*"\w+"\s*\)\s*,\s*)*|` +
	// Java System.getenv().getOrDefault("X", "…"); Optional.ofNullable(System.getenv("X")).orElse("…")
	`getenv\(\)\.getOrDefault\(\s*"([A-Za-z_]\w*)"\s*,\s*|` +
	`ofNullable\(\s*System\.getenv\(\s*"([A-Za-z_]\w*)"\s*\)\s*\)\s*\.orElse\(\s*|` +
	// Rust env::var("X").unwrap_or("…".to_string()), .unwrap_or_else(|_| "…".into())
	`env::var\(\s*"([A-Za-z_]\w*)"\s*\)\s*\.unwrap_or(?:_else)?\(\s*(?:\|_\|\s*)?|` +
	`option_env!\(\s*"([A-Za-z_]\w*)"\s*\)\s*\.unwrap_or\(\s*|` +
	// Helm {{ .Values.x.webhookSecret | default "…" }}
	`\{\{-?\s*\.[\w.]*?\.?([A-Za-z_]\w*)\s*\|\s*default\s+` +
	`)\s*(?:@|[bru]?)("[^"\n]+"|'[^'\n]+'|` + "`[^`\\n$]+`" + `)`)

// fallbackExpansion is a shell or Compose default: ${X:-…}, ${X-…},
// ${X:=…}; group 1 is the name, group 2 the literal.
var fallbackExpansion = lazyCompile(`\$\{([A-Za-z_]\w*)(?::-|:=|-|=)([^}\s"'$]+)\}`)

// fallbackSpring is a Spring property default, ${stripe.webhook-secret:…}.
var fallbackSpring = lazyCompile(`\$\{([A-Za-z_][\w.-]*):([^-=}\s"'$][^}\s"'$]*)\}`)

// fallbackHelm is Helm's default with the literal first,
// {{ default "…" .Values.webhookSecret }}: group 1 is the literal, group 2
// the name.
var fallbackHelm = lazyCompile(`\{\{-?\s*default\s+("[^"\n]+")\s+\.[\w.]*?\.?([A-Za-z_]\w*)\s*-?\}\}`)

// fallbackPass writes a made-up line for each environment lookup with a
// literal default under a name that may hold a secret.
func fallbackPass(v *virtualText, text []byte, lits *literalHits) {
	for _, l := range candidateLines(text, lits) {
		line := text[l[0]:l[1]]
		// Each expression needs a literal the line may lack: a quote
		// (every default but an expansion's is quoted) or "${". Most
		// candidate lines (Go's switch default:, names with "env" in
		// them) have neither, and skipping the expressions there costs
		// nothing they could find.
		quoted := bytes.ContainsAny(line, "\"'`")
		expansion := bytes.Contains(line, []byte("${"))
		if !quoted && !expansion {
			continue
		}
		for _, re := range []*lazyRegexp{fallbackQuoted, fallbackExpansion, fallbackSpring, fallbackHelm} {
			if re == fallbackExpansion || re == fallbackSpring {
				if !expansion {
					continue
				}
			} else if !quoted || re == fallbackHelm && !bytes.Contains(line, []byte("{{")) ||
				re == fallbackQuoted && !mayLookUpQuoted(line) {
				continue
			}
			for _, loc := range re.FindAllSubmatchIndex(line, -1) {
				name, lit := -1, len(loc)/2-1
				for g := 1; g < lit; g++ {
					if loc[2*g] >= 0 {
						name = g
						break
					}
				}
				if re == fallbackHelm {
					name, lit = 2, 1
				}
				if name < 0 || loc[2*lit] < 0 {
					continue
				}
				key := string(line[loc[2*name]:loc[2*name+1]])
				if !secretLeaf(key) {
					continue
				}
				sep := " = "
				if re == fallbackExpansion || re == fallbackSpring {
					// An unquoted literal: quoted in the made-up line, as
					// it would be in code, so no rule takes it for an
					// expression.
					sep = ` = "`
				}
				v.add([]string{key}, sep, text, l[0]+loc[2*lit], l[0]+loc[2*lit+1])
			}
		}
	}
}

// lookupLiterals holds a literal of each lookup fallbackQuoted reads: every
// match holds one of them. The expression is a long alternation that runs
// slowly over a line; most candidate lines (Go's switch default:, names
// with "env" in them) hold none of these.
var lookupLiterals = []string{
	".env", "env(", "Variable(", "environ.get(", "ENV[", "_SERVER[", "ENV.fetch(", "env.str(",
	"config(", "getProperty(", "cmp.Or(", "ofNullable(", "env::var(", "option_env!(", "{{",
}

// mayLookUpQuoted reports whether fallbackQuoted may match line.
func mayLookUpQuoted(line []byte) bool {
	for _, l := range lookupLiterals {
		if bytes.Contains(line, []byte(l)) {
			return true
		}
	}
	return false
}

// candidateLines returns the bounds of the lines that mention an
// environment lookup ("env" in any case) or a ${…} expansion, so the
// expressions above run on a few lines, not on whole files.
func candidateLines(text []byte, lits *literalHits) [][2]int {
	var out [][2]int
	last := -1
	for _, lit := range []passLiteral{litEnv, litEnvUpper, litEnvTitle, litExpansion, litDefault, litGetProperty, litConfigCall} {
		i := 0
		for _, at := range lits.at[lit] {
			if at < i {
				continue
			}
			ls, le := lineBounds(text, at)
			if ls != last {
				out = append(out, [2]int{ls, le})
			}
			last = ls
			i = le
			if i >= len(text) {
				break
			}
		}
	}
	// Lines found by two literals are written out once.
	seen := make(map[int]bool, len(out))
	uniq := out[:0]
	for _, l := range out {
		if !seen[l[0]] {
			seen[l[0]] = true
			uniq = append(uniq, l)
		}
	}
	return uniq
}

// expansionOperator reports whether a value starting at pos begins with
// the operator of a ${X:-default} or ${X:=default} expansion, which a
// rule reading "X:" as a name would take for part of the value.
func expansionOperator(text []byte, pos int) bool {
	if pos < 3 || text[pos-1] != ':' || text[pos] != '-' && text[pos] != '=' {
		return false
	}
	ls := max(0, pos-256)
	before := text[ls:pos]
	open := bytes.LastIndex(before, []byte("${"))
	return open >= 0 && bytes.IndexByte(before[open:], '}') < 0 && bytes.IndexByte(before[open:], '\n') < 0
}
