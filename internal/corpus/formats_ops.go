package corpus

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// CI, build and operations formats: GitHub Actions, GitLab CI, Jenkins,
// Dockerfile, shell, Makefile, SQL seed data and application logs.

func writeGitHubActions(g *generator, ps []*plant) {
	f := g.newFile(".github/workflows/deploy.yml", "github-actions")
	var env, steps []entry
	for _, p := range ps {
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.35):
			steps = append(steps, line("      - name: Notify"), line("        run: |"),
				secret(p, "workflow-run-curl", fmt.Sprintf("          curl -fsS -X POST -H 'Content-type: application/json' --data '{\"text\":\"deployed ${{ github.sha }}\"}' %s", p.text)))
		case p.isURL() && !p.keyed() && g.r.chance(0.3):
			steps = append(steps, line("      - uses: slackapi/slack-github-action@v2.1.0"), line("        with:"),
				secret(p, "workflow-with-input", "          webhook: "+p.text), line("          webhook-type: incoming-webhook"))
		default:
			env = append(env, secret(p, "workflow-env", fmt.Sprintf("  %s: %s", p.key(screaming), p.text)))
		}
	}
	sha := g.gitSHA()
	ref := g.refName()
	f.add(lines(`
name: deploy
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  id-token: write
env:
  GO_VERSION: "1.26"`)...)
	f.add(bait(kindReference, "GitHub Actions secret expression", "${{ secrets."+ref+" }}", fmt.Sprintf("  %s: ${{ secrets.%s }}", ref, ref)))
	f.add(env...)
	f.add(lines(`
jobs:
  deploy:
    runs-on: ubuntu-24.04
    steps:`)...)
	f.add(bait(kindHash, "a pinned action commit", sha, "      - uses: actions/checkout@"+sha+" # v4.2.2"))
	f.add(line("      - uses: actions/setup-go@v5"))
	f.add(line("        with:"))
	f.add(line("          go-version: ${{ env.GO_VERSION }}"))
	f.add(line("      - run: go build ./..."))
	f.add(steps...)
	f.add(line("      - name: Announce"))
	f.add(line("        env:"))
	f.add(bait(kindIdentifier, "the name of a repository secret", "SLACK_WEBHOOK_URL", "          SECRET_NAME: SLACK_WEBHOOK_URL"))
	f.add(line("        run: ./scripts/announce.sh"))
}

func writeGitLabCI(g *generator, ps []*plant) {
	f := g.newFile(".gitlab-ci.yml", "gitlab-ci")
	var vars, script []entry
	for _, p := range ps {
		switch {
		case strings.HasPrefix(p.text, "glptt-"):
			script = append(script, secret(p, "gitlab-ci-script", fmt.Sprintf("    - curl --fail -X POST -F token=%s -F ref=main https://gitlab.com/api/v4/projects/%s/trigger/pipeline", p.text, g.r.digits(8))))
		case p.isURL() && !p.keyed() && g.r.chance(0.4):
			script = append(script, secret(p, "gitlab-ci-script", fmt.Sprintf(`    - 'curl -sS -X POST -H "Content-Type: application/json" -d "{\"text\":\"$CI_COMMIT_SHORT_SHA deployed\"}" %s'`, p.text)))
		default:
			vars = append(vars, secret(p, "gitlab-ci-variable", fmt.Sprintf("  %s: %q", p.key(screaming), p.text)))
		}
	}
	f.add(line("stages: [build, deploy]"))
	f.add(line("variables:"))
	f.add(line("  DOCKER_DRIVER: overlay2"))
	f.add(vars...)
	f.add(line("deploy:"))
	f.add(line("  stage: deploy"))
	f.add(line("  image: curlimages/curl:8.11.1"))
	f.add(line("  script:"))
	f.add(bait(kindReference, "CI variable reference", "$TRIGGER_TOKEN", "    - curl --fail -X POST -F token=$TRIGGER_TOKEN -F ref=main https://gitlab.com/api/v4/projects/4821/trigger/pipeline"))
	f.add(script...)
	f.add(line("  rules:"))
	f.add(line("    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"))
}

