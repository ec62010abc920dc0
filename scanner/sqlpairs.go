package scanner

import (
	"bytes"
	"strings"
)

// sqlInsert matches the head of an INSERT statement up to its VALUES:
// the table's column list is group 1.
var sqlInsert = lazyCompile("(?i)\\binsert[ \\t\\r\\n]+(?:ignore[ \\t\\r\\n]+)?into[ \\t\\r\\n]+[\\w.\"`\\[\\]]+[ \\t\\r\\n]*\\(([^()]{1,1000})\\)[ \\t\\r\\n]*values[ \\t\\r\\n]*")

// sqlUpdate matches an UPDATE that sets one column where another names
// the row: UPDATE settings SET value = '…' WHERE key = 'api_token'.
var sqlUpdate = lazyCompile(`(?i)\bupdate[ \t]+[\w."` + "`" + `]+[ \t]+set[ \t]+(\w+)[ \t]*=[ \t]*('(?:[^'\n]|'')*')[ \t]+where[ \t]+(\w+)[ \t]*=[ \t]*'([^'\n]{3,100})'`)

// sqlPairs writes out the values of SQL statements under their columns'
// names: an INSERT's values under its column list, and rows of settings
// tables (key, value) under the key they hold.
func sqlPairs(v *virtualText, text []byte) {
	for _, m := range sqlInsert.FindAllSubmatchIndex(text, -1) {
		cols := sqlColumns(text[m[2]:m[3]])
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
		if sqlValueColumn(string(text[m[2]:m[3]])) && sqlLabelColumn(string(text[m[6]:m[7]])) {
			addPair(v, text, string(text[m[8]:m[9]]), " = ", m[4], m[5])
		}
	}
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
