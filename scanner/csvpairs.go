package scanner

import "bytes"

// csvPairs writes out the values of a CSV or TSV export under the names
// of their columns, when the header names a column that may hold a
// secret: name,url,signing_secret / orders,https://…,<secret>. Fields are
// split at the header's delimiter (a comma, else a tab or a semicolon);
// a quoted field may hold the delimiter ("a,b"), not a line break.
func csvPairs(v *virtualText, text []byte) {
	hs, he := 0, bytes.IndexByte(text, '\n')
	if he < 0 {
		he = len(text)
	}
	header := bytes.TrimRight(text[hs:he], "\r")
	delim := byte(',')
	if bytes.IndexByte(header, ',') < 0 {
		delim = '\t'
		if bytes.IndexByte(header, '\t') < 0 {
			delim = ';'
		}
	}
	var names []string
	secret := false
	for _, f := range csvFields(header, delim) {
		name := string(bytes.Trim(header[f[0]:f[1]], `" `))
		names = append(names, name)
		secret = secret || secretLeaf(name)
	}
	if !secret || len(names) < 2 {
		return
	}
	for ls := he + 1; ls < len(text); {
		le := bytes.IndexByte(text[ls:], '\n')
		if le < 0 {
			le = len(text)
		} else {
			le += ls
		}
		row := bytes.TrimRight(text[ls:le], "\r")
		for i, f := range csvFields(row, delim) {
			if i >= len(names) || f[1] <= f[0] || !secretLeaf(names[i]) {
				continue
			}
			vs, ve := ls+f[0], ls+f[1]
			if text[vs] == '"' && ve-vs >= 2 && text[ve-1] == '"' {
				vs, ve = vs+1, ve-1
			}
			v.add([]string{names[i]}, ` = "`, text, vs, ve)
		}
		ls = le + 1
	}
}

// csvFields returns the bounds of the fields of one line, split at delim
// outside double quotes.
func csvFields(line []byte, delim byte) [][2]int {
	var out [][2]int
	start, quoted := 0, false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"':
			quoted = !quoted
		case c == delim && !quoted:
			out = append(out, [2]int{start, i})
			start = i + 1
		}
	}
	return append(out, [2]int{start, len(line)})
}