func writeJenkinsfile(g *generator, ps []*plant) {
	f := g.newFile("Jenkinsfile", "jenkinsfile")
	var env, steps []entry
	for _, p := range ps {
		if p.isURL() && !p.keyed() && g.r.chance(0.4) {
			steps = append(steps, secret(p, "jenkins-sh-step", fmt.Sprintf(`        sh "curl -fsS -X POST -H 'Content-Type: application/json' -d '{\"text\":\"build ${BUILD_NUMBER}\"}' %s"`, p.text)))
			continue
		}
		env = append(env, secret(p, "jenkins-environment", fmt.Sprintf("    %s = '%s'", p.key(screaming), p.text)))
	}
	f.add(line("pipeline {"))
	f.add(line("  agent { label 'linux' }"))
	f.add(line("  environment {"))
	f.add(line("    GOFLAGS = '-mod=readonly'"))
	f.add(bait(kindReference, "Jenkins credentials binding", "credentials('github-webhook-secret')", "    GITHUB_WEBHOOK_SECRET = credentials('github-webhook-secret')"))
	f.add(env...)
	f.add(line("  }"))
	f.add(line("  stages {"))
	f.add(line("    stage('Notify') {"))
	f.add(line("      steps {"))
	f.add(steps...)
	f.add(line("      }"))
	f.add(line("    }"))
	f.add(line("  }"))
	f.add(line("}"))
}

func writeDockerfile(g *generator, ps []*plant) {
	f := g.newFile("Dockerfile", "dockerfile")
	digest := g.sha256hex()
	f.add(line("# syntax=docker/dockerfile:1.7"))
	f.add(bait(kindHash, "a base image digest", digest, "FROM golang:1.26-alpine@sha256:"+digest+" AS build"))
	f.add(lines(`
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/hooks ./cmd/hooks

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/hooks /hooks`)...)
	sha := g.gitSHA()
	f.add(bait(kindHash, "a git commit id", sha, `LABEL org.opencontainers.image.revision="`+sha+`"`))
	for _, p := range ps {
		switch {
		case g.r.chance(0.25):
			f.add(secret(p, "dockerfile-env-legacy", fmt.Sprintf("ENV %s %s", p.key(screaming), p.text)))
		case g.r.chance(0.1):
			f.add(secret(p, "dockerfile-env-legacy-quoted", fmt.Sprintf("ENV %s %q", p.key(screaming), p.text)))
		case g.r.chance(0.3):
			f.add(secret(p, "dockerfile-arg", fmt.Sprintf("ARG %s=%s", p.key(screaming), p.text)))
		default:
			f.add(secret(p, "dockerfile-env", fmt.Sprintf("ENV %s=%s", p.key(screaming), p.text)))
		}
	}
	f.add(line("USER nonroot:nonroot"))
	f.add(line(`ENTRYPOINT ["/hooks"]`))
}

