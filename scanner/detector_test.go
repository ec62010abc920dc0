package scanner_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/internal/scantest"
	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

func testDetector(t testing.TB) *scanner.Detector { return scantest.Detector(t) }

func compilePack(t testing.TB, name, pack string) *scanner.Detector {
	return scantest.CompilePack(t, name, pack)
}

var (
	slackURL = scantest.SlackURL
	whsec    = scantest.Whsec
)

func TestScanPlain(t *testing.T) {
	d := testDetector(t)
	text := "# config\nSLACK_WEBHOOK_URL=" + slackURL + "\nother=1\n"
	fs := d.Scan(scanner.Fragment{Path: ".env", Raw: []byte(text)})
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1: %+v", len(fs), fs)
	}
	f := fs[0]
	if f.RuleID != "test-slack-url" || f.Line != 2 || f.Column != 19 || f.Secret != slackURL {
		t.Errorf("finding = %s line %d col %d secret %q", f.RuleID, f.Line, f.Column, f.Secret)
	}
	if f.EndLine != 2 || f.EndColumn != 19+len(slackURL)-1 {
		t.Errorf("end = %d:%d", f.EndLine, f.EndColumn)
	}
	if f.Fingerprint != scanner.Fingerprint("test-slack-url", slackURL) || len(f.Fingerprint) != 20 {
		t.Errorf("fingerprint %q", f.Fingerprint)
	}
	if !strings.Contains(f.Advice, ".env") {
		t.Errorf("advice for .env = %q", f.Advice)
	}
}

func TestScanLineOffset(t *testing.T) {
	d := testDetector(t)
	fs := d.Scan(scanner.Fragment{Path: "a.txt", Raw: []byte("x\n" + whsec + "\n"), LineOffset: 40})
	if len(fs) != 1 || fs[0].Line != 42 || fs[0].Column != 1 {
		t.Fatalf("got %+v", fs)
	}
}

func TestScanDecoded(t *testing.T) {
	d := testDetector(t)
	b64 := base64.StdEncoding.EncodeToString([]byte(slackURL))
	cases := []struct {
		name, text, decodedFrom string
		line, col               int
	}{
		{"percent", `<a href="/go?u=` + url.QueryEscape(slackURL) + `">x</a>`, "percent", 1, 16},
		{"json", `{"url": "` + strings.ReplaceAll(slackURL, "/", `\/`) + `"}`, "json-escape", 1, 10},
		{"base64", "apiVersion: v1\nkind: Secret\ndata:\n  SLACK_URL: " + b64 + "\n", "base64", 4, 14},
		{"base64 of percent", "v: " + base64.StdEncoding.EncodeToString([]byte("u="+url.QueryEscape(slackURL))) + "\n", "base64>percent", 1, 4},
		{"base64 whsec", "k: " + base64.StdEncoding.EncodeToString([]byte(whsec)) + "\n", "base64", 1, 4},
		{"js hex escape", `var a="` + strings.ReplaceAll(slackURL, "/", `\x2F`) + `";`, "json-escape", 1, 8},
		{"html hex reference", `<div data-hook="` + strings.ReplaceAll(slackURL, "/", "&#x2F;") + `"></div>`, "html-entity", 1, 17},
		{"html decimal reference", `<a data-u="` + strings.ReplaceAll(slackURL, "/", "&#47;") + `">`, "html-entity", 1, 12},
		{"html named references", `<a data-u="` + strings.ReplaceAll(strings.ReplaceAll(slackURL, "/", "&sol;"), ":", "&colon;") + `">`, "html-entity", 1, 12},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := d.Scan(scanner.Fragment{Path: "f", Raw: []byte(c.text)})
			if len(fs) != 1 {
				t.Fatalf("got %d findings, want 1: %+v", len(fs), fs)
			}
			f := fs[0]
			if f.DecodedFrom != c.decodedFrom || f.Line != c.line || f.Column != c.col {
				t.Errorf("decodedFrom %q at %d:%d, want %q at %d:%d", f.DecodedFrom, f.Line, f.Column, c.decodedFrom, c.line, c.col)
			}
			if f.Secret != slackURL && f.Secret != whsec {
				t.Errorf("secret %q is not the decoded value", f.Secret)
			}
		})
	}
}

