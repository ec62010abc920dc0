package corpus

import (
	"fmt"
	"strings"
)

// Source-code formats. Each writes one file in which plants appear the
// ways they do in real code: constants, struct and map literals, default
// values of environment lookups, HTTP calls and HMAC keys.

func writeGo(g *generator, ps []*plant) {
	f := g.newFile("internal/notify/webhooks.go", "go")
	var consts, vars, fields, calls, sinks []entry
	for _, p := range ps {
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.5):
			calls = append(calls, secret(p, "go-http-call", fmt.Sprintf("\treq, err := http.NewRequestWithContext(ctx, http.MethodPost, %q, bytes.NewReader(body))", p.text)))
		case !p.isURL() && g.r.chance(0.3):
			// Any key, of any shape: the call says what it is.
			sinks = append(sinks, secret(p, "go-hmac-key", fmt.Sprintf("\tmac := hmac.New(sha256.New, []byte(%q))", p.text)))
		case g.r.chance(0.2):
			vars = append(vars, secret(p, "go-cmp-or-default", fmt.Sprintf("\t%s = cmp.Or(os.Getenv(%q), %q)", p.key(camel), p.key(screaming), p.text)))
		case g.r.chance(0.5):
			fields = append(fields, secret(p, "go-map-literal", fmt.Sprintf("\t\t%q: %q,", p.key(screaming), p.text)))
		default:
			consts = append(consts, secret(p, "go-const", fmt.Sprintf("\t%s = %q", p.key(camel), p.text)))
		}
	}
	ref := g.refName()
	f.add(lines(`
// Package notify posts deployment events to chat services and verifies
// the webhooks they send back.
package notify

import (
	"bytes"
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"time"
)

// Version is reported in the User-Agent header.
const Version = "1.14.2"
`)...)
	f.add(bait(kindDocsURL, "documentation link", docsURLs[0], "// Incoming webhooks: "+docsURLs[0]))
	f.add(line("const ("))
	f.add(bait(kindIdentifier, "the value names an environment variable", ref, fmt.Sprintf("\t%sEnv = %q", spell(strings.Split(strings.ToLower(ref), "_"), camel), ref)))
	f.add(bait(kindIdentifier, "the value is a header name", "X-Hub-Signature-256", "\tsignatureHeader = \"X-Hub-Signature-256\""))
	f.add(consts...)
	f.add(line(")"))
	f.add(line(""))
	f.add(line("var ("))
	f.add(bait(kindReference, "an environment lookup without a literal default", ref, fmt.Sprintf("\tfromEnv = cmp.Or(os.Getenv(%q), os.Getenv(\"HOOKS_\"+%q))", ref, ref)))
	f.add(vars...)
	f.add(line(")"))
	f.add(line(""))
	f.add(lines(`
// Config says where notifications go.
type Config struct {
	Timeout time.Duration
	Retries int
	UserAgent string
	Extra map[string]string
}

var defaults = Config{
	Timeout:   10 * time.Second,
	Retries:   3,
	UserAgent: "acme-notify/" + Version,
	Extra: map[string]string{`)...)
	f.add(fields...)
	f.add(lines(`
	},
}

// Post sends a message to every configured webhook.
func Post(ctx context.Context, body []byte) error {`)...)
	f.add(calls...)
	id := g.r.uuid()
	f.add(bait(kindUUID, "a request id", id, fmt.Sprintf("\tconst traceID = %q", id)))
	f.add(lines(`
	_ = traceID
	return nil
}

// Verify checks a delivery's signature.
func Verify(body []byte, signature string) bool {`)...)
	f.add(sinks...)
	f.add(bait(kindReference, "read from the environment", ref, fmt.Sprintf("\tkey := os.Getenv(%q)", ref)))
	f.add(lines(`
	_ = key
	mac.Write(body)
	want := hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(want), []byte(signature))
}`)...)
}

