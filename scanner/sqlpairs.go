package scanner

import (
	"bytes"
	"strings"
)

// sqlInsert matches the head of an INSERT (or MySQL's REPLACE) statement
// up to its VALUES: the table is group 1, its column list, when the
// statement has one, group 2.
var sqlInsert = lazyCompile("(?i)\\b(?:insert|replace)[ \\t\\r\\n]+(?:ignore[ \\t\\r\\n]+)?into[ \\t\\r\\n]+([\\w.\"`\\[\\]]+)[ \\t\\r\\n]*(?:\\(([^()]{1,1000})\\)[ \\t\\r\\n]*)?values[ \\t\\r\\n]*")

// sqlCreate matches the head of a CREATE TABLE up to the parenthesis
// that opens its definitions: the table is group 1.
var sqlCreate = lazyCompile("(?i)\\bcreate[ \\t\\r\\n]+(?:temporary[ \\t\\r\\n]+)?table[ \\t\\r\\n]+(?:if[ \\t]+not[ \\t]+exists[ \\t\\r\\n]+)?([\\w.\"`\\[\\]]+)[ \\t\\r\\n]*\\(")

// sqlUpdate matches an UPDATE whose SET assignments (group 1) are of the
// row a WHERE names (group 2 the column, 3 the name): UPDATE settings SET
// value = '…', updated_at = now() WHERE key = 'api_token'.
var sqlUpdate = lazyCompile(`(?i)\bupdate[ \t]+[\w."` + "`" + `]+[ \t]+set[ \t]+([^;\n]{1,500}?)[ \t]+where[ \t]+(\w+)[ \t]*=[ \t]*'([^'\n]{3,100})'`)

// sqlSet matches one assignment of a SET clause to a quoted string: group
// 1 the column, 2 the value with its quotes.
var sqlSet = lazyCompile(`(?:^|,)[ \t]*[\x60"]?(\w+)[\x60"]?[ \t]*=[ \t]*('(?:[^'\n]|'')*')`)

// sqlPairs writes out the values of SQL statements under their columns'
// names: an INSERT's values under its column list, and rows of settings
// tables (key, value) under the key they hold.
//
// An INSERT without a column list (mysqldump writes them so) takes the
// columns of the table's CREATE TABLE in the same file; without one, a
// quoted name followed by a quoted value in a row is read as a settings
// row: ('stripe_webhook_secret', '…').
func sqlPairs(v *virtualText, text []byte) {
	var tables map[string][]string
	for _, m := range sqlInsert.FindAllSubmatchIndex(text, -1) {
		var cols []string
		if m[4] >= 0 {
			cols = sqlColumns(text[m[4]:m[5]])
		} else {
			if tables == nil {
				tables = sqlTables(text)
			}
			cols = tables[sqlTableName(text[m[2]:m[3]])]
		}
		label, value := sqlLabelValue(cols)
		pos := m[1]
		for tuples := 0; tuples < maxSQLTuples; tuples++ {
			vals, end, ok := sqlTuple(text, pos)
			if !ok {
				break
			}
			for i, val := range vals {
				if i < len(cols) && val[0] >= 0 {
					addPair(v, text, cols[i], " = ", val[0], val[1])
				}
			}
			if label >= 0 && value >= 0 && label < len(vals) && value < len(vals) && vals[label][0] >= 0 && vals[value][0] >= 0 {
				l := vals[label]
				addPair(v, text, string(text[l[0]+1:l[1]-1]), " = ", vals[value][0], vals[value][1])
			} else if cols == nil {
				for i := 0; i+1 < len(vals); i++ {
					l, r := vals[i], vals[i+1]
					if l[0] >= 0 && r[0] >= 0 && sqlSettingName(text[l[0]+1:l[1]-1]) {
						addPair(v, text, string(text[l[0]+1:l[1]-1]), " = ", r[0], r[1])
					}
				}
			}
			pos = skipSQLBlanks(text, end)
			if pos >= len(text) || text[pos] != ',' {
				break
			}
			pos++
		}
	}
	copyRows(v, text)
	for _, m := range sqlUpdate.FindAllSubmatchIndex(text, -1) {
		if !sqlLabelColumn(string(text[m[4]:m[5]])) {
			continue
		}
		set := text[m[2]:m[3]]
		for _, a := range sqlSet.FindAllSubmatchIndex(set, -1) {
			if sqlValueColumn(string(set[a[2]:a[3]])) {
				addPair(v, text, string(text[m[6]:m[7]]), " = ", m[2]+a[4], m[2]+a[5])
			}
		}
	}
}

