package corpus

import (
	"fmt"
	"strings"
)

// Files tools write: a Postman collection's variables, a browser's HAR
// capture, an ECS task definition and a PowerShell deploy script. Each
// writes a name and its value apart or side by side, not as an assignment.

// jsonText is s as it sits between a JSON string's quotes, recorded as
// JSON-escaped where that changes it.
func jsonText(p *plant, syntax, text string) entry {
	written := strings.Trim(jsonString(p.text), `"`)
	return encoded(p, syntax, JSONEscape, written, text)
}

func writePostman(g *generator, ps []*plant) {
	f := g.newFile("postman/billing.postman_collection.json", "postman")
	f.add(lines(`
{
	"info": {
		"_postman_id": "` + g.r.uuid() + `",
		"name": "Billing webhooks",
		"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
	},
	"variable": [
		{
			"key": "baseUrl",
			"value": "https://billing.acme-corp.io",
			"type": "default"
		},`)...)
	ref := g.refName()
	f.add(line("\t\t{"))
	f.add(line(fmt.Sprintf("\t\t\t\"key\": %q,", spell(strings.Split(strings.ToLower(ref), "_"), camel))))
	f.add(bait(kindReference, "a Postman variable reference", "{{"+ref+"}}", fmt.Sprintf("\t\t\t\"value\": \"{{%s}}\",", ref)))
	f.add(line("\t\t\t\"type\": \"secret\""))
	f.add(line("\t\t},"))
	var requests []entry
	for _, p := range ps {
		if p.isURL() && !p.keyed() && g.r.chance(0.5) {
			requests = append(requests, jsonText(p, "postman-request-url", fmt.Sprintf("\t\t\t\t\"url\": {\"raw\": %s}", jsonString(p.text))))
			continue
		}
		f.add(line("\t\t{"))
		f.add(line(fmt.Sprintf("\t\t\t\"key\": %q,", p.key(camel))))
		f.add(jsonText(p, "postman-variable", fmt.Sprintf("\t\t\t\"value\": %s,", jsonString(p.text))))
		f.add(line("\t\t\t\"type\": \"secret\""))
		f.add(line("\t\t},"))
	}
	f.add(lines("\t\t{\n\t\t\t\"key\": \"timeoutMs\",\n\t\t\t\"value\": \"5000\"\n\t\t}\n\t],\n\t\"item\": [")...)
	for i, r := range requests {
		f.add(lines(fmt.Sprintf("\t\t{\n\t\t\t\"name\": \"notify %d\",\n\t\t\t\"request\": {\n\t\t\t\t\"method\": \"POST\",", i+1))...)
		f.add(r)
		f.add(lines("\t\t\t}\n\t\t},")...)
	}
	f.add(lines("\t\t{\n\t\t\t\"name\": \"health\",\n\t\t\t\"request\": {\"method\": \"GET\", \"url\": {\"raw\": \"{{baseUrl}}/healthz\"}}\n\t\t}\n\t]\n}")...)
}

func writeHAR(g *generator, ps []*plant) {
	f := g.newFile("captures/checkout.har", "har")
	f.add(lines(`
{
  "log": {
    "version": "1.2",
    "creator": {"name": "WebInspector", "version": "537.36"},
    "entries": [`)...)
	for _, p := range ps {
		f.add(line("      {"))
		f.add(line("        \"startedDateTime\": \"" + g.timestamp(1) + "\","))
		f.add(line("        \"request\": {"))
		f.add(line("          \"method\": \"POST\","))
		if p.isURL() && !p.keyed() {
			f.add(jsonText(p, "har-url", fmt.Sprintf("          \"url\": %s,", jsonString(p.text))))
			f.add(line("          \"headers\": [{\"name\": \"Content-Type\", \"value\": \"application/json\"}]"))
		} else {
			f.add(line("          \"url\": \"https://billing.acme-corp.io/api/hooks\","))
			f.add(line("          \"headers\": ["))
			f.add(bait(kindIdentifier, "a request id", "", fmt.Sprintf("            {\"name\": \"X-Request-Id\", \"value\": %q},", g.r.uuid())))
			f.add(line("            {"))
			f.add(line(fmt.Sprintf("              \"name\": %q,", "X-"+p.key(pascal))))
			f.add(jsonText(p, "har-header", fmt.Sprintf("              \"value\": %s", jsonString(p.text))))
			f.add(line("            }"))
			f.add(line("          ]"))
		}
		f.add(line("        },"))
		f.add(line("        \"response\": {\"status\": 204, \"statusText\": \"No Content\"}"))
		f.add(line("      },"))
	}
	f.add(lines("      {\"request\": {\"method\": \"GET\", \"url\": \"https://billing.acme-corp.io/healthz\"}, \"response\": {\"status\": 200}}\n    ]\n  }\n}")...)
}

