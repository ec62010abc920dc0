package scanner_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/internal/scantest"
	"github.com/hookscan/hookscan/scanner"
)

// TestValueBelowItsName finds values whose name is on an earlier line:
// a Terraform variable's default, nested YAML, JSON and HCL, a YAML value
// on the next line or in a block scalar, and a key in a TOML table. Each
// finding is on the value's line and holds the value alone.
func TestValueBelowItsName(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	// Random-looking values built at run time: hex for Slack, mixed case
	// for the rest.
	hex32 := strings.Repeat("3f9a0c7e", 4)[:4] + "b1d25e8c47a6f03d9e2b7c5a18f4d6e"[:28]
	mixed := "Qm7" + "xZ2pL9vK4tR8wN3bH6cJ5dF1gS0aYeU"
	sid := "AC" + "7b3e9f1c4a8d2e6b0f5c9a3d7e1b4f8c"
	cases := []oneFinding{
		{"terraform variable default", "infra/main.tf",
			"variable \"stripe_webhook_secret\" {\n  type        = string\n  description = \"Signing secret of the billing endpoint\"\n  default     = \"" + mixed + "\"\n  sensitive   = true\n}\n",
			"generic-webhook-secret-assignment", mixed, 4},
		{"terraform variable names the provider", "infra/vars.tf",
			"variable \"twilio_sid\" {\n  type    = string\n  default = \"" + sid + "\"\n}\n",
			"twilio-account-sid", sid, 3},
		{"terraform state, the provider in the resource's type", "terraform.tfstate",
			"{\n  \"resources\": [\n    {\n      \"type\": \"pagerduty_service_integration\",\n      \"name\": \"checkout\",\n      \"instances\": [\n        {\n          \"attributes\": {\n            \"integration_key\": \"" + hex32 + "\",\n            \"vendor\": \"PAM4FGS\"\n          }\n        }\n      ]\n    }\n  ]\n}\n",
			"pagerduty-events-routing-key", hex32, 9},
		{"grafana contact point in json", "provisioning/contact-points.json",
			"{\n  \"receivers\": [\n    {\n      \"uid\": \"oncall\",\n      \"type\": \"pagerduty\",\n      \"settings\": {\n        \"integrationKey\": \"" + hex32 + "\"\n      }\n    }\n  ]\n}\n",
			"pagerduty-events-routing-key", hex32, 7},
		{"nested yaml", "config/app.yaml",
			"slack:\n  webhook:\n    signing_secret: \"" + hex32 + "\"\n",
			"slack-signing-secret", hex32, 3},
		{"yaml value on the next line", "config/app.yaml",
			"github:\n  webhook_secret:\n    \"" + mixed + "\"\n",
			"github-webhook-secret", mixed, 3},
		{"yaml block scalar", "deploy/values.yml",
			"app:\n  hook_token: |-\n    " + mixed + "\n  replicas: 2\n",
			"generic-webhook-secret-assignment", mixed, 3},
		{"hiera namespaced key, folded", "hieradata/common.yaml",
			"---\nprofile::notify::github_webhook_secret: >\n  " + mixed + "\n",
			"github-webhook-secret", mixed, 3},
		{"grafana contact point, provider by type", "provisioning/alerting/contactpoints.yaml",
			"apiVersion: 1\ncontactPoints:\n  - orgId: 1\n    name: oncall\n    receivers:\n      - uid: pd1\n        type: pagerduty\n        settings:\n          integrationKey: " + hex32 + "\n          severity: critical\n",
			"pagerduty-events-routing-key", hex32, 9},
		{"toml table", "config.toml",
			"[slack]\nsigning_secret = \"" + hex32 + "\"\n",
			"slack-signing-secret", hex32, 2},
		{"hcl block named by its label", "vault/agent.hcl",
			"vault {\n  address = \"https://vault.internal:8200\"\n}\n\nenv_template \"SLACK_SIGNING_SECRET\" {\n  contents = \"" + hex32 + "\"\n}\n",
			"slack-signing-secret", hex32, 6},
		{"csv column named in the header", "exports/integrations.csv",
			"name,type,url,signing_secret,created_at\norders,slack,,,2024-01-03\nbilling,webhook,https://billing.example/in," + mixed + ",2024-01-05\n",
			"generic-webhook-secret-assignment", mixed, 3},
		{"nested json", "settings.json",
			"{\n  \"slack\": {\n    \"signingSecret\": \"" + hex32 + "\"\n  }\n}\n",
			"slack-signing-secret", hex32, 3},
		{"terraform resource type names the block", "github.tf",
			"resource \"github_repository_webhook\" \"ci\" {\n  repository = \"api\"\n  configuration {\n    url    = \"https://ci.acme.test/hook\"\n    secret = \"" + mixed + "\"\n  }\n}\n",
			"generic-webhook-secret-assignment", mixed, 5},
		{"terraform name and value attributes", "ssm.tf",
			"resource \"aws_ssm_parameter\" \"slack\" {\n  name  = \"/hooks/slack_signing_secret\"\n  type  = \"SecureString\"\n  value = \"" + hex32 + "\"\n}\n",
			"slack-signing-secret", hex32, 4},
		{"kubernetes env entry", "deploy.yaml",
			"env:\n  - name: LOG_LEVEL\n    value: info\n  - name: SLACK_SIGNING_SECRET\n    value: \"" + hex32 + "\"\n",
			"slack-signing-secret", hex32, 5},
		{"property list", "Info.plist",
			"<dict>\n\t<key>SlackSigningSecret</key>\n\t<string>" + hex32 + "</string>\n</dict>\n",
			"slack-signing-secret", hex32, 3},
	}
	expectOneFinding(t, d, cases)
}

