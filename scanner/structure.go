package scanner

import (
	"bytes"
	"hash/maphash"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// A value several lines below its name: a Terraform variable's default,
// a key of nested YAML, JSON or HCL whose provider is named by a parent, a
// YAML key whose value is on the next line or in a block scalar, a key in
// a TOML or INI table. Rules read a name and its value on one line, so the
// detector writes such pairs out as made-up lines ("stripe_webhook_secret
// = <the value's text>"), scans them, and maps what it finds back to where
// the value really is.

// virtualText is text made up from a file's structure, and the map back to
// the file.
type virtualText struct {
	text []byte
	segs []virtualSeg
}

// virtualSeg is a run of text copied from the file: text[vstart:vend] is
// file[orig:orig+vend-vstart]. Made-up names lie between segments.
type virtualSeg struct {
	vstart, vend, orig int
}

// maxVirtualPath is how many enclosing names a made-up line keeps: the
// provider is named within two levels of the key.
const maxVirtualPath = 3

// add writes one made-up line: the names joined by "_", the separator,
// then the value's text, file[vs:ve], copied.
func (v *virtualText) add(names []string, sep string, file []byte, vs, ve int) {
	if ve <= vs {
		return
	}
	if len(names) > maxVirtualPath {
		names = names[len(names)-maxVirtualPath:]
	}
	for i, n := range names {
		if i > 0 {
			v.text = append(v.text, '_')
		}
		v.text = append(v.text, n...)
	}
	v.text = append(v.text, sep...)
	v.segs = append(v.segs, virtualSeg{vstart: len(v.text), vend: len(v.text) + ve - vs, orig: vs})
	v.text = append(v.text, file[vs:ve]...)
	v.text = append(v.text, '\n')
}

// addSpans is add for a value written in pieces: the made-up line holds
// file[s[0]:s[1]] of each span, one after the other, so an escape left
// out between them does not break the value.
func (v *virtualText) addSpans(names []string, sep string, file []byte, spans [][2]int) {
	for i, n := range names {
		if i > 0 {
			v.text = append(v.text, '_')
		}
		v.text = append(v.text, n...)
	}
	v.text = append(v.text, sep...)
	for _, s := range spans {
		if s[1] <= s[0] {
			continue
		}
		v.segs = append(v.segs, virtualSeg{vstart: len(v.text), vend: len(v.text) + s[1] - s[0], orig: s[0]})
		v.text = append(v.text, file[s[0]:s[1]]...)
	}
	v.text = append(v.text, '\n')
}

// toFile maps an offset of the made-up text to the file. An offset in a
// made-up name maps to the start of the value that follows it, and ok is
// false.
func (v *virtualText) toFile(p int) (pos int, ok bool) {
	i := sort.Search(len(v.segs), func(i int) bool { return v.segs[i].vend >= p })
	if i == len(v.segs) {
		s := v.segs[len(v.segs)-1]
		return s.orig + s.vend - s.vstart, false
	}
	s := v.segs[i]
	if p < s.vstart {
		return s.orig, false
	}
	return s.orig + p - s.vstart, true
}

// Which passes a file gets, by extension: source code gets none (its
// literals sit next to their names), YAML the indentation pass, JSON and
// HCL the brace pass, TOML and INI the table pass, SQL its statements'
// columns (sqlPairs), CSV and TSV their header's columns (csvPairs), and
// anything else (text, Markdown, files without an extension) the first
// three.
const (
	passIndent = 1 << iota
	passBraces
	passTables
	passPlist
	passSQL
	passCSV
)

func structurePasses(p string) int {
	if isSourceCode(p) || lockFiles[strings.ToLower(path.Base(p))] {
		return 0
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".yaml", ".yml":
		return passIndent
	case ".json", ".json5", ".tf", ".tfvars", ".hcl", ".nomad":
		return passBraces
	case ".toml", ".ini", ".cfg", ".conf", ".cnf":
		return passTables
	case ".plist":
		return passPlist
	case ".sql":
		return passSQL
	case ".csv", ".tsv":
		return passCSV
	case ".xml", ".html", ".htm", ".log", ".svg", ".lock", ".sum", ".properties", ".env":
		return 0
	}
	return passIndent | passBraces | passTables
}

// lockFiles are package managers' lock files written as JSON or YAML (the
// .lock and .sum ones get no structure passes either): a fixed schema of
// package names, versions, URLs and hashes, with no secret's name in it,
// rewritten whole on every dependency change. The structure passes read
// every version of them whole (prometheus' history holds 490 MB of
// package-lock.json); their lines are scanned as any file's are.
var lockFiles = map[string]bool{
	"package-lock.json": true, "npm-shrinkwrap.json": true, "pnpm-lock.yaml": true,
	"packages.lock.json": true, "package.resolved": true,
}

// passFallback is the pass over environment lookups with literal
// defaults (fallback.go). Unlike the others it reads one line at a time.
const passFallback = 1 << 8

// passPairs is the pass over names and literals on one line that rules
// do not read as assignments (pairs.go); like passFallback it reads one
// line at a time.
const passPairs = 1 << 9

// madeUpLines returns the made-up lines of the given passes, or nil.
// scratch, when not nil, holds a slice to split the lines into, kept for
// the next call. lits says where the pass literals occur in text (the
// detector's search records them); only the fallback and pair passes read
// it.
func madeUpLines(p string, passes int, text []byte, scratch *[]sourceLine, lits *literalHits) *virtualText {
	v := &virtualText{}
	if passes&(passFallback|passPairs) != 0 {
		if passes&passFallback != 0 {
			fallbackPass(v, text, lits)
		}
		if passes&passPairs != 0 {
			pairPass(v, p, text, lits)
		}
	}
	// The passes that read lines share one split: on a text file in
	// history, three splits cost more than the passes themselves.
	var ls []sourceLine
	if passes&(passIndent|passBraces|passTables) != 0 {
		var buf []sourceLine
		if scratch != nil {
			buf = (*scratch)[:0]
		}
		ls = appendLines(buf, text)
		if scratch != nil {
			*scratch = ls
		}
	}
	if passes&passIndent != 0 {
		indentPass(v, text, ls)
		yamlContinued(v, text, ls)
	}
	if passes&passBraces != 0 {
		bracePass(v, text, ls)
	}
	if passes&passTables != 0 {
		tablePass(v, text, ls)
	}
	if passes&passPlist != 0 {
		plistPass(v, text)
	}
	if passes&passSQL != 0 {
		sqlPairs(v, text)
	}
	if passes&passCSV != 0 {
		csvPairs(v, text)
	}
	if len(v.segs) == 0 {
		return nil
	}
	return v
}

// secretLeaf reports whether a key may hold a secret (or a URL with one),
// so that the names above it are worth writing out with it.
func secretLeaf[T string | []byte](key T) bool {
	for i := 0; i < len(key); i++ {
		if key[i] >= utf8.RuneSelf {
			// Unicode case folding: the Kelvin sign lower-cases to k.
			k := strings.ToLower(string(key))
			for _, w := range secretWords {
				if strings.Contains(k, w) {
					return true
				}
			}
			return false
		}
	}
	return holdsAnyIn(secretWordIndex(), key)
}

// secretWords are the words of names that may hold a secret, in lower
// case.
var secretWords = []string{"secret", "token", "key", "passw", "pwd", "cred", "auth", "sign", "hmac", "hook", "sid", "salt", "private", "url", "uri", "endpoint", "dsn"}

// secretWordIndex finds secretWords in either case. The structure passes
// ask about every key of a JSON or HCL file: one pass over the key costs
// less than a lower-case copy and a search for each word.
var secretWordIndex = sync.OnceValue(func() *keywordIndex {
	b := newKeywordBuilder(len(secretWords))
	b.foldCase()
	for _, w := range secretWords {
		b.add([]byte(w))
	}
	return b.finish()
})

// sourceLine is one line of a file: its bounds and indentation.
type sourceLine struct {
	start, end int // end is at '\n' or the end of the text
	indent     int // offset of the first non-blank byte from start
}

func (l sourceLine) content(text []byte) []byte { return text[l.start+l.indent : l.end] }

func (l sourceLine) blank(text []byte) bool {
	c := l.content(text)
	return len(c) == 0 || c[0] == '#' || c[0] == ';' || bytes.HasPrefix(c, []byte("//"))
}

// appendLines appends the lines of text to out.
func appendLines(out []sourceLine, text []byte) []sourceLine {
	out = slices.Grow(out, bytes.Count(text, []byte{'\n'})+1)
	for pos := 0; pos < len(text); {
		end := bytes.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		e := end
		if e > pos && text[e-1] == '\r' {
			e--
		}
		ind := 0
		for pos+ind < e && (text[pos+ind] == ' ' || text[pos+ind] == '\t') {
			ind++
		}
		out = append(out, sourceLine{start: pos, end: e, indent: ind})
		pos = end + 1
	}
	return out
}

// keyBytes are the bytes of a bare key: letters, digits, _ - . and /.
var keyBytes = func() (set [256]bool) {
	for c := range 256 {
		set[c] = isAlnum(byte(c)) || strings.IndexByte("_-./", byte(c)) >= 0
	}
	return set
}()

// cutKeyBytes reads a key at the start of s: a bare name of word
// characters, dots, dashes and slashes, or a quoted one, followed (after
// blanks) by one of the separators. It returns the key, left in s, and
// the offset of what follows the separator and the blanks after it.
func cutKeyBytes(s []byte, seps string) (key []byte, rest int, ok bool) {
	i, ks, ke := 0, 0, 0
	switch {
	case len(s) > 0 && (s[0] == '"' || s[0] == '\''):
		j := bytes.IndexByte(s[1:], s[0])
		if j < 1 || j > 100 {
			return nil, 0, false
		}
		ks, ke, i = 1, 1+j, j+2
	default:
		for {
			for i < len(s) && i <= 100 && keyBytes[s[i]] {
				i++
			}
			// A namespaced name: Hiera's profile::notify::webhook_secret.
			if i == 0 || i+2 >= len(s) || s[i] != ':' || s[i+1] != ':' || !keyBytes[s[i+2]] {
				break
			}
			i += 2
		}
		if i == 0 || i > 100 {
			return nil, 0, false
		}
		ke = i
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i >= len(s) || strings.IndexByte(seps, s[i]) < 0 {
		return nil, 0, false
	}
	i++
	if seps == ":" && i < len(s) && s[i] != ' ' && s[i] != '\t' {
		return nil, 0, false // "http://x": a YAML key is followed by a blank
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return s[ks:ke], i, true
}

// isComment reports whether the rest of a line is empty or a comment.
func isComment(s []byte) bool {
	s = bytes.TrimSpace(s)
	return len(s) == 0 || s[0] == '#'
}

// blockScalar reports whether a YAML value is a block scalar header
// (|, >, |-, >+2 …), whose text is on the lines below.
func blockScalar(s []byte) bool {
	s = bytes.TrimSpace(s)
	if len(s) == 0 || s[0] != '|' && s[0] != '>' {
		return false
	}
	i := 1
	for i < len(s) && (s[i] == '-' || s[i] == '+' || isDigit(s[i])) {
		i++
	}
	return isComment(s[i:])
}

// secretParent reports whether a key's nearest enclosing names say it
// belongs to a secret's settings (webhook: / id:).
func secretParent(stack []yamlKey) bool {
	for i := len(stack) - 1; i >= 0 && i >= len(stack)-2; i-- {
		if stack[i].secret {
			return true
		}
	}
	return false
}

type yamlKey struct {
	indent int
	name   string
	secret bool // secretLeaf(name)
}

// yamlLabel is a name: sibling seen at an indentation, for the value:
// after it (a Kubernetes env entry: - name: SLACK_SIGNING_SECRET / value: …).
type yamlLabel struct {
	indent int
	label  string
}

// indentPass reads YAML: nested keys, values on the next line and block
// scalars.
// ls holds the lines of text (appendLines).
func indentPass(v *virtualText, text []byte, ls []sourceLine) {
	var stack []yamlKey
	// kind is the provider a sibling type: key names (Grafana's contact
	// points: type: pagerduty, then settings: integrationKey: …).
	var kind yamlLabel
	names := func(key []byte) []string {
		out := make([]string, 0, len(stack)+2)
		for _, k := range stack {
			out = append(out, k.name)
		}
		if kind.label != "" {
			out = append(out, kind.label)
		}
		return append(out, string(key))
	}
	skipAbove := -1 // inside a block scalar: lines indented more than this
	var label yamlLabel
	for n := 0; n < len(ls); n++ {
		l := ls[n]
		if l.start+l.indent >= l.end {
			continue
		}
		if skipAbove >= 0 {
			if l.indent > skipAbove {
				continue
			}
			skipAbove = -1
		}
		c := l.content(text)
		if c[0] == '#' {
			continue
		}
		if bytes.HasPrefix(c, []byte("---")) || bytes.HasPrefix(c, []byte("...")) {
			stack = stack[:0]
			continue
		}
		ind := l.indent
		for len(c) >= 2 && c[0] == '-' && (c[1] == ' ' || c[1] == '\t') {
			k := 1
			for k < len(c) && (c[k] == ' ' || c[k] == '\t') {
				k++
			}
			ind += k
			c = c[k:]
		}
		// The key stays in text: most keys are neither kept nor written.
		key, r, ok := cutKeyBytes(c, ":")
		if !ok {
			continue
		}
		for len(stack) > 0 && stack[len(stack)-1].indent >= ind {
			stack = stack[:len(stack)-1]
		}
		restStart := l.start + (len(l.content(text)) - len(c)) + l.indent + r
		rest := text[restStart:l.end]
		newEntry := len(c) != len(l.content(text))
		if ind < label.indent || newEntry && ind <= label.indent {
			label = yamlLabel{} // left the mapping, or a new list entry
		}
		if ind < kind.indent || newEntry && ind <= kind.indent {
			kind = yamlLabel{}
		}
		if p := providerType(key, rest); p != "" {
			kind = yamlLabel{indent: ind, label: p}
			continue
		}
		switch {
		case isNameKey(key) && !isComment(rest):
			// A name that is not a secret's still replaces the one
			// before it: the next value is its own.
			lb := labelOf(rest)
			if lb == "" && !bytes.ContainsAny(rest, `"'`) {
				lb = labelOf([]byte(`"` + strings.TrimSpace(string(rest)) + `"`))
			}
			label = yamlLabel{indent: ind, label: lb}
			continue
		case isValueKey(key) && label.label != "" && label.indent == ind && !isComment(rest):
			v.add([]string{label.label}, ": ", text, restStart, l.end)
			continue
		}
		switch {
		case isComment(rest):
			// The value, if a scalar, is on the next line, indented more.
			if m := nextContent(ls, text, n); m > n && ls[m].indent > ind {
				nc := ls[m].content(text)
				if _, _, isKey := cutKeyBytes(nc, ":"); !isKey && nc[0] != '-' && nc[0] != '[' && nc[0] != '{' && nc[0] != '&' && nc[0] != '!' {
					v.add(names(key), ": ", text, ls[m].start+ls[m].indent, ls[m].end)
				}
			}
			stack = append(stack, yamlKey{ind, string(key), secretLeaf(key)})
		case blockScalar(rest):
			if m := nextContent(ls, text, n); m > n && ls[m].indent > ind {
				v.add(names(key), ": ", text, ls[m].start+ls[m].indent, ls[m].end)
			}
			skipAbove = ind
		case len(stack) > 0 && (secretLeaf(key) || secretParent(stack)):
			v.add(names(key), ": ", text, restStart, l.end)
		}
	}
}

// nextContent returns the index of the next line after n that is neither
// blank nor a comment, or n.
func nextContent(ls []sourceLine, text []byte, n int) int {
	for m := n + 1; m < len(ls) && m <= n+3; m++ {
		if !ls[m].blank(text) {
			return m
		}
	}
	return n
}

// hclBlock is an open brace: the name of what it opens, and whether it is
// a Terraform variable (whose default is the variable's value).
type hclBlock struct {
	name     string
	variable bool
	// label is what a name attribute of the block calls the value it
	// holds (aws_ssm_parameter's name = "/hooks/slack_signing_secret").
	label string
	// kind is the provider a type attribute of the block names (a
	// Terraform state's "type": "pagerduty_service_integration", a
	// Grafana contact point's "type": "pagerduty"), for the keys inside.
	kind string
}

// bracePass reads HCL (Terraform) and JSON: nested blocks and objects, and
// a variable's default below its name.
// ls holds the lines of text (appendLines).
func bracePass(v *virtualText, text []byte, ls []sourceLine) {
	var stack []hclBlock
	blockNames := func() []string {
		out := make([]string, 0, len(stack)+1)
		for _, b := range stack {
			if b.name != "" {
				out = append(out, b.name)
			}
		}
		return out
	}
	for n := 0; n < len(ls); n++ {
		l := ls[n]
		c := l.content(text)
		if len(c) == 0 {
			continue
		}
		if c[0] == '}' || c[0] == ']' {
			if c[0] == '}' && len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			continue
		}
		if c[0] == '{' || c[0] == '[' {
			// An object in an array: no name of its own.
			if opens(c) {
				stack = append(stack, hclBlock{})
			}
			continue
		}
		if name, variable, ok := blockHeader(c); ok {
			stack = append(stack, hclBlock{name: name, variable: variable})
			continue
		}
		// Every line of a JSON file has a key: it is made a string only
		// where it is kept.
		key, r, ok := cutKeyBytes(c, "=:")
		if !ok {
			continue
		}
		restStart := l.start + l.indent + r
		rest := text[restStart:l.end]
		if len(rest) > 0 && (rest[0] == '{' || rest[0] == '[') {
			if opens(rest) {
				stack = append(stack, hclBlock{name: string(key)})
			}
			continue
		}
		if bytes.HasPrefix(rest, []byte("<<")) {
			// A heredoc: the value is the next line.
			if m := n + 1; m < len(ls) {
				restStart, rest = ls[m].start+ls[m].indent, ls[m].content(text)
			}
		}
		if len(stack) == 0 {
			continue
		}
		top := &stack[len(stack)-1]
		if p := providerType(key, rest); p != "" {
			top.kind, _, _ = strings.Cut(strings.ReplaceAll(p, "-", "_"), "_")
			continue
		}
		switch {
		case top.variable && (string(key) == "default" || string(key) == "value"):
			v.add(blockNames(), " = ", text, restStart, restStart+len(rest))
		case isNameKey(key) || isLabelKey(key) && labelOf(rest) != "":
			top.label = labelOf(rest)
		case isValueKey(key) && top.label != "":
			v.add([]string{top.label}, " = ", text, restStart, restStart+len(rest))
		case contentKey(key) && top.name != "" && secretLeaf(top.name):
			// A Terraform state's output: "api_token": {"value": "…",
			// "sensitive": true}, or a Vault agent's env_template
			// "OPSGENIE_API_KEY" { contents = "…" }: the value under its
			// block's name.
			v.add(blockNames(), " = ", text, restStart, restStart+len(rest))
		case secretLeaf(key):
			names := blockNames()
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].kind != "" {
					// Named by its provider, as its rule spells it:
					// pagerduty_integration_key.
					names = []string{stack[i].kind}
					break
				}
			}
			v.add(append(names, string(key)), " = ", text, restStart, restStart+len(rest))
		}
	}
}

// isNameKey and isValueKey tell the attributes of a name and its value
// written as siblings: Terraform's aws_ssm_parameter (name, value),
// github_actions_secret (secret_name, plaintext_value), a Kubernetes env
// entry (name, value). "key" is not among the names: it is as often the
// secret itself (api: / key: …). In JSON it names a sibling value (a
// Postman variable's key and value) only when it holds a plain name that
// says it is a secret (isLabelKey).
// They are switches, not maps: the structure passes ask about every key
// of every version of a file.
// providerType returns the provider a type: key names, in lower case,
// or "" when the key is not type or the value names none of them.
func providerType(key, rest []byte) string {
	if string(key) != "type" && string(key) != "kind" {
		return ""
	}
	v := strings.ToLower(strings.Trim(strings.TrimRight(strings.TrimSpace(string(rest)), ",;"), `"'`))
	for _, p := range typedProviders {
		if v == p || strings.HasPrefix(v, p+"_") || strings.HasPrefix(v, p+"-") {
			return v
		}
	}
	return ""
}

// typedProviders are the providers a notification config names with a
// type: key (Grafana contact points, notifier plugins).
var typedProviders = []string{"pagerduty", "opsgenie", "victorops", "slack", "discord", "teams", "googlechat", "telegram", "pushover", "webhook", "dingding", "wecom", "line", "kafka", "sensugo", "threema", "webex", "mattermost", "rocketchat", "zapier", "twilio", "sendgrid", "mailgun"}

func isNameKey(k []byte) bool {
	switch string(k) {
	case "name", "secret_name", "parameter_name", "Name":
		return true
	}
	return false
}

func isLabelKey(k []byte) bool { return string(k) == "key" || string(k) == "Key" }

// contentKey reports whether a key says only that it holds its block's
// value.
func contentKey(k []byte) bool {
	switch string(k) {
	case "value", "contents", "content", "data", "plaintext":
		return true
	}
	return false
}

func isValueKey(k []byte) bool {
	switch string(k) {
	case "value", "plaintext_value", "secret_string", "Value", "default":
		return true
	}
	return false
}

// labelOf returns the name a quoted attribute value gives, the last part
// of a path (/hooks/slack_signing_secret), or "" when it is no plain name.
func labelOf(rest []byte) string {
	s := strings.TrimSpace(string(rest))
	s = strings.TrimRight(s, ",;")
	if len(s) < 2 || (s[0] != '"' && s[0] != '\'') || s[len(s)-1] != s[0] {
		return ""
	}
	s = s[1 : len(s)-1]
	if i := strings.LastIndexAny(s, "/:"); i >= 0 {
		s = s[i+1:]
	}
	if !isBareName(s) || !secretLeaf(s) {
		return ""
	}
	return s
}

// opens reports whether a line leaves a brace open.
func opens(c []byte) bool {
	return bytes.Count(c, []byte{'{'}) > bytes.Count(c, []byte{'}'})
}

// blockHeader reads a line that opens an HCL block (`variable "name" {`,
// `stripe {`, `resource "a" "b" {`) and returns its name: the last label
// (a resource's or data source's type and name joined), or the block type
// when there is none.
func blockHeader(c []byte) (name string, variable bool, ok bool) {
	c = bytes.TrimSpace(c)
	if len(c) == 0 || c[len(c)-1] != '{' {
		return "", false, false
	}
	head := c[:len(c)-1]
	// Most lines that end in "{" open a function, an object or a map:
	// they hold one of these, and are told without splitting them.
	if bytes.ContainsAny(head, "=:(),") {
		return "", false, false
	}
	fields := strings.Fields(string(head))
	if len(fields) == 0 {
		return "", false, false
	}
	typ := fields[0]
	if !isBareName(typ) {
		return "", false, false
	}
	name = typ
	if len(fields) > 1 {
		name = strings.Trim(fields[len(fields)-1], `"`)
	}
	if (typ == "resource" || typ == "data") && len(fields) == 3 {
		// The type says what the block holds, the name is the author's:
		// resource "github_repository_webhook" "ci" { configuration {
		// secret = "…" } } is a webhook's secret.
		name = strings.Trim(fields[1], `"`) + "_" + name
	}
	return name, (typ == "variable" || typ == "output") && len(fields) == 2, true
}

func isBareName(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) && s[i] != '_' && s[i] != '-' {
			return false
		}
	}
	return s != ""
}