func TestScanFilters(t *testing.T) {
	d := testDetector(t)
	for _, text := range []string{
		"SLACK=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
		"github_webhook_secret: ${GITHUB_WEBHOOK_SECRET}",
		"github_webhook_secret: ${{ secrets.GITHUB_WEBHOOK_SECRET }}",
		"github_webhook_secret = GITHUB_WEBHOOK_SECRET_VALUE",
		"github_webhook_secret = 'your-github-webhook-secret'",
		"github_webhook_secret = 'abcdefghijklmnopq12'",
		"github_webhook_secret = 'a1b2c3d4e5f6g7h8i9'",
		"github_webhook_secret = 'abc123def456ghi789'",
		"github_webhook_secret = '4-v3ry-53cr37-p455w0rd'",
		"github_webhook_secret = 'c3VwZXJzZWNyZXQ='",
		"GITHUB_WEBHOOK_SECRET_NAME = 'q8Rk2LmN5pVx7TzW3bYc'",
		"SLACK=" + slackURL + " # hookscan:allow",
	} {
		if fs := d.Scan(scanner.Fragment{Path: "f", Raw: []byte(text)}); len(fs) != 0 {
			t.Errorf("%q: got %d findings (%s)", text, len(fs), fs[0].RuleID)
		}
	}
	fs := d.Scan(scanner.Fragment{Path: "f", Raw: []byte("github_webhook_secret = 'q8Rk2LmN5pVx7TzW3bYc'")}) // hookscan:allow
	if len(fs) != 1 || fs[0].Secret != "q8Rk2LmN5pVx7TzW3bYc" {
		t.Errorf("context secret: %+v", fs)
	}
	// A UUID with six counting digits, and a prefixed key whose few
	// letters spell words, are random values all the same.
	for _, v := range []string{"68765431-5716-45ab-bef0-9ae2e632510a", "key-277406abc3029608f535dab668718359"} { // hookscan:allow
		if fs := d.Scan(scanner.Fragment{Path: "f", Raw: []byte("github_webhook_secret = '" + v + "'")}); len(fs) != 1 {
			t.Errorf("%s dropped: %+v", v, fs)
		}
	}
	// Random hex whose letters alone happen to read a-b-c-d-e-f is no
	// placeholder: its digits do not count.
	hexKey := "3a9b7c0d2e8f4a6c1b5d7e"
	if fs := d.Scan(scanner.Fragment{Path: "f", Raw: []byte("github_webhook_secret = '" + hexKey + "'")}); len(fs) != 1 {
		t.Errorf("hex value with a letter sequence dropped: %+v", fs)
	}
}

