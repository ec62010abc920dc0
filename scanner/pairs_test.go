package scanner_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/internal/scantest"
	"github.com/hookscan/hookscan/scanner"
)

// TestNameAndValueOnOneLine finds a literal whose name is on its line but
// joined to it by something other than an assignment: a name/value object,
// a triple-quoted or raw string, a setter call, a Dockerfile's legacy ENV,
// a Markdown table row, a Postman variable. Each finding holds the literal
// alone, on its line.
func TestNameAndValueOnOneLine(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	hex32 := "3f9a0c7e" + "b1d25e8c47a6f03d9e2b7c5a18f4d6e0"[:24]
	mixed := "Qm7" + "xZ2pL9vK4tR8wN3bH6cJ5dF1gS0aYeU"
	sq := "3FWg" + "r3yHhXaDawa224vogo"
	tg := "5704418263" + ":" + "QuEVBQ8RCQ8XEC0meA9zfP0Y3royhS9Jvqt"
	cases := []oneFinding{
		{"ecs task definition", "taskdef.json",
			"{\"environment\": [\n  { \"name\": \"SLACK_SIGNING_SECRET\", \"value\": \"" + hex32 + "\" }\n]}\n",
			"slack-signing-secret", hex32, 2},
		{"postman variable on one line", "c.postman_collection.json",
			`[{"key": "githubWebhookSecret", "value": "` + mixed + `", "type": "secret"}]`,
			"github-webhook-secret", mixed, 1},
		{"postman variable pretty-printed", "c.postman_collection.json",
			"[\n\t{\n\t\t\"key\": \"githubWebhookSecret\",\n\t\t\"value\": \"" + mixed + "\",\n\t\t\"type\": \"secret\"\n\t}\n]\n",
			"github-webhook-secret", mixed, 4},
		{"python triple quotes", "settings.py",
			"GITHUB_WEBHOOK_SECRET = \"\"\"" + mixed + "\"\"\"\n",
			"github-webhook-secret", mixed, 1},
		{"rust raw string", "src/config.rs",
			"static GITHUB_WEBHOOK_SECRET: &str = r#\"" + mixed + "\"#;\n",
			"github-webhook-secret", mixed, 1},
		{"builder call", "src/Main.java",
			"Client c = Client.builder().slackSigningSecret(\"" + hex32 + "\").build();\n",
			"slack-signing-secret", hex32, 1},
		{"dockerfile legacy env", "Dockerfile",
			"FROM alpine\nENV GITHUB_WEBHOOK_SECRET " + mixed + "\n",
			"github-webhook-secret", mixed, 2},
		{"markdown table row", "docs/runbook.md",
			"| name | value |\n|---|---|\n| `GITHUB_WEBHOOK_SECRET` | `" + mixed + "` |\n",
			"github-webhook-secret", mixed, 3},
		{"python index", "settings.py",
			"SETTINGS[\"github_webhook_secret\"] = \"" + mixed + "\"\n",
			"github-webhook-secret", mixed, 1},
		{"php index", "config.php",
			"<?php\n$config['slack_signing_secret'] = '" + hex32 + "';\n",
			"slack-signing-secret", hex32, 2},
		{"csharp index initializer", "Secrets.cs",
			"var d = new Dictionary<string, string> { [\"GithubWebhookSecret\"] = \"" + mixed + "\" };\n",
			"github-webhook-secret", mixed, 1},
		{"json key holding the secret", "config.json",
			"{\n  \"square\": {\n    \"signature\": {\n      \"enabled\": true,\n      \"key\": \"" + sq + "\"\n    }\n  }\n}\n",
			"square-webhook-signature-key", sq, 5},
		{"python literal wrapped in parentheses", "settings.py",
			"GITHUB_WEBHOOK_SECRET = (\n    \"" + mixed + "\"\n)\n",
			"github-webhook-secret", mixed, 2},
		{"android build config field", "app/build.gradle.kts",
			"android {\n    buildConfigField(\"String\", \"GITHUB_WEBHOOK_SECRET\", \"\\\"" + mixed + "\\\"\")\n}\n",
			"github-webhook-secret", mixed, 2},
		{"xml cdata", "config/settings.xml",
			"<settings>\n  <githubWebhookSecret><![CDATA[" + mixed + "]]></githubWebhookSecret>\n</settings>\n",
			"github-webhook-secret", mixed, 2},
		{"markdown list item", "docs/runbook.md",
			"# Secrets\n\n- `github_webhook_secret`: `" + mixed + "` (rotate yearly)\n",
			"github-webhook-secret", mixed, 3},
		{"a dropped candidate does not hide the next", "hooks.toml",
			"hooks = [\n  { name = \"github-webhook-secret\", github_webhook_secret = \"" + mixed + "\" },\n]\n",
			"github-webhook-secret", mixed, 2},
		{"nor does the fifth in one window", "hooks.toml",
			"hooks = [\n" + strings.Repeat("  { name = \"stripe-webhook-secret\", stripe_webhook_secret = \"whsec_...\" },\n", 5) +
				"  { name = \"github-webhook-secret\", github_webhook_secret = \"" + mixed + "\" },\n]\n",
			"github-webhook-secret", mixed, 7},
		{"argparse option default", "cli.py",
			"parser.add_argument(\"--github-webhook-secret\", default=\"" + mixed + "\", help=\"signing secret\")\n",
			"github-webhook-secret", mixed, 1},
		{"bot token name", "deploy.ps1",
			"$BotToken = '" + tg + "'\n",
			"telegram-bot-token-assignment", tg, 1},
		{"kotlin map entry", "settings.kts",
			"val s = mapOf(\n    \"githubWebhookSecret\" to \"\"\"" + mixed + "\"\"\",\n)\n",
			"github-webhook-secret", mixed, 2},
		{"scala map entry", "Settings.scala",
			"val m = Map(\"slack_signing_secret\" -> \"" + hex32 + "\", \"timeout\" -> \"5s\")\n",
			"slack-signing-secret", hex32, 1},
		{"scala interpolated string", "Settings.scala",
			"object S {\n  final val GithubWebhookSecret = s\"" + mixed + "\"\n}\n",
			"github-webhook-secret", mixed, 2},
		{"c macro", "config.h",
			"#ifndef C_H\n#define GITHUB_WEBHOOK_SECRET \"" + mixed + "\"\n#endif\n",
			"github-webhook-secret", mixed, 2},
		{"rust String::from field", "src/config.rs",
			"Config {\n    github_webhook_secret: String::from(\"" + mixed + "\"),\n}\n",
			"github-webhook-secret", mixed, 2},
		{"toml multi-line string", "config.toml",
			"[hooks]\ngithub_webhook_secret = \"\"\"\n" + mixed + "\"\"\"\n",
			"github-webhook-secret", mixed, 3},
		{"edn keyword", "config.edn",
			"{:hooks\n {:slack-signing-secret \"" + hex32 + "\"}}\n",
			"slack-signing-secret", hex32, 2},
		{"fish set", "config.fish",
			"set -gx GITHUB_WEBHOOK_SECRET " + mixed + "\n",
			"github-webhook-secret", mixed, 1},
		{"csh setenv", ".cshrc",
			"setenv SLACK_SIGNING_SECRET \"" + hex32 + "\"\n",
			"slack-signing-secret", hex32, 1},
		{"rust byte string", "src/hooks.rs",
			"const GITHUB_WEBHOOK_SECRET: &[u8] = b\"" + mixed + "\";\n",
			"github-webhook-secret", mixed, 1},
		{"windows setx", "setup.cmd",
			"@echo off\r\nSETX SLACK_SIGNING_SECRET \"" + hex32 + "\" /M\r\n",
			"slack-signing-secret", hex32, 2},
		{"go header map in a log", "relay.log",
			"level=debug msg=request headers=\"map[Content-Type:[application/json] X-Github-Webhook-Secret:[" + mixed + "]]\"\n",
			"github-webhook-secret", mixed, 1},
		{".NET section key", "secrets.json",
			"{\n  \"Github:WebhookSecret\": \"" + mixed + "\",\n  \"Logging:LogLevel:Default\": \"Information\"\n}\n",
			"github-webhook-secret", mixed, 2},
		{"haproxy header", "haproxy.cfg",
			"backend hooks\n    http-request set-header X-Slack-Signing-Secret " + hex32 + "\n",
			"slack-signing-secret", hex32, 2},
		{"nginx header", "nginx.conf",
			"location / {\n    proxy_set_header X-Slack-Signing-Secret \"" + hex32 + "\";\n}\n",
			"slack-signing-secret", hex32, 2},
	}
	expectOneFinding(t, d, cases)
}