// tablePass reads TOML and INI: a key under a [table] header.
// ls holds the lines of text (appendLines).
func tablePass(v *virtualText, text []byte, ls []sourceLine) {
	var table []string
	for _, l := range ls {
		c := l.content(text)
		if len(c) == 0 || c[0] == '#' || c[0] == ';' {
			continue
		}
		if c[0] == '[' {
			h := strings.Trim(strings.TrimSpace(string(c)), "[]")
			table = table[:0]
			if h == "" || strings.ContainsAny(h, " =,") {
				continue
			}
			for _, part := range strings.Split(h, ".") {
				table = append(table, strings.Trim(part, `"'`))
			}
			continue
		}
		key, r, ok := cutKeyBytes(c, "=")
		if !ok || len(table) == 0 || !secretLeaf(key) {
			continue
		}
		restStart := l.start + l.indent + r
		v.add(append(append([]string(nil), table...), string(key)), " = ", text, restStart, l.end)
	}
}

// scanStructured scans the made-up lines of a file and maps the matches
// back to the file. A match whose secret lies in a made-up name is
// dropped.
func (d *Detector) scanStructured(p string, text []byte, passes int, lits *literalHits) []match {
	lp, _ := d.lineBufs.Get().(*[]sourceLine)
	if lp == nil {
		lp = new([]sourceLine)
	}
	vt := madeUpLines(p, passes, text, lp, lits)
	if cap(*lp) <= maxPooledLines {
		d.lineBufs.Put(lp)
	}
	if vt == nil {
		return nil
	}
	var out []match
	for _, m := range d.scan(p, vt.text, 0) {
		start, ok := vt.toFile(m.start)
		if !ok {
			continue
		}
		end, _ := vt.toFile(m.end)
		if end <= start {
			continue
		}
		m.start, m.end = start, end
		m.mstart, _ = vt.toFile(m.mstart)
		m.mend, _ = vt.toFile(m.mend)
		m.mstart, m.mend = min(m.mstart, m.start), max(m.mend, m.end)
		out = append(out, m)
	}
	return out
}