func TestScanGlobalAllow(t *testing.T) {
	rs, _ := rules.ParsePack("test.yaml", []byte(scantest.Pack))
	d, err := scanner.Compile(rs, scanner.Options{Allow: rules.Allowlist{Paths: []string{"testdata/**"}, Stopwords: []string{"q8rk2"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !d.PathAllowed("testdata/a/b.txt") || d.PathAllowed("src/a.txt") {
		t.Error("path allowlist")
	}
	if fs := d.Scan(scanner.Fragment{Path: "src/a", Raw: []byte(slackURL)}); len(fs) != 0 {
		t.Error("stopword did not drop the finding")
	}
}

func TestCodeNames(t *testing.T) {
	d := testDetector(t)
	for _, v := range []string{"testRSAPrivateKey", "crypto.SHA256", "LOGON32_LOGON_INTERACTIVE", "GOAUTHChanged", "queueDepth+maxConcurrency"} {
		if fs := d.Scan(scanner.Fragment{Path: "f", Raw: []byte("githubSecret = " + v)}); len(fs) != 0 {
			t.Errorf("%s reported as a secret", v)
		}
	}
	// The last is hex whose letters make three-letter words (cad, efa).
	for _, v := range []string{"ASbyVRnYAptyCvDVhD743xuvFd1gZG", "Zlor7mjZFnYNQIiXAXLI3YiQWBGshH", "eac331cfd5cad63f1646efa2eba60335"} { // hookscan:allow
		if fs := d.Scan(scanner.Fragment{Path: "f", Raw: []byte("githubSecret = " + v)}); len(fs) != 1 {
			t.Errorf("%s not reported", v)
		}
	}
}

// TestRandomValuesSurviveFilters guards recall: the placeholder, identifier
// and test-word filters must almost never drop a random secret.
func TestRandomValuesSurviveFilters(t *testing.T) {
	d := testDetector(t)
	rng := rand.New(rand.NewPCG(1, 2))
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	const hex = "0123456789abcdef"
	lost := 0
	const n = 20000
	for i := range n {
		alphabet := alnum
		if i%2 == 1 {
			alphabet = hex
		}
		// Long enough that the rule's entropy floor (3 bits) is not what
		// drops them: this measures the filters.
		b := make([]byte, 24+rng.IntN(25))
		for j := range b {
			b[j] = alphabet[rng.IntN(len(alphabet))]
		}
		if fs := d.Scan(scanner.Fragment{Path: "f", Raw: []byte("github_webhook_secret = '" + string(b) + "'")}); len(fs) != 1 {
			lost++
		}
	}
	if lost*1000 > n {
		t.Errorf("filters dropped %d of %d random secrets", lost, n)
	}
	t.Logf("dropped %d of %d", lost, n)
}

func TestScanBase64ValueInPlace(t *testing.T) {
	const pack = `
rules:
  - id: acme-context
    keywords: [acme]
    regex: '(?i)(?P<key>acme[\w]*token)\s*[:=]\s*["'']?(?P<secret>[a-f0-9]{32})\b'
`
	d := compilePack(t, "t.yaml", pack)
	secret := "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c" // hookscan:allow
	enc := base64.StdEncoding.EncodeToString([]byte(secret))
	text := "apiVersion: v1\nkind: Secret\ndata:\n  ACME_API_TOKEN: " + enc + "\n"
	fs := d.Scan(scanner.Fragment{Path: "secret.yaml", Raw: []byte(text)})
	if len(fs) != 1 {
		t.Fatalf("got %d findings: %+v", len(fs), fs)
	}
	f := fs[0]
	if f.Secret != secret || f.DecodedFrom != "base64" || f.Line != 4 || f.Column != 19 || f.EndColumn != 18+len(enc) {
		t.Errorf("finding %q %s at %d:%d-%d", f.Secret, f.DecodedFrom, f.Line, f.Column, f.EndColumn)
	}
}

// TestCodeValuesAreNotSecrets pins the code-expression filter on values
// taken from real repositories' histories: API names, member accesses,
// signature schemes, flags and paths under names that mention a secret.
func TestCodeValuesAreNotSecrets(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	for path, lines := range map[string][]string{
		"api.go": {
			`const opAuthorizeDBSecurityGroupIngress = "AuthorizeDBSecurityGroupIngress"`,
			`	ErrCodeSNSNoAuthorizationFault = "SNSNoAuthorizationFault"`,
			`	EC2CredentialsAwsHmacV4 = "AWS4-HMAC-SHA256"`,
			`	ErrorCodeUnauthorized = "Unauthorized"`,
			`	req.Header.Set("Authorization", "Token token="+c.authToken)`,
			`	credentials:    cfg.Credentials,`,
			`	err = r.Session.DoRequest("SoftLayer_Network_ContentDelivery_Authentication_Address", "rearrangeAuthenticationIp", params)`,
		},
		"README.md": {
			`client := udnssdk.NewClient("username","password",udnssdk.DefaultTestBaseURL)`,
			`if token, err := request.ParseFromRequest(tokenString, request.OAuth2Extractor, req, keyLookupFunc); err == nil {`,
			`    --auth-provider-arg=environment=AzurePublicCloud \`,
			`    --auth-provider-arg=client-id=APPLICATION_ID \`,
			`    --auth-provider-arg=apiserver-id=APISERVER_APPLICATION_ID`,
			`    "Authorizer$IdentitySource" : "<p>For example, route.request.querystring.Name.</p>",`,
			` - _Leverage: src/middleware/auth.ts, src/middleware/errorHandler.ts_`,
			`    "Token":  "MyAWSCredToken"`,
			`    "NextContinuationToken": "1w41l63U0xa8q7smH50vCxyTQqdxo69O3EmK28Bi5PcROI4wI/EyIJg==",`,
			`    "ClientRequestToken": "a8ca07e4-61ec-4399-99f4-19853801bcd5",`,
		},
		"lib/alert.rs": {`        routing_key: queue_name.to_string(),`},
		// Actions and reusable workflows named with their ref.
		".github/workflows/release.yml": {
			"jobs:\n  scan:\n    uses: grafana/security-github-actions/.github/workflows/reusable-trufflehog.yml@5d2c8e1f0a9b4c3d7e6f5a4b3c2d1e0f9a8b7c6d\n" +
				"  token:\n    steps:\n      - uses: actions/create-github-app-token@v2\n        id: app-token\n",
		},
		// A kubeconfig's CA certificate, base64 of its PEM, cut short (a
		// whole one is longer than any generic value).
		"kube/config": {"clusters:\n- cluster:\n    certificate-authority-data: " + base64.StdEncoding.EncodeToString([]byte("-----BEGIN CERTIFICATE-----\nMIIC5zCCAc+gAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl\n")) + "\n    server: https://k8s.example.com:6443\n"},
		// MinIO's public playground key, printed in its SDKs' READMEs.
		"minio/README.md": {`secretAccessKey := "` + "zuf+tfteSlswRu7BJ86" + "wekitnifILbZam1KYY3TG" + `"`, `AWS_SECRET_ACCESS_KEY=` + "zuf+tfteSlswRu7BJ86" + "wekitnifILbZam1KYY3TG"},
		// The MD5 and SHA-256 of no bytes as a test's token.
		"config/application.properties": {`apiToken=` + "d41d8cd98f00b204e9800998ecf8427e", `upload_token: "` + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" + `"`},
		// A context key named by its package's path; the next name of an
		// enum listed in a comment; a JWT header cut short in a mock.
		"spnego/http.go":                   {`	sessionCredentials = "github.com/jcmturner/gokrb5/v8/sessionCredentials"`},
		"network/models.go":                {`// AuthenticationMethod - VPN client authentication method. Possible values include: 'AuthenticationMethodEAPTLS', 'AuthenticationMethodEAPMSCHAPv2'`},
		"ui/mirage/handlers/kubernetes.js": {`      service_account_token: 'eyJhbGciOiJSUzI1NiIsImtpZCI6Imlr',`},
		// A sort order by a field's name, descending.
		"api/model_auth_n_mappings_sort.go": {`	AUTHNMAPPINGSSORT_SAML_ASSERTION_ATTRIBUTE_ID_DESCENDING    AuthNMappingsSort = "-saml_assertion_attribute_id"`},
		// The header of a JWT ({"alg":"HS256","typ":"JWT"} in base64),
		// the same for every token signed alike.
		"client.go":   {`	token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"`, `	jwtHeader := "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6ImFiYzEyMyJ9"`},
		"deploy.yaml": {`token: eyJhbGciOiJFUzI1NiJ9`},
		// A member of the running object concatenated into a URL, with a
		// misspelt member name; an option set to a number or a path.
		"src/api.js":     {`n=this.api+"/zip?token="+this.presonToken.token,a={}`},
		"store/store.go": {`			if strings.Contains(wwwAuth, "refresh_device_session=1") {`},
		"Makefile":       {`	  --mount type=bind,source=/tmp/certs-common-name-auth,destination=/certs-common-name-auth \`},
		// An HCL attribute's unquoted value is an expression, even a
		// misspelt one; an RPC method's name; names that say the value is
		// made up, or is not a credential (an idempotency token, a search
		// key published in web pages); a value marked FAKE in capitals.
		"enos/scenario.hcl":    {`        artifact_token   = globals.artifact_toke.`},
		"nomad/structs/acl.go": {`	ACLOIDCAuthURLRPCMethod = "ACL.OIDCAuthURL"`},
		"consul/acl.go":        {`	ExampleOperatorToken1 = "` + "59c219c2-47e4-43f3-bb45-258fd13f59d5" + `"`, `var fakeOTCToken = "` + "62244bc21da68d03ebac1437" + `"`},
		"demo/efs/main.tf":     {`  creation_token = "` + "1eab7a3c9d0f4b2e8a6c5d7e" + `"`},
		"website/.env":         {`ALGOLIA_SEARCH_ONLY_API_KEY=` + "5037da4927a5be56f1c7b7b0"},
		"docs/target.md":       {`  secret_access_key = "` + "ThisIrznTIS_~FAKEj4X93FTy" + `"`},
		// A SigV4 Authorization header: the access key id, its scope and
		// the computed signature; a placeholder name with a number.
		"docs/logging.md": {
			`    "Authorization": "AWS4-HMAC-SHA256 Credential=` + "Q3AM3UQ867SPQQA43P2F" + `/20181121/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-date;x-amz-security-token,Signature=` + "689d9b8f67b5625ea2f0b8cbb3f777d8839a91d50aa81e6a5555f5a6360c1714" + `",`,
			`	    if ($http_authorization ~* "^AWS4-HMAC-SHA256 Credential=` + "ROML2PPBAVKQ5B2GRJFN" + `") {`,
		},
		"CODEOWNERS":           {`  auth: 'personal-access-token123'`},
		"scripts/recluster.sh": {`TOKEN="kilt-phx-dev-1-etcd-20260512"`},
		// A Drone pipeline's signature: a digest of the file.
		".drone/drone.yml": {"---\nkind: signature\nhmac: " + "b661b1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0" + "\n\n..."},
		// A site search box's configuration: the key is search-only.
		"layouts/partials/site-scripts.html": {"docsearch({\n  appId: 'D1BPLZHGYQ',\n  apiKey: '" + "6df94e1e5d55d258c56f60d974d76314" + "',\n  indexName: 'gohugo',\n});"},
		// A CI service's encrypted variables; a status badge's token; a
		// Go type named by its import path; base64 of a greeting
		// (echo … | base64) and of the best-known placeholder password;
		// a JWT spelled header.<claims>.signature.
		"appveyor.yml":                       {"notifications:\n  - provider: Slack\n    auth_token:\n      secure: " + "J4Kd3fY4CoTI+5+zSXkStkTPqnycfxFfk74GcGxDUq02z2jHcdIpiLyDbkIiQM9Z" + "\n    channel: bots"},
		".travis.yml":                        {"env:\n  global:\n    - secure: \"" + "Sf7kZf7ZGbnwWUMpffHwMu5A0cHkLK2MYY32LNTPj4+/3qC3Ghl7" + "\""},
		"gobrake/README.md":                  {`# Notifier [![Build Status](https://circleci.com/gh/airbrake/gobrake.png?circle-token=` + "4cbcbf1a58fa8275217247351a2db7250c1ef976" + `)](https://circleci.com/gh/airbrake/gobrake)`, `[![codecov](https://codecov.io/gh/o/r/branch/main/graph/badge.svg?token=` + "Q8ZLW7KXN2" + `)](https://codecov.io/gh/o/r)`},
		"pkg/apis/openapi_generated.go":      {`			"github.com/tektoncd/pipeline/pkg/apis/pipeline/v1alpha1.Authority", "github.com/tektoncd/pipeline/pkg/apis/pipeline/v1alpha1.ResourcePattern"},`},
		"examples/creds.yaml":                {"data:\n  ssh-privatekey: " + "SGVsbG8sIHdvcmxkCg==" + " # Hello, world!", "auths:\n  registry.example.com:\n    auth: \"" + "QXp1cmVEaWFtb25kOmh1bnRlcjI=" + "\""},
		"storage/test_serialized_cache.json": {`        "secret": "header.` + "eyJvaWQiOiAib2JqZWN0MTIzNCIsICJwcmVmZXJyZWRfdXNlcm5hbWUiOiAiSm9obiBEb2UiLCAic3ViIjogInN1YiJ9" + `.signature",`},
		// A variable passed beside a literal; an MCP tool's name; base64
		// of a bcrypt hash; other tools' credential references.
		"util/db/repository_secrets.go":               {`	updateSecretString(secret, "awsECRRegistryID", repository.AWSECRRegistryID)`, `	repository.WorkloadIdentityParams = secretToStringMap(secretCopy, "workloadIdentityParams.")`},
		"client/session/authsession/authconfig.pb.go": {`	s = append(s, "Auths: "+mapStringForAuths+",\n")`},
		".github/workflows/triage.lock.yml":           {`  GH_AW_SAFE_OUTPUTS_TOKEN: mcp__github__list_starred_repositories`},
		"install/manifests/argocd-secret.yaml":        {"data:\n  admin.password: " + base64.StdEncoding.EncodeToString([]byte("$2a$10$"+"eXbFf8Kw5C3L2UlOED3jQOP0.kySAjeKQv47sjhQiZVpNI2SgLO7u"))},
		"testdata/config/registries.yaml":             {"registries:\n- name: Docker Hub\n  credentials: env:SOME_ENV_VAR", "- name: GHCR\n  credentials: ext:/some/script"},
		// A docs table: anchors name settings, the cells hold key paths.
		"docs/kv-ref.md": {"| <a id=\"opt-proxy-m01-basicAuth-users-0\" href=\"#opt-proxy-m01-basicAuth-users-0\" title=\"#opt-proxy-m01-basicAuth-users-0\">`proxy/http/middlewares/Middleware02/basicAuth/users/0`</a> | `foobar` |"},
		// Two code words written together: a style name in a tokenizer.
		"public/plugins/codemirror/mode/ebnf/ebnf.js": {`                  token = "matchingbracket";`},
		// A stylesheet's unquoted tokens are selectors and keywords.
		"ui/lib/pure-min.css": {`.pure-form-stacked input[type=text],.pure-form-stacked input[type=password],.pure-form-stacked input[type=email]{margin:.25em 0}`},
		// Translation catalogs: messages under keys that mention auth.
		"conf/locale/locale_de-DE.ini":   {`auths.auth_manage_panel = Authentifizierungsverwaltung`, `config.oauth_config = OAuth-Einstellungen`},
		"web/src/assets/locales/de.json": {`    "oauth_client_secret": "OAuth-Client-Geheimnis",`},
		"po/fr.po":                       {`msgstr "Jeton d'authentification personnel"`, `msgid "auth_token_description_placeholder"`},
		// Salesforce API names (custom fields end in __c) in Apex and
		// SOQL; a CSS custom property; Ruby's OpenSSL::HMAC takes the
		// digest's name first.
		"force-app/main/default/classes/utilities.cls": {
			`        Boolean needsAPIKey = stripeConnectRec.API_Key__c == null || String.isBlank(stripeConnectRec.API_Key__c);`,
			`    SELECT Global_Key__c, Local_Authorization_Target__c, Enable_Apex_Debug__c, OAuth_AutoClose_Window__c,`,
		},
		"scripts/apex/test_oauth_signing.apex": {`SELECT Global_Key__c, Local_Authorization_Target__c, Enable_Apex_Debug__c, OAuth_AutoClose_Window__c,`},
		"lwc/setup/setup.css":                  {`    background-color: #f3f3f3;  /* Value of (internal use only) token: '--lwc-colorBackgroundRowHover' */`},
		// Prose that lists names: a key, a comma, another name.
		".codeboarding/Authentication and Authorization Manager.md": {"Different implementations are available, including file-based (FileOAuthStateStore), SQLite-based (SQLite3OAuthStateStore), SQLAlchemy-based and Amazon S3-based stores."},
		"lib/state.rb": {`    signature = OpenSSL::HMAC.digest('sha256', hasher_key, parts[1])`, `    mac = OpenSSL::HMAC.hexdigest("SHA512", key, data)`},
		// Values that hold symbols and are not passwords: YAML tags and
		// aliases, an e-mail address, a version range, a path under a
		// variable, a type in Markdown's emphasis, Azure's type names.
		"deploy/stack.yaml":         {`signing_secret: !ImportValue SharedWebhookSigningSecretArn`, `auth_settings: *default_auth_settings`, `auth_contact: oncall-team@acme-ops.io`},
		"web/package.json":          {`    "next-auth": "^5.0.0-beta.25",`, `    "passport-auth0": "^3.1.4-rc.2+build7",`},
		"charts/app/Chart.yaml":     {`  auth: ^3.1.4-rc.2+build7`},
		"deploy/hooks.yaml":         {`webhook_secret: !Vault2kLxq9PzR7`},
		"ci/lookalikes.go":          {`	{"gitlab-pipeline-trigger-token", "token=$TRIGGER_TOKEN"},`},
		".github/workflows/gem.yml": {`          printf "%s" "$RUBYGEMS_AUTH_TOKEN" > "$HOME/.gem/credentials"`},
		"docs/API.md":               {"| `opts.Creds` | _*credentials.Credentials_ | Access Credentials|"},
		"media/enums.go":            {`	ContentKeyPolicyRsaTokenKey OdataTypeBasicContentKeyPolicyRestrictionTokenKey = "#Microsoft.Media.ContentKeyPolicyRsaTokenKey"`},
	} {
		for _, l := range lines {
			if fs := d.Scan(scanner.Fragment{Path: path, Raw: []byte(l + "\n")}); len(fs) != 0 {
				t.Errorf("%s: %q reported (%s %q)", path, l, fs[0].RuleID, fs[0].Secret)
			}
		}
	}
	// Outside catalogs the same keys and values are read: a config
	// file that happens to sit beside them, or a language-named file
	// elsewhere.
	for _, path := range []string{"conf/app.ini", "deploy/de.ini", "locales/README.md"} {
		if fs := d.Scan(scanner.Fragment{Path: path, Raw: []byte("oauth_secret = " + "Jp4Xk9QwZr2Tm7Lc5Vb8Nd3S" + "\n")}); len(fs) != 1 { // hookscan:allow
			t.Errorf("%s: %d findings, want 1", path, len(fs))
		}
	}
	// In HCL a name inside a quoted string is read, and so is a quoted
	// attribute.
	for path, line := range map[string]string{
		"env/terraform.tfvars": `retry_join = "provider=azure tag_name=Join tenant_id=856908 secret_access_key=` + "Jp4Xk9QwZr2Tm7Lc5Vb8Nd3S" + `"`,
		"deploy/agent.hcl":     `  token = "` + "Jp4Xk9QwZr2Tm7Lc5Vb8Nd3S" + `"`,
		// A token in a query string that is no badge's image, a secure
		// key outside YAML, and a base64 secret with echo's newline are read.
		"deploy/notify.sh": `curl "https://api.example.net/v1/notify?token=` + "4cbcbf1a58fa8275217247351a2db7250c1ef976" + `&x=1"`,
		// An image of a private repository's README, read with a raw
		// token that grants access to the file.
		"vendor/nomad/README.md": `![Nomad](https://raw.githubusercontent.com/o/r/master/logo%402x.png?token=` + "AAkIoLKqW8vZp3Rx7TnYc2MbQ5dFgH9jAAAAAWn4Xz2wA" + `)`,
		"deploy/app.env":         `AUTH_SECURE=` + "Jp4Xk9QwZr2Tm7Lc5Vb8Nd3S",
		"deploy/secret.yaml":     "data:\n  api_token: " + base64.StdEncoding.EncodeToString([]byte("Jp4Xk9QwZr2Tm7Lc5Vb8Nd3S\n")),
		// A key given to HMAC is read, digest names aside.
		"lib/sign.py": `sig = hmac.new(b"` + "Jp4Xk9QwZr2Tm7Lc5Vb8Nd3S" + `", msg, "sha256")`,
		"lib/sign.rb": `sig = OpenSSL::HMAC.hexdigest("SHA256", "` + "Jp4Xk9QwZr2Tm7Lc5Vb8Nd3S" + `", data)`,
		// A value that only ends like an API name is read.
		"force-app/classes/Keys.cls": `String apiKey = '` + "Jp4Xk9QwZr2Tm7Lc5Vb8Nd3S__c" + `';`,
		// An API key beside no search index is read.
		"src/client.js": `const client = new Client({ apiKey: '` + "6df94e1e5d55d258c56f60d974d76314" + `' })`,
		// Passwords with symbols, the first one too when quoted, and as
		// an element's text; a tab-separated export's column.
		"ops/alertmanager.yml":   "      basic_auth:\n        username: am\n        password: '" + "!a3kK!FUDHI~FCi5TROCyb65" + "'",
		"deploy/db.env":          `DB_PASSWORD=` + "Zq8@mW3!xR7$kP2^vL9*",
		"deploy/hooks.env":       `WEBHOOK_SIGNING_SECRET=` + "!q8Zr2Lm7Kx4Tb9Wv3Nc6Pd",
		"conf/app.ini":           `api_password = ` + "*k9Xq2Lm7Rt4Vb8Nc3Wz6Pd",
		"res/values/secrets.xml": `<string name="api_secret">` + "^o=o^*NLGEl~U3_9TK_TKqUQ@TBoKdZo" + `</string>`,
		"exports/endpoints.tsv":  "endpoint\tsecret\towner\nhttps://api.acme-pay.io/hooks/partner\t" + "gD5E864HW75JcmUKtHby0x3@WY!sTQT^" + "\tbilling",
	} {
		if fs := d.Scan(scanner.Fragment{Path: path, Raw: []byte(line + "\n")}); len(fs) != 1 {
			t.Errorf("%s: %d findings, want 1", path, len(fs))
		}
	}
	// The same filters keep values that only look like words in part.
	for _, v := range []string{"fexdup-wobsyk-7qarTe", "Q7wLp2ZkR9xDq.atlasv2.HmPe", "Jp4Xk9QwZr2Tm7Lc5Vb8Nd3S"} { // hookscan:allow
		if fs := d.Scan(scanner.Fragment{Path: "main.py", Raw: []byte("password = '" + v + "'\n")}); len(fs) != 1 {
			t.Errorf("%s: %d findings, want 1", v, len(fs))
		}
	}
}

func TestRulePathsScope(t *testing.T) {
	t.Parallel()
	const pack = `
rules:
  - id: am-cred
    keywords: [routing_key]
    regex: 'routing_key:[ \t]*([A-Za-z0-9]{20,})'
    paths: ['*.yml', 'deploy/**']
`
	d := compilePack(t, "t.yaml", pack)
	line := []byte("routing_key: " + "Qm9uZ2VyVmFsdWVzQmFzZTY0\n")
	for path, want := range map[string]int{"alertmanager.yml": 1, "a/b/am.yml": 1, "deploy/x.txt": 1, "main.go": 0, "am.yaml": 0} {
		if got := len(d.Scan(scanner.Fragment{Path: path, Raw: line})); got != want {
			t.Errorf("%s: %d findings, want %d", path, got, want)
		}
	}
	if _, err := scanner.Compile([]*rules.Rule{{ID: "x", Keywords: []string{"x"}, Regex: "x", Paths: []string{"a[b"}}}, scanner.Options{}); err == nil {
		t.Error("a bad paths glob compiled")
	}
}

// TestLongRandomValuesAreNotPlaceholders pins values from held-out corpora
// that the placeholder filter took for typed ones: a Google Chat space id
// that starts with six base64 zeros, and a 256-digit SNS token whose
// letters and digits, read apart, each count for a while.
func TestLongRandomValuesAreNotPlaceholders(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	chat := "https://chat.googleapis.com/v1/spaces/" + "AAAAAAujJc4" + "/messages?key=" + "AIza" + "SyF6nXZDRJWc-nQzm4QnnLRb0gLKoTcHhfN" + "&token=" + "T5LYEb2d-8_M_xX5ixE-cudVkSXCKVv3tNGiIq6ij-9%3D"
	sns := "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1:273181685696:deploy&Token=" +
		strings.Repeat("2336412f37fb687f5d51e6e24256d20591af7ee70adb5c30fd974a23d4c52ce3", 3) + "abcdef0123" + "2e8acc5618e491de196491fa321bc7d630efda63724430f196583264e3dfd633"[:54]
	for rule, text := range map[string]string{"google-chat-webhook-url": "url: " + chat, "aws-sns-subscription-url": "POST " + sns} {
		found := false
		for _, f := range d.Scan(scanner.Fragment{Path: "hooks.log", Raw: []byte(text + "\n")}) {
			found = found || f.RuleID == rule
		}
		if !found {
			t.Errorf("%s not found in %q", rule, text)
		}
	}
}

// TestRandomHexSurvivesEntropy guards recall on hex secrets under a name
// only the generic rule reads: a random 32-digit hex value measures under
// 3.5 bits one time in five, so the rule's floor alone would drop them.
func TestRandomHexSurvivesEntropy(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	rng := rand.New(rand.NewPCG(3, 4))
	const hex = "0123456789abcdef"
	lost := 0
	const n = 4000
	for i := range n {
		b := make([]byte, 20+i%45)
		for j := range b {
			b[j] = hex[rng.IntN(len(hex))]
		}
		if !bytes.ContainsAny(b, "abcdef") || !bytes.ContainsAny(b, "0123456789") {
			continue
		}
		text := "datadog:\n  api_key: " + string(b) + "\n"
		found := false
		for _, f := range d.Scan(scanner.Fragment{Path: "deploy/values.yaml", Raw: []byte(text)}) {
			found = found || f.Secret == string(b)
		}
		if !found {
			lost++
		}
	}
	if lost*100 > n {
		t.Errorf("dropped %d of %d random hex values", lost, n)
	}
	t.Logf("dropped %d of %d", lost, n)
}

// TestAlignedAssignments finds values that gofmt, black or a person
// aligned in columns: many blanks between a name and its operator, or
// between the operator and the value.
func TestAlignedAssignments(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	hex := "98c17f22" + "bee08eb7d2f03ddc0b10f1b0"
	mixed := "Kx4Tm8Wq" + "2Lz7Rn3Pb9Vc6Hd5Jf1G"
	pad := strings.Repeat(" ", 24)
	for path, c := range map[string]struct{ text, rule, secret string }{
		"a.go":   {"const (\n\tA" + pad + "= 1\n\tSlackSigningSecret" + pad + "= \"" + hex + "\"\n)\n", "slack-signing-secret", hex},
		"b.go":   {"var c = Config{\n\tPort:" + pad + "8080,\n\tSlackSigningSecret:" + pad + "\"" + hex + "\",\n}\n", "slack-signing-secret", hex},
		"c.py":   {"API_TOKEN" + pad + "=" + pad + "\"" + mixed + "\"\n", "generic-secret-assignment", mixed},
		"d.yaml": {"github_webhook_secret:" + pad + mixed + "\n", "github-webhook-secret", mixed},
		"e.env":  {"WEBHOOK_SECRET" + pad + "=" + mixed + "\n", "generic-webhook-secret-assignment", mixed},
		"f.toml": {"datadog_api_key" + pad + "= \"" + hex + "\"\n", "datadog-api-key", hex},
		"g.go":   {"var c = Config{\n\tPagerdutyRoutingKey:" + pad + "\"" + hex + "\",\n}\n", "pagerduty-events-routing-key", hex},
	} {
		found := false
		for _, f := range d.Scan(scanner.Fragment{Path: path, Raw: []byte(c.text)}) {
			found = found || f.RuleID == c.rule && f.Secret == c.secret
		}
		if !found {
			t.Errorf("%s: %s not found in %q", path, c.rule, c.text)
		}
	}
}

// TestRepeatedBlockIsPlaceholder: a value that is one block written twice
// (documentation filling a 64-character field with the same 32) is a
// placeholder; a random value of the same shape is still reported.
func TestRepeatedBlockIsPlaceholder(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	rng := rand.New(rand.NewPCG(5, 6))
	const alnum = "ABCDEF0123456789"
	block := make([]byte, 32)
	other := make([]byte, 32)
	for i := range block {
		block[i] = alnum[rng.IntN(len(alnum))]
		other[i] = alnum[rng.IntN(len(alnum))]
	}
	for value, want := range map[string]bool{string(block) + string(block): false, string(block) + string(other): true} {
		text := `client.SetAuthToken("` + value + `")` + "\n"
		found := false
		for _, f := range d.Scan(scanner.Fragment{Path: "client.go", Raw: []byte(text)}) {
			found = found || f.Secret == value
		}
		if found != want {
			t.Errorf("%q: found %v, want %v", value, found, want)
		}
	}
}

// TestNotTheSecretItself keeps out values that stand for a secret without
// being it: its digest under a qualified name (a rendered Helm chart's
// checksum/ annotation, detect-secrets' baseline), the ARN of the stored
// secret, a KMS ciphertext of it, a published sample token, PostgreSQL's
// md5 password hash; and Python names under a token's name (a Django
// migration, a module path).
func TestNotTheSecretItself(t *testing.T) {
	t.Parallel()
	d := scantest.Defaults(t)
	sum := sha256.Sum256([]byte(t.Name()))
	hex64 := fmt.Sprintf("%x", sum)
	kms := base64.StdEncoding.EncodeToString(append([]byte{1, 2, 2, 0, 0x78}, bytes.Repeat(sum[:], 5)...))
	expectNoFinding(t, d, []struct{ path, text string }{
		{"deploy/rendered.yaml", "metadata:\n  annotations:\n    checksum/github-webhook-secret: " + hex64 + "\n    checksum/webhook-secret: " + hex64 + "\n"},
		{".secrets.baseline", "{\n  \"results\": {\"a.env\": [{\"type\": \"Secret Keyword\", \"hashed_secret\": \"" + hex64[:40] + "\", \"line_number\": 3}]}\n}\n"},
		{".env", "STRIPE_WEBHOOK_SECRET_ARN=arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/stripe/whsec-Xk3PqA\n"},
		{"group_vars/all.yml", "stripe_webhook_secret: " + kms + "\n"},
		{"docs/tokens.md", "GitHub shows `" + "ghp_" + "16C7e42F292c6912E7710c838347Ae178B4a` as a sample token.\n"},
		{"engine/apps/auth_token/migrations/0003_x.py", "class Migration(migrations.Migration):\n    dependencies = [\n        ('auth_token', '0002_squashed_0001_initial'),\n    ]\n"},
		{"settings/base.py", "SOCIAL_AUTH_TOKEN_PIPELINE = \"apps.pipeline.google.disconnect_oauth2_settings\"\n"},
		{"internal/config/config.go", "type Config struct {\n\tTokenCookie string `env:\"AUTHGW_TOKEN_COOKIE\" envDefault:\"__Host-authgw-session\"`\n}\n"},
		{"deploy/gateway.env", "AUTHGW_TOKEN_COOKIE=__Host-authgw-session\n"},
		{"db/roles.tf", "resource \"postgresql_role\" \"app\" {\n  password = \"md5" + hex64[:32] + "\"\n}\n"},
	})
	// The same hex under the plain name is still a secret.
	fs := d.Scan(scanner.Fragment{Path: "deploy/values.yaml", Raw: []byte("github_webhook_secret: " + hex64[:40] + "\n")})
	if len(fs) != 1 {
		t.Errorf("plain name: %d findings, want 1", len(fs))
	}
}