func writeShell(g *generator, ps []*plant) {
	f := g.newFile("scripts/notify-deploy.sh", "shell")
	ref := g.refName()
	f.add(lines(`
#!/usr/bin/env bash
# Announce a deployment in chat.
set -euo pipefail

VERSION="$(git describe --tags --always)"`)...)
	f.add(bait(kindReference, "parameter expansion with an error", "${"+ref+":?", fmt.Sprintf(`: "${%s:?%s must be set}"`, ref, ref)))
	var calls []entry
	for _, p := range ps {
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.5):
			calls = append(calls, secret(p, "shell-curl", fmt.Sprintf(`curl -fsS -X POST -H 'Content-type: application/json' --data "{\"text\":\"deployed ${VERSION}\"}" %s`, p.text)))
		case p.spec.id == "gitlab-webhook-secret-token" && g.r.chance(0.5):
			calls = append(calls, secret(p, "shell-curl-header", fmt.Sprintf(`curl -fsS -H "X-Gitlab-Token: %s" -d @payload.json https://hooks.acme-corp.io/gitlab`, p.text)))
		case g.r.chance(0.2):
			f.add(secret(p, "shell-default-expansion", fmt.Sprintf(`export %s="${%s:-%s}"`, p.key(screaming), p.key(screaming), p.text)))
		case g.r.chance(0.5):
			f.add(secret(p, "shell-export", fmt.Sprintf(`export %s="%s"`, p.key(screaming), p.text)))
		default:
			f.add(secret(p, "shell-assignment", fmt.Sprintf(`%s='%s'`, p.key(screaming), p.text)))
		}
	}
	f.add(line(""))
	f.add(calls...)
	f.add(line(`echo "announced ${VERSION}"`))
}

func writeMakefile(g *generator, ps []*plant) {
	f := g.newFile("Makefile", "makefile")
	var recipe []entry
	f.add(line("VERSION ?= $(shell git describe --tags --always --dirty)"))
	f.add(line("GOFLAGS := -trimpath"))
	for _, p := range ps {
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.4):
			recipe = append(recipe, secret(p, "makefile-recipe", fmt.Sprintf("\tcurl -fsS -X POST -d '{\"text\":\"built $(VERSION)\"}' %s", p.text)))
		case g.r.chance(0.5):
			f.add(secret(p, "makefile-conditional", fmt.Sprintf("%s ?= %s", p.key(screaming), p.text)))
		default:
			f.add(secret(p, "makefile-assignment", fmt.Sprintf("%s := %s", p.key(screaming), p.text)))
		}
	}
	f.add(line(""))
	f.add(line(".PHONY: build notify"))
	f.add(line("build:"))
	f.add(line("\tgo build $(GOFLAGS) -ldflags \"-X main.version=$(VERSION)\" ./cmd/hooks"))
	f.add(line(""))
	f.add(line("notify: build"))
	f.add(bait(kindReference, "make variable reference", "$(SLACK_WEBHOOK_URL)", "\tcurl -fsS -X POST -d '{\"text\":\"built\"}' $(SLACK_WEBHOOK_URL)"))
	f.add(recipe...)
}

func writeSQL(g *generator, ps []*plant) {
	f := g.newFile("db/seeds/002_integrations.sql", "sql")
	f.add(line("-- Seed data for the staging database."))
	f.add(line("BEGIN;"))
	f.add(line(""))
	f.add(line("INSERT INTO integrations (id, provider, endpoint, created_at) VALUES"))
	var urls, tokens []*plant
	for _, p := range ps {
		if p.isURL() {
			urls = append(urls, p)
		} else {
			tokens = append(tokens, p)
		}
	}
	for i, p := range urls {
		f.add(secret(p, "sql-values", fmt.Sprintf("  ('%s', '%s', '%s', '%s'),", g.r.uuid(), strings.SplitN(p.spec.id, "-", 2)[0], p.text, g.timestamp(i))))
	}
	id := g.r.uuid()
	f.add(bait(kindUUID, "a row id", id, fmt.Sprintf("  ('%s', 'internal', 'https://relay.acme-corp.io/events', '2025-11-03 09:12:44');", id)))
	f.add(line(""))
	for _, p := range tokens {
		f.add(secret(p, "sql-values", fmt.Sprintf("INSERT INTO api_credentials (provider, label, token) VALUES ('%s', 'staging', '%s');", strings.SplitN(p.spec.id, "-", 2)[0], p.text)))
	}
	hash := g.bcrypt()
	f.add(bait(kindHash, "a bcrypt password hash", hash, fmt.Sprintf("INSERT INTO users (email, password_hash) VALUES ('ops@acme-corp.io', '%s');", hash)))
	f.add(line(""))
	f.add(line("COMMIT;"))
}