// maxPooledLines bounds the line splits kept for the next file (24 bytes
// a line).
const maxPooledLines = 1 << 16

// HasStructuredFindings reports whether the passes over a file's structure
// that read beyond one line find anything in text. When they do not, the findings of text are those
// of its lines scanned with Fragment.LinesOnly, each with the lines next
// to it, once Refine has set the fields that depend on the whole file: a
// source may then scan only the lines it has not scanned before.
func (d *Detector) HasStructuredFindings(path string, text []byte) bool {
	if d.keywords == nil || len(text) == 0 || d.PathAllowed(path) {
		return false
	}
	passes := structurePasses(path)
	if passes == 0 {
		return false
	}
	return len(d.scanStructured(path, crToLF(text), passes, nil)) > 0
}

// StructureCache lets HasStructuredFindingsCached skip the made-up lines
// it has scanned before for the same path. The versions of a large YAML,
// JSON or Markdown file in a history share almost all their made-up
// lines, and scanning those is most of what the check costs (moby's
// api/swagger.yaml: over a thousand versions of up to 400 KB).
//
// A made-up line is skipped when the same line, with the same lines
// before and after it, was scanned before for the same path and nothing
// was found starting on it: the detector decides about a line from that
// line and its two neighbours (as the history scan's line cache relies
// on). What is found counts when it lies in a value the file holds, so a
// line's key also holds where its values lie within it and how far their
// places in the file are from each other and from the next line's. A
// cache holds one path at a time and serves one goroutine.
type StructureCache struct {
	seed maphash.Seed
	path string
	seen map[uint64]struct{}
	// Per-text arrays, reused.
	starts []int
	hashes []uint64
	fresh  []bool
}

