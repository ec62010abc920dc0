package rules_test

import (
	"strings"
	"testing"

	"github.com/hookscan/hookscan/rules"
)

// TestInvalidRegexOneLine checks that a bad regex is reported on one line
// naming the file and the rule, even when the offending expression holds
// a newline (a YAML block scalar) or is very long.
func TestInvalidRegexOneLine(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 5000)
	cases := map[string]string{
		"newline in expression": "rules:\n  - id: acme-hook\n    keywords: [acme]\n    regex: |\n      https://(acme\n      [z-a]\n",
		"long expression":       "rules:\n  - id: acme-hook\n    keywords: [acme]\n    regex: '" + long + "(" + long + "'\n",
		"override":              "overrides:\n  - id: generic-secret-assignment\n    regex: |\n      (x\n      y\n",
		"allow regex":           "rules:\n  - id: acme-hook\n    keywords: [acme]\n    regex: 'acme'\n    allow:\n      regexes:\n        - |\n          [b-a\n          x\n",
	}
	for name, doc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg, err := rules.ParseConfig("custom.yaml", []byte(doc))
			if err == nil {
				base, derr := rules.Defaults()
				if derr != nil {
					t.Fatal(derr)
				}
				_, err = cfg.Apply(base)
			}
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if strings.ContainsAny(msg, "\n\r") {
				t.Errorf("error spans lines: %q", msg)
			}
			if len(msg) > 300 {
				t.Errorf("error is %d bytes long: %.100q...", len(msg), msg)
			}
			if !strings.HasPrefix(msg, "custom.yaml:") || !strings.Contains(msg, `rule "`) {
				t.Errorf("error %q: want the file and the rule named", msg)
			}
		})
	}
}