func writePython(g *generator, ps []*plant) {
	f := g.newFile("app/settings.py", "python")
	var consts, dict, calls []entry
	for _, p := range ps {
		q := pyQuote(g)
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.4):
			calls = append(calls, secret(p, "python-requests-call", fmt.Sprintf("    resp = requests.post(%s%s%s, json=payload, timeout=5)", q, p.text, q)))
		case !p.isURL() && g.r.chance(0.2):
			calls = append(calls, secret(p, "python-hmac-key", fmt.Sprintf("    digest = hmac.new(b%s%s%s, payload, hashlib.sha256).hexdigest()", q, p.text, q)))
		case g.r.chance(0.3):
			fn := g.r.pick("os.environ.get", "os.getenv")
			consts = append(consts, secret(p, "python-getenv-default", fmt.Sprintf("%s = %s(%q, %s%s%s)", p.key(screaming), fn, p.key(screaming), q, p.text, q)))
		case g.r.chance(0.15):
			consts = append(consts, secret(p, "python-triple-quoted", fmt.Sprintf("%s = %s%s%s", p.key(screaming), strings.Repeat(q, 3), p.text, strings.Repeat(q, 3))))
		case g.r.chance(0.1):
			calls = append(calls, secret(p, "python-argparse-default", fmt.Sprintf("    parser.add_argument(%s--%s%s, default=%s%s%s)", q, p.key(kebab), q, q, p.text, q)))
		case g.r.chance(0.15):
			calls = append(calls, secret(p, "python-index-assignment", fmt.Sprintf("    app.config[%s%s%s] = %s%s%s", q, p.key(screaming), q, q, p.text, q)))
		case g.r.chance(0.4):
			dict = append(dict, secret(p, "python-dict", fmt.Sprintf("    %s%s%s: %s%s%s,", q, p.key(snake), q, q, p.text, q)))
		default:
			consts = append(consts, secret(p, "python-assignment", fmt.Sprintf("%s = %s%s%s", p.key(screaming), q, p.text, q)))
		}
	}
	ref := g.refName()
	f.add(lines(`
"""Settings for the billing service."""
import hashlib
import hmac
import os
from pathlib import Path

import requests

BASE_DIR = Path(__file__).resolve().parent.parent
DEBUG = os.environ.get("DEBUG", "false") == "true"
ALLOWED_HOSTS = ["billing.acme-corp.io", "localhost", "127.0.0.1"]
VERSION = "3.8.1"
TIME_ZONE = "UTC"
`)...)
	f.add(bait(kindReference, "read from the environment", ref, fmt.Sprintf("%s = os.environ[%q]", ref, ref)))
	f.add(consts...)
	ph := g.placeholder(`"`)
	f.add(bait(kindPlaceholder, ph.reason, ph.value, fmt.Sprintf("# e.g. %s = %q", spell(ph.name, screaming), ph.value)))
	f.add(line(""))
	f.add(line("WEBHOOKS = {"))
	f.add(line(`    "timeout": 5,`))
	f.add(dict...)
	f.add(line("}"))
	f.add(line(""))
	f.add(line(""))
	f.add(line("def notify(payload):"))
	f.add(line(`    """Send a deploy notification; see ` + g.docsURL() + `."""`))
	f.add(calls...)
	f.add(line("    return None"))
}

func pyQuote(g *generator) string { return g.r.pick(`"`, `'`) }