// maxStructureKeys bounds a cache: past it, it starts again empty.
const maxStructureKeys = 1 << 20

// NewStructureCache returns an empty cache.
func NewStructureCache() *StructureCache {
	return &StructureCache{seed: maphash.MakeSeed(), seen: map[uint64]struct{}{}}
}

// HasStructuredFindingsCached is HasStructuredFindings that scans only the
// made-up lines c has not seen, and remembers them when nothing is found.
// A nil c scans them all.
func (d *Detector) HasStructuredFindingsCached(path string, text []byte, c *StructureCache) bool {
	if c == nil {
		return d.HasStructuredFindings(path, text)
	}
	if d.keywords == nil || len(text) == 0 || d.PathAllowed(path) {
		return false
	}
	passes := structurePasses(path)
	if passes == 0 {
		return false
	}
	lp, _ := d.lineBufs.Get().(*[]sourceLine)
	if lp == nil {
		lp = new([]sourceLine)
	}
	vt := madeUpLines(path, passes, crToLF(text), lp, nil)
	if cap(*lp) <= maxPooledLines {
		d.lineBufs.Put(lp)
	}
	if vt == nil {
		return false
	}
	if c.path != path || len(c.seen) > maxStructureKeys {
		c.path = path
		clear(c.seen)
	}
	// Made-up lines end with a newline: line i is vt.text[starts[i]:starts[i+1]].
	starts := append(c.starts[:0], 0)
	for p := 0; p < len(vt.text); {
		j := bytes.IndexByte(vt.text[p:], '\n')
		if j < 0 {
			p = len(vt.text)
		} else {
			p += j + 1
		}
		starts = append(starts, p)
	}
	n := len(starts) - 1
	// firstOrig[i] is where line i's first value lies in the file.
	hashes := c.hashes[:0]
	var h maphash.Hash
	h.SetSeed(c.seed)
	si := 0 // the first segment not before the current line
	firstOrig := func(i int) (int, bool) {
		k := sort.Search(len(vt.segs), func(k int) bool { return vt.segs[k].vstart >= starts[i] })
		if k < len(vt.segs) && vt.segs[k].vstart < starts[i+1] {
			return vt.segs[k].orig, true
		}
		return 0, false
	}
	var num [8]byte
	put := func(v int) {
		for b := range num {
			num[b] = byte(uint64(v) >> (8 * b))
		}
		h.Write(num[:])
	}
	for i := 0; i < n; i++ {
		h.Reset()
		h.Write(vt.text[starts[i]:starts[i+1]])
		base, has := firstOrig(i)
		for ; si < len(vt.segs) && vt.segs[si].vstart < starts[i+1]; si++ {
			sg := vt.segs[si]
			put(sg.vstart - starts[i])
			put(sg.vend - starts[i])
			put(sg.orig - base)
		}
		if i+1 < n && has {
			if next, ok := firstOrig(i + 1); ok {
				put(next - base)
			}
		}
		hashes = append(hashes, h.Sum64())
	}
	fresh := slices.Grow(c.fresh[:0], n)[:n]
	c.starts, c.hashes, c.fresh = starts, hashes, fresh
	key := func(i int) uint64 {
		prev, next := uint64(0), uint64(0)
		if i > 0 {
			prev = hashes[i-1]
		}
		if i+1 < n {
			next = hashes[i+1]
		}
		return hashes[i]*0x9e3779b97f4a7c15 ^ prev*0xc2b2ae3d27d4eb4f ^ next*0x165667b19e3779f9 ^ uint64(boolToInt(i > 0))<<1 ^ uint64(boolToInt(i+1 < n))
	}
	any := false
	for i := range n {
		_, seen := c.seen[key(i)]
		fresh[i] = !seen
		any = any || !seen
	}
	for i := 0; any && i < n; {
		if !fresh[i] {
			i++
			continue
		}
		// Lines i..j-1 hold the fresh lines of this stretch (as the
		// history's line cache merges them), scanned with a line of
		// context on each side.
		j := i
		for k := i; k < n && k-j <= 8; k++ {
			if fresh[k] {
				j = k + 1
			}
		}
		from, to := max(i-1, 0), min(j+1, n)
		off := starts[from]
		for _, m := range d.scan(path, vt.text[off:starts[to]], 0) {
			m.start += off
			m.end += off
			if m.start < starts[i] || m.start >= starts[j] {
				continue // starts on a line of context
			}
			start, ok := vt.toFile(m.start)
			if !ok {
				continue
			}
			if end, _ := vt.toFile(m.end); end > start {
				return true
			}
		}
		i = j
	}
	for i := range n {
		if fresh[i] {
			c.seen[key(i)] = struct{}{}
		}
	}
	return false
}

