package scanner

import (
	"bytes"
	"testing"

	"github.com/hookscan/hookscan/rules"
)

func FuzzUnescape(f *testing.F) {
	for _, s := range []string{`https:\/\/hooks`, "a%2Fb%3a", `\u002f\u00e9`, "%", `\u12`, "%%2", `https:\x2F\x2`, "a&#x2F;b&#47;c&sol;&amp&#;&#x;&#1234567;"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, offsets, kind := unescape(data)
		if out == nil {
			if kind != "" {
				t.Fatal("kind without output")
			}
			return
		}
		if len(offsets) != len(out)+1 || int(offsets[len(out)]) != len(data) {
			t.Fatalf("offsets %d for %d bytes", len(offsets), len(out))
		}
		for i := 1; i < len(offsets); i++ {
			if offsets[i] < offsets[i-1] || int(offsets[i]) > len(data) {
				t.Fatalf("offsets not monotonic at %d", i)
			}
		}
	})
}

func FuzzDecodeBase64(f *testing.F) {
	f.Add([]byte("aHR0cHM6Ly9ob29rcy5zbGFjay5jb20v"))
	f.Add([]byte("aGVsbG8gd29ybGQ-_"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if out := decodeBase64(data); out != nil && !mostlyPrintable(out) {
			t.Fatal("returned binary")
		}
		s, e := base64Run(data, len(data)/2)
		if s < 0 || e > len(data) || s > e {
			t.Fatalf("run %d..%d of %d", s, e, len(data))
		}
	})
}

const fuzzPack = `
rules:
  - id: url
    keywords: [hooks.example.test]
    regex: 'https://hooks\.example\.test/([A-Za-z0-9]{16,})'
  - id: ctx
    keywords: [secret]
    regex: '(?i)(?P<key>\w*secret\w*)\s*[:=]\s*["'']?(?P<secret>[\w+/=-]{12,})'
`

func FuzzScan(f *testing.F) {
	rs, err := rules.ParsePack("fuzz.yaml", []byte(fuzzPack))
	if err != nil {
		f.Fatal(err)
	}
	d, err := Compile(rs, Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte("x = https://hooks.example.test/AbCdEfGh12345678\n"))
	f.Add([]byte("SECRET=aGVsbG8gd29ybGQgdGhpcyBpcyBh\n"))
	f.Add([]byte("u=https%3A%2F%2Fhooks.example.test%2FAbCdEfGh12345678"))
	f.Add([]byte("aHR0cHM6Ly9ob29rcy5leGFtcGxlLnRlc3QvQWJDZEVmR2gxMjM0NTY3OA=="))
	f.Add([]byte("\xff\xfesecret: \xc3(\n" + string(bytes.Repeat([]byte("{["), 1000))))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, fd := range d.Scan(Fragment{Path: "f", Raw: data}) {
			if fd.Line < 1 || fd.Column < 1 || fd.EndLine < fd.Line || fd.Secret == "" {
				t.Fatalf("bad finding %+v", fd)
			}
		}
	})
}