// TestPHPConcatenationOverLines joins a PHP literal continued by '.' on
// the next line under the variable it is assigned to.
func TestPHPConcatenationOverLines(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	mixed := "Qm7" + "xZ2pL9vK4tR8wN3bH6cJ5dF1gS0aYeU"
	text := "<?php\n$github_webhook_secret = '" + mixed[:12] + "' .\n    '" + mixed[12:] + "';\n"
	fs := d.Scan(scanner.Fragment{Path: "config.php", Raw: []byte(text)})
	if len(fs) != 1 || fs[0].Secret != mixed || fs[0].RuleID != "github-webhook-secret" || fs[0].Line != 2 {
		t.Fatalf("got %+v, want github-webhook-secret %q on line 2", fs, mixed)
	}
}

// TestValueWrittenInPieces joins a value written in pieces: a .properties
// value with its colons escaped, as Java's Properties.store writes it, or
// continued on the next line, and a URL split over adjacent literals. The finding holds the whole value
// and starts where its first piece does.
func TestValueWrittenInPieces(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	hook := "hooks.zapier.com/hooks/catch/" + "9219989/g45w1cq/"
	for _, c := range []struct {
		path, text   string
		line, column int
	}{
		{"application.properties", "server.port=8080\nzapier.hook=https\\://" + hook + "\n", 2, 13},
		{"application.properties", "zapier.hook=https://hooks.zapier.com/hooks/\\\n    catch/" + strings.TrimPrefix(hook, "hooks.zapier.com/hooks/catch/") + "\nserver.port=8080\n", 1, 13},
		{"application.properties", "zapier.hook=https\\://hooks.zapier.com/hooks/catch/\\\r\n\t" + strings.TrimPrefix(hook, "hooks.zapier.com/hooks/catch/") + "\r\n", 1, 13},
		{"notify.py", "ALERTS = (\n    \"https://hooks.zapier.com/\"\n    \"" + strings.TrimPrefix(hook, "hooks.zapier.com/") + "\"\n)\n", 2, 6},
		{"notify.go", "package x\n\nconst alerts = \"https://hooks.zapier.com/\" +\n\t\"" + strings.TrimPrefix(hook, "hooks.zapier.com/") + "\"\n", 3, 17},
		{"src/notify.js", "const alerts = 'https://hooks.zapier.com/' +\n  '" + strings.TrimPrefix(hook, "hooks.zapier.com/") + "';\n", 1, 17},
		{"notify_check.py", "assert url == \"https://hooks.zapier.com/\" \\\n    \"" + strings.TrimPrefix(hook, "hooks.zapier.com/") + "\"\n", 1, 16},
		{"notify.py", "ALERTS = \"https://hooks.zapier.com/\" + \\\n    \"" + strings.TrimPrefix(hook, "hooks.zapier.com/") + "\"\n", 1, 11},
		{"notify.php", "<?php\n$u = 'https://hooks.zapier.com/' . '" + strings.TrimPrefix(hook, "hooks.zapier.com/") + "';\n", 2, 7},
		{"notify.php", "<?php\n$u = 'https://hooks.zapier.com/' .\n    '" + strings.TrimPrefix(hook, "hooks.zapier.com/") + "';\n", 2, 7},
		{"notify.php", "<?php\npost('https://hooks.zapier.com/' .\n    '" + strings.TrimPrefix(hook, "hooks.zapier.com/") + "');\n", 2, 7},
		{"notify.py", "ALERTS = \"https://hooks.zapier.com/\" \"" + strings.TrimPrefix(hook, "hooks.zapier.com/") + "\"\n", 1, 11},
		{"notify.ts", "post(\"https://hooks.zapier.com/\" + \"" + strings.TrimPrefix(hook, "hooks.zapier.com/") + "\", body)\n", 1, 7},
		{"notify.py", "post(\"https://hooks.zapier.com/\"\n     \"" + strings.TrimPrefix(hook, "hooks.zapier.com/") + "\")\n", 1, 7},
	} {
		fs := d.Scan(scanner.Fragment{Path: c.path, Raw: []byte(c.text)})
		if len(fs) != 1 {
			t.Errorf("%s: got %d findings, want 1: %+v", c.path, len(fs), fs)
			continue
		}
		if f := fs[0]; f.RuleID != "zapier-catch-hook-url" || f.Secret != "https://"+hook || f.Line != c.line || f.Column != c.column {
			t.Errorf("%s: got %s %q at %d:%d, want zapier-catch-hook-url %q at %d:%d", c.path, f.RuleID, f.Secret, f.Line, f.Column, "https://"+hook, c.line, c.column)
		}
	}
	// An Atlassian API token ends in "=" and 8 hex digits; Properties.store
	// writes that "=" as "\=", in a line with no escaped colon.
	body := strings.Repeat("Xk9_pQ2-vL7m", 14) + "Zt3aB7cD9"
	jira := "ATATT3" + body + "=" + "8675DD2F"
	fs := d.Scan(scanner.Fragment{Path: "jira.properties", Raw: []byte("a=1\njira.api.token=ATATT3" + body + "\\=8675DD2F\n")})
	if len(fs) != 1 || fs[0].RuleID != "atlassian-api-token" || fs[0].Secret != jira || fs[0].Line != 2 {
		t.Errorf("escaped equals sign: got %+v, want atlassian-api-token %q on line 2", fs, jira)
	}
}

