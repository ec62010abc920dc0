package scanner

import (
	"bytes"
	"path"
	"strings"
)

// A name and its literal on one line, joined by something rules do not
// read as an assignment: an ECS task definition's or a HAR header's
// {"name": "X", "value": "…"}, Python's X = """…""", Rust's
// X: &str = r#"…"#, a builder's .webhookSecret("…"), a Dockerfile's
// legacy ENV X …, an option's default (add_argument("--x", default="…")),
// a Markdown table row | X | … | or list item - `X`: `…`,
// an Android buildConfigField, an XML element's CDATA section. As for fallbacks
// (fallback.go), the detector writes each pair out as a made-up line,
// "X = <literal>", and scans it with the file's other made-up lines.

// pairNameValue is a name/value object on one line: group 1 the name,
// group 2 the value with its quotes.
var pairNameValue = lazyCompile(`["']?(?:[nN]ame|[kK]ey|ParameterKey)["']?\s*[:=]\s*["']([A-Za-z_][\w.:-]{2,100})["']\s*,\s*["']?(?:[vV]alue|ParameterValue)["']?\s*[:=]\s*("[^"\n]+"|'[^'\n]+')`)

// pairIndexer is an assignment to an index named after a secret,
// settings["webhook_secret"] = "…", $config['hook_token'] = '…',
// new() { ["WebhookSecret"] = "…" }: group 1 the name, group 2 the
// literal with its quotes.
var pairIndexer = lazyCompile(`\[\s*["']([A-Za-z_][\w.:-]{2,100})["']\s*\]\s*(?:=|:=|\?\?=|\|\|=)\s*[@rbu]?("[^"\n]+"|'[^'\n]+')`)

// pairRawLiteral is an assignment of a triple-quoted (Python, Kotlin,
// Swift, Java text block on one line) or raw (Rust r#"…"#, Python r"…")
// string: group 1 the name, group 2 the literal without its quotes.
var pairRawLiteral = lazyCompile(`([A-Za-z_][\w.]*)\s*(?::\s*&(?:'static\s+)?str\s*)?=\s*(?:[rRbBuU]{0,2}(?:"""|''')([^"'\n]+)(?:"""|''')|r#+"([^"\n]+)"#+)`)

// pairTripleNextLine is a triple-quoted string whose text starts on the
// next line (TOML trims that first newline; Python and Kotlin keep it)
// and ends with its quotes: X = """\n…""": group 1 the name, group 2
// the value.
var pairTripleNextLine = lazyCompile(`([A-Za-z_][\w.-]*)[ \t]*=[ \t]*(?:"""|''')\\?[ \t]*\r?\n[ \t]*([^\s"'\\]{8,})(?:"""|''')`)

// pairKeyword is a Clojure or EDN map entry, {:webhook-secret "…"}: group
// 1 the keyword, group 2 the value without its quotes.
var pairKeyword = lazyCompile(`(?:^|[\s{(\[,]):([A-Za-z_][\w.*+!?-]{2,80})[ \t]+"([^"\\\n]+)"`)

// pairShellSet is a fish or csh variable set to a word, set -gx NAME …
// (fish) or setenv NAME … (csh), or a Windows one, setx NAME … [/M],
// which have no "=": group 1 the name, group 2 the value with its quotes
// or 3 without.
var pairShellSet = lazyCompile(`(?m)^[ \t]*(?:set(?:[ \t]+-[a-zA-Z]+|[ \t]+--[a-z]+)+|setenv|setx|SETX)[ \t]+([A-Za-z_]\w*)[ \t]+(?:("[^"\n]+"|'[^'\n]+')|([^\s"'$;#%]+))(?:[ \t]+/[Mm])?[ \t]*(?:[;#].*)?\r?$`)

// pairHeaderMap is a header in a Go map as fmt prints it, in a log line
// that dumps an http.Header: map[Content-Type:[application/json]
// X-Webhook-Secret:[…]]: group 1 the name, group 2 the first value.
var pairHeaderMap = lazyCompile(`(?:map\[|[ \t])([A-Za-z][\w-]{2,80}):\[([^\s\[\]]+)[\] ]`)

// pairSectionKey is a JSON key that joins configuration sections with
// ":", as .NET's user secrets and environment-specific appsettings write
// them ("Stripe:WebhookSecret": "…"): group 1 the key, group 2 the value
// with its quotes. Rules read the sections joined with "_".
var pairSectionKey = lazyCompile(`"([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)+)"[ \t]*:[ \t]*("[^"\\\n]+")`)