// sqlTables reads the column names of each CREATE TABLE in text, by
// table (sqlTableName); constraints and indexes are not columns.
func sqlTables(text []byte) map[string][]string {
	tables := map[string][]string{}
	for _, m := range sqlCreate.FindAllSubmatchIndex(text, -1) {
		var cols []string
		depth, start := 0, m[1]
	defs:
		for i := m[1]; i < len(text) && i-m[1] < maxSQLCreate; i++ {
			switch text[i] {
			case '\'', '"', '`':
				e, closed := sqlStringEnd(text, i)
				if !closed {
					break defs
				}
				i = e - 1
			case '(':
				depth++
			case ')', ',':
				if depth > 0 {
					if text[i] == ')' {
						depth--
					}
					continue
				}
				if c := sqlDefinedColumn(text[start:i]); c != "" {
					cols = append(cols, c)
				}
				start = i + 1
				if text[i] == ')' {
					tables[sqlTableName(text[m[2]:m[3]])] = cols
					break defs
				}
			case ';':
				break defs
			}
		}
	}
	return tables
}

// maxSQLCreate bounds the bytes read of one CREATE TABLE's definitions.
const maxSQLCreate = 64 << 10

// sqlDefinedColumn returns the column a CREATE TABLE definition declares,
// or "" for a constraint or an index.
func sqlDefinedColumn(def []byte) string {
	def = bytes.TrimSpace(def)
	if len(def) == 0 {
		return ""
	}
	if q := def[0]; q == '`' || q == '"' || q == '[' {
		end := q
		if q == '[' {
			end = ']'
		}
		if i := bytes.IndexByte(def[1:], end); i > 0 {
			return string(def[1 : 1+i])
		}
		return ""
	}
	n := 0
	for n < len(def) && (def[n] == '_' || def[n] >= '0' && def[n] <= '9' || def[n]|0x20 >= 'a' && def[n]|0x20 <= 'z') {
		n++
	}
	switch strings.ToLower(string(def[:n])) {
	case "", "primary", "key", "unique", "index", "constraint", "foreign", "check", "fulltext", "spatial", "exclude", "like":
		return ""
	}
	return string(def[:n])
}