// TestNameAndValueOnOneLineNotSecrets keeps the pairs to names that say
// they hold a secret and to literals, never lookups by name.
func TestNameAndValueOnOneLineNotSecrets(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	mixed := "Qm7" + "xZ2pL9vK4tR8wN3bH6cJ5dF1gS0aYeU"
	expectNoFinding(t, d, []struct{ path, text string }{
		{"taskdef.json", `{ "name": "REGION", "value": "` + mixed + `" }`},
		{"taskdef.json", `{ "name": "WEBHOOK_SECRET", "value": "${WEBHOOK_SECRET}" }`},
		{"main.go", "package x\n\nvar s = getWebhookSecret(\"billing-webhook-signing-secret\")\n"},
		{"main.go", "package x\n\nvar s = os.Getenv(\"GITHUB_WEBHOOK_SECRET\")\n"},
		{"Main.java", "String s = vault.readSecret(\"" + mixed + "\");\n"},
		{"settings.py", "DESCRIPTION = \"\"\"" + mixed + "\"\"\"\n"},
		{"Dockerfile", "ENV GITHUB_WEBHOOK_SECRET ${GITHUB_WEBHOOK_SECRET}\n"},
		{"README.md", "| option | default |\n|---|---|\n| `webhook_secret` | `required` |\n"},
		{"notes.txt", "| `GITHUB_WEBHOOK_SECRET` | `" + mixed + "` |\n"},
		{"settings.py", "SETTINGS[\"region\"] = \"" + mixed + "\"\n"},
		{"docs/options.md", "- `webhook_secret`: `required`\n"},
		{"app/build.gradle", "buildConfigField(\"String\", \"API_HOST\", \"\\\"" + mixed + "\\\"\")\n"},
		{"cli.py", "parser.add_argument(\"--region\", default=\"" + mixed + "\")\n"},
		{"cli.py", "parser.add_argument(\"--webhook-secret\", default=os.environ.get(\"WEBHOOK_SECRET\"))\n"},
		{"messages.py", "GREETING = (\n    \"" + mixed + "\"\n    \"" + mixed + "\"\n)\n"},
		{"settings.py", "HOOKS = (\n    \"https://hooks.zapier.com/\",\n    \"hooks/catch/" + "9219989/g45w1cq/\",\n)\n"},
		{"settings.py", "urls = [\"https://hooks.zapier.com/\",\n        \"hooks/catch/" + "9219989/g45w1cq/\"]\n"},
		{"settings.py", "AUTH_TOKEN_BACKENDS = (\n    \"" + mixed + "\",\n    \"" + mixed + "\",\n)\n"},
		{"main.go", "package x\n\nvar usage = \"usage: hooks \" +\n\t\"" + mixed + "\"\n"},
		{"settings.py", "SETTINGS[\"github_webhook_secret\"] = os.environ[\"GITHUB_WEBHOOK_SECRET\"]\n"},
		{"application.properties", "# zapier.hook=https\\://hooks.zapier.com/hooks/catch/<id>/<key>/\n"},
		{"Settings.scala", "val m = Map(\"region\" -> \"" + mixed + "\")\n"},
		{"settings.kts", "val m = mapOf(\"description\" to \"" + mixed + "\")\n"},
		{"config.h", "#define API_HOST \"" + mixed + "\"\n"},
		{"config.edn", "{:region \"" + mixed + "\"}\n"},
		{"secrets.json", "{\"Github:WebhookSecretName\": \"${GITHUB_WEBHOOK_SECRET}\", \"Region:Name\": \"" + mixed + "\"}\n"},
		{"config.fish", "set -gx GITHUB_WEBHOOK_SECRET $GH_SECRET\n"},
		{"config.fish", "set -gx REGION " + mixed + "\n"},
		{"relay.log", "headers=\"map[Content-Type:[application/json] X-Request-Id:[" + mixed + "]]\"\n"},
		{"settings.py", "DESCRIPTION = \"\"\"\n" + mixed + "\"\"\"\n"},
		{"nginx.conf", "proxy_set_header X-Webhook-Secret $webhook_secret;\n"},
	})
}