// pairDockerEnv is a Dockerfile's legacy ENV NAME value (no "="): group
// 1 the name, group 2 the value to the end of the line.
var pairDockerEnv = lazyCompile(`(?m)^[ \t]*ENV[ \t]+([A-Za-z_]\w*)[ \t]+([^=\s][^\n]*?)[ \t]*$`)

// pairBuildConfig is an Android Gradle field, buildConfigField("String",
// "NAME", "\"…\"") or resValue("string", "name", "…"): group 1 the
// name, group 2 the value or 3 the escaped one.
var pairBuildConfig = lazyCompile(`(?:buildConfigField|resValue)\(\s*"[A-Za-z]+"\s*,\s*"([A-Za-z_]\w*)"\s*,\s*(?:"\\"([^"\\\n]+)\\""|"([^"\\\n]+)")\s*\)`)

// pairCDATA is an XML element whose text is a CDATA section: group 1 the
// element's name, group 2 the text.
var pairCDATA = lazyCompile(`<([A-Za-z_][\w.:-]{2,80})>\s*<!\[CDATA\[([^\]\n]+)\]\]>`)

// pairListItem is a Markdown list item naming a value in backquotes,
// - `name`: `…`: group 1 the name, group 2 the value.
var pairListItem = lazyCompile("(?m)^[ \\t]*[-*+][ \\t]+`?([A-Za-z_][\\w.-]{2,80})`?[ \\t]*[:=][ \\t]*`([^`\\s]{8,})`")

// pairOptionDefault is a command-line option declared with a literal
// default, argparse's add_argument("--webhook-secret", default="…") or
// click's @click.option("--webhook-secret", default="…"): group 1 the
// option's name, group 2 the default with its quotes.
var pairOptionDefault = lazyCompile(`(?:add_argument|option)\(\s*(?:["']-[\w]["']\s*,\s*)?["']-{1,2}([\w-]{3,80})["'][^\n]*?\bdefault\s*=\s*("[^"\n]+"|'[^'\n]+')`)

// pairTableRow is a Markdown table row whose first cell is a name and
// second its value, either in backquotes or bare: group 1 the name,
// group 2 the value.
var pairTableRow = lazyCompile("(?m)^[ \\t]*\\|[ \\t]*`?([A-Za-z_][\\w.-]{2,80})`?[ \\t]*\\|[ \\t]*`?([^|`\\s]{8,})`?[ \\t]*\\|")

// pairArrow is a map entry written with an operator rules do not read
// as an assignment: Kotlin's "name" to "…" (or to """…"""), Scala's
// "name" -> "…": group 1 the name, group 2, 3 or 4 the value without its
// quotes.
var pairArrow = lazyCompile(`["']([A-Za-z_][\w.:-]{2,100})["'][ \t]*(?:->|\bto\b)[ \t]*(?:"""([^"\n]+)"""|"([^"\\\n]+)"|'([^'\\\n]+)')`)

// pairDefine is a C, C++ or Objective-C macro defined as a string,
// #define NAME "…" (or @"…", L"…", u8"…"): group 1 the name, group 2 the
// value without its quotes.
var pairDefine = lazyCompile(`(?m)^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+(?:@|L|u8|u|U)?"([^"\\\n]+)"`)

// pairWrappedLiteral is a name given a literal through a constructor or an
// interpolator: Rust's name: String::from("…") (or "…".to_string() is a
// plain assignment already), Scala's val Name = s"…": group 1 the name,
// group 2 the value without its quotes.
var pairWrappedLiteral = lazyCompile(`([A-Za-z_][\w.]*)[ \t]*(?::[ \t]*[\w&<>']+[ \t]*)?(?::|=)[ \t]*(?:String::from\(|(?:std::)?string::String::from\(|s|f|raw)"([^"\\\n]+)"`)

// pairRustBytes is a Rust constant or variable given a byte string,
// const WEBHOOK_SECRET: &[u8] = b"…", whose type the rules' expressions do
// not read: group 1 the name, group 2 the value without its quotes.
var pairRustBytes = lazyCompile(`\b(?:const|static|let)[ \t]+(?:mut[ \t]+)?([A-Za-z_]\w*)[ \t]*(?::[ \t]*&?(?:'static[ \t]+)?\[u8(?:[ \t]*;[ \t]*\d+)?\][ \t]*)?=[ \t]*&?b"([^"\\\n]+)"`)

