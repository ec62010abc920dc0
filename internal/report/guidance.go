package report

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// hintMax bounds the one-line rotation hint, in characters.
const hintMax = 160

var (
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\(([^)\s]*)[^)]*\)`)
	mdAutoLink = regexp.MustCompile(`<(https?://[^>\s]+)>`)
	mdStrong   = regexp.MustCompile("\\*\\*|__|`")
	mdEmphasis = regexp.MustCompile(`(^|[\s(])[*_]([^*_\s](?:[^*_]*[^*_\s])?)[*_]($|[\s).,:;!?])`)
	mdBullet   = regexp.MustCompile(`^[-*+]\s+`)
	mdNumbered = regexp.MustCompile(`^\d+[.)]\s+`)
	mdHeading  = regexp.MustCompile(`^#{1,6}\s+`)
)

// plainText turns rule guidance markdown into plain text, line by line:
// links keep their text (and a bare URL its address), emphasis and code
// marks go, bullets become "- " and numbered steps stay numbered.
func plainText(md string) string {
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, " \t")
		indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		body := strings.TrimLeft(l, " \t")
		body = mdHeading.ReplaceAllString(body, "")
		body = strings.TrimPrefix(body, "> ")
		body = inline(mdBullet.ReplaceAllString(body, "- "))
		lines[i] = indent + body
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// inline strips inline markdown from one line.
func inline(s string) string {
	s = mdLink.ReplaceAllStringFunc(s, func(m string) string {
		sub := mdLink.FindStringSubmatch(m)
		text, href := sub[1], sub[2]
		switch {
		case text == "":
			return href
		case text == href || href == "" || strings.HasPrefix(href, "#"):
			return text
		default:
			return text + " (" + href + ")"
		}
	})
	s = mdAutoLink.ReplaceAllString(s, "$1")
	s = mdStrong.ReplaceAllString(s, "")
	return mdEmphasis.ReplaceAllString(s, "$1$2$3")
}

// rotationHint returns the first paragraph of rule guidance as plain text
// on one line: as many of its sentences as fit in hintMax characters, or
// the first sentence cut short with "…".
func rotationHint(md string) string {
	var para []string
	for l := range strings.SplitSeq(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			if len(para) > 0 {
				break
			}
			continue
		}
		l = mdHeading.ReplaceAllString(l, "")
		l = strings.TrimPrefix(l, "> ")
		l = mdBullet.ReplaceAllString(l, "")
		l = mdNumbered.ReplaceAllString(l, "")
		para = append(para, l)
	}
	s := strings.Join(strings.Fields(inline(strings.Join(para, " "))), " ")
	if utf8.RuneCountInString(s) <= hintMax {
		return s
	}
	hint := ""
	for _, end := range sentenceEnds(s) {
		if utf8.RuneCountInString(s[:end]) > hintMax {
			break
		}
		hint = s[:end]
	}
	if hint == "" {
		hint = truncate(s, hintMax-1) + "…"
	}
	return hint
}

// sentenceEnds returns the byte offsets just after each full stop (or ! or
// ?) that ends a sentence: one followed by a space and an upper-case
// letter, so "e.g. the" and "v1.2" do not count.
func sentenceEnds(s string) []int {
	var ends []int
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(s[i+2:])
			if unicode.IsUpper(r) {
				ends = append(ends, i+1)
			}
		}
	}
	return ends
}

// truncate returns the first n characters of s.
func truncate(s string, n int) string {
	for i := range s {
		if n == 0 {
			return strings.TrimRight(s[:i], " ")
		}
		n--
	}
	return s
}