// TestQuotedPrintable reads an email's quoted-printable body: a URL broken
// by soft line breaks, its "=" written =3D, is found whole on the line it
// starts on.
func TestQuotedPrintable(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	team, bot, token := "T24QSHYQ"+"ORY", "BX7ORE7"+"PXAUP", "ZKZ7e2a8FbVj"+"72AAlxia5UWT"
	url := "https://hooks.slack.com/services/" + team + "/" + bot + "/" + token
	mail := "From: ci@example.com\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
		"<p>Alerts go to <a href=3D\"https://hooks.slack.com/services/" + team[:3] + "=\r\n" +
		team[3:] + "/" + bot + "/" + token + "\" style=3D\"color:#1264a3\">#deploys</a> =E2=80=94 ask ops.</p>\r\n"
	fs := d.Scan(scanner.Fragment{Path: "mail/ci-alert.eml", Raw: []byte(mail)})
	if len(fs) != 1 || fs[0].Secret != url || fs[0].Line != 5 {
		t.Fatalf("got %+v, want %s on line 5", fs, url)
	}
	// The same text without the encoding's name is not decoded.
	plain := strings.Replace(mail, "quoted-printable", "7bit", 1)
	for _, f := range d.Scan(scanner.Fragment{Path: "mail/ci-alert.eml", Raw: []byte(plain)}) {
		if f.Secret == url {
			t.Errorf("decoded a text that is not quoted-printable: %+v", f)
		}
	}
}