// pairHeaderDirective is a web server directive that sets a header or a
// variable to a literal: nginx's proxy_set_header X-Name "…";,
// add_header, fastcgi_param, Apache's RequestHeader set X-Name "…",
// SetEnv NAME …, HAProxy's http-request set-header X-Name …: group 1 the
// name, group 2 the value with its quotes or 3 without.
var pairHeaderDirective = lazyCompile(`(?m)^[ \t]*(?:proxy_set_header|add_header|fastcgi_param|uwsgi_param|grpc_set_header|RequestHeader[ \t]+(?:set|append|add)|SetEnv|http-(?:request|response)[ \t]+(?:set|add)-header)[ \t]+([A-Za-z_][\w-]{2,80})[ \t]+(?:("[^"\n]+"|'[^'\n]+')|([^\s;"']+))[ \t]*;?[ \t]*$`)

// pairStructTag matches a Go struct field whose tag gives its default
// value: envconfig's default:"…", env's envDefault:"…", cleanenv's
// env-default:"…", go-envconfig's env:"NAME, default=…". The field's name
// is the value's.
var pairStructTag = lazyCompile("\\b([A-Za-z_]\\w*)[ \\t]+\\*?[\\w.\\[\\]]+[ \\t]+`[^`\\n]*?(?:\\b(?:envDefault|env-default|default)[ \\t]*:[ \\t]*\"([^\"\\\\\\n]+)\"|\\benv[ \\t]*:[ \\t]*\"[^\"\\n]*?,[ \\t]*default=([^\",\\\\\\n]+))")

// pairCLIValue matches a command line that stores a secret under a
// name: aws ssm put-parameter --name /prod/api/token --value …, az
// keyvault secret set --name api-token --value …; pairCLIValueFirst the
// same with the value first.
var pairCLIValue = lazyCompile(`--name(?:[ \t]+|=)["']?([\w./:@-]{3,120})["']?[ \t](?:[^\n]*?[ \t])?--value(?:[ \t]+|=)(?:("[^"\n]+"|'[^'\n]+')|([^\s"'$;|&\\]+))`)

var pairCLIValueFirst = lazyCompile(`--value(?:[ \t]+|=)(?:("[^"\n]+"|'[^'\n]+')|([^\s"'$;|&\\]+))[ \t](?:[^\n]*?[ \t])?--name(?:[ \t]+|=)["']?([\w./:@-]{3,120})`)

// pairGHSecretSet matches gh secret set NAME --body VALUE.
var pairGHSecretSet = lazyCompile(`\bsecret[ \t]+set[ \t]+([A-Za-z_]\w*)[ \t](?:[^\n]*?[ \t])?(?:--body|-b)(?:[ \t]+|=)(?:("[^"\n]+"|'[^'\n]+')|([^\s"'$;|&\\]+))`)

// cliPairs writes out the names and values of commands that store a
// secret (pairCLIValue, pairGHSecretSet), on the lines that hold "alue"
// or "set".
func cliPairs(v *virtualText, text []byte, lits *literalHits) {
	for _, l := range lits.lines(text, litAlue) {
		line := text[l[0]:l[1]]
		if !bytes.Contains(line, []byte("--value")) || !bytes.Contains(line, []byte("--name")) {
			continue
		}
		for _, m := range pairCLIValue.FindAllSubmatchIndex(line, -1) {
			addLinePair(v, text, l[0], m, 2, 4, 6)
		}
		for _, m := range pairCLIValueFirst.FindAllSubmatchIndex(line, -1) {
			addLinePair(v, text, l[0], m, 6, 2, 4)
		}
	}
	for _, l := range lits.lines(text, litSet) {
		line := text[l[0]:l[1]]
		if !bytes.Contains(line, []byte("secret")) {
			continue
		}
		for _, m := range pairGHSecretSet.FindAllSubmatchIndex(line, -1) {
			addLinePair(v, text, l[0], m, 2, 4, 6)
		}
	}
}

// addLinePair adds the pair of match m of a line at offset off: the name
// is group index name, the value the quoted group or else the bare one.
func addLinePair(v *virtualText, text []byte, off int, m []int, name, quoted, bare int) {
	g, sep := quoted, " = "
	if m[g] < 0 {
		g, sep = bare, ` = "`
	}
	addPair(v, text, string(text[off+m[name]:off+m[name+1]]), sep, off+m[g], off+m[g+1])
}