// oneFinding is a file that holds one secret: the rule that must find it,
// the secret and its line.
type oneFinding struct {
	name, path, text, rule, secret string
	line                           int
}

// expectOneFinding checks that each file yields exactly its finding, at
// the secret's line and column.
func expectOneFinding(t *testing.T, d *scanner.Detector, cases []oneFinding) {
	t.Helper()
	for _, c := range cases {
		fs := d.Scan(scanner.Fragment{Path: c.path, Raw: []byte(c.text)})
		if len(fs) != 1 {
			t.Errorf("%s: got %d findings, want 1: %+v", c.name, len(fs), fs)
			continue
		}
		f := fs[0]
		if f.RuleID != c.rule || f.Secret != c.secret || f.Line != c.line {
			t.Errorf("%s: got %s %q on line %d, want %s %q on line %d", c.name, f.RuleID, f.Secret, f.Line, c.rule, c.secret, c.line)
		}
		lines := strings.Split(c.text, "\n")
		if col := strings.Index(lines[c.line-1], c.secret) + 1; f.Column != col {
			t.Errorf("%s: column %d, want %d", c.name, f.Column, col)
		}
	}
}

// expectNoFinding checks that no file yields a finding.
func expectNoFinding(t *testing.T, d *scanner.Detector, files []struct{ path, text string }) {
	t.Helper()
	for _, c := range files {
		if fs := d.Scan(scanner.Fragment{Path: c.path, Raw: []byte(c.text)}); len(fs) != 0 {
			t.Errorf("%s %q: reported %s %q", c.path, c.text, fs[0].RuleID, fs[0].Secret)
		}
	}
}

