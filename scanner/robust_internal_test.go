package scanner

import (
	"encoding/base64"
	"strings"
	"testing"
)

// TestDecodeLinear checks that each byte of hostile text is decoded at most
// once per layer, however many keyword hits share its line.
func TestDecodeLinear(t *testing.T) {
	t.Parallel()
	d, _ := compileDefaults(t)
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	cases := map[string]string{
		"escaped line":      strings.Repeat(`whsec_\/;`, 7000),
		"escaped json":      strings.Repeat(`{"u":"https:\/\/hooks.slack.com\/services\/x"},`, 1500),
		"many keywords":     strings.Repeat(`hooks.slack.com%2Fservices%2F whsec_ discord.com\/api `, 1000),
		"nested base64 run": strings.Repeat(b64(b64("whsec_"+strings.Repeat("a", 40)+" ")), 500),
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			decoded := map[int]int{}
			dd := &Detector{rules: d.rules, compiled: d.compiled, byID: d.byID, keywords: d.keywords, patterns: d.patterns,
				allow: d.allow, maxDepth: d.maxDepth, inline: d.inline, denseSpan: d.denseSpan,
				decoded: func(depth, n int) { decoded[depth] += n }}
			dd.Scan(Fragment{Path: "f.txt", Raw: []byte(text)})
			if decoded[0] == 0 {
				t.Fatal("nothing was decoded")
			}
			for depth, n := range decoded {
				if n > len(text) {
					t.Errorf("layer %d decoded %d bytes of a %d-byte text", depth, n, len(text))
				}
			}
		})
	}
}