// pairPass writes a made-up line for each such pair whose name may hold
// a secret.
func pairPass(v *virtualText, p string, text []byte, lits *literalHits) {
	// Source code spells name/value objects rarely and says "value"
	// everywhere: only data files get this expression.
	if !isSourceCode(p) && lits.has(litAlue) {
		for _, l := range lits.lines(text, litAlue) {
			line := text[l[0]:l[1]]
			if !bytes.Contains(line, []byte("ame")) && !bytes.Contains(line, []byte("ey")) {
				continue // neither name nor key
			}
			for _, m := range pairNameValue.FindAllSubmatchIndex(line, -1) {
				addPair(v, text, string(line[m[2]:m[3]]), " = ", l[0]+m[4], l[0]+m[5])
			}
		}
	}
	for _, lit := range []passLiteral{litQuoteBracket, litTickBracket} {
		for _, l := range lits.lines(text, lit) {
			line := text[l[0]:l[1]]
			for _, m := range pairIndexer.FindAllSubmatchIndex(line, -1) {
				addPair(v, text, string(line[m[2]:m[3]]), " = ", l[0]+m[4], l[0]+m[5])
			}
		}
	}
	for _, lit := range []passLiteral{litTripleDouble, litTripleSingle, litHashQuote} {
		for _, l := range lits.lines(text, lit) {
			line := text[l[0]:l[1]]
			for _, m := range pairRawLiteral.FindAllSubmatchIndex(line, -1) {
				g := 4
				if m[g] < 0 {
					g = 6
				}
				addPair(v, text, string(line[m[2]:m[3]]), ` = "`, l[0]+m[g], l[0]+m[g+1])
			}
		}
	}
	pairsOnLines(v, text, lits, []passLiteral{litArrow, litTo}, pairArrow, arrowsQuoted)
	cliPairs(v, text, lits)
	leaders := leadersOf(text, lits)
	if leaders.define {
		for _, m := range pairDefine.FindAllSubmatchIndex(text, -1) {
			addPair(v, text, string(text[m[2]:m[3]]), ` = "`, m[4], m[5])
		}
	}
	pairsOnLines(v, text, lits, []passLiteral{litFromCall, litSQuote, litFQuote, litRawQuote}, pairWrappedLiteral, assignsWrapped)
	if leaders.directive {
		addWordPairs(v, text, pairHeaderDirective)
	}
	if opensTripleQuoted(text, lits) {
		for _, m := range pairTripleNextLine.FindAllSubmatchIndex(text, -1) {
			addPair(v, text, string(text[m[2]:m[3]]), ` = "`, m[4], m[5])
		}
	}
	if leaders.shellSet {
		addWordPairs(v, text, pairShellSet)
	}
	if isSourceCode(p) && hasObjectOpener(lits) {
		objectPairs(v, text, lits)
	}
	quotedPrintable(v, text, lits)
	// Section keys are written in configuration files, not in code.
	if !isSourceCode(p) && lits.has(litSectionKey) {
		for _, l := range lits.lines(text, litSectionKey) {
			line := text[l[0]:l[1]]
			if q := bytes.Index(line, []byte(`":`)); q < 0 || !bytes.ContainsRune(line[:q], ':') {
				continue // no section separator inside a key
			}
			for _, m := range pairSectionKey.FindAllSubmatchIndex(line, -1) {
				name := strings.ReplaceAll(string(line[m[2]:m[3]]), ":", "_")
				addPair(v, text, name, " = ", l[0]+m[4], l[0]+m[5])
			}
		}
	}
	if lits.has(litMap) {
		for _, l := range lits.lines(text, litMap) {
			line := text[l[0]:l[1]]
			if !bytes.Contains(line, []byte(":[")) {
				continue // every header the expression reads has one
			}
			for _, m := range pairHeaderMap.FindAllSubmatchIndex(line, -1) {
				addPair(v, text, string(line[m[2]:m[3]]), ` = "`, l[0]+m[4], l[0]+m[5])
			}
		}
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".edn", ".clj", ".cljs", ".cljc":
		for _, m := range pairKeyword.FindAllSubmatchIndex(text, -1) {
			addPair(v, text, string(text[m[2]:m[3]]), ` = "`, m[4], m[5])
		}
	}
	if strings.HasSuffix(p, ".rs") && bytes.Contains(text, []byte(`b"`)) {
		for _, m := range pairRustBytes.FindAllSubmatchIndex(text, -1) {
			addPair(v, text, string(text[m[2]:m[3]]), ` = "`, m[4], m[5])
		}
	}
	if strings.HasSuffix(p, ".go") {
		for _, lit := range []passLiteral{litDefault, litDefaultTitle} {
			for _, l := range lits.lines(text, lit) {
				line := text[l[0]:l[1]]
				if bytes.IndexByte(line, '`') < 0 {
					continue
				}
				for _, m := range pairStructTag.FindAllSubmatchIndex(line, -1) {
					g := 4
					if m[g] < 0 {
						g = 6
					}
					addPair(v, text, string(line[m[2]:m[3]]), ` = "`, l[0]+m[g], l[0]+m[g+1])
				}
			}
		}
	}
	if isSourceCode(p) {
		setterCalls(v, text)
		wrappedLiterals(v, text)
		urlPieces(v, text)
		if lits.has(litDefault) {
			for _, l := range lits.lines(text, litDefault) {
				line := text[l[0]:l[1]]
				for _, m := range pairOptionDefault.FindAllSubmatchIndex(line, -1) {
					addPair(v, text, string(line[m[2]:m[3]]), " = ", l[0]+m[4], l[0]+m[5])
				}
			}
		}
	}
	if lits.has(litBuildConfig) || lits.has(litResValue) {
		for _, m := range pairBuildConfig.FindAllSubmatchIndex(text, -1) {
			g := 4
			if m[g] < 0 {
				g = 6
			}
			addPair(v, text, string(text[m[2]:m[3]]), ` = "`, m[g], m[g+1])
		}
	}
	if lits.has(litCDATA) {
		for _, m := range pairCDATA.FindAllSubmatchIndex(text, -1) {
			addPair(v, text, string(text[m[2]:m[3]]), ` = "`, m[4], m[5])
		}
	}
	base := path.Base(p)
	if strings.HasPrefix(base, "Dockerfile") || strings.HasPrefix(base, "Containerfile") || strings.HasSuffix(base, ".dockerfile") {
		for _, m := range pairDockerEnv.FindAllSubmatchIndex(text, -1) {
			sep := ` = "`
			if c := text[m[4]]; c == '"' || c == '\'' {
				sep = " = "
			}
			addPair(v, text, string(text[m[2]:m[3]]), sep, m[4], m[5])
		}
	}
	if lb := strings.ToLower(base); lb == ".netrc" || lb == "_netrc" || strings.HasSuffix(lb, ".netrc") {
		netrcPairs(v, text)
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".properties":
		propertiesPass(v, text)
	case ".md", ".markdown", ".mdx":
		markdownPairs(v, text)
		escapedPunctuation(v, text, lits)
	case ".tex", ".rst", ".txt":
		escapedPunctuation(v, text, lits)
	}
}