// TestValueBelowItsNameNotSecrets keeps the made-up lines to what a rule
// would reject on one line, and to structure that is really there.
func TestValueBelowItsNameNotSecrets(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	mixed := "Qm7" + "xZ2pL9vK4tR8wN3bH6cJ5dF1gS0aYeU"
	for _, c := range []struct{ path, text string }{
		{"main.tf", "variable \"stripe_webhook_secret\" {\n  type    = string\n  default = \"\"\n}\n"},
		{"main.tf", "variable \"stripe_webhook_secret\" {\n  type = string\n}\nvariable \"region\" {\n  default = \"" + mixed + "\"\n}\n"},
		{"main.tf", "variable \"webhook_secret_name\" {\n  default = \"prod-billing-webhook-signing\"\n}\n"},
		{"app.yaml", "auth:\n  username: deploy-bot-eu-west\n  enabled: true\n"},
		{"app.yaml", "webhook_secret:\n  valueFrom:\n    secretKeyRef:\n      name: billing\n"},
		{"app.yaml", "description: |\n  webhook_secret: see the vault\n  " + mixed + "\nimage: nginx\n"},
		{"app.yaml", "webhook:\n  secret: ${WEBHOOK_SECRET}\n"},
		{"main.go", "var cfg = map[string]any{\n\t\"slack\": map[string]any{\n\t\t\"token\": x,\n\t},\n}\n"},
		{"deploy.yaml", "env:\n  - name: SLACK_SIGNING_SECRET\n    valueFrom:\n      secretKeyRef: {name: slack, key: signing}\n  - name: REGION\n    value: \"" + mixed + "\"\n"},
		{"ssm.tf", "resource \"aws_ssm_parameter\" \"region\" {\n  name  = \"/hooks/region\"\n  value = \"" + mixed + "\"\n}\n"},
		{"Info.plist", "<key>CFBundleIdentifier</key>\n<string>" + mixed + "</string>\n"},
		// A HAR file's headers: the second value is the cookie's, not the
		// authorization's named before it.
		{"debug.har", "[\n  {\n    \"name\": \"authorization\",\n    \"value\": \"Basic\"\n  },\n  {\n    \"name\": \"cookie\",\n    \"value\": \"_ga=GA1.2." + "1804511132.1715670000\"\n  }\n]\n"},
	} {
		if fs := d.Scan(scanner.Fragment{Path: c.path, Raw: []byte(c.text)}); len(fs) != 0 {
			t.Errorf("%s %q: reported %s %q", c.path, c.text, fs[0].RuleID, fs[0].Secret)
		}
	}
}