// sqlTableName is a table's name without quotes, brackets or schema,
// lower-cased, as an INSERT and a CREATE TABLE may spell it differently.
func sqlTableName(name []byte) string {
	s := strings.ToLower(strings.NewReplacer("`", "", "\"", "", "[", "", "]", "").Replace(string(name)))
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// sqlSettingName reports whether a row's quoted value reads as the name
// of a setting, as in a settings table's (key, value) rows: a word of
// letters, digits, '_', '.' and '-', at most 80 bytes long.
func sqlSettingName(s []byte) bool {
	if len(s) < 3 || len(s) > 80 {
		return false
	}
	for _, c := range s {
		if !(c == '_' || c == '.' || c == '-' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z') {
			return false
		}
	}
	return true
}

// sqlLabelValue returns the indices of the columns that name a settings
// row and hold its value, or -1.
func sqlLabelValue(cols []string) (label, value int) {
	label, value = -1, -1
	for i, c := range cols {
		switch {
		case label < 0 && sqlLabelColumn(c):
			label = i
		case value < 0 && sqlValueColumn(c):
			value = i
		}
	}
	return label, value
}

// sqlCopy matches the head of a COPY … FROM stdin, as pg_dump writes a
// table's rows: the column list is group 1; the rows follow, one a line,
// their fields separated by tabs, up to a line holding \.
var sqlCopy = lazyCompile(`(?im)^copy[ \t]+[\w."]+[ \t]*\(([^()\n]{1,1000})\)[ \t]+from[ \t]+stdin;[ \t]*\r?\n`)

// copyRows writes out the fields of COPY rows under their columns' names
// (\N is NULL), as sqlPairs does an INSERT's values.
func copyRows(v *virtualText, text []byte) {
	for _, m := range sqlCopy.FindAllSubmatchIndex(text, -1) {
		cols := sqlColumns(text[m[2]:m[3]])
		label, value := sqlLabelValue(cols)
		var fields [][2]int
		for pos, rows := m[1], 0; pos < len(text) && rows < maxSQLTuples; rows++ {
			end := len(text)
			if i := bytes.IndexByte(text[pos:], '\n'); i >= 0 {
				end = pos + i
			}
			line := bytes.TrimSuffix(text[pos:end], []byte("\r"))
			if string(line) == `\.` {
				break
			}
			fields = fields[:0]
			for start := pos; ; {
				i := bytes.IndexByte(line[start-pos:], '\t')
				if i < 0 {
					fields = append(fields, [2]int{start, pos + len(line)})
					break
				}
				fields = append(fields, [2]int{start, start + i})
				start += i + 1
			}
			null := func(f [2]int) bool { return f[0] == f[1] || string(text[f[0]:f[1]]) == `\N` }
			for i, f := range fields {
				if i < len(cols) && !null(f) {
					addPair(v, text, cols[i], " = ", f[0], f[1])
				}
			}
			if label >= 0 && value >= 0 && label < len(fields) && value < len(fields) && !null(fields[label]) && !null(fields[value]) {
				l := fields[label]
				addPair(v, text, string(text[l[0]:l[1]]), " = ", fields[value][0], fields[value][1])
			}
			pos = end + 1
		}
	}
}

// maxSQLTuples bounds the rows read after one INSERT's VALUES.
const maxSQLTuples = 10000

// sqlColumns splits a column list, without quotes or brackets.
func sqlColumns(list []byte) []string {
	var out []string
	for _, c := range bytes.Split(list, []byte(",")) {
		out = append(out, strings.Trim(string(bytes.TrimSpace(c)), "\"`[]"))
	}
	return out
}

// sqlLabelColumn reports whether a column names a settings row; and
// sqlValueColumn whether it holds the row's value.
func sqlLabelColumn(c string) bool {
	switch strings.ToLower(c) {
	case "key", "name", "setting", "setting_key", "setting_name", "config_key", "option_name", "variable", "param", "parameter":
		return true
	}
	return false
}

func sqlValueColumn(c string) bool {
	switch strings.ToLower(c) {
	case "value", "val", "setting_value", "config_value", "option_value":
		return true
	}
	return false
}

// sqlTuple reads a parenthesised list of values at pos: each value's
// span when it is a quoted string (quotes included), {-1, -1} otherwise,
// and where the list ends.
func sqlTuple(text []byte, pos int) (vals [][2]int, end int, ok bool) {
	pos = skipSQLBlanks(text, pos)
	if pos >= len(text) || text[pos] != '(' {
		return nil, pos, false
	}
	pos++
	for {
		pos = skipSQLBlanks(text, pos)
		if pos >= len(text) {
			return nil, pos, false
		}
		val := [2]int{-1, -1}
		if q := text[pos]; q == '\'' || q == '"' {
			e, closed := sqlStringEnd(text, pos)
			if !closed {
				return nil, e, false
			}
			val = [2]int{pos, e}
			pos = e
		} else {
			// A number, NULL, a call: up to the next comma or close at
			// this depth.
			depth := 0
		scan:
			for ; pos < len(text); pos++ {
				switch text[pos] {
				case '(':
					depth++
				case ')':
					if depth == 0 {
						break scan
					}
					depth--
				case ',':
					if depth == 0 {
						break scan
					}
				case ';':
					return nil, pos, false
				case ' ', '\t', '\r', '\n':
					if depth == 0 {
						break scan
					}
				}
			}
		}
		vals = append(vals, val)
		pos = skipSQLBlanks(text, pos)
		if pos >= len(text) {
			return nil, pos, false
		}
		switch text[pos] {
		case ',':
			pos++
		case ')':
			return vals, pos + 1, true
		default:
			return nil, pos, false
		}
	}
}

// sqlStringEnd returns where the string quoted at pos ends (after its
// closing quote; a doubled or backslashed quote is part of it), and
// whether it is closed on its line.
func sqlStringEnd(text []byte, pos int) (int, bool) {
	q := text[pos]
	for i := pos + 1; i < len(text); i++ {
		switch text[i] {
		case '\\':
			i++
		case '\n':
			return i, false
		case q:
			if i+1 < len(text) && text[i+1] == q {
				i++
				continue
			}
			return i + 1, true
		}
	}
	return len(text), false
}

func skipSQLBlanks(text []byte, pos int) int {
	for pos < len(text) && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r' || text[pos] == '\n') {
		pos++
	}
	return pos
}