// markdownPairs writes a made-up line for each Markdown table row and
// list item that pairs a name with its value. Both expressions match
// within one line, from its start: each is run only on the lines that
// begin with its "|" or list marker, which costs a tenth of running it
// over the whole text.
func markdownPairs(v *virtualText, text []byte) {
	for _, re := range []*lazyRegexp{pairTableRow, pairListItem} {
		for ls := 0; ls < len(text); {
			le := len(text)
			if j := bytes.IndexByte(text[ls:], '\n'); j >= 0 {
				le = ls + j
			}
			line := text[ls:le]
			if lead := bytes.TrimLeft(line, " \t"); len(lead) > 0 {
				c := lead[0]
				if re == pairTableRow && c == '|' || re == pairListItem && (c == '-' || c == '*' || c == '+') {
					for _, m := range re.FindAllSubmatchIndex(line, -1) {
						addPair(v, text, string(line[m[2]:m[3]]), ` = "`, ls+m[4], ls+m[5])
					}
				}
			}
			ls = le + 1
		}
	}
}

// pairsOnLines writes a made-up line for each match of re on the lines
// that hold one of on (and that gate, when not nil, lets through): group
// 1 the name, the first of the groups after it that matched the value
// without its quotes.
func pairsOnLines(v *virtualText, text []byte, lits *literalHits, on []passLiteral, re *lazyRegexp, gate func([]byte) bool) {
	seen := map[int]bool{}
	for _, lit := range on {
		for _, l := range lits.lines(text, lit) {
			if seen[l[0]] {
				continue
			}
			seen[l[0]] = true
			line := text[l[0]:l[1]]
			if gate != nil && !gate(line) {
				continue
			}
			for _, m := range re.FindAllSubmatchIndex(line, -1) {
				g := 4
				for g+2 < len(m) && m[g] < 0 {
					g += 2
				}
				addPair(v, text, string(line[m[2]:m[3]]), ` = "`, l[0]+m[g], l[0]+m[g+1])
			}
		}
	}
}