// Refine sets the fields of findings that depend on the whole file, not
// on the lines around them: Advice, Context and Severity. A source that
// found them scanning parts of text (fragments with a LineOffset) calls it
// with the whole text.
func (d *Detector) Refine(path string, text []byte, fs []Finding) {
	if len(fs) == 0 {
		return
	}
	raw := crToLF(text)
	advice, class := Advice(path, raw), Classify(path, raw)
	// The starts of lines (0-based) as far as the last finding's.
	last := 0
	for i := range fs {
		last = max(last, fs[i].Line)
	}
	starts := make([]int, 1, last+1)
	for p := 0; len(starts) < last; {
		j := bytes.IndexByte(raw[p:], '\n')
		if j < 0 {
			break
		}
		p += j + 1
		starts = append(starts, p)
	}
	for i := range fs {
		f := &fs[i]
		f.Advice = advice
		pos := 0
		if f.Line >= 1 && f.Line <= len(starts) {
			pos = min(starts[f.Line-1]+max(f.Column-1, 0), len(raw))
		}
		f.Context = classAt(class, path, raw, pos)
		if r := d.Rule(f.RuleID); r != nil {
			f.Severity = ContextSeverity(r.Severity, f.Context)
		}
	}
}

// plistEntry is a key of an Apple property list and the string after it.
var plistEntry = lazyCompile(`<key>([^<\n]{1,100})</key>\s*<string>([^<\n]+)</string>`)

