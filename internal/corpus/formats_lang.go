package corpus

import (
	"fmt"
	"slices"
	"strings"
)

// More languages and server configurations, in the constructs whose name
// and value are joined by something other than an assignment: Scala's
// "x" -> "…" and s"…", a C macro, an EDN keyword, an nginx directive.

func writeScala(g *generator, ps []*plant) {
	f := g.newFile("src/main/scala/com/acme/alerts/Settings.scala", "scala")
	var vals, entries []entry
	for _, p := range ps {
		switch {
		case g.r.chance(0.35):
			entries = append(entries, secret(p, "scala-map-arrow", fmt.Sprintf("    %q -> %q,", p.key(snake), p.text)))
		case g.r.chance(0.5):
			vals = append(vals, secret(p, "scala-interpolated", fmt.Sprintf("  final val %s = s%q", p.key(pascal), p.text)))
		default:
			vals = append(vals, secret(p, "scala-typed-val", fmt.Sprintf("  val %s: String = %q", p.key(camel), p.text)))
		}
	}
	ref := g.refName()
	f.add(lines(`
package com.acme.alerts

import scala.concurrent.duration._

object Settings {
  val UserAgent: String = "acme-alerts/4.2.0"
  val Timeout: FiniteDuration = 10.seconds
`)...)
	f.add(bait(kindReference, "read from the environment", ref, fmt.Sprintf("  val fromEnv: Option[String] = sys.env.get(%q)", ref)))
	f.add(vals...)
	f.add(line("  val hooks: Map[String, String] = Map("))
	f.add(line(`    "region" -> "eu-west-1",`))
	f.add(entries...)
	f.add(line("  )"))
	f.add(line("}"))
}

func writeCHeader(g *generator, ps []*plant) {
	f := g.newFile("firmware/include/alert_config.h", "c-header")
	f.add(lines(`
/* Build-time configuration of the alert relay. */
#ifndef ALERT_CONFIG_H
#define ALERT_CONFIG_H

#define ALERT_USER_AGENT "alert-relay/0.9.3"
#define ALERT_RETRIES 3
`)...)
	ref := g.refName()
	f.add(bait(kindIdentifier, "the value names an environment variable", ref, fmt.Sprintf("#define ALERT_SECRET_ENV %q", ref)))
	for _, p := range ps {
		f.add(secret(p, "c-define", fmt.Sprintf("#define %s %q", p.key(screaming), p.text)))
	}
	f.add(line(""))
	f.add(line("#endif /* ALERT_CONFIG_H */"))
}

func writeEDN(g *generator, ps []*plant) {
	f := g.newFile("resources/config.edn", "edn")
	f.add(lines(`
{:server {:port 8080
          :host "0.0.0.0"}
 :alerts {:retries 3`)...)
	f.add(bait(kindReference, "an Aero environment tag", "#env WEBHOOK_SECRET", `          :webhook-secret-from #env WEBHOOK_SECRET`))
	for _, p := range ps {
		f.add(secret(p, "edn-keyword", fmt.Sprintf("          :%s %q", p.key(kebab), p.text)))
	}
	f.add(line("          :timeout-ms 10000}}"))
}

func writeNginx(g *generator, ps []*plant) {
	f := g.newFile("deploy/nginx/relay.conf", "nginx")
	f.add(lines(`
upstream relay {
    server 127.0.0.1:8080;
}

server {
    listen 443 ssl;
    server_name relay.acme-corp.io;
`)...)
	f.add(bait(kindReference, "an nginx variable", "$http_x_hub_signature_256", "    proxy_set_header X-Hub-Signature-256 $http_x_hub_signature_256;"))
	for i, p := range ps {
		switch {
		case p.isURL() && p.keyed():
			f.add(secret(p, "nginx-set-variable", fmt.Sprintf("    set $%s %q;", p.key(snake), p.text)))
		case p.isURL():
			f.add(line(fmt.Sprintf("    location /out/%d {", i)))
			f.add(secret(p, "nginx-proxy-pass", fmt.Sprintf("        proxy_pass %s;", p.text)))
			f.add(line("    }"))
		default:
			header := "X-" + p.key(pascal)
			if g.r.chance(0.5) {
				words := strings.Split(p.key(kebab), "-")
				for j, w := range words {
					words[j] = title(w)
				}
				header = "X-" + strings.Join(words, "-")
			}
			f.add(secret(p, "nginx-header", fmt.Sprintf("    proxy_set_header %s %q;", header, p.text)))
		}
	}
	f.add(line("    location / {"))
	f.add(line("        proxy_pass http://relay;"))
	f.add(line("    }"))
	f.add(line("}"))
}

func writeFish(g *generator, ps []*plant) {
	f := g.newFile("ops/shell/config.fish", "fish")
	f.add(lines(`
# Environment for the relay's operators (fish).
set -gx EDITOR vim
set -gx RELAY_REGION eu-west-1`)...)
	ref := g.refName()
	f.add(bait(kindReference, "a fish variable", "$"+ref, fmt.Sprintf("set -gx HOOKS_SECRET $%s", ref)))
	for _, p := range ps {
		if g.r.chance(0.5) {
			f.add(secret(p, "fish-set", fmt.Sprintf("set -gx %s %s", p.key(screaming), p.text)))
			continue
		}
		f.add(secret(p, "fish-set-quoted", fmt.Sprintf("set -x %s '%s'", p.key(screaming), p.text)))
	}
}

func writeCsh(g *generator, ps []*plant) {
	f := g.newFile("ops/shell/relay.cshrc", "csh")
	f.add(lines(`
# Environment for the relay on the build hosts (tcsh).
setenv RELAY_REGION eu-west-1
set path = ($path /opt/relay/bin)`)...)
	for _, p := range ps {
		f.add(secret(p, "csh-setenv", fmt.Sprintf("setenv %s %q", p.key(screaming), p.text)))
	}
}

// writeUserSecrets writes a .NET user-secrets file: flat JSON whose keys
// join configuration sections with ":" (Stripe:WebhookSecret).
func writeUserSecrets(g *generator, ps []*plant) {
	f := g.newFile("src/Relay.Api/secrets.json", "dotnet-user-secrets")
	f.add(line("{"))
	f.add(line(`  "ConnectionStrings:Default": "Host=db.internal;Database=relay",`))
	for _, p := range ps {
		key := p.key(pascal)
		if len(p.name) > 1 && (p.spec.styles == nil || slices.Contains(p.spec.styles, pascal)) {
			key = spell(p.name[:1], pascal) + ":" + spell(p.name[1:], pascal)
		}
		f.add(secret(p, "dotnet-section-key", fmt.Sprintf("  %q: %s,", key, jsonString(p.text))))
	}
	f.add(line(`  "Logging:LogLevel:Default": "Information"`))
	f.add(line("}"))
}