func writeJavaScript(g *generator, ps []*plant) {
	f := g.newFile("src/config.js", "javascript")
	var obj, consts, calls []entry
	for _, p := range ps {
		q := g.r.pick(`'`, `"`)
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.4):
			calls = append(calls, secret(p, "js-fetch-call", fmt.Sprintf("  await fetch(%s%s%s, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });", q, p.text, q)))
		case !p.isURL() && g.r.chance(0.2):
			calls = append(calls, secret(p, "js-hmac-key", fmt.Sprintf("  const mac = crypto.createHmac('sha256', %s%s%s).update(JSON.stringify(payload)).digest('hex');", q, p.text, q)))
		case g.r.chance(0.3):
			op := g.r.pick("||", "??")
			consts = append(consts, secret(p, "js-env-default", fmt.Sprintf("const %s = process.env.%s %s %s%s%s;", p.key(camel), p.key(screaming), op, q, p.text, q)))
		case g.r.chance(0.5):
			obj = append(obj, secret(p, "js-object-property", fmt.Sprintf("  %s: %s%s%s,", p.key(camel), q, p.text, q)))
		default:
			consts = append(consts, secret(p, "js-const", fmt.Sprintf("const %s = %s%s%s;", p.key(g.pickStyle(camel, screaming)), q, p.text, q)))
		}
	}
	ref := g.refName()
	f.add(lines(`
'use strict';

const crypto = require('crypto');
const path = require('path');
const pkg = require('../package.json');
`)...)
	f.add(consts...)
	f.add(line(""))
	f.add(line("module.exports = {"))
	f.add(line("  port: Number(process.env.PORT) || 3000,"))
	f.add(line("  version: pkg.version,"))
	f.add(line("  staticDir: path.join(__dirname, '..', 'public'),"))
	f.add(bait(kindReference, "read from the environment", "process.env."+ref, fmt.Sprintf("  %s: process.env.%s,", spell(strings.Split(strings.ToLower(ref), "_"), camel), ref)))
	f.add(obj...)
	f.add(line("};"))
	f.add(line(""))
	f.add(line("module.exports.notify = async function notify(payload) {"))
	f.add(calls...)
	f.add(line("};"))
}

func writeTypeScript(g *generator, ps []*plant) {
	f := g.newFile("src/webhooks/config.ts", "typescript")
	var top, fields, calls []entry
	for _, p := range ps {
		q := g.r.pick(`'`, `"`)
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.3):
			calls = append(calls, secret(p, "ts-fetch-call", fmt.Sprintf("    await fetch(%s%s%s, { method: \"POST\", body: JSON.stringify(event) });", q, p.text, q)))
		case g.r.chance(0.3):
			top = append(top, secret(p, "ts-typed-const", fmt.Sprintf("const %s: string = %s%s%s;", p.key(camel), q, p.text, q)))
		case g.r.chance(0.5):
			top = append(top, secret(p, "ts-export-const", fmt.Sprintf("export const %s = %s%s%s;", p.key(screaming), q, p.text, q)))
		default:
			fields = append(fields, secret(p, "ts-class-field", fmt.Sprintf("  private readonly %s = %s%s%s;", p.key(camel), q, p.text, q)))
		}
	}
	ref := g.refName()
	f.add(lines(`
import crypto from "node:crypto";
import type { Request } from "express";

export const API_VERSION = "2024-06-20";
`)...)
	f.add(top...)
	f.add(line(""))
	f.add(line("export class WebhookVerifier {"))
	f.add(bait(kindReference, "read from the environment", "process.env."+ref, fmt.Sprintf("  private readonly fromEnv = process.env.%s ?? \"\";", ref)))
	f.add(fields...)
	f.add(line(""))
	f.add(line("  async forward(event: unknown): Promise<void> {"))
	f.add(calls...)
	f.add(line("  }"))
	f.add(line(""))
	f.add(line("  verify(req: Request, secret: string): boolean {"))
	f.add(line("    const sig = req.header(\"webhook-signature\") ?? \"\";"))
	f.add(line("    const mac = crypto.createHmac(\"sha256\", secret).update(JSON.stringify(req.body)).digest(\"base64\");"))
	f.add(line("    return crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(mac));"))
	f.add(line("  }"))
	f.add(line("}"))
}

