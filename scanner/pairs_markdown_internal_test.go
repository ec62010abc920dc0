package scanner

import (
	"reflect"
	"testing"
)

// markdownPairsWhole is markdownPairs as the expressions read the whole
// text at once: what the line-by-line pass must write.
func markdownPairsWhole(v *virtualText, text []byte) {
	for _, re := range []*lazyRegexp{pairTableRow, pairListItem} {
		for _, m := range re.FindAllSubmatchIndex(text, -1) {
			addPair(v, text, string(text[m[2]:m[3]]), ` = "`, m[4], m[5])
		}
	}
}

// checkMarkdownPairs compares both ways on text and returns how many
// made-up lines they wrote.
func checkMarkdownPairs(t *testing.T, text []byte) int {
	t.Helper()
	var got, want virtualText
	markdownPairs(&got, text)
	markdownPairsWhole(&want, text)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("markdown %q:\ngot  %q %v\nwant %q %v", text, got.text, got.segs, want.text, want.segs)
	}
	return len(want.segs)
}

func TestMarkdownPairs(t *testing.T) {
	hook := "hook" + "_secret"
	pairs := 0
	for _, text := range []string{
		"",
		"| `" + hook + "` | `abcdefgh12` |\n",
		"  | " + hook + " | abcdefgh12 |\r\n| x |\n|" + hook + "|`abcdefgh12`|",
		"- `" + hook + "`: `abcdefgh12`\n\t* " + hook + " = `abcdefgh12`\n+ " + hook + ":`abcdefgh12`",
		"text | " + hook + " | abcdefgh12 |\nnot - " + hook + ": `abcdefgh12`\n\n\n- \n|",
		"| a | b |\n|---|---|\n| " + hook + " | `abcdefgh12` | more |\n- " + hook + ": `abcdefgh12` - " + hook + ": `abcdefgh34`\n",
	} {
		pairs += checkMarkdownPairs(t, []byte(text))
	}
	if pairs < 8 {
		t.Fatalf("%d made-up lines in all, want at least 8", pairs)
	}
}

func FuzzMarkdownPairs(f *testing.F) {
	f.Add([]byte("| `hook_secret` | `abcdefgh12` |\n- `api_token`: `abcdefgh12`\n"))
	f.Add([]byte(" \t| webhook_token | v12345678 |\r\n* x_secret = `12345678`"))
	f.Fuzz(func(t *testing.T, data []byte) { _ = checkMarkdownPairs(t, data) })
}
