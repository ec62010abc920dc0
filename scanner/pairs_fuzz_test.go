package scanner

import "testing"

// FuzzPairs checks the made-up lines of the one-line pairs pass on any
// text, as each kind of file reads it: every segment copies text that is
// in the file, and every offset of the made-up text maps into the file.
func FuzzPairs(f *testing.F) {
	f.Add([]byte("X = (\n    \"https://a.test/\"\n    \"b\"\n)\n"))
	f.Add([]byte("post(\"https://a.test/\" + 'b' . \"c\" + \\\n  \"d\",\n  \"e\")\n"))
	f.Add([]byte(`{ "name": "HOOK_SECRET", "value": "abc" } settings["hook_token"] = "x"`))
	f.Add([]byte("a.hook=https\\://x\\:1/\\\nENV HOOK_SECRET v\n| `HOOK_SECRET` | `v` |\n- `k`: `v`\n"))
	f.Add([]byte(`buildConfigField("String", "HOOK_SECRET", "\"v\"") <hookSecret><![CDATA[v]]></hookSecret>`))
	f.Add([]byte(`c.webhookSecret("abcdefgh") add_argument("--hook-secret", default="v") X = """v""" Y: &str = r#"v"#;`))
	f.Add([]byte("gh secret set HOOK_SECRET --body v\naws ssm put-parameter --value 'v' --name /a/hook_token\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range []string{"a.go", "a.py", "a.properties", "Dockerfile", "a.md", "a.json"} {
			lits := findPassLiterals(data)
			v := madeUpLines(p, passPairs, data, nil, lits)
			lits.release()
			if v == nil {
				continue
			}
			for _, s := range v.segs {
				if s.orig < 0 || s.vend < s.vstart || s.orig+s.vend-s.vstart > len(data) || s.vend > len(v.text) {
					t.Fatalf("%s: segment %+v out of bounds (text %d, made-up %d)", p, s, len(data), len(v.text))
				}
				if string(v.text[s.vstart:s.vend]) != string(data[s.orig:s.orig+s.vend-s.vstart]) {
					t.Fatalf("%s: segment %+v does not copy the file", p, s)
				}
			}
			for i := 0; i <= len(v.text); i++ {
				if pos, _ := v.toFile(i); pos < 0 || pos > len(data) {
					t.Fatalf("%s: made-up offset %d maps to %d, outside 0..%d", p, i, pos, len(data))
				}
			}
		}
	})
}