func writeJava(g *generator, ps []*plant) {
	f := g.newFile("src/main/java/com/acme/hooks/WebhookConfig.java", "java")
	var fields, calls []entry
	for _, p := range ps {
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.4):
			calls = append(calls, secret(p, "java-uri-create", fmt.Sprintf("        HttpRequest request = HttpRequest.newBuilder(URI.create(%q)).POST(body).build();", p.text)))
		case !p.isURL() && g.r.chance(0.2):
			calls = append(calls, secret(p, "java-hmac-key", fmt.Sprintf("        mac.init(new SecretKeySpec(%q.getBytes(StandardCharsets.UTF_8), \"HmacSHA256\"));", p.text)))
		case g.r.chance(0.2):
			calls = append(calls, secret(p, "java-builder-setter", fmt.Sprintf("        WebhookClient client = WebhookClient.builder().%s(%q).build();", p.key(camel), p.text)))
		case g.r.chance(0.3):
			fields = append(fields, secret(p, "java-getenv-default", fmt.Sprintf("    private final String %s = System.getenv().getOrDefault(%q, %q);", p.key(camel), p.key(screaming), p.text)))
		default:
			fields = append(fields, secret(p, "java-static-final", fmt.Sprintf("    private static final String %s = %q;", p.key(screaming), p.text)))
		}
	}
	f.add(lines(`
package com.acme.hooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

@Configuration
public class WebhookConfig {
`)...)
	f.add(bait(kindReference, "Spring property placeholder", "${github.webhook-secret}", "    @Value(\"${github.webhook-secret}\")"))
	f.add(line("    private String githubWebhookSecret;"))
	f.add(line(""))
	f.add(fields...)
	f.add(bait(kindIdentifier, "the value names a header", "X-Hub-Signature-256", "    public static final String WEBHOOK_SECRET_HEADER = \"X-Hub-Signature-256\";"))
	f.add(line(""))
	f.add(line("    void send(HttpClient client, BodyPublisher body) throws Exception {"))
	f.add(line("        Mac mac = Mac.getInstance(\"HmacSHA256\");"))
	f.add(calls...)
	f.add(line("    }"))
	f.add(line("}"))
}

func writeKotlin(g *generator, ps []*plant) {
	f := g.newFile("app/src/main/kotlin/com/acme/alerts/Secrets.kt", "kotlin")
	var top, entries, calls []entry
	for _, p := range ps {
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.4):
			calls = append(calls, secret(p, "kotlin-okhttp-url", fmt.Sprintf("        val request = Request.Builder().url(%q).post(body).build()", p.text)))
		case g.r.chance(0.25):
			entries = append(entries, secret(p, "kotlin-map-to", fmt.Sprintf("    %q to %q,", p.key(camel), p.text)))
		case g.r.chance(0.3):
			top = append(top, secret(p, "kotlin-typed-val", fmt.Sprintf("val %s: String = %q", p.key(camel), p.text)))
		default:
			top = append(top, secret(p, "kotlin-const-val", fmt.Sprintf("const val %s = %q", p.key(screaming), p.text)))
		}
	}
	f.add(lines(`
package com.acme.alerts

import okhttp3.MediaType.Companion.toMediaType
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody

const val USER_AGENT = "acme-alerts/4.2.0"
`)...)
	f.add(top...)
	ref := g.refName()
	f.add(bait(kindReference, "read from the environment", ref, fmt.Sprintf("val fromEnv: String? = System.getenv(%q)", ref)))
	f.add(line(""))
	f.add(line("val settings: Map<String, String> = mapOf("))
	f.add(line(`    "region" to "eu-west-1",`))
	f.add(entries...)
	f.add(line(")"))
	f.add(lines(`

class Notifier(private val client: OkHttpClient = OkHttpClient()) {
    fun send(json: String) {
        val body = json.toRequestBody("application/json".toMediaType())`)...)
	f.add(calls...)
	f.add(line("    }"))
	f.add(line("}"))
}

func writeSwift(g *generator, ps []*plant) {
	f := g.newFile("Sources/AlertKit/Config.swift", "swift")
	var members, calls []entry
	for _, p := range ps {
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.4):
			calls = append(calls, secret(p, "swift-url-literal", fmt.Sprintf("        var request = URLRequest(url: URL(string: %q)!)", p.text)))
		case g.r.chance(0.3):
			members = append(members, secret(p, "swift-typed-let", fmt.Sprintf("    static let %s: String = %q", p.key(camel), p.text)))
		default:
			members = append(members, secret(p, "swift-static-let", fmt.Sprintf("    static let %s = %q", p.key(camel), p.text)))
		}
	}
	ref := g.refName()
	f.add(lines(`
import Foundation

enum Config {
    static let version = "2.3.0"
    static let timeout: TimeInterval = 15
`)...)
	f.add(members...)
	f.add(bait(kindReference, "read from the environment", ref, fmt.Sprintf("    static let fromEnv = ProcessInfo.processInfo.environment[%q]", ref)))
	f.add(line("}"))
	f.add(line(""))
	f.add(line("struct Notifier {"))
	f.add(line("    func post(_ body: Data) async throws {"))
	f.add(calls...)
	f.add(line("    }"))
	f.add(line("}"))
}

