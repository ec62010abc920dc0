package scanner

import (
	"bytes"
	"path"
	"slices"
	"strings"

	"github.com/hookscan/hookscan/rules"
)

// Context classes: where in a project a finding lives. They rank findings
// (a production config first, a README example last) and lower the
// severity of places whose secrets are rarely live.
const (
	ContextConfig    = "config"
	ContextCI        = "ci"
	ContextSource    = "source"
	ContextTest      = "test"
	ContextExample   = "example"
	ContextDocs      = "docs"
	ContextGenerated = "generated"
	ContextVendor    = "vendor"
)

// ContextClasses lists the classes from the most to the least likely to
// hold a live secret; text output ranks findings in this order.
var ContextClasses = []string{ContextConfig, ContextCI, ContextSource, ContextTest, ContextGenerated, ContextExample, ContextDocs, ContextVendor}

// ContextRank returns the place of a class in ContextClasses (unknown
// classes rank first, so they are never hidden behind known ones).
func ContextRank(class string) int {
	return slices.Index(ContextClasses, class) + 1
}

// severityDrop is how many steps a class lowers a rule's severity: a
// secret in a test, an example or someone else's code is reported, but
// after the ones in production code and configuration.
var severityDrop = map[string]int{
	ContextTest: 1, ContextGenerated: 1, ContextVendor: 1, ContextExample: 2, ContextDocs: 2,
}

// ContextSeverity returns a rule's severity as it applies in a class.
func ContextSeverity(severity, class string) string {
	i := slices.Index(rules.Severities, severity)
	if i < 0 {
		return severity
	}
	return rules.Severities[min(i+severityDrop[class], len(rules.Severities)-1)]
}

var (
	vendorDirs  = dirSet("vendor", "node_modules", "third_party", "third-party", "thirdparty", "bower_components", "site-packages", "_workspace", "jspm_packages", ".bundle")
	testDirs    = dirSet("test", "tests", "testing", "testdata", "test-data", "test_data", "__tests__", "spec", "specs", "fixtures", "__fixtures__", "test-fixtures", "test_fixtures", "testfixtures", "test-files", "test_files", "testfiles", "e2e", "mocks", "__mocks__", "testutil", "testutils", "androidtest", "unittest", "unittests", "integrationtest", "integration-tests", "integration_tests", "integration-test", "integration_test", "e2e-tests", "e2e_tests", "functional-tests", "functional_tests")
	exampleDirs = dirSet("example", "examples", "_examples", "sample", "samples", "demo", "demos", "quickstart", "tutorial", "tutorials")
	docsDirs    = dirSet("doc", "docs", "documentation", "website", "wiki", "man", "_posts", "guides")
	etcDirs     = dirSet("etc")
	ciDirs      = dirSet(".github", ".circleci", ".buildkite", ".gitlab", ".ci", ".azure-pipelines", ".teamcity", ".woodpecker", ".drone")
)

func dirSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// testFile matches file names of tests in common languages.
var testFile = lazyCompile(`(?:(?i:_test\.\w+|_testing\.go|\.(?:test|spec|tests)\.\w+|^test_.*\.\w+|^tests?\.\w+|_spec\.rb|^conftest\.py)|(?:Test|Tests|Spec|IT)\.(?:java|kt|scala|cs|php|groovy|swift|m))$`)

// exampleFile matches example and template copies of configuration, and
// the defaults a project ships for development (config.default.toml,
// settings.sample.yaml, .env.default): values there are meant to be
// replaced.
var exampleFile = lazyCompile(`(?i)(?:^examples?[-_.]|[-_.]examples?(?:[-_.]\w+)?$|\.(?:sample|dist|template|tmpl-example|defaults?)$|^sample[-_.]|[-_.](?:samples?|defaults?)\.(?:toml|ya?ml|json5?|ini|cfg|conf|env|properties|xml|hcl|tfvars)$)`)

// docsFile matches documentation files by name or extension.
var docsFile = lazyCompile(`(?i)(?:\.(?:md|markdown|mdx|mkd|rst|adoc|asciidoc|textile|txt|rdoc|pod|wiki|1|5|8)$|^(?:readme|changelog|changes|history|news|contributing|migration[-_]?guide|upgrading|faq|install|authors)(?:\.(?:md|markdown|txt|rst|adoc|html?))?$|^doc\.go$)`)

// ciFile matches CI pipeline definitions.
var ciFile = lazyCompile(`(?i)^(?:\.gitlab-ci\.ya?ml|\.travis\.ya?ml|appveyor\.ya?ml|\.appveyor\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|jenkinsfile(?:\..*)?|\.drone\.ya?ml|cloudbuild\.ya?ml|buildspec\.ya?ml|codemagic\.ya?ml|\.cirrus\.ya?ml|wercker\.ya?ml|\.semaphore\.ya?ml)$`)

// generatedFile matches names of generated files, among them a bundler's
// output named by its content hash (static/js/2.7f53dc1c4d57.js) and the
// search index of a docs site (MkDocs, Sphinx).
var generatedFile = lazyCompile(`(?i)(?:\.pb\.go|\.pb\.\w+|_pb2\.py|\.gen\.\w+|_gen\.go|_generated\.\w+|\.generated\.\w+|^zz_generated.*|\.min\.(?:js|css)|\.bundle\.js|\.chunk\.(?:js|css)|[.-][0-9a-f]{8,}(?:\.module)?\.(?:js|mjs|css)|\.designer\.cs|^(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml|go\.sum|cargo\.lock|gemfile\.lock|poetry\.lock|composer\.lock)|\.replay|\.snap|^search_index\.json|^searchindex\.js)$`)

