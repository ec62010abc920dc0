package scanner

import (
	"bytes"
	"testing"
)

// checkPairGates fails when an expression of pairPass matches text that
// its gate says it cannot, and returns how many gates let text through.
func checkPairGates(t *testing.T, text []byte) int {
	t.Helper()
	open := 0
	lits := findPassLiterals(text)
	defer lits.release()
	leaders := leadersOf(text, lits)
	for _, g := range []struct {
		re   *lazyRegexp
		gate bool
	}{
		{pairDefine, leaders.define},
		{pairHeaderDirective, leaders.directive},
		{pairShellSet, leaders.shellSet},
		{pairHeaderMap, bytes.Contains(text, []byte(":["))},
		{pairTripleNextLine, opensTripleQuoted(text, lits)},
		{pairArrow, arrowsQuoted(text)},
		{pairWrappedLiteral, assignsWrapped(text)},
	} {
		if g.gate {
			open++
		} else if g.re.Match(text) {
			t.Fatalf("%q matches %s, but its gate is shut", text, g.re)
		}
	}
	return open
}

func TestPairGates(t *testing.T) {
	for _, c := range []struct {
		text string
		open int
	}{
		{"#define HOOK_SECRET \"abcdefgh\"\n", 1},
		{"  # define X L\"v\"", 1},
		{"x\n\t#\tdefine Y u8\"v\"\n", 1},
		{"add_header X-Token \"abc\";\nproxy_set_header X-Key abc;", 1},
		{"RequestHeader set X-Key \"abc\"\n  SetEnv HOOK_TOKEN abcdefgh", 1},
		{"HOOK_SECRET = \"\"\"\nabcdefgh12\"\"\"", 1},
		{"hook_secret='''\\ \r\n  abcdefgh12'''", 1},
		{"#define A \"a\"\nB = '''\nabcdefgh12'''\nSetEnv A b", 3},
		{`mapOf("hook_secret" to "abcdefgh")`, 1},
		{"set -gx HOOK_SECRET abcdefgh\n", 1},
		{"x\n  setenv HOOK_SECRET 'abcdefgh'", 1},
		{"log: map[X-Webhook-Secret:[abcdefgh]]", 1},
		{"settings := map[string]int{}\nreset(x)\n\tsetX(1)", 0},
		{`Map("hook_secret"->'abcdefgh')`, 1},
		{`let s: String = String::from("abcdefgh");`, 1},
		{"val HookSecret = s\"abcdefgh\"\nx: raw\"v\"", 1},
		{`fmt.Printf("%s", x) // go to "x"`, 0},
		{`"a" to b; a -> "b"; x = fs"v"`, 0},
		// What source files hold: none of these can match.
		{"// the value is defined below\nx := `\"\"\"`\ns := \"'''\" + y", 0},
		{"a # define b\nfoo add_header\nx = \"\"\" y\n", 0},
		{"x = f(\"\"\"\nabc\"\"\")  // = '''x\n", 0},
	} {
		if got := checkPairGates(t, []byte(c.text)); got != c.open {
			t.Errorf("%q: %d gates open, want %d", c.text, got, c.open)
		}
	}
}

func FuzzPairGates(f *testing.F) {
	f.Add([]byte("#define HOOK_SECRET \"abcdefgh\"\n"))
	f.Add([]byte("x\n  proxy_set_header X-Key abc;\n"))
	f.Add([]byte("HOOK_SECRET = \"\"\"\\\r\nabcdefgh12\"\"\""))
	f.Add([]byte("a = '''\n  abcdefgh'''"))
	f.Fuzz(func(t *testing.T, data []byte) { _ = checkPairGates(t, data) })
}
