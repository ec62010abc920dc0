package scanner_test

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/internal/scantest"
	"github.com/hookscan/hookscan/scanner"
)

// escapedLine is the hostile input: a keyword and an escaped slash every
// nine bytes on one line.
func escapedLine(n int) string { return strings.Repeat(`whsec_\/;`, n) }

func TestScanEscapedLongLine(t *testing.T) {
	t.Parallel()
	d := testDetector(t)
	pad := escapedLine(3500)
	text := pad + `"` + strings.ReplaceAll(slackURL, "/", `\/`) + `"` + pad + "\n"
	fs := d.Scan(scanner.Fragment{Path: "f.json", Raw: []byte(text)})
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1", len(fs))
	}
	if f := fs[0]; f.Secret != slackURL || f.DecodedFrom != "json-escape" || f.Line != 1 || f.Column != len(pad)+2 {
		t.Errorf("finding %s from %q at %d:%d, want the decoded URL at 1:%d", f.RuleID, f.DecodedFrom, f.Line, f.Column, len(pad)+2)
	}
}

func TestScanNestedWithoutKeyword(t *testing.T) {
	t.Parallel()
	d := defaultDetector(t)
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	zapier := "https://hooks.zapier.com/hooks/" + "catch/" + "4827361" + "/" + "b7Qx2kLp9"
	cases := []struct {
		name, text, secret, decodedFrom string
	}{
		{"base64 of base64 url", "v: " + b64(b64(slackURL)) + "\n", slackURL, "base64>base64"},
		{"base64 of base64 whsec", "v: " + b64(b64(whsec)) + "\n", whsec, "base64>base64"},
		{"base64 of percent", "v: " + b64("u="+url.QueryEscape(zapier)) + "\n", zapier, "base64>percent"},
	}
	// A rule whose only keyword holds a slash: percent-encoding leaves no
	// keyword in plain sight, so only the nested shape finds it.
	d2 := compilePack(t, "slash.yaml", strings.Replace(scantest.Pack, "keywords: [hooks.slack.com]", "keywords: [hooks.slack.com/services/]", 1))
	fs := d2.Scan(scanner.Fragment{Path: "values.yaml", Raw: []byte("v: " + b64("u="+url.QueryEscape(slackURL)) + "\n")})
	if len(fs) != 1 || fs[0].Secret != slackURL || fs[0].DecodedFrom != "base64>percent" {
		t.Errorf("base64 of percent with a slashed keyword: got %d findings, want the URL from base64>percent", len(fs))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := d.Scan(scanner.Fragment{Path: "values.yaml", Raw: []byte(c.text)})
			if len(fs) != 1 {
				t.Fatalf("got %d findings, want 1", len(fs))
			}
			if fs[0].Secret != c.secret || fs[0].DecodedFrom != c.decodedFrom || fs[0].Column != 4 {
				t.Errorf("got %s from %q at column %d, want the secret from %q at 4", fs[0].RuleID, fs[0].DecodedFrom, fs[0].Column, c.decodedFrom)
			}
		})
	}
}

func TestScanCROnlyLines(t *testing.T) {
	t.Parallel()
	d := testDetector(t)
	text := "a=1\rb=2\rSLACK=" + slackURL + "\rc=3\r"
	fs := d.Scan(scanner.Fragment{Path: "old.cfg", Raw: []byte(text)})
	if len(fs) != 1 || fs[0].Line != 3 || fs[0].Column != 7 {
		t.Fatalf("got %+v, want one finding at 3:7", fs)
	}
	if strings.ContainsAny(fs[0].LineText, "\r\n") || !strings.HasPrefix(fs[0].LineText, "SLACK=") {
		t.Errorf("line text %q", fs[0].LineText)
	}
}