// TestFallbackDefaults finds the literal default of an environment lookup
// whose variable names a secret, in each language's spelling, and reports
// the literal alone.
func TestFallbackDefaults(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	k := "Vd8s" + "Kq2mXw7RzP4nLb9TcJ3hFy6G"
	for path, text := range map[string]string{
		"a.js":               `const secret = process.env.STRIPE_WEBHOOK_SECRET || "` + k + `";`,
		"b.ts":               `const secret = process.env["HOOK_SECRET"] ?? '` + k + `';`,
		"c.py":               `SECRET = os.getenv("WEBHOOK_SECRET", "` + k + `")`,
		"d.py":               `SECRET = os.environ.get('HOOK_TOKEN', '` + k + `')`,
		"e.rb":               `secret = ENV.fetch("WEBHOOK_SIGNING_SECRET", "` + k + `")`,
		"docker-compose.yml": "services:\n  app:\n    environment:\n      WEBHOOK_SECRET: ${WEBHOOK_SECRET:-" + k + "}\n",
		"f.sh":               `export HOOK_SECRET="${HOOK_SECRET:-` + k + `}"`,
		"g.php":              `$secret = getenv('WEBHOOK_SECRET') ?: '` + k + `';`,
		"h.go":               "package x\n\nvar s = cmp.Or(os.Getenv(\"WEBHOOK_SECRET\"), \"" + k + "\")\n",
		"i.php":              `$secret = env('SHOPIFY_WEBHOOK_SECRET', '` + k + `');`,
		"j.kt":               `val s = System.getenv("WEBHOOK_SECRET") ?: "` + k + `"`,
		"k.rb":               `secret = ENV.fetch("HOOK_SECRET") { "` + k + `" }`,
		"l.py":               `SECRET = os.environ.get("WEBHOOK_SECRET") or "` + k + `"`,
		"m.py":               `SECRET = env.str("WEBHOOK_SECRET", default="` + k + `")`,
		"n.go":               "package x\n\nvar s = cmp.Or(os.Getenv(\"WEBHOOK_SECRET\"), os.Getenv(\"HOOK_SECRET\"), \"" + k + "\")\n",
		"o.rs":               `let s = std::env::var("WEBHOOK_SECRET").unwrap_or_else(|_| "` + k + `".to_string());`,
		"P.java":             `@Value("${stripe.webhook-secret:` + k + `}") String secret;`,
		"templates/s.yaml":   `  webhookSecret: {{ .Values.stripe.webhookSecret | default "` + k + `" | quote }}`,
		"templates/t.yaml":   `  webhookSecret: {{ default "` + k + `" .Values.stripe.webhookSecret }}`,
		"u.ts":               `const secret = Bun.env.HOOK_SECRET || "` + k + `";`,
		// Go struct tags that give a field's default.
		"v.go": "package x\n\ntype C struct {\n\tWebhookSecret string `env:\"WEBHOOK_SECRET\" envDefault:\"" + k + "\"`\n}\n",
		"w.go": "package x\n\ntype C struct {\n\tHookToken string `default:\"" + k + "\"`\n}\n",
		"x.go": "package x\n\ntype C struct {\n\tSigningSecret *string `yaml:\"signing_secret\" env-default:\"" + k + "\"`\n}\n",
		"y.go": "package x\n\ntype C struct {\n\tWebhookSecret string `env:\"WEBHOOK_SECRET, default=" + k + "\"`\n}\n",
	} {
		fs := d.Scan(scanner.Fragment{Path: path, Raw: []byte(text)})
		if len(fs) != 1 || fs[0].Secret != k {
			t.Errorf("%s: got %d findings (%+v), want one holding the default", path, len(fs), fs)
		}
	}
	for path, text := range map[string]string{
		"a.js":     `const secret = process.env.STRIPE_WEBHOOK_SECRET || "";`,
		"b.js":     `const region = process.env.AWS_REGION || "` + k + `";`,
		"c.go":     "package x\n\nvar s = cmp.Or(os.Getenv(\"WEBHOOK_SECRET\"), os.Getenv(\"HOOK_SECRET\"))\n",
		"d.yml":    "WEBHOOK_SECRET: ${WEBHOOK_SECRET:-changeme-in-production}\n",
		"e.yml":    "WEBHOOK_SECRET: ${WEBHOOK_SECRET:?must be set}\n",
		"f.py":     `SECRET = os.getenv("WEBHOOK_SECRET", settings.DEFAULT_SECRET)`,
		"g.sh":     `export HOOK_SECRET="${HOOK_SECRET:-$DEFAULT_HOOK_SECRET}"`,
		"h.php":    `$secret = getenv('WEBHOOK_SECRET') ?: getenv('HOOK_SECRET');`,
		"i.js":     "const url = process.env.HOOK_TOKEN_URL || `https://${host}/token`;",
		"README.x": "Set ${WEBHOOK_SECRET:-} before starting.",
		"j.go":     "package x\n\ntype C struct {\n\tRegion string `default:\"" + k + "\"`\n\tTokenHeader string `default:\"X-Auth-Token\"`\n}\n",
	} {
		if fs := d.Scan(scanner.Fragment{Path: path, Raw: []byte(text)}); len(fs) != 0 {
			t.Errorf("%s %q: reported %s %q", path, text, fs[0].RuleID, fs[0].Secret)
		}
	}
}