// TestEscapedPunctuation reads a LaTeX or Markdown document without the
// backslashes that escape underscores and ampersands.
func TestEscapedPunctuation(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	secret := "whsec_" + "BhkWkQzxt7bi2xiPaAtv5hxPYx0dv8YC"
	escaped := strings.Replace(secret, "_", `\_`, 1)
	for _, c := range []struct{ path, text string }{
		{"docs/handbook.tex", "\\section{Billing}\nThe endpoint verifies signatures with \\texttt{" + escaped + "}.\n"},
		{"docs/billing.md", "# Billing\n\nSigning secret: " + escaped + "\n"},
	} {
		fs := d.Scan(scanner.Fragment{Path: c.path, Raw: []byte(c.text)})
		if len(fs) != 1 || fs[0].Secret != secret || fs[0].Line != 2 && fs[0].Line != 3 {
			t.Errorf("%s: got %+v, want %s", c.path, fs, secret)
		}
	}
}

// TestNetrc reads a .netrc password under the provider its machine names:
// the password for api.twilio.com is a Twilio auth token.
func TestNetrc(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	token := "e31793440f83f80a" + "23d7a992d6839e66"
	text := "machine example.com login me password hunter2hunter2\n\nmachine api.twilio.com\n  login ops\n  password " + token + "\n"
	var got []string
	for _, f := range d.Scan(scanner.Fragment{Path: "deploy/.netrc", Raw: []byte(text)}) {
		got = append(got, fmt.Sprintf("%s:%d", f.RuleID, f.Line))
		if f.RuleID == "twilio-auth-token" && (f.Secret != token || f.Line != 5) {
			t.Errorf("got %q at line %d, want %q at line 5", f.Secret, f.Line, token)
		}
	}
	if !slices.Contains(got, "twilio-auth-token:5") {
		t.Errorf("findings %v, want twilio-auth-token at line 5", got)
	}
}