// setterCalls writes a made-up line for each call of a function named
// after a secret with one string literal of 8 characters or more:
// .webhookSecret("…"), WithSigningSecret('…'). It looks at each "(" that
// a quote follows, which is cheaper than an expression over the file.
func setterCalls(v *virtualText, text []byte) {
	for i := 0; ; {
		j := bytes.IndexByte(text[i:], '(')
		if j < 0 {
			return
		}
		open := i + j
		i = open + 1
		q := open + 1
		for q < len(text) && (text[q] == ' ' || text[q] == '\t') {
			q++
		}
		if q >= len(text) || text[q] != '"' && text[q] != '\'' {
			continue
		}
		ns := open
		for ns > 0 && isWordByte(text[ns-1]) {
			ns--
		}
		if open-ns < 3 || open-ns > 60 || isDigit(text[ns]) {
			continue
		}
		end := q + 1
		for end < len(text) && text[end] != text[q] && text[end] != '\n' && text[end] != '\\' {
			end++
		}
		if end >= len(text) || text[end] != text[q] || end-q-1 < 8 {
			continue
		}
		c := end + 1
		for c < len(text) && (text[c] == ' ' || text[c] == '\t') {
			c++
		}
		if c >= len(text) || text[c] != ')' {
			continue
		}
		if name := string(text[ns:open]); setterName(name) {
			v.add([]string{name}, " = ", text, q, end+1)
		}
		i = end + 1
	}
}

// propertiesPass writes out the properties whose values escape a
// character (Java's Properties.store writes https\://host) or continue
// on the next lines (a line ending in a backslash goes on with the next,
// its leading blanks dropped), without the backslashes, so URL rules see
// the URL whole.
func propertiesPass(v *virtualText, text []byte) {
	for ls := 0; ls < len(text); {
		l, next := propertiesLine(text, ls)
		pieces := [][2]int{l}
		for continued(text, l) && next < len(text) && len(pieces) <= maxWrapLines {
			l, next = propertiesLine(text, next)
			l[0] = min(blanksAfter(text, l[0]), l[1])
			pieces = append(pieces, l)
		}
		ls = next
		first := text[pieces[0][0]:pieces[0][1]]
		if len(pieces) == 1 && !bytes.Contains(first, []byte{'\\'}) {
			continue
		}
		sep := bytes.IndexAny(first, "=:")
		if sep <= 0 || first[sep-1] == '\\' || isComment(bytes.TrimSpace(first)) {
			continue
		}
		name := string(bytes.TrimSpace(first[:sep]))
		pieces[0][0] += sep + 1
		var spans [][2]int
		for i, p := range pieces {
			if i < len(pieces)-1 || continued(text, p) {
				p[1]-- // the backslash that continues the line
			}
			start := p[0]
			for j := start; j < p[1]; j++ {
				if text[j] == '\\' && j+1 < p[1] && bytes.IndexByte([]byte(`:=#! `), text[j+1]) >= 0 {
					spans = append(spans, [2]int{start, j})
					start = j + 1
					j++
				}
			}
			spans = append(spans, [2]int{start, p[1]})
		}
		v.addSpans([]string{name}, " = ", text, spans)
	}
}

// propertiesLine returns the bounds of the line starting at ls, without
// its line end, and where the next one starts.
func propertiesLine(text []byte, ls int) (l [2]int, next int) {
	le := bytes.IndexByte(text[ls:], '\n')
	if le < 0 {
		le = len(text)
	} else {
		le += ls
	}
	next = le + 1
	if le > ls && text[le-1] == '\r' {
		le--
	}
	return [2]int{ls, le}, next
}