// TestBase64CamelCaseKey finds a secret in base64 of JSON whose key joins
// a rule's keyword in camelCase with an acronym ("datadogAPIKey" for the
// keyword datadog_api).
func TestBase64CamelCaseKey(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	key := "c933" + "58eee680ab60364066113634c3b9"
	for _, name := range []string{"datadogAPIKey", "datadogApiKey"} {
		payload := base64.StdEncoding.EncodeToString([]byte(`{"` + name + `":"` + key + `","attempt":3}`))
		text := `{"pending": [{"id": 7, "payload": "` + payload + `"}]}`
		fs := d.Scan(scanner.Fragment{Path: "queue.json", Raw: []byte(text)})
		if len(fs) != 1 || fs[0].RuleID != "datadog-api-key" || fs[0].DecodedFrom == "" {
			t.Errorf("%s: got %+v, want one datadog-api-key finding decoded from base64", name, fs)
		}
	}
}

// TestBase64ShortKeywordAnyAlignment finds a secret whose keyword is four
// characters (AKIA, ghp_) inside base64 wherever it falls in the 3-byte
// groups: after a name of one, two or three characters.
func TestBase64ShortKeywordAnyAlignment(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	aws := "AKIA" + "ZRHG667REGRFXD43"
	gh := "gh" + "p_bHmcQmb4ELQ3hhY76dKDErRxVsMLVNGehQsd"
	for _, c := range []struct{ rule, value string }{{"aws-access-key-id", aws}, {"github-classic-pat", gh}} {
		for _, name := range []string{"k", "ke", "key"} {
			// The last form is basic auth's user:token (a Docker config's auth).
			for _, form := range []string{`{"` + name + `":"` + c.value + `"}`, name + "=" + c.value + "\n", name + ": " + c.value + "\n", name + ":" + c.value} {
				payload := base64.StdEncoding.EncodeToString([]byte(form))
				fs := d.Scan(scanner.Fragment{Path: "queue.json", Raw: []byte(`{"payload": "` + payload + `"}`)})
				if len(fs) != 1 || fs[0].RuleID != c.rule || fs[0].DecodedFrom == "" {
					t.Errorf("%q: got %+v, want one %s finding decoded from base64", form, fs, c.rule)
				}
			}
		}
	}
}

// TestBase64WrappedEnvFile decodes a whole .env file stored as one base64
// value (a Kubernetes Secret's data, as base64 writes it without -w0:
// lines of 76 characters) and reports each secret it holds at the block.
func TestBase64WrappedEnvFile(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	hex32 := "3f9a0c7e" + "b1d25e8c47a6f03d9e2b7c5a18f4d6e0"[:24]
	zap := "https://hooks.zapier.com/hooks/catch/" + "9219989/g45w1cq/"
	env := "LOG_LEVEL=info\nSLACK_SIGNING_SECRET=" + hex32 + "\nZAPIER_HOOK=" + zap + "\nREGION=eu-west-1\n"
	b := base64.StdEncoding.EncodeToString([]byte(env))
	for _, width := range []int{76, 64, 0} {
		var lines []string
		for rest := b; rest != ""; {
			n := min(len(rest), width)
			if width == 0 {
				n = len(rest)
			}
			lines = append(lines, "    "+rest[:n])
			rest = rest[n:]
		}
		text := "apiVersion: v1\nkind: Secret\ndata:\n  .env: |\n" + strings.Join(lines, "\n") + "\n"
		fs := d.Scan(scanner.Fragment{Path: "secret.yaml", Raw: []byte(text)})
		got := map[string]string{}
		for _, f := range fs {
			got[f.RuleID] = f.Secret
			if f.Line != 5 || f.DecodedFrom != "base64" {
				t.Errorf("width %d: %s at line %d decoded from %q, want line 5 from base64", width, f.RuleID, f.Line, f.DecodedFrom)
			}
		}
		if len(fs) != 2 || got["slack-signing-secret"] != hex32 || got["zapier-catch-hook-url"] != zap {
			t.Errorf("width %d: got %+v, want the signing secret and the Zapier URL", width, fs)
		}
	}
}

