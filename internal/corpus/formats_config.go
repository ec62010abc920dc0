package corpus

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Configuration formats: dotenv, properties, TOML, INI, YAML, Helm,
// Compose, Kubernetes, JSON, Terraform, XML, npm and netrc credentials,
// Alertmanager and CloudFormation.

// jsonString quotes s as JSON without HTML escaping, as most JSON writers
// outside Go do.
func jsonString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return `""`
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// slashEscaped writes s as PHP's json_encode does: every "/" as "\/".
func slashEscaped(s string) string {
	return strings.ReplaceAll(strings.Trim(jsonString(s), `"`), "/", `\/`)
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func writeDotenv(g *generator, ps []*plant) {
	f := g.newFile(".env.production", "dotenv")
	sha := g.gitSHA()
	f.add(lines(`
# Production settings. Keep this file out of version control.
APP_ENV=production
APP_URL=https://billing.acme-corp.io
LOG_LEVEL=info
PORT=8080
DATABASE_URL=postgres://billing@db.internal:5432/billing?sslmode=require
REDIS_URL=redis://cache.internal:6379/0
`)...)
	f.add(bait(kindHash, "a git commit id", sha, "SENTRY_RELEASE="+sha))
	f.add(bait(kindIdentifier, "a file path, not the secret", "/run/secrets/webhook_secret", "WEBHOOK_SECRET_FILE=/run/secrets/webhook_secret"))
	f.add(line(""))
	f.add(line("# Integrations"))
	for _, p := range ps {
		switch g.r.IntN(5) {
		case 0:
			f.add(secret(p, "dotenv-export", fmt.Sprintf("export %s=%s", p.key(screaming), p.text)))
		case 1, 2:
			f.add(secret(p, "dotenv-quoted", fmt.Sprintf("%s=%q", p.key(screaming), p.text)))
		default:
			f.add(secret(p, "dotenv", fmt.Sprintf("%s=%s", p.key(screaming), p.text)))
		}
	}

	ex := g.newFile(".env.example", "dotenv")
	ex.add(line("# Copy to .env and fill in real values."))
	ex.add(line("APP_ENV=development"))
	for i := 0; i < 8; i++ {
		ph := g.placeholder("")
		v := ph.value
		if strings.ContainsAny(v, " {}") {
			v = fmt.Sprintf("%q", v)
		}
		ex.add(bait(kindPlaceholder, ph.reason, ph.value, fmt.Sprintf("%s=%s", spell(ph.name, screaming), v)))
	}
	ref := g.refName()
	ex.add(bait(kindReference, "a shell variable reference", "${"+ref+"}", fmt.Sprintf("%s=${%s}", ref, ref)))
}

func writeProperties(g *generator, ps []*plant) {
	f := g.newFile("src/main/resources/application.properties", "properties")
	f.add(lines(`
spring.application.name=hooks
server.port=8080
management.endpoints.web.exposure.include=health,info,prometheus
spring.jackson.time-zone=UTC
spring.datasource.url=jdbc:postgresql://db.internal:5432/hooks
`)...)
	f.add(bait(kindReference, "Spring property placeholder", "${GITHUB_WEBHOOK_SECRET}", "github.webhook-secret=${GITHUB_WEBHOOK_SECRET}"))
	f.add(bait(kindReference, "Spring property placeholder", "${DB_PASSWORD}", "spring.datasource.password=${DB_PASSWORD}"))
	for _, p := range ps {
		sep := g.r.pick("=", " = ", ": ")
		if p.isURL() && g.r.chance(0.3) {
			// java.util.Properties.store escapes every ":" of a value.
			written := strings.ReplaceAll(p.text, ":", `\:`)
			f.add(encoded(p, "properties-escaped", PropertiesEscape, written, p.key(dotted)+"="+written))
			continue
		}
		if strings.ContainsAny(p.text, "=#!") && g.r.chance(0.5) {
			// ... and every "=", "#" and "!" (base64 padding, a key's punctuation).
			r := strings.NewReplacer("=", `\=`, "#", `\#`, "!", `\!`, ":", `\:`)
			written := r.Replace(p.text)
			f.add(encoded(p, "properties-escaped-equals", PropertiesEscape, written, p.key(dotted)+"="+written))
			continue
		}
		f.add(secret(p, "properties", p.key(dotted)+sep+p.text))
	}
	f.add(line("logging.level.com.acme=DEBUG"))
}

func writeTOML(g *generator, ps []*plant) {
	f := g.newFile("config/relay.toml", "toml")
	f.add(lines(`
# Relay configuration
title = "alert relay"
version = "0.9.3"

[server]
listen = "0.0.0.0:8443"
read_timeout = "15s"
`)...)
	sum := g.sha256hex()
	f.add(bait(kindHash, "a SHA-256 checksum", sum, fmt.Sprintf("binary_sha256 = %q", sum)))
	f.add(bait(kindIdentifier, "the value names an environment variable", "SLACK_SIGNING_SECRET", `signing_secret_env = "SLACK_SIGNING_SECRET"`))
	f.add(line(""))
	f.add(line("[integrations]"))
	for _, p := range ps {
		if g.r.chance(0.25) {
			// An inline table whose first field is a name, as in an array of hooks.
			f.add(secret(p, "toml-inline-table", fmt.Sprintf("hook_%d = { name = %q, %s = %q }", g.r.IntN(100), p.key(kebab), p.key(snake), p.text)))
			continue
		}
		if g.r.chance(0.15) {
			// A multi-line basic string: TOML trims the newline after its quotes.
			f.add(line(p.key(snake) + ` = """`))
			f.add(secret(p, "toml-multiline-string", p.text+`"""`))
			continue
		}
		f.add(secret(p, "toml", fmt.Sprintf("%s = %q", p.key(snake), p.text)))
	}
	f.add(line(""))
	f.add(line("[retry]"))
	f.add(line("attempts = 5"))
	f.add(line("backoff = \"2s\""))
}

func writeINI(g *generator, ps []*plant) {
	f := g.newFile("config/notifier.ini", "ini")
	f.add(lines(`
; Notifier settings
[general]
environment = staging
timezone = Europe/Berlin
log_file = /var/log/notifier/notifier.log
`)...)
	id := g.r.uuid()
	f.add(bait(kindUUID, "an installation id", id, "installation_id = "+id))
	f.add(line(""))
	f.add(line("[webhooks]"))
	for _, p := range ps {
		f.add(secret(p, "ini", fmt.Sprintf("%s = %s", p.key(snake), p.text)))
	}
	ph := g.placeholder("")
	f.add(bait(kindPlaceholder, ph.reason, ph.value, fmt.Sprintf("; %s = %s", spell(ph.name, snake), ph.value)))
}

func writeYAML(g *generator, ps []*plant) {
	f := g.newFile("config/app.yaml", "yaml")
	f.add(lines(`
# Application configuration
app:
  name: hooks
  version: 1.14.2
  environment: staging
  http:
    listen: ":8080"
    read_timeout: 10s
`)...)
	id := g.r.uuid()
	f.add(bait(kindUUID, "a tenant id", id, "  tenant_id: "+id))
	f.add(bait(kindReference, "Ansible/Jinja template", "{{ vault_webhook_secret }}", `  webhook_secret: "{{ vault_webhook_secret }}"`))
	f.add(line("integrations:"))
	for _, p := range ps {
		if g.r.chance(0.5) {
			f.add(secret(p, "yaml-quoted", fmt.Sprintf("  %s: %q", p.key(snake), p.text)))
		} else {
			f.add(secret(p, "yaml", fmt.Sprintf("  %s: %s", p.key(snake), p.text)))
		}
	}
	f.add(line("features:"))
	f.add(line("  retries: 3"))
}

func writeHelmValues(g *generator, ps []*plant) {
	f := g.newFile("deploy/helm/hooks/values.yaml", "helm-values")
	digest := "sha256:" + g.sha256hex()
	f.add(lines(`
# Default values for hooks.
replicaCount: 2

image:
  repository: ghcr.io/acme-corp/hooks
  tag: "1.14.2"
`)...)
	f.add(bait(kindHash, "a container image digest", digest, "  digest: "+digest))
	f.add(line("  pullPolicy: IfNotPresent"))
	f.add(line(""))
	f.add(bait(kindIdentifier, "the name of a Kubernetes Secret", "hooks-webhook-secrets", "existingSecret: hooks-webhook-secrets"))
	sum := g.sha256hex()
	f.add(line("podAnnotations:"))
	f.add(bait(kindHash, "a config checksum annotation", sum, "  checksum/config: "+sum))
	f.add(line(""))
	var env []entry
	f.add(line("config:"))
	f.add(line("  logLevel: info"))
	for _, p := range ps {
		switch {
		case p.spec.yamlKey:
			f.add(secret(p, "yaml", fmt.Sprintf("  %s: %s", p.key(snake), p.text)))
		case p.bare() && g.r.chance(0.35):
			env = append(env, line(fmt.Sprintf("  - name: %s", p.key(screaming))), secret(p, "k8s-env-value", fmt.Sprintf("    value: %q", p.text)))
		case g.r.chance(0.5):
			f.add(secret(p, "yaml-quoted", fmt.Sprintf("  %s: %q", p.key(camel), p.text)))
		default:
			f.add(secret(p, "yaml", fmt.Sprintf("  %s: %s", p.key(camel), p.text)))
		}
	}
	f.add(line(""))
	f.add(line("env:"))
	f.add(line("  - name: GOMEMLIMIT"))
	f.add(line("    value: 400MiB"))
	f.add(env...)
	f.add(line(""))
	f.add(line("resources:"))
	f.add(line("  limits:"))
	f.add(line("    memory: 512Mi"))

	t := g.newFile("deploy/helm/hooks/templates/secret.yaml", "helm-values")
	t.add(lines(`
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "hooks.fullname" . }}
type: Opaque
data:`)...)
	for i := 0; i < 3; i++ {
		w := g.refWords()
		ref := "{{ .Values.config." + spell(w, camel) + " | b64enc | quote }}"
		t.add(bait(kindReference, "Helm template expression", ref, "  "+spell(w, screaming)+": "+ref))
	}
}

func writeCompose(g *generator, ps []*plant) {
	f := g.newFile("docker-compose.yml", "docker-compose")
	digest := g.sha256hex()
	f.add(lines(`
services:
  api:
    image: ghcr.io/acme-corp/hooks:1.14.2
    restart: unless-stopped
    ports:
      - "8080:8080"
    environment:
      - LOG_LEVEL=debug
      - PORT=8080`)...)
	half := len(ps) / 2
	for _, p := range ps[:half] {
		f.add(secret(p, "compose-env-list", fmt.Sprintf("      - %s=%s", p.key(screaming), p.text)))
	}
	ref := g.refName()
	f.add(lines(`
    depends_on:
      - db
  worker:
    image: ghcr.io/acme-corp/hooks-worker:1.14.2
    environment:
      QUEUE: webhooks`)...)
	f.add(bait(kindReference, "Compose variable substitution", "${"+ref+"}", fmt.Sprintf("      %s: ${%s}", ref, ref)))
	for _, p := range ps[half:] {
		if g.r.chance(0.3) {
			f.add(secret(p, "compose-env-default", fmt.Sprintf("      %s: ${%s:-%s}", p.key(screaming), p.key(screaming), p.text)))
			continue
		}
		f.add(secret(p, "compose-env-map", fmt.Sprintf("      %s: %q", p.key(screaming), p.text)))
	}
	f.add(line("  db:"))
	f.add(bait(kindHash, "a container image digest", digest, "    image: postgres:16.4@sha256:"+digest))
	f.add(line("    volumes:"))
	f.add(line("      - pgdata:/var/lib/postgresql/data"))
	f.add(line("volumes:"))
	f.add(line("  pgdata: {}"))
}

func writeK8sSecret(g *generator, ps []*plant) {
	f := g.newFile("deploy/k8s/webhook-secrets.yaml", "k8s-secret")
	uid := g.r.uuid()
	f.add(lines(`
apiVersion: v1
kind: Secret
metadata:
  name: hooks-webhook-secrets
  namespace: payments
  labels:
    app.kubernetes.io/name: hooks`)...)
	f.add(bait(kindUUID, "a Kubernetes object uid", uid, "  uid: "+uid))
	f.add(line("type: Opaque"))
	var data, plain []entry
	for _, p := range ps {
		k := p.key(g.pickStyle(screaming, screaming, kebab))
		if g.r.chance(0.55) {
			w := b64(p.text)
			data = append(data, encoded(p, "k8s-secret-data", Base64, w, fmt.Sprintf("  %s: %s", k, w)))
		} else {
			plain = append(plain, secret(p, "k8s-secret-stringdata", fmt.Sprintf("  %s: %q", k, p.text)))
		}
	}
	f.add(line("data:"))
	f.add(data...)
	f.add(line("stringData:"))
	f.add(plain...)
	f.add(line("---"))
	uid2 := g.r.uuid()
	f.add(lines(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hooks
  namespace: payments`)...)
	f.add(bait(kindUUID, "a Kubernetes object uid", uid2, "  uid: "+uid2))
	f.add(lines(`
spec:
  template:
    spec:
      containers:
        - name: hooks
          env:
            - name: GITHUB_WEBHOOK_SECRET
              valueFrom:
                secretKeyRef:
                  name: hooks-webhook-secrets`)...)
	f.add(bait(kindIdentifier, "a key name in a Secret", "github-webhook-secret", "                  key: github-webhook-secret"))
}

func writeJSON(g *generator, ps []*plant) {
	f := g.newFile("config/integrations.json", "json")
	var props, wrapped []entry
	for i, p := range ps {
		k := p.key(g.pickStyle(camel, snake))
		if p.spec.id == "aws-eventbridge-connection-secret" {
			k = "ApiKeyValue" // as CloudFormation spells it
		}
		if i%4 == 3 {
			// A queued job that carries its settings base64-encoded.
			inner := fmt.Sprintf(`{"%s":%s,"attempt":%d}`, k, jsonString(p.text), g.r.between(1, 5))
			w := b64(inner)
			wrapped = append(wrapped, encoded(p, "json-base64-field", Base64, w, fmt.Sprintf(`    {"id": %q, "payload": %q},`, g.r.uuid(), w)))
			continue
		}
		props = append(props, secret(p, "json", fmt.Sprintf("    %q: %s,", k, jsonString(p.text))))
	}
	id := g.r.uuid()
	f.add(line("{"))
	f.add(bait(kindUUID, "a document id", id, fmt.Sprintf("  \"id\": %q,", id)))
	f.add(line(`  "schemaVersion": 3,`))
	f.add(bait(kindImage, "an inline PNG", "data:image/png;base64,", fmt.Sprintf(`  "icon": %q,`, g.pngDataURI())))
	pemKey := g.publicKeyPEM()
	f.add(bait(kindPublicKey, "a PEM public key", "-----BEGIN PUBLIC KEY-----", fmt.Sprintf(`  "verificationKey": %s,`, jsonString(pemKey))))
	f.add(line(`  "settings": {`))
	f.add(line(`    "timeoutSeconds": 10,`))
	f.add(props...)
	f.add(line(`    "enabled": true`))
	f.add(line("  },"))
	f.add(line(`  "pending": [`))
	f.add(wrapped...)
	f.add(line(`    {"id": "` + g.r.uuid() + `", "payload": null}`))
	f.add(line("  ]"))
	f.add(line("}"))
}

func writeJSONEscaped(g *generator, ps []*plant) {
	f := g.newFile("storage/app/integrations.json", "json-escaped")
	f.add(line("{"))
	f.add(line(`    "version": "2.1.0",`))
	d := slashEscaped(g.docsURL())
	f.add(bait(kindDocsURL, "documentation link", d, fmt.Sprintf(`    "docs": "%s",`, d)))
	for _, p := range ps {
		w := slashEscaped(p.text)
		k := p.key(snake)
		f.add(encoded(p, "json-escaped-slashes", JSONEscape, w, fmt.Sprintf(`    "%s": "%s",`, k, w)))
	}
	f.add(line(`    "updated_at": "2026-02-11T08:41:07+00:00"`))
	f.add(line("}"))
}

func writeDockerConfig(g *generator, ps []*plant) {
	f := g.newFile(".docker/config.json", "docker-config")
	f.add(line("{"))
	f.add(line(`  "auths": {`))
	f.add(line(`    "https://index.docker.io/v1/": {},`))
	for i, p := range ps {
		host := "ghcr.io"
		user := "acme-ci"
		if strings.HasPrefix(p.text, "glpat-") {
			host, user = "registry.gitlab.com", "deploy-bot"
		}
		w := b64(user + ":" + p.text)
		sep := ","
		if i == len(ps)-1 {
			sep = ""
		}
		f.add(encoded(p, "docker-auth-base64", Base64, w, fmt.Sprintf(`    "%s/%d": {"auth": "%s"}%s`, host, i, w, sep)))
	}
	f.add(line("  },"))
	f.add(line(`  "credsStore": "desktop"`))
	f.add(line("}"))
}

func writeTerraform(g *generator, ps []*plant) {
	f := g.newFile("infra/main.tf", "terraform")
	f.add(lines(`
terraform {
  required_version = ">= 1.6"
  required_providers {
    github = {
      source  = "integrations/github"
      version = "~> 6.2"
    }
  }
}

provider "github" {
  owner = "acme-corp"
}
`)...)
	var locals, vars, hooks []entry
	for i, p := range ps {
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.6):
			hooks = append(hooks,
				line(fmt.Sprintf(`resource "github_repository_webhook" "hook_%d" {`, i)),
				line(`  repository = "hooks"`),
				line(`  events     = ["push", "release"]`),
				line(`  configuration {`),
				secret(p, "terraform-attribute", fmt.Sprintf("    url          = %q", p.text)),
				line(`    content_type = "json"`),
				bait(kindReference, "a Terraform variable", "var.github_webhook_secret", "    secret       = var.github_webhook_secret"),
				line(`  }`),
				line(`}`),
				line(""))
		case p.spec.id == "github-webhook-secret" && g.r.chance(0.5):
			// The block's name says nothing; its type says webhook.
			hooks = append(hooks,
				line(fmt.Sprintf(`resource "github_repository_webhook" "ci_%d" {`, i)),
				line(`  repository = "hooks"`),
				line(`  configuration {`),
				line(`    url          = "https://ci.acme-corp.io/github"`),
				secret(p, "terraform-webhook-resource-secret", fmt.Sprintf("    secret       = %q", p.text)),
				line(`  }`),
				line(`}`),
				line(""))
		case p.bare() && g.r.chance(0.4):
			vars = append(vars,
				line(fmt.Sprintf("variable %q {", p.key(snake))),
				line(`  type      = string`),
				secret(p, "terraform-variable-default", fmt.Sprintf("  default   = %q", p.text)),
				line(`  sensitive = true`),
				line(`}`),
				line(""))
		default:
			locals = append(locals, secret(p, "terraform-locals", fmt.Sprintf("  %s = %q", p.key(snake), p.text)))
		}
	}
	f.add(line("locals {"))
	f.add(line(`  environment = "production"`))
	f.add(locals...)
	f.add(line("}"))
	f.add(line(""))
	f.add(vars...)
	f.add(hooks...)
	f.add(lines(`
variable "github_webhook_secret" {
  type      = string
  sensitive = true
}`)...)
}

func writeTFVars(g *generator, ps []*plant) {
	f := g.newFile("infra/prod.tfvars", "tfvars")
	f.add(line(`region      = "eu-west-1"`))
	f.add(line(`environment = "prod"`))
	digest := "sha256:" + g.sha256hex()
	f.add(bait(kindHash, "a container image digest", digest, fmt.Sprintf("image_digest = %q", digest)))
	f.add(bait(kindIdentifier, "the name of a secret in a secret manager", "prod/payments/stripe-webhook-secret", `webhook_secret_name = "prod/payments/stripe-webhook-secret"`))
	for _, p := range ps {
		f.add(secret(p, "tfvars", fmt.Sprintf("%s = %q", p.key(snake), p.text)))
	}
}

func writeXML(g *generator, ps []*plant) {
	f := g.newFile("src/main/resources/applicationContext.xml", "xml")
	var beans, settings []entry
	for _, p := range ps {
		name := p.key(camel)
		switch {
		case strings.Contains(p.text, "&"):
			beans = append(beans, secret(p, "xml-cdata", fmt.Sprintf(`        <property name="%s"><value><![CDATA[%s]]></value></property>`, name, p.text)))
		case p.bare() && !p.isURL() && g.r.chance(0.4):
			settings = append(settings, line("    <server>"), line(fmt.Sprintf("      <id>%s</id>", p.key(kebab))), line("      <username>acme-ci</username>"),
				secret(p, "maven-server-password", fmt.Sprintf("      <password>%s</password>", p.text)), line("    </server>"))
		case g.r.chance(0.2):
			beans = append(beans, secret(p, "xml-element-cdata", fmt.Sprintf(`        <%s><![CDATA[%s]]></%s>`, name, p.text, name)))
		case g.r.chance(0.5):
			beans = append(beans, secret(p, "xml-property-attribute", fmt.Sprintf(`        <property name="%s" value="%s"/>`, name, p.text)))
		default:
			beans = append(beans, secret(p, "xml-prop-element", fmt.Sprintf(`        <prop key="%s">%s</prop>`, p.key(dotted), p.text)))
		}
	}
	f.add(lines(`
<?xml version="1.0" encoding="UTF-8"?>
<beans xmlns="http://www.springframework.org/schema/beans"
       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
       xsi:schemaLocation="http://www.springframework.org/schema/beans https://www.springframework.org/schema/beans/spring-beans.xsd">

    <bean id="notifier" class="com.acme.hooks.Notifier">
        <property name="timeoutSeconds" value="10"/>`)...)
	f.add(bait(kindReference, "Spring property placeholder", "${github.webhook-secret}", `        <property name="webhookSecret" value="${github.webhook-secret}"/>`))
	f.add(beans...)
	f.add(line("    </bean>"))
	f.add(line("</beans>"))
	if len(settings) == 0 {
		return
	}
	s := g.newFile(".mvn/settings.xml", "xml")
	s.add(lines(`
<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
  <servers>`)...)
	s.add(settings...)
	s.add(bait(kindReference, "Maven environment reference", "${env.GITHUB_TOKEN}", "    <server><id>github</id><username>acme-ci</username><password>${env.GITHUB_TOKEN}</password></server>"))
	s.add(line("  </servers>"))
	s.add(line("</settings>"))
}

// registryTokens are the catalog entries that end up in .npmrc and .netrc.
var registryTokens = ids("github-classic-pat", "github-fine-grained-pat", "github-oauth-user-refresh-token",
	"github-app-installation-token", "gitlab-personal-access-token", "bitbucket-app-password", "atlassian-api-token")

func writeNpmrc(g *generator, ps []*plant) {
	f := g.newFile(".npmrc", "npmrc")
	f.add(line("registry=https://registry.npmjs.org/"))
	f.add(line("@acme:registry=https://npm.pkg.github.com"))
	for i, p := range ps {
		host := "//npm.pkg.github.com/:_authToken="
		switch {
		case strings.HasPrefix(p.text, "glpat-"):
			host = fmt.Sprintf("//gitlab.com/api/v4/projects/%d/packages/npm/:_authToken=", 4800+i)
		case strings.HasPrefix(p.text, "ATBB"), strings.HasPrefix(p.text, "ATATT3"):
			host = "//acme.jfrog.io/artifactory/api/npm/npm/:_authToken="
		}
		f.add(secret(p, "npmrc-auth-token", host+p.text))
	}
	f.add(bait(kindReference, "npm environment reference", "${NPM_TOKEN}", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}"))
	f.add(line("always-auth=true"))
	f.add(line("save-exact=true"))
}

func writeNetrc(g *generator, ps []*plant) {
	f := g.newFile("ci/netrc", "netrc")
	for _, p := range ps {
		host, login := "api.github.com", "acme-ci"
		switch {
		case strings.HasPrefix(p.text, "glpat-"):
			host, login = "gitlab.com", "deploy-bot"
		case strings.HasPrefix(p.text, "ATBB"):
			host, login = "api.bitbucket.org", "acme-deploy"
		case strings.HasPrefix(p.text, "ATATT3"):
			host, login = "acme.atlassian.net", "ops@acme-corp.io"
		}
		f.add(secret(p, "netrc-password", fmt.Sprintf("machine %s login %s password %s", host, login, p.text)))
	}
	f.add(line("machine artifacts.internal login reader password ${ARTIFACTS_PASSWORD}"))
}

// alertReceivers are the catalog entries an Alertmanager config holds.
var alertReceivers = ids("slack-incoming-webhook-url", "pagerduty-events-routing-key", "opsgenie-api-key",
	"telegram-bot-token", "msteams-incoming-webhook-url", "discord-webhook-url", "generic-webhook-url-basic-auth")

func writeAlertmanager(g *generator, ps []*plant) {
	f := g.newFile("monitoring/alertmanager.yml", "alertmanager")
	var global []entry
	var receivers []entry
	for i, p := range ps {
		name := fmt.Sprintf("team-%d", i)
		switch p.spec.id {
		case "slack-incoming-webhook-url":
			if len(global) == 0 {
				global = append(global, secret(p, "alertmanager-global", "  slack_api_url: "+p.text))
				continue
			}
			receivers = append(receivers, line("  - name: "+name), line("    slack_configs:"), secret(p, "alertmanager-receiver", "      - api_url: "+p.text), line("        channel: '#alerts'"))
		case "pagerduty-events-routing-key":
			receivers = append(receivers, line("  - name: "+name), line("    pagerduty_configs:"), secret(p, "alertmanager-receiver", "      - routing_key: "+p.text))
		case "opsgenie-api-key":
			receivers = append(receivers, line("  - name: "+name), line("    opsgenie_configs:"), secret(p, "alertmanager-receiver", "      - api_key: "+p.text))
		case "telegram-bot-token":
			receivers = append(receivers, line("  - name: "+name), line("    telegram_configs:"), secret(p, "alertmanager-receiver", fmt.Sprintf("      - bot_token: '%s'", p.text)), line("        chat_id: -100"+g.r.digits(10)))
		case "msteams-incoming-webhook-url":
			receivers = append(receivers, line("  - name: "+name), line("    msteams_configs:"), secret(p, "alertmanager-receiver", "      - webhook_url: "+p.text))
		case "discord-webhook-url":
			receivers = append(receivers, line("  - name: "+name), line("    discord_configs:"), secret(p, "alertmanager-receiver", "      - webhook_url: "+p.text))
		case "generic-webhook-url-basic-auth":
			receivers = append(receivers, line("  - name: "+name), line("    webhook_configs:"), secret(p, "alertmanager-receiver", "      - url: "+p.text))
		default:
			receivers = append(receivers, line("  - name: "+name))
			if p.key(snake) == "api_key" {
				receivers = append(receivers, line("    victorops_configs:"), secret(p, "alertmanager-receiver", "      - api_key: "+p.text), line("        routing_key: platform"))
				continue
			}
			receivers = append(receivers, line("    webhook_configs:"), line("      - url: https://relay.acme-corp.io/alerts"), line("        http_config:"))
			if p.key(snake) == "credentials" {
				receivers = append(receivers, line("          authorization:"), secret(p, "alertmanager-http-config", "            credentials: "+p.text))
			} else {
				receivers = append(receivers, line("          basic_auth:"), line("            username: alertmanager"),
					secret(p, "alertmanager-http-config", fmt.Sprintf("            %s: %s", p.key(snake), p.text)))
			}
		}
	}
	f.add(line("global:"))
	f.add(line("  resolve_timeout: 5m"))
	f.add(global...)
	f.add(bait(kindIdentifier, "a file path, not the secret", "/etc/alertmanager/secrets/slack-url", "  # slack_api_url_file: /etc/alertmanager/secrets/slack-url"))
	f.add(line("route:"))
	f.add(line("  receiver: team-0"))
	f.add(line("  group_by: ['alertname', 'cluster']"))
	f.add(line("receivers:"))
	f.add(receivers...)
	f.add(line("  - name: fallback"))
	f.add(line("    pagerduty_configs:"))
	f.add(bait(kindReference, "environment expansion", "${PD_ROUTING_KEY}", "      - routing_key: ${PD_ROUTING_KEY}"))
	f.add(line("    webhook_configs:"))
	f.add(line("      - url: https://relay.acme-corp.io/alerts"))
	f.add(line("        http_config:"))
	f.add(bait(kindIdentifier, "a file path, not the secret", "secrets/am-token", "          credentials_file: secrets/am-token"))
}

func writeCloudFormation(g *generator, ps []*plant) {
	f := g.newFile("infra/eventbridge.yaml", "cloudformation")
	var conn, env, dest []entry
	for _, p := range ps {
		switch {
		case p.spec.id == "aws-eventbridge-connection-secret":
			conn = append(conn, secret(p, "cloudformation-property", "          ApiKeyValue: "+p.text))
		case p.isURL() && !p.keyed() && len(dest) == 0:
			dest = append(dest, secret(p, "cloudformation-property", "      InvocationEndpoint: "+p.text))
		default:
			env = append(env, secret(p, "cloudformation-lambda-env", fmt.Sprintf("          %s: %s", p.key(screaming), p.text)))
		}
	}
	f.add(lines(`
AWSTemplateFormatVersion: "2010-09-09"
Description: Forward billing events to partner webhooks.
Resources:
  WebhookConnection:
    Type: AWS::Events::Connection
    Properties:
      AuthorizationType: API_KEY
      AuthParameters:
        ApiKeyAuthParameters:
          ApiKeyName: x-api-key`)...)
	f.add(conn...)
	if len(conn) == 0 {
		f.add(bait(kindReference, "a CloudFormation reference", "!Ref WebhookApiKey", "          ApiKeyValue: !Ref WebhookApiKey"))
	}
	f.add(lines(`
  PartnerDestination:
    Type: AWS::Events::ApiDestination
    Properties:
      ConnectionArn: !GetAtt WebhookConnection.Arn
      HttpMethod: POST`)...)
	f.add(dest...)
	if len(dest) == 0 {
		f.add(line("      InvocationEndpoint: https://partners.acme-corp.io/events"))
	}
	f.add(lines(`
  Forwarder:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Environment:
        Variables:
          LOG_LEVEL: INFO`)...)
	f.add(bait(kindReference, "a Secrets Manager dynamic reference", "{{resolve:secretsmanager:prod/webhook:SecretString:key}}", "          PARTNER_KEY: '{{resolve:secretsmanager:prod/webhook:SecretString:key}}'"))
	f.add(env...)
}

// writeTerraformVariables writes variable blocks whose default holds the
// plant, lines below the name that says what it is (a description, a type
// and sometimes a heredoc in between).
func writeTerraformVariables(g *generator, ps []*plant) {
	f := g.newFile("infra/modules/hooks/variables.tf", "terraform-variables")
	f.add(lines(`
variable "region" {
  type        = string
  description = "AWS region of the hooks stack"
  default     = "eu-west-1"
}
`)...)
	f.add(line(""))
	f.add(line(`variable "github_webhook_secret" {`))
	f.add(line(`  type        = string`))
	f.add(line(`  description = "Set from the CI secret store"`))
	f.add(bait(kindReference, "a variable with no literal default", "default     = null", "  default     = null"))
	f.add(line(`  sensitive   = true`))
	f.add(line(`}`))
	for _, p := range ps {
		f.add(line(""))
		f.add(line(fmt.Sprintf("variable %q {", p.key(snake))))
		f.add(line("  type        = string"))
		if g.r.chance(0.7) {
			f.add(line(fmt.Sprintf("  description = %q", "Used by the "+p.name[0]+" integration")))
		}
		if g.r.chance(0.15) {
			f.add(line("  default     = <<-EOT"))
			f.add(secret(p, "terraform-variable-heredoc", "    "+p.text))
			f.add(line("  EOT"))
		} else {
			f.add(secret(p, "terraform-variable-block", fmt.Sprintf("  default     = %q", p.text)))
		}
		if g.r.chance(0.6) {
			f.add(line("  sensitive   = true"))
		}
		f.add(line("}"))
	}
}

// writeNestedYAML writes plants below the names that say what they are:
// the provider one or two levels up, the value on the line after its key,
// or in a block scalar.
func writeNestedYAML(g *generator, ps []*plant) {
	f := g.newFile("config/integrations.yaml", "yaml-nested")
	f.add(lines(`
# Integrations of the hooks service.
server:
  listen: ":8080"
  tls:
    enabled: true
`)...)
	f.add(line("github:"))
	f.add(line("  webhook_secret:"))
	f.add(line("    valueFrom:"))
	f.add(bait(kindReference, "a Kubernetes secret reference", "secretKeyRef", "      secretKeyRef:"))
	f.add(line("        name: hooks-github"))
	f.add(line("auth:"))
	f.add(bait(kindIdentifier, "a user name under a parent that names auth", "deploy-bot-eu-west", "  username: deploy-bot-eu-west"))
	for i, p := range ps {
		s := snake
		if p.spec.styles != nil && !slices.Contains(p.spec.styles, snake) {
			s = p.spec.styles[0]
		}
		// Each plant under a container of its own, so that keys never
		// repeat: integration_3: / stripe: / webhook: / signing_secret: …
		f.add(line(fmt.Sprintf("integration_%d:", i)))
		switch {
		case len(p.name) >= 3 && g.r.chance(0.5):
			f.add(line("  " + p.name[0] + ":"))
			f.add(line("    " + p.name[1] + ":"))
			f.add(line("      enabled: true"))
			f.add(secret(p, "yaml-nested-2", fmt.Sprintf("      %s: %q", spell(p.name[2:], s), p.text)))
		case len(p.name) >= 2 && g.r.chance(0.5):
			f.add(line("  " + p.name[0] + ":"))
			f.add(line("    region: eu"))
			f.add(secret(p, "yaml-nested-1", fmt.Sprintf("    %s: %s", spell(p.name[1:], s), p.text)))
		case g.r.chance(0.5):
			f.add(line(fmt.Sprintf("  %s:", p.key(snake))))
			f.add(secret(p, "yaml-value-next-line", fmt.Sprintf("    %q", p.text)))
		default:
			f.add(line(fmt.Sprintf("  %s: %s", p.key(snake), g.r.pick("|", "|-", ">-"))))
			f.add(secret(p, "yaml-block-scalar", "    "+p.text))
		}
	}
}