func writeCSharp(g *generator, ps []*plant) {
	f := g.newFile("src/Acme.Hooks/WebhookOptions.cs", "csharp")
	var members, calls []entry
	for _, p := range ps {
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.4):
			calls = append(calls, secret(p, "csharp-uri", fmt.Sprintf("        using var response = await client.PostAsync(new Uri(%q), content);", p.text)))
		case g.r.chance(0.5):
			members = append(members, secret(p, "csharp-const", fmt.Sprintf("    private const string %s = %q;", p.key(pascal), p.text)))
		default:
			members = append(members, secret(p, "csharp-static-readonly", fmt.Sprintf("    public static readonly string %s = %q;", p.key(pascal), p.text)))
		}
	}
	ref := g.refName()
	f.add(lines(`
using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace Acme.Hooks;

public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";
`)...)
	f.add(members...)
	f.add(bait(kindReference, "read from the environment", ref, fmt.Sprintf("    public string? FromEnvironment { get; } = Environment.GetEnvironmentVariable(%q);", ref)))
	f.add(line(""))
	f.add(line("    public async Task SendAsync(HttpClient client, HttpContent content)"))
	f.add(line("    {"))
	f.add(calls...)
	f.add(line("    }"))
	f.add(line("}"))
}

func writeRust(g *generator, ps []*plant) {
	f := g.newFile("src/config.rs", "rust")
	var consts, lets, fields, calls []entry
	for _, p := range ps {
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.4):
			calls = append(calls, secret(p, "rust-reqwest-call", fmt.Sprintf("    let resp = client.post(%q).json(&payload).send().await?;", p.text)))
		case p.bare() && !p.isURL() && g.r.chance(0.3):
			lets = append(lets, secret(p, "rust-hmac-key", fmt.Sprintf("    let mac = HmacSha256::new_from_slice(b%q).expect(\"hmac key\");", p.text)))
		case p.keyed() && g.r.chance(0.3):
			fields = append(fields, secret(p, "rust-string-from", fmt.Sprintf("        %s: String::from(%q),", p.key(snake), p.text)))
		case p.keyed() && g.r.chance(0.6):
			lets = append(lets, secret(p, "rust-let", fmt.Sprintf("    let %s = %q;", p.key(snake), p.text)))
		default:
			consts = append(consts, secret(p, "rust-typed-const", fmt.Sprintf("pub const %s: &str = %q;", p.key(screaming), p.text)))
		}
	}
	ref := g.refName()
	f.add(lines(`
//! Configuration for the alert relay.

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

pub const USER_AGENT: &str = "alert-relay/0.9.3";
`)...)
	f.add(consts...)
	f.add(line(""))
	f.add(line("pub async fn relay(client: &reqwest::Client, payload: serde_json::Value) -> anyhow::Result<()> {"))
	f.add(bait(kindReference, "read from the environment", ref, fmt.Sprintf("    let from_env = std::env::var(%q).unwrap_or_default();", ref)))
	f.add(lets...)
	f.add(calls...)
	f.add(line("    let _ = from_env;"))
	f.add(line("    Ok(())"))
	f.add(line("}"))
	f.add(line(""))
	f.add(line("pub fn defaults() -> Settings {"))
	f.add(line("    Settings {"))
	f.add(line(`        region: String::from("eu-west-1"),`))
	f.add(fields...)
	f.add(line("        ..Default::default()"))
	f.add(line("    }"))
	f.add(line("}"))
}