func writeECSTaskDefinition(g *generator, ps []*plant) {
	f := g.newFile("deploy/ecs/task-definition.json", "ecs-task-definition")
	f.add(lines(`
{
  "family": "billing-hooks",
  "networkMode": "awsvpc",
  "containerDefinitions": [
    {
      "name": "hooks",
      "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hooks:3.8.1",
      "secrets": [
        { "name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf" }
      ],
      "environment": [
        { "name": "LOG_LEVEL", "value": "info" },`)...)
	sha := g.gitSHA()
	f.add(bait(kindHash, "a git commit id", sha, fmt.Sprintf("        { \"name\": \"GIT_SHA\", \"value\": %q },", sha)))
	for _, p := range ps {
		f.add(jsonText(p, "ecs-environment", fmt.Sprintf("        { \"name\": %q, \"value\": %s },", p.key(screaming), jsonString(p.text))))
	}
	f.add(lines("        { \"name\": \"PORT\", \"value\": \"8080\" }\n      ]\n    }\n  ]\n}")...)
}

func writeAndroidGradle(g *generator, ps []*plant) {
	f := g.newFile("app/build.gradle.kts", "android-gradle")
	f.add(lines(`
plugins {
    id("com.android.application")
    kotlin("android")
}

android {
    namespace = "io.acmecorp.billing"
    compileSdk = 35
    defaultConfig {
        applicationId = "io.acmecorp.billing"
        minSdk = 26
        versionName = "3.8.1"`)...)
	f.add(bait(kindIdentifier, "a host name", "billing.acme-corp.io", `        buildConfigField("String", "API_HOST", "\"billing.acme-corp.io\"")`))
	for _, p := range ps {
		if !p.isURL() && g.r.chance(0.3) {
			f.add(secret(p, "android-res-value", fmt.Sprintf("        resValue(\"string\", %q, %q)", p.key(snake), p.text)))
			continue
		}
		f.add(secret(p, "android-build-config-field", fmt.Sprintf("        buildConfigField(\"String\", %q, \"\\\"%s\\\"\")", p.key(screaming), p.text)))
	}
	f.add(lines(`
    }
}`)...)
}

func writePowerShell(g *generator, ps []*plant) {
	f := g.newFile("scripts/deploy.ps1", "powershell")
	f.add(lines(`
#Requires -Version 7
param([string]$Environment = "production")
$ErrorActionPreference = "Stop"
`)...)
	ref := g.refName()
	f.add(bait(kindReference, "read from the environment", "$env:"+ref, fmt.Sprintf("$%s = $env:%s", spell(strings.Split(strings.ToLower(ref), "_"), pascal), ref)))
	var calls []entry
	for _, p := range ps {
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.5):
			calls = append(calls, secret(p, "powershell-invoke", fmt.Sprintf("Invoke-RestMethod -Method Post -Uri '%s' -ContentType 'application/json' -Body $body", p.text)))
		case g.r.chance(0.5):
			f.add(secret(p, "powershell-env", fmt.Sprintf("$env:%s = \"%s\"", p.key(screaming), p.text)))
		default:
			f.add(secret(p, "powershell-variable", fmt.Sprintf("$%s = '%s'", p.key(pascal), p.text)))
		}
	}
	f.add(line(`$body = @{ text = "Deployed to $Environment" } | ConvertTo-Json`))
	f.add(calls...)
}
