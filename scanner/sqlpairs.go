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
		label, value := -1, -1
		for i, c := range cols {
			switch {
			case label < 0 && sqlLabelColumn(c):
				label = i
			case value < 0 && sqlValueColumn(c):
				value = i
			}
		}
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
	for _, m := range sqlUpdate.FindAllSubmatchIndex(text, -1) {
		if sqlValueColumn(string(text[m[2]:m[3]])) && sqlLabelColumn(string(text[m[6]:m[7]])) {
			addPair(v, text, string(text[m[8]:m[9]]), " = ", m[4], m[5])
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