func writePHP(g *generator, ps []*plant) {
	f := g.newFile("config/services.php", "php")
	var defines, arr []entry
	for _, p := range ps {
		switch {
		case p.keyed() && g.r.chance(0.2):
			defines = append(defines, secret(p, "php-define", fmt.Sprintf("define('%s', '%s');", p.key(screaming), p.text)))
		case !p.isURL() && g.r.chance(0.2):
			defines = append(defines, secret(p, "php-hmac-key", fmt.Sprintf("$signature = hash_hmac('sha256', $payload, '%s');", p.text)))
		case g.r.chance(0.15):
			defines = append(defines, secret(p, "php-getenv-elvis", fmt.Sprintf("$%s = getenv('%s') ?: '%s';", p.key(camel), p.key(screaming), p.text)))
		case g.r.chance(0.3):
			arr = append(arr, secret(p, "php-env-default", fmt.Sprintf("    '%s' => env('%s', '%s'),", p.key(snake), p.key(screaming), p.text)))
		case g.r.chance(0.15):
			defines = append(defines, secret(p, "php-index-assignment", fmt.Sprintf("$config['%s'] = '%s';", p.key(snake), p.text)))
		case g.r.chance(0.2):
			defines = append(defines, secret(p, "php-variable", fmt.Sprintf("$%s = '%s';", p.key(camel), p.text)))
		default:
			arr = append(arr, secret(p, "php-array", fmt.Sprintf("    '%s' => '%s',", p.key(snake), p.text)))
		}
	}
	ref := g.refName()
	f.add(line("<?php"))
	f.add(line(""))
	f.add(defines...)
	f.add(line(""))
	f.add(line("return ["))
	f.add(line("    'mailgun_domain' => env('MAILGUN_DOMAIN'),"))
	f.add(line("    'queue' => 'webhooks',"))
	f.add(bait(kindReference, "read from the environment", "env('"+ref+"')", fmt.Sprintf("    '%s' => env('%s'),", strings.ToLower(ref), ref)))
	f.add(arr...)
	f.add(line("];"))
}

func writeRuby(g *generator, ps []*plant) {
	f := g.newFile("config/initializers/notifications.rb", "ruby")
	var consts, cfg, calls []entry
	for _, p := range ps {
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.4):
			calls = append(calls, secret(p, "ruby-net-http", fmt.Sprintf("    Net::HTTP.post(URI('%s'), payload.to_json, 'Content-Type' => 'application/json')", p.text)))
		case !p.isURL() && g.r.chance(0.2):
			calls = append(calls, secret(p, "ruby-hmac-key", fmt.Sprintf("    signature = OpenSSL::HMAC.hexdigest('SHA256', '%s', payload.to_json)", p.text)))
		case g.r.chance(0.3):
			consts = append(consts, secret(p, "ruby-env-fetch-default", fmt.Sprintf("%s = ENV.fetch('%s', '%s')", p.key(screaming), p.key(screaming), p.text)))
		case g.r.chance(0.4):
			cfg = append(cfg, secret(p, "ruby-config-x", fmt.Sprintf("  config.x.%s = '%s'", p.key(snake), p.text)))
		case g.r.chance(0.5):
			consts = append(consts, secret(p, "ruby-hash-symbol", fmt.Sprintf("SETTINGS_%d = { %s: '%s' }.freeze", len(consts), p.key(snake), p.text)))
		default:
			consts = append(consts, secret(p, "ruby-constant", fmt.Sprintf("%s = '%s'.freeze", p.key(screaming), p.text)))
		}
	}
	ref := g.refName()
	f.add(line("# frozen_string_literal: true"))
	f.add(line(""))
	f.add(line("require 'net/http'"))
	f.add(line(""))
	f.add(consts...)
	f.add(bait(kindReference, "read from the environment", "ENV['"+ref+"']", fmt.Sprintf("%s_FROM_ENV = ENV['%s']", ref, ref)))
	f.add(line(""))
	f.add(line("Rails.application.configure do"))
	f.add(line("  config.x.notifications_enabled = true"))
	f.add(cfg...)
	f.add(line("end"))
	f.add(line(""))
	f.add(line("module Notifications"))
	f.add(line("  def self.deliver(payload)"))
	f.add(calls...)
	f.add(line("  end"))
	f.add(line("end"))
}

// pickStyle chooses one of the styles.
func (g *generator) pickStyle(styles ...style) style { return styles[g.r.IntN(len(styles))] }
