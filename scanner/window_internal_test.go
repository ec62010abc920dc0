package scanner

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/rules"
)

// FuzzWindowStitching compares a scan in windows with a scan of the whole
// text. To fuzz quickly it uses small windows and a small overlap, and
// keeps lines short (a line break every 128 bytes): everything the
// detector looks at around a match stays within the match's line and the
// next, so a 1 KiB overlap covers it as the real one covers long lines.
func FuzzWindowStitching(f *testing.F) {
	slack := "https://hooks.slack.com/services/" + "T0AB12CD3E" + "/" + "B0ZY98XW7V" + "/" + "q8Rk2LmN5pVx7TzW3bYc9HdF"
	whsec := "whsec" + "_" + "Qm9wZ3JhY2VfaG9va3NjYW5fdGVzdF92YWx1ZQ4kP"
	for _, s := range []string{
		"u = " + slack + "\n",
		"STRIPE_WEBHOOK_SECRET=" + whsec + "\n",
		`{"hook":"` + strings.ReplaceAll(slack, "/", `\/`) + `"}` + "\n",
		"webhook_b64: " + base64.StdEncoding.EncodeToString([]byte(slack)) + "\n",
		`whsec_\/;`,
	} {
		f.Add([]byte(s), uint16(300))
	}
	rs, err := rules.Defaults()
	if err != nil {
		f.Fatal(err)
	}
	d, err := Compile(rs, Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, unit []byte, size uint16) {
		if len(unit) == 0 || len(unit) > 2048 {
			return
		}
		text := bytes.Repeat(bytes.ReplaceAll(unit, []byte{'\r'}, []byte{' '}), 6<<10/len(unit)+1)
		for i := 127; i < len(text); i += 128 {
			text[i] = '\n'
		}
		key := func(fs []Finding) string {
			var b strings.Builder
			for _, f := range fs {
				fmt.Fprintf(&b, "%s %d:%d-%d:%d %q %s\n", f.RuleID, f.Line, f.Column, f.EndLine, f.EndColumn, f.Secret, f.DecodedFrom)
			}
			return b.String()
		}
		whole := key(d.Scan(Fragment{Path: "f.txt", Raw: text}))
		got, _, _, err := d.scanWindows(Fragment{Path: "f.txt"}, bytes.NewReader(text), 1024+int(size)%3072, 1<<10)
		if err != nil {
			t.Fatal(err)
		}
		if w := key(got); w != whole {
			t.Errorf("windows of %d bytes differ from the whole text:\nwhole:\n%s\nwindowed:\n%s", 1024+int(size)%3072, whole, w)
		}
	})
}