// TestLockFileLines checks that a lock file's lines are still scanned: a
// webhook URL on a resolved line is found though the file gets no
// structure passes.
func TestLockFileLines(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	text := "{\n  \"packages\": {\n    \"node_modules/x\": {\n      \"resolved\": \"" + slackURL + "\",\n      \"version\": \"1.0.0\"\n    }\n  }\n}\n"
	fs := d.Scan(scanner.Fragment{Path: "web/package-lock.json", Raw: []byte(text)})
	if len(fs) != 1 || fs[0].Secret != slackURL || fs[0].Line != 4 {
		t.Fatalf("got %+v, want the URL on line 4", fs)
	}
}

// TestCLIPairs finds secrets that commands store under a name: the name
// is an argument, the value another.
func TestCLIPairs(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	k := "Kx4T" + "m8Wq2Lz7Rn3Pb9Vc6Hd5Jf1G"
	for _, line := range []string{
		`gh secret set WEBHOOK_SECRET --body "` + k + `"`,
		`gh secret set HOOK_TOKEN -b ` + k + ` --repo acme/api`,
		`aws ssm put-parameter --name /prod/billing/webhook_secret --value ` + k + ` --type SecureString`,
		`aws ssm put-parameter --value '` + k + `' --name /prod/billing/signing_secret --overwrite`,
		`az keyvault secret set --vault-name acme-kv --name webhook-signing-secret --value ` + k,
	} {
		fs := d.Scan(scanner.Fragment{Path: "scripts/bootstrap.sh", Raw: []byte(line + "\n")})
		if len(fs) != 1 || fs[0].Secret != k {
			t.Errorf("%q: got %d findings (%+v), want one holding the value", line, len(fs), fs)
		}
	}
	for _, line := range []string{
		`gh secret set WEBHOOK_SECRET --body "$WEBHOOK_SECRET"`,
		`gh secret set WEBHOOK_SECRET < webhook-secret.txt`,
		`aws ssm put-parameter --name /prod/billing/webhook_secret --value "$(cat secret.txt)"`,
		`aws ssm put-parameter --name /prod/billing/region --value ` + k,
	} {
		if fs := d.Scan(scanner.Fragment{Path: "scripts/bootstrap.sh", Raw: []byte(line + "\n")}); len(fs) != 0 {
			t.Errorf("%q: reported %s %q", line, fs[0].RuleID, fs[0].Secret)
		}
	}
}

