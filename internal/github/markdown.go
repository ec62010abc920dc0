package github

import (
	"net/url"
	"strings"
)

// code returns s as a Markdown code span, which GitHub shows literally:
// no formatting, no @-mentions, no links. Newlines become spaces.
func code(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	if s == "" {
		return "` `"
	}
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// text escapes s for Markdown running text: it shows as written, with no
// formatting, HTML or mention. Table cells also need cell.
func text(s string) string {
	var b strings.Builder
	for _, r := range strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s) {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '~', '!', '@', '&':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cell makes Markdown safe inside a table cell: GitHub splits rows at
// every unescaped |, even inside a code span, and unescapes \| before it
// reads the cell's Markdown.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// row writes a table row of Markdown cells.
func row(cells ...string) string {
	for i, c := range cells {
		cells[i] = cell(c)
	}
	return "| " + strings.Join(cells, " | ") + " |"
}

// link writes [label](href), or the label alone when href is empty.
// label must already be Markdown.
func link(label, href string) string {
	if href == "" {
		return label
	}
	return "[" + label + "](" + strings.NewReplacer("(", "%28", ")", "%29", " ", "%20").Replace(href) + ")"
}

// markerValue makes s safe inside an HTML comment marker: no spaces, and
// never "-->".
func markerValue(s string) string { return url.QueryEscape(s) }

// clip cuts s to at most n bytes on a line boundary, ending it with note.
func clip(s string, n int, note string) string {
	if len(s) <= n {
		return s
	}
	room := n - len(note) - 1
	if room <= 0 {
		return ""
	}
	cut := strings.LastIndexByte(s[:room], '\n')
	if cut < 0 {
		return ""
	}
	return s[:cut] + "\n" + note
}