// timestamp returns a plausible timestamp, later for larger i.
func (g *generator) timestamp(i int) string {
	t := time.Date(2025, 11, 3, 9, 12, 44, 0, time.UTC).Add(time.Duration(i)*97*time.Minute + time.Duration(g.r.IntN(3600))*time.Second)
	return t.Format("2006-01-02 15:04:05")
}

func writeLog(g *generator, ps []*plant) {
	f := g.newFile("logs/hooks-2026-03-14.log", "log")
	t := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	tick := func() string {
		t = t.Add(time.Duration(g.r.between(50, 4000)) * time.Millisecond)
		return t.Format("2006-01-02T15:04:05.000Z")
	}
	sha := g.gitSHA()
	f.add(bait(kindHash, "a git commit id", sha, fmt.Sprintf("%s INFO  starting hooks version=1.14.2 commit=%s go=go1.26.8", tick(), sha)))
	for _, p := range ps {
		id := g.r.uuid()
		switch {
		case p.isURL() && !p.keyed():
			f.add(secret(p, "log-line", fmt.Sprintf("%s INFO  POST %s status=200 duration=%dms request_id=%s", tick(), p.text, g.r.between(40, 900), id)))
		case !p.isURL() && g.r.chance(0.2):
			// A Go service logging a request's http.Header with %v.
			f.add(secret(p, "log-go-header-map", fmt.Sprintf("%s DEBUG outgoing request headers=map[Content-Type:[application/json] X-%s:[%s]]", tick(), p.key(pascal), p.text)))
		case g.r.chance(0.4):
			f.add(secret(p, "log-json", fmt.Sprintf(`{"time":"%s","level":"debug","msg":"config loaded","%s":%s}`, tick(), p.key(snake), jsonString(p.text))))
		default:
			f.add(secret(p, "log-key-value", fmt.Sprintf("%s DEBUG loaded config %s=%s", tick(), p.key(snake), p.text)))
		}
		if g.r.chance(0.3) {
			rid := g.r.uuid()
			f.add(bait(kindUUID, "a request id", rid, fmt.Sprintf("%s INFO  delivery accepted request_id=%s", tick(), rid)))
		}
	}
	sig := g.sha256hex()
	f.add(bait(kindHash, "an HMAC signature header, not the key", "sha256="+sig, fmt.Sprintf("%s WARN  signature mismatch header=X-Hub-Signature-256 got=sha256=%s", tick(), sig)))
	f.add(bait(kindDocsURL, "documentation link", docsURLs[2], fmt.Sprintf("%s INFO  see %s", tick(), docsURLs[2])))
}

func writeAccessLog(g *generator, ps []*plant) {
	f := g.newFile("logs/nginx/access.log", "access-log")
	t := time.Date(2026, 3, 14, 9, 12, 1, 0, time.UTC)
	agent := `"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15"`
	entry := func(path string, status int) string {
		t = t.Add(time.Duration(g.r.between(1, 90)) * time.Second)
		return fmt.Sprintf(`203.0.113.%d - - [%s] "GET %s HTTP/1.1" %d %d "https://app.acme-corp.io/settings/integrations" %s`,
			g.r.between(2, 250), t.Format("02/Jan/2006:15:04:05 -0700"), path, status, g.r.between(0, 4096), agent)
	}
	f.add(line(entry("/healthz", 200)))
	for _, p := range ps {
		w := url.QueryEscape(p.text)
		f.add(encoded(p, "access-log-query", Percent, w, entry("/integrations/connect?provider="+strings.SplitN(p.spec.id, "-", 2)[0]+"&target="+w, 302)))
		if g.r.chance(0.3) {
			f.add(line(entry("/static/app.4f1c2b9e.min.js", 200)))
		}
	}
	id := g.r.uuid()
	f.add(bait(kindUUID, "a request id", id, entry("/api/v1/deliveries/"+id, 200)))
}