// plistPass reads property lists: <key>WebhookSecret</key> then, on the
// same or the next line, <string>…</string>.
func plistPass(v *virtualText, text []byte) {
	for _, m := range plistEntry.FindAllSubmatchIndex(text, -1) {
		key := string(text[m[2]:m[3]])
		if secretLeaf(key) {
			v.add([]string{key}, ` = "`, text, m[4], m[5])
		}
	}
}

// yamlContinued writes out each double-quoted YAML value continued over
// lines with a backslash at their ends (an escaped line break: the next
// line's leading blanks are dropped), its pieces joined, when its key may
// hold a secret or it is a URL:
//
//	notify: "https://hooks.slack.com/services/T…/B…/\
//	  …"
func yamlContinued(v *virtualText, text []byte, ls []sourceLine) {
	for n := 0; n < len(ls); n++ {
		c := ls[n].content(text)
		if len(c) < 2 || c[len(c)-1] != '\\' || c[len(c)-2] == '\\' {
			continue
		}
		open := openQuote(c)
		if open < 0 {
			continue
		}
		base := ls[n].start + ls[n].indent
		name := "value"
		if key, _, ok := cutKeyBytes(c[:open], ":"); ok {
			name = string(key)
		}
		spans := [][2]int{{base + open + 1, base + len(c) - 1}}
		closed := false
		m := n + 1
		for ; m < len(ls) && m <= n+maxWrapLines && !closed; m++ {
			l := ls[m].content(text)
			s := ls[m].start + ls[m].indent
			if q := closingQuote(l); q >= 0 {
				spans = append(spans, [2]int{s, s + q})
				closed = true
			} else if len(l) > 0 && l[len(l)-1] == '\\' {
				spans = append(spans, [2]int{s, s + len(l) - 1})
			} else {
				break
			}
		}
		if !closed {
			continue
		}
		if secretLeaf(name) || isURLStart(text[spans[0][0]:spans[0][1]]) {
			v.addSpans([]string{name}, ` = "`, text, spans)
		}
		n = m - 1
	}
}

// openQuote returns where the double-quoted string left open at the end
// of line c starts, or -1.
func openQuote(c []byte) int {
	open := -1
	for i := 0; i < len(c); i++ {
		switch {
		case c[i] == '\\' && open >= 0:
			i++
		case c[i] == '"':
			if open < 0 {
				open = i
			} else {
				open = -1
			}
		case c[i] == '#' && open < 0 && (i == 0 || c[i-1] == ' '):
			return -1 // a comment
		}
	}
	return open
}

// closingQuote returns where the first unescaped double quote of l is, or
// -1.
func closingQuote(l []byte) int {
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}