// TestSQLPairs reads the values of SQL statements under their columns'
// names, and a settings table's rows under the name each holds.
func TestSQLPairs(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	k := "Kx4T" + "m8Wq2Lz7Rn3Pb9Vc6Hd5Jf1G"
	for _, stmt := range []string{
		"INSERT INTO integrations (provider, url, signing_secret) VALUES ('github', 'https://ci.example.com/gh', '" + k + "');",
		"insert into hooks (id, hook_token)\nvalues\n  (1, NULL),\n  (2, '" + k + "');",
		"INSERT INTO `settings` (`id`, `name`, `value`) VALUES (7, 'stripe_webhook_secret', '" + k + "');",
		"UPDATE settings SET value = '" + k + "' WHERE key = 'webhook_signing_secret';",
		"UPDATE settings SET value = '" + k + "', updated_at = now() WHERE key = 'slack_signing_secret';",
		"UPDATE `settings` SET `updated_at` = '2024-08-02', `value` = '" + k + "' WHERE name = 'github_webhook_secret';",
		// pg_dump's rows: tab-separated under COPY's column list, \N for NULL.
		"COPY public.webhooks (id, name, url, secret, created_at) FROM stdin;\n1\tdeploys\t\\N\t\\N\t2024-04-01\n2\tpartner\thttps://partner.example.net/in\t" + k + "\t2024-04-02\n\\.",
		"COPY public.settings (key, value) FROM stdin;\nsite_title\tAcme\nslack_signing_secret\t" + k + "\n\\.",
		// mysqldump's INSERTs name no columns: the table's CREATE TABLE does.
		"CREATE TABLE `webhooks` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `url` varchar(255) DEFAULT NULL COMMENT 'where, (to)',\n  `price` decimal(10,2),\n  `signing_secret` varchar(64) NOT NULL,\n  PRIMARY KEY (`id`),\n  KEY `idx_url` (`url`)\n) ENGINE=InnoDB;\nINSERT INTO `webhooks` VALUES (1,'https://ci.example.com/in',2.50,'" + k + "');",
		"CREATE TABLE public.settings (id serial, key text, value text);\nINSERT INTO settings VALUES (1, 'site_title', 'Acme'), (2, 'github_webhook_secret', '" + k + "');",
		// Without a CREATE TABLE, a row's quoted name and the value after it.
		"REPLACE INTO `wp_options` VALUES (412,'stripe_webhook_secret','" + k + "','yes');",
		"INSERT INTO `wp_options` VALUES (413,'slack_signing_secret',\n  '" + k + "','yes');",
	} {
		fs := d.Scan(scanner.Fragment{Path: "db/seed.sql", Raw: []byte(stmt + "\n")})
		if len(fs) != 1 || fs[0].Secret != k {
			t.Errorf("%q: got %d findings (%+v), want one holding the value", stmt, len(fs), fs)
		}
	}
	for _, stmt := range []string{
		"INSERT INTO settings (id, name, value) VALUES (3, 'site_title', '" + k + "');",
		"INSERT INTO hooks (id, hook_token_header) VALUES (1, 'X-Hook-Token');",
		"INSERT INTO users (id, password_hash) VALUES (1, '$2a$10$" + "eXbFf8Kw5C3L2UlOED3jQOP0.kySAjeKQv47sjhQiZVpNI2SgLO7u');",
		"UPDATE settings SET value = '" + k + "' WHERE key = 'region';",
		"INSERT INTO `wp_options` VALUES (413,'site_region','" + k + "','yes');",
		"CREATE TABLE pages (id int, slug text, body text);\nINSERT INTO pages VALUES (1, 'region', '" + k + "');",
		"COPY public.settings (key, value) FROM stdin;\nregion\t" + k + "\n\\.",
		// Past \. the rows are over.
		"COPY public.webhooks (id, secret) FROM stdin;\n\\.\n3\t" + k,
	} {
		if fs := d.Scan(scanner.Fragment{Path: "db/seed.sql", Raw: []byte(stmt + "\n")}); len(fs) != 0 {
			t.Errorf("%q: reported %s %q", stmt, fs[0].RuleID, fs[0].Secret)
		}
	}
}

// TestYAMLContinuedValue joins a double-quoted YAML value continued over
// lines by a backslash at their ends.
func TestYAMLContinuedValue(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	url := scantest.SlackURL
	cut := strings.LastIndexByte(url, '/') + 1
	k := "Kx4T" + "m8Wq2Lz7Rn3Pb9Vc6Hd5Jf1G"
	for _, c := range []struct{ text, secret string }{
		{"hooks:\n  - \"" + url[:cut] + "\\\n      " + url[cut:] + "\"\n  - other\n", url},
		{"app:\n  webhook_secret: \"" + k[:10] + "\\\n    " + k[10:20] + "\\\n    " + k[20:] + "\"\n", k},
	} {
		fs := d.Scan(scanner.Fragment{Path: "deploy/cron.yaml", Raw: []byte(c.text)})
		found := false
		for _, f := range fs {
			found = found || f.Secret == c.secret && f.Line == 2
		}
		if !found {
			t.Errorf("%q: got %+v, want a finding of the joined value on line 2", c.text, fs)
		}
	}
	for _, text := range []string{
		"app:\n  region: \"" + k[:10] + "\\\n    " + k[10:] + "\"\n",
		"app:\n  path: \"C:\\\\tools\\\\\"\n  webhook_secret: \"${WEBHOOK_SECRET}\"\n",
	} {
		if fs := d.Scan(scanner.Fragment{Path: "deploy/cron.yaml", Raw: []byte(text)}); len(fs) != 0 {
			t.Errorf("%q: reported %s %q", text, fs[0].RuleID, fs[0].Secret)
		}
	}
}