// configFile matches configuration files by extension or name.
var configFile = lazyCompile(`(?i)(?:\.(?:ya?ml|json|json5|toml|ini|cfg|conf|config|cnf|properties|env|tf|tfvars|hcl|xml|plist|npmrc|netrc|pypirc|htpasswd|service|tfstate)$|^\.env(?:\..*)?$|^dockerfile(?:\..*)?$|^docker-compose.*|^\.(?:npmrc|netrc|pypirc|pgpass|git-credentials|dockercfg)$|^(?:credentials|config)$)`)

// generatedMarker is the comment generators put at the top of a file, or
// the generator meta tag of a static site generator's pages (a project's
// docs site, built into a gh-pages branch).
var generatedMarker = gated(lazyCompile(`(?i)(?:code generated .{0,80}do not edit|this file is (?:automatically|auto-?)generated|autogenerated file|@generated\b|<auto-generated|generated by the protocol buffer compiler|do not edit this file|<meta name="generator" content="(?:mkdocs|hugo|jekyll|sphinx|docusaurus|gatsby|hexo|pelican|mdbook|vuepress|vitepress|gitbook|eleventy|doxygen|javadoc|pkgdown|astro))`))

// Classify returns the context class of a file from its path and, for
// generated code, the markers at the top of its text.
func Classify(p string, text []byte) string {
	p = strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(p, "\\", "/")), "/")
	dirs := strings.Split(p, "/")
	name := dirs[len(dirs)-1]
	dirs = dirs[:len(dirs)-1]
	has := func(set map[string]bool) bool {
		for _, d := range dirs {
			if set[strings.ToLower(d)] {
				return true
			}
		}
		return false
	}
	// Go's module cache committed by mistake (pkg/mod/...) is vendored
	// code too.
	if has(vendorDirs) || strings.Contains(p, "pkg/mod/") || strings.HasPrefix(p, "Godeps/") {
		return ContextVendor
	}
	if generatedFile.MatchString(name) || generatedMarker.Match(head(text)) || minified(name, head(text)) {
		return ContextGenerated
	}
	if has(testDirs) || testFile.MatchString(name) {
		return ContextTest
	}
	if has(exampleDirs) || exampleFile.MatchString(name) {
		return ContextExample
	}
	if has(docsDirs) || docsFile.MatchString(name) || apiSpec(name, text) {
		return ContextDocs
	}
	if has(ciDirs) || ciFile.MatchString(name) {
		return ContextCI
	}
	// A file without an extension under etc/ is a system configuration
	// file a package installs (etc/default/drone, etc/myapp/env).
	if configFile.MatchString(name) || has(etcDirs) && path.Ext(name) == "" {
		return ContextConfig
	}
	return ContextSource
}

// apiSpecVersion matches the version line at the top of an OpenAPI or
// Swagger document.
var apiSpecVersion = lazyCompile(`(?m)^[ \t{]*["']?(?:swagger|openapi)["']?[ \t]*:[ \t]*["']?[23]\.\d`)

// apiSpecKey matches the version line anywhere in a document whose keys
// are sorted by name (Datadog's openapi.yaml has it 29,000 lines down): a
// YAML key at the top level, or a JSON one indented as the top level is.
var apiSpecKey = lazyCompile(`(?m)^(?:(?:swagger|openapi)|[ \t]{1,4}"(?:swagger|openapi)")[ \t]*:[ \t]*["']?[23]\.\d`)

// apiSpec reports whether a YAML or JSON file is an OpenAPI (Swagger)
// description of an API: its values are the examples of the API's
// documentation (api/swagger.yaml's "password": "…" of a login request).
func apiSpec(name string, text []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json":
	default:
		return false
	}
	h := head(text)
	if apiSpecVersion.Match(h) {
		return true
	}
	if h == nil || len(text) == len(h) {
		return false
	}
	return (bytes.Contains(text, []byte("openapi")) || bytes.Contains(text, []byte("swagger"))) && apiSpecKey.Match(text)
}

// minified reports whether a script or stylesheet is a minifier's or
// bundler's output: a line of a thousand characters or more near the top
// (after a short licence comment, say), which people do not write.
func minified(name string, head []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".js", ".mjs", ".cjs", ".css":
	default:
		return false
	}
	run := 0
	for _, c := range head {
		if c == '\n' {
			run = 0
			continue
		}
		if run++; run >= 1000 {
			return true
		}
	}
	return false
}

// head is the part of a file where generators leave their marker.
func head(text []byte) []byte {
	const n = 2048
	if len(text) > n {
		text = text[:n]
	}
	// Markers are comments near the top; a binary-looking head has none.
	if bytes.IndexByte(text, 0) >= 0 {
		return nil
	}
	return text
}

// rustTests marks the start of a Rust file's inline test module.
var rustTests = []byte("#[cfg(test)]")

// classAt refines a file's class at one offset: Rust keeps unit tests in
// the source file, after #[cfg(test)].
func classAt(class, p string, text []byte, pos int) string {
	if class == ContextSource && strings.HasSuffix(p, ".rs") && bytes.Contains(text[:pos], rustTests) {
		return ContextTest
	}
	return class
}
