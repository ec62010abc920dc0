package scanner

import "strings"

// cutRange splits "BASE..HEAD" or "BASE...HEAD". The three-dot form is
// accepted for habit's sake: the commits reachable from HEAD and not from
// BASE are the same ones either way for what a branch adds.
func cutRange(s string) (base, head string, ok bool) {
	if b, h, found := strings.Cut(s, "..."); found {
		return b, h, true
	}
	if b, h, found := strings.Cut(s, ".."); found {
		return b, h, true
	}
	return "", "", false
}