// continued reports whether a line ends in an odd number of backslashes:
// one that escapes the line end.
func continued(text []byte, l [2]int) bool {
	n := 0
	for i := l[1] - 1; i >= l[0] && text[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// wrapStart is an assignment whose literal continues on the next lines:
// X = ( (Python, as black wraps a long line), or X = "…" + / X = "…" \
// (Go, Java, JavaScript, C#, Python; single quotes too) / $x = '…' .
// (PHP, Perl): group 1 the
// name, group 2 or 3 the first literal's text when the line has one.
var wrapStart = lazyCompile(`^[ \t]*(?:(?:var|val|let|const|static|final|private|public|String|string)[ \t]+)*\$?([A-Za-z_][\w.]*)(?:[ \t]*:[ \t]*[\w&\[\]]+)?[ \t]*(?::=|=)[ \t]*(?:\(|(?:"([^"\\\n]*)"|'([^'\\\n]*)')[ \t]*(?:\+[ \t]*\\?|\\|\.))[ \t]*$`)

// wrapLine is a line that is only a string literal, joined to the next by
// + or \ (or both), PHP's . or by nothing (Python's adjacent literals in
// parentheses): group 1 or 2 the literal's text, 3 the operator, 4 what
// closes the statement or the item (a comma: a tuple's item, not a piece).
var wrapLine = lazyCompile(`^[ \t]*(?:[+.][ \t]*)?(?:"([^"\\\n]*)"|'([^'\\\n]*)')[ \t]*(\+[ \t]*\\?|\\|\.)?[ \t]*([;,)]*)[ \t]*$`)

// maxWrapLines bounds how many lines one wrapped literal is read over.
const maxWrapLines = 8

// wrappedLiterals writes a made-up line for each literal wrapped over
// lines, its pieces joined, when its name may hold a secret or it is a
// URL: WEBHOOK = (\n    "https://hooks.slack.com/services/…/"\n    "…"\n).
func wrappedLiterals(v *virtualText, text []byte) {
	for ls := 0; ls < len(text); {
		le := bytes.IndexByte(text[ls:], '\n')
		if le < 0 {
			le = len(text)
		} else {
			le += ls
		}
		l := [2]int{ls, le}
		ls = le + 1
		e := l[1]
		for e > l[0] && (text[e-1] == ' ' || text[e-1] == '\t' || text[e-1] == '\r') {
			e--
		}
		if e == l[0] {
			continue
		}
		if c := text[e-1]; c != '(' && c != '+' && c != '\\' && c != '.' {
			continue
		}
		line := text[l[0]:l[1]]
		last := text[l[0]:e]
		if bytes.IndexByte(line, '=') < 0 {
			continue
		}
		m := wrapStart.FindSubmatchIndex(line)
		if m == nil {
			continue
		}
		if m[4] < 0 {
			m[4], m[5] = m[6], m[7] // single-quoted
		}
		var spans [][2]int
		if m[4] >= 0 {
			spans = append(spans, [2]int{l[0] + m[4], l[0] + m[5]})
		}
		joined := m[4] < 0 || bytes.Contains(line[m[4]:], []byte("+")) || bytes.HasSuffix(last, []byte(`\`)) || bytes.HasSuffix(last, []byte("."))
		spans, tuple := wrapPieces(text, l[1]+1, joined, m[4] < 0, spans)
		if tuple {
			continue
		}
		if len(spans) < 2 && (m[4] >= 0 || len(spans) == 0) {
			continue
		}
		name := string(line[m[2]:m[3]])
		if !secretLeaf(name) && !isURLStart(text[spans[0][0]:spans[0][1]]) {
			continue
		}
		v.addSpans([]string{name}, ` = "`, text, spans)
	}
}

// wrapPieces appends to spans the literals of the lines from next on that
// continue a wrapped literal, while they are joined: the line before ends
// in + or \, or implicit is set (Python's parentheses join adjacent
// literals with nothing between). A literal followed by a comma is the
// last piece (the end of an argument), or, when it is the first piece of
// an implicit join, the first item of a tuple: then tuple is set.
func wrapPieces(text []byte, next int, joined, implicit bool, spans [][2]int) (_ [][2]int, tuple bool) {
	for n := 0; n < maxWrapLines && joined && next < len(text); n++ {
		ls, le := lineBounds(text, next)
		w := wrapLine.FindSubmatchIndex(text[ls:le])
		if w == nil {
			break
		}
		if w[2] < 0 {
			w[2], w[3] = w[4], w[5] // single-quoted
		}
		comma := w[6] < 0 && bytes.IndexByte(text[ls+w[8]:ls+w[9]], ',') >= 0
		if comma && implicit && len(spans) == 0 {
			return spans, true // ("…",\n "…",)
		}
		spans = append(spans, [2]int{ls + w[2], ls + w[3]})
		joined = !comma && (w[6] >= 0 || implicit)
		next = le + 1
	}
	return spans, false
}

// urlLiteral is a string literal that starts a URL: group 1 or 2 its
// text.
var urlLiteral = lazyCompile(`"(https?://[^"\\\n]*)"|'(https?://[^'\\\n]*)'`)

// urlPieces writes a made-up line for each URL written as adjacent
// literals that no assignment names (wrappedLiterals reads those): joined
// on one line ("https://hooks.slack.com/services/" + "…", PHP's '…' .
// '…', Python's and C's "…" "…") and on the lines after it, by a
// trailing + or \ or, in Python, by nothing: assert url ==
// "https://…/" \ then "…" on the next line.
func urlPieces(v *virtualText, text []byte) {
	for i := 0; i < len(text); {
		j := bytes.Index(text[i:], []byte("://"))
		if j < 0 {
			return
		}
		ls, le := lineBounds(text, i+j)
		i = le + 1
		line := text[ls:le]
		if wrapStart.Match(line) {
			continue // an assignment wrappedLiterals joins
		}
		for _, m := range urlLiteral.FindAllSubmatchIndex(line, -1) {
			g := 2
			if m[g] < 0 {
				g = 4
			}
			spans := [][2]int{{ls + m[g], ls + m[g+1]}}
			p := m[1]
			// Literals joined on the line.
			for {
				q := blanksAfter(line, p)
				r := q // adjacent literals: Python, C
				if q < len(line) && (line[q] == '+' || line[q] == '.') {
					r = blanksAfter(line, q+1)
				}
				e := literalEnd(line, r)
				if e < 0 {
					break
				}
				spans = append(spans, [2]int{ls + r + 1, ls + e})
				p = e + 1
			}
			// Joined to the next lines: what follows is +, \ or nothing.
			rest := bytes.TrimSpace(line[p:])
			joined := len(rest) == 0 || string(rest) == "+" || string(rest) == "." || string(rest) == `\` || bytes.HasPrefix(rest, []byte("+")) && string(bytes.TrimSpace(rest[1:])) == `\`
			spans, _ = wrapPieces(text, le+1, joined, len(rest) == 0, spans)
			if len(spans) >= 2 {
				v.addSpans([]string{"url"}, ` = "`, text, spans)
			}
		}
	}
}

// literalEnd returns the position of the closing quote of the string
// literal that opens at line[p], or -1 when none opens there or it holds
// an escape.
func literalEnd(line []byte, p int) int {
	if p >= len(line) || !isQuote(line[p]) {
		return -1
	}
	for e := p + 1; e < len(line); e++ {
		switch line[e] {
		case line[p]:
			return e
		case '\\':
			return -1
		}
	}
	return -1
}

// isURLStart reports whether a literal starts a URL.
func isURLStart(s []byte) bool {
	return bytes.HasPrefix(s, []byte("https://")) || bytes.HasPrefix(s, []byte("http://"))
}

// addWordPairs adds the pairs of re, whose group 1 is the name and whose
// value is group 2 with its quotes or group 3 without (a shell or web
// server word).
func addWordPairs(v *virtualText, text []byte, re *lazyRegexp) {
	for _, m := range re.FindAllSubmatchIndex(text, -1) {
		g, sep := 4, " = "
		if m[g] < 0 {
			g, sep = 6, ` = "`
		}
		addPair(v, text, string(text[m[2]:m[3]]), sep, m[g], m[g+1])
	}
}

// addPair writes name = text[vs:ve] when the name may hold a secret.
func addPair(v *virtualText, text []byte, name, sep string, vs, ve int) {
	if secretLeaf(name) {
		v.add([]string{name}, sep, text, vs, ve)
	}
}

// setterName reports whether a function's name sets a secret
// (webhookSecret, WithSigningSecret, setApiKey) rather than looks one up
// by name (getSecret, os.Getenv, readToken, verifySignature).
func setterName(name string) bool {
	lower := strings.ToLower(name)
	for _, verb := range []string{"get", "read", "load", "fetch", "lookup", "find", "env", "must", "require", "has", "is", "parse", "decode", "encode", "valid", "verify", "check", "new", "print", "log", "error", "assert", "expect", "describe", "test", "hash", "compute", "create", "make", "gen", "rotate", "revoke", "delete", "remove", "open", "resolve"} {
		if strings.HasPrefix(lower, verb) {
			return false
		}
	}
	return secretLeaf(name)
}

// linesWith returns the bounds of the lines that hold lit.
func linesWith(text, lit []byte) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		j := bytes.Index(text[i:], lit)
		if j < 0 {
			break
		}
		ls, le := lineBounds(text, i+j)
		out = append(out, [2]int{ls, le})
		i = le + 1
	}
	return out
}
