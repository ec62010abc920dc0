package scanner_test

import (
	"testing"

	"github.com/hookscan/hookscan/internal/scantest"
	"github.com/hookscan/hookscan/scanner"
)

// TestProviderObjects finds the keys of a dictionary, hash or object named
// after a provider in source code, whatever the key's place in it, with
// the provider's rule: the key's name alone (app_key, routingKey) does not
// say whose it is.
func TestProviderObjects(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	hex32 := "6f5da2ce" + "c255404e4fb440034d660869"
	hex40 := "7a8d41be" + "d440e50454f31af3176813e02ea68ef7"
	uuid := "8a160d1c" + "-f407-4303-9b1e-5c2d7a9e4f01"
	cases := []oneFinding{
		{"python dict, second key", "settings.py",
			"DATADOG = {\n    \"api_key\": os.environ[\"DD_API_KEY\"],\n    \"app_key\": \"" + hex40 + "\",\n}\n",
			"datadog-application-key", hex40, 3},
		{"python dict named with a suffix", "settings.py",
			"datadog_config = {\n    \"site\": \"datadoghq.eu\",\n    \"app_key\": \"" + hex40 + "\",\n}\n",
			"datadog-application-key", hex40, 3},
		{"python dict() call", "alerts.py",
			"PAGERDUTY = dict(\n    service=\"checkout\",\n    routing_key=\"" + hex32 + "\",\n)\n",
			"pagerduty-events-routing-key", hex32, 3},
		{"ruby hash", "config/initializers/datadog.rb",
			"DATADOG = {\n  site: 'datadoghq.com',\n  app_key: '" + hex40 + "',\n}\n",
			"datadog-application-key", hex40, 3},
		{"php array under a quoted key", "config/services.php",
			"<?php\nreturn ['opsgenie' => array('region' => 'eu', 'api_key' => '" + uuid + "')];\n",
			"opsgenie-api-key", uuid, 2},
		{"typescript nested object", "src/config.ts",
			"export const config = {\n  pagerduty: {\n    service: 'api',\n    routingKey: '" + hex32 + "',\n  },\n};\n",
			"pagerduty-events-routing-key", hex32, 4},
		{"go map literal", "creds.go",
			"package x\n\nvar creds = map[string]map[string]string{\n\t\"datadog\": {\n\t\t\"region\": \"us5\",\n\t\t\"app_key\": \"" + hex40 + "\",\n\t},\n}\n",
			"datadog-application-key", hex40, 6},
	}
	expectOneFinding(t, d, cases)

	// Not secrets, or not a provider's object: nothing, or no more than
	// the key's own line says.
	for _, c := range []struct{ name, path, text string }{
		{"values from the environment", "settings.py",
			"DATADOG = {\n    \"site\": \"datadoghq.com\",\n    \"app_key\": os.environ[\"DD_APP_KEY\"],\n}\n"},
		{"placeholder", "settings.py",
			"DATADOG = {\n    \"site\": \"datadoghq.com\",\n    \"app_key\": \"<your-application-key>\",\n}\n"},
		{"keys that hold no secret", "settings.py",
			"DATADOG = {\n    \"host\": \"" + hex40 + "\",\n}\n"},
		{"object named after nothing", "settings.py",
			"METRICS = {\n    \"site\": \"example\",\n    \"app_key\": \"" + hex40 + "\",\n}\n"},
	} {
		for _, f := range d.Scan(scanner.Fragment{Path: c.path, Raw: []byte(c.text)}) {
			if f.RuleID == "datadog-application-key" {
				t.Errorf("%s: reported %s at line %d", c.name, f.RuleID, f.Line)
			}
		}
	}
}
