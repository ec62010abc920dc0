package corpus

import (
	"crypto/ecdh"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"strings"
)

// spec generates secrets of one catalog format.
type spec struct {
	// id is the catalog id the secrets are generated from.
	id string
	// names are the words of natural variable names for the secret; a
	// plant picks one.
	names [][]string
	// styles are the spellings of those names the format's rule accepts;
	// nil means all.
	styles []style
	// keyed secrets are found only next to a key that names them: they
	// are planted as assignments, never as bare values.
	keyed bool
	// url marks secrets that are URLs (or sit in one): they can be
	// fetched, posted to, percent-encoded and JSON-escaped.
	url bool
	// yamlKey marks secrets recognised by a YAML key at the start of a
	// line (Alertmanager receivers).
	yamlKey bool
	// only lists the formats the secret belongs in, when it belongs in
	// few (an EventBridge connection's ApiKeyValue); nil means any format
	// that accepts it.
	only []string
	// gen returns the secret and the text to write, which holds it.
	gen func(r rnd) (secret, text string)
}

// plainGen wraps a generator whose secret is the whole text.
func plainGen(f func(r rnd) string) func(r rnd) (string, string) {
	return func(r rnd) (string, string) {
		s := f(r)
		return s, s
	}
}

func words(names ...string) [][]string {
	out := make([][]string, len(names))
	for i, n := range names {
		out[i] = strings.Split(n, " ")
	}
	return out
}

// regions and hosts used in generated URLs.
var (
	awsRegions   = []string{"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "sa-east-1"}
	azureRegions = []string{"westeurope", "northeurope", "eastus", "eastus2", "westus2", "uksouth", "australiaeast"}
	chatHosts    = []string{"chat.acme-corp.io", "mattermost.internal.northwind.dev", "team.contoso-labs.net:8065", "mm.fabrikam.cloud"}
	rocketHosts  = []string{"rocket.acme-corp.io", "chat.northwind.dev", "rc.fabrikam.cloud:3000"}
	n8nHosts     = []string{"automation.acme-corp.io", "n8n.northwind.dev", "acme.app.n8n.cloud", "flows.fabrikam.cloud:5678"}
	appHosts     = []string{"api.acme-corp.io", "ops.northwind.dev", "hooks.fabrikam.cloud", "intake.contoso-labs.net"}
	eventNames   = []string{"new_lead", "order_paid", "deploy_finished", "ticket_created", "invoice_sent"}
)

// specs lists a generator for every catalog entry, in catalog order.
func specs() []*spec {
	return []*spec{
		{id: "slack-incoming-webhook-url", url: true, names: words("slack webhook url", "slack alerts webhook", "slack notify url"),
			gen: plainGen(func(r rnd) string {
				scheme := "https://"
				if r.chance(0.08) {
					scheme = ""
				}
				return scheme + "hooks.slack.com/services/T" + r.str(upperAlnum, r.between(8, 10)) + "/B" + r.str(upperAlnum, r.between(9, 11)) + "/" + r.mixed(alnumChars, 24)
			})},
		{id: "slack-workflow-webhook-url", url: true, names: words("slack workflow url", "slack workflow webhook"),
			gen: plainGen(func(r rnd) string {
				return "https://hooks.slack.com/workflows/T" + r.str(upperAlnum, r.between(8, 10)) + "/A" + r.str(upperAlnum, r.between(9, 11)) + "/" + r.digits(r.between(17, 19)) + "/" + r.mixed(alnumChars, 24)
			})},
		{id: "slack-workflow-trigger-url", url: true, names: words("slack trigger url", "slack workflow trigger"),
			gen: plainGen(func(r rnd) string {
				return "https://hooks.slack.com/triggers/" + r.pick("T", "E") + r.str(upperAlnum, r.between(8, 10)) + "/" + r.digits(r.between(12, 13)) + "/" + r.hex(32)
			})},
		{id: "slack-signing-secret", keyed: true, names: words("slack signing secret"),
			gen: plainGen(func(r rnd) string { return r.hex(32) })},
		{id: "slack-bot-token", names: words("slack bot token", "slack token", "slack user token"),
			gen: plainGen(func(r rnd) string {
				if r.chance(0.3) {
					return "xoxp-" + r.digits(r.between(10, 12)) + "-" + r.digits(r.between(10, 12)) + "-" + r.digits(r.between(12, 13)) + "-" + r.hex(32)
				}
				return "xoxb-" + r.digits(r.between(10, 12)) + "-" + r.digits(13) + "-" + r.mixed(alnumChars, 24)
			})},
		{id: "discord-webhook-url", url: true, names: words("discord webhook url", "discord webhook"),
			gen: plainGen(func(r rnd) string {
				host := r.pick("discord.com", "discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com")
				version := r.pick("", "", "/v10", "/v9")
				return "https://" + host + "/api" + version + "/webhooks/" + r.digits(r.between(18, 19)) + "/" + r.mixed(b64urlChars, 68)
			})},
		{id: "msteams-incoming-webhook-url", url: true, names: words("teams webhook url", "msteams webhook", "teams incoming webhook"),
			gen: plainGen(func(r rnd) string {
				ids := r.uuid() + "@" + r.uuid() + "/IncomingWebhook/" + r.hex(32) + "/" + r.uuid()
				if r.chance(0.3) {
					return "https://outlook.office.com/webhook/" + ids
				}
				tenant := r.pick("contoso", "fabrikam", "northwindtraders", "acmecorp")
				u := "https://" + tenant + ".webhook.office.com/webhookb2/" + ids
				if r.chance(0.5) {
					u += "/V2" + r.mixed(b64urlChars, 40)
				}
				return u
			})},
		{id: "msteams-workflows-powerautomate-url", url: true, names: words("teams workflow url", "power automate url", "teams flow webhook"),
			gen: plainGen(func(r rnd) string {
				return "https://default" + r.hex(30) + "." + r.digits(2) + ".environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/" + r.hex(32) +
					"/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + r.mixed(b64urlChars, 43)
			})},
		{id: "azure-logic-apps-sas-url", url: true, names: words("logic app url", "notification url", "teams workflow webhook"),
			gen: plainGen(func(r rnd) string {
				return "https://prod-" + r.raw(digitChars, 2) + "." + r.pick(azureRegions...) + ".logic.azure.com:443/workflows/" + r.hex(32) +
					"/triggers/manual/paths/invoke?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + r.mixed(b64urlChars, 43)
			})},
		{id: "google-chat-webhook-url", url: true, names: words("google chat webhook", "gchat webhook url", "chat webhook url"),
			gen: plainGen(func(r rnd) string {
				return "https://chat.googleapis.com/v1/spaces/AAAA" + r.mixed(alnumChars, 7) + "/messages?key=AIzaSy" + r.mixed(b64urlChars, 33) +
					"&token=" + r.mixed(b64urlChars, 43) + r.pick("%3D", "=", "")
			})},
		{id: "mattermost-incoming-webhook-url", url: true, names: words("mattermost webhook url", "mattermost hook"),
			gen: plainGen(func(r rnd) string {
				return r.pick("https://", "https://", "http://") + r.pick(chatHosts...) + "/hooks/" + r.str(lowerAlnum, 26)
			})},
		{id: "rocketchat-incoming-webhook-url", url: true, names: words("rocketchat url", "rocketchat webhook"),
			gen: plainGen(func(r rnd) string {
				return "https://" + r.pick(rocketHosts...) + "/hooks/" + r.mixed(meteorChars, 17) + "/" + r.mixed(meteorChars, 48)
			})},
		{id: "webex-incoming-webhook-url", url: true, names: words("webex webhook url", "webex hook"),
			gen: plainGen(func(r rnd) string {
				id := base64.RawURLEncoding.EncodeToString([]byte("ciscospark://us/WEBHOOK/" + r.uuid()))
				return "https://" + r.pick("webexapis.com", "webexapis.com", "api.ciscospark.com") + "/v1/webhooks/incoming/" + id
			})},
		{id: "dingtalk-robot-webhook-url", url: true, names: words("dingtalk webhook", "dingtalk robot url"),
			gen: plainGen(func(r rnd) string {
				return "https://oapi.dingtalk.com/robot/send?access_token=" + r.hex(64)
			})},
		{id: "dingtalk-robot-sign-secret", names: words("dingtalk secret", "dd bot secret", "dingtalk sign secret"),
			gen: plainGen(func(r rnd) string { return "SEC" + r.hex(64) })},
		{id: "feishu-lark-bot-webhook-url", url: true, names: words("feishu webhook", "lark bot webhook"),
			gen: plainGen(func(r rnd) string {
				return "https://open." + r.pick("feishu.cn", "larksuite.com") + "/open-apis/bot/v2/hook/" + r.uuid()
			})},
		{id: "wecom-bot-webhook-url", url: true, names: words("wecom webhook", "wechat work webhook"),
			gen: plainGen(func(r rnd) string {
				return "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + r.uuid()
			})},
		{id: "telegram-bot-token", names: words("telegram bot token", "tg bot token"),
			gen: plainGen(func(r rnd) string {
				return r.digits(r.between(9, 10)) + ":AA" + r.mixed(b64urlChars, 33)
			})},
		// Not every token's secret part starts with "AA": under a name
		// that says bot token, any first letters are a token.
		{id: "telegram-bot-token", keyed: true, names: words("bot token", "telegram token"),
			gen: plainGen(func(r rnd) string {
				return r.digits(r.between(9, 10)) + ":" + r.str("BCDEFGHIJKLMNOPQRSTUVWXYZ", 1) + r.mixed(b64urlChars, 34)
			})},
		{id: "telegram-webhook-secret-token", keyed: true, names: words("telegram webhook secret token", "telegram secret token", "secret token"),
			styles: []style{screaming, snake, camel, pascal, kebab},
			gen:    plainGen(func(r rnd) string { return r.mixed(b64urlChars, r.between(24, 64)) })},
		{id: "line-channel-secret", keyed: true, names: words("line channel secret"),
			gen: plainGen(func(r rnd) string { return r.hex(32) })},
		{id: "line-channel-access-token", keyed: true, names: words("line channel access token", "line access token"),
			gen: plainGen(func(r rnd) string {
				for {
					s := r.mixed(b64Chars, 171) + r.pick("=", "")
					if !strings.ContainsAny(s[:1], "+/") {
						return s
					}
				}
			})},
		{id: "meta-app-secret", keyed: true, names: words("facebook app secret", "meta app secret", "instagram client secret", "whatsapp app secret", "fb app secret"),
			gen: plainGen(func(r rnd) string { return r.hex(32) })},
		{id: "meta-webhook-verify-token", keyed: true, names: words("whatsapp verify token", "facebook verify token", "messenger verify token", "fb verify token"),
			gen: plainGen(func(r rnd) string { return r.mixed(alnumChars, r.between(20, 40)) })},
		{id: "zoom-webhook-secret-token", keyed: true, names: words("zoom webhook secret token", "zoom secret token", "zoom webhook secret"),
			gen: plainGen(func(r rnd) string { return r.mixed(b64urlChars, 22) })},
		{id: "stripe-webhook-signing-secret", names: words("stripe webhook secret", "stripe endpoint secret", "endpoint secret", "stripe signing secret"),
			gen: plainGen(func(r rnd) string { return "whsec_" + r.mixed(alnumChars, r.pickInt(32, 32, 40, 64)) })},
		{id: "stripe-secret-or-restricted-key", names: words("stripe secret key", "stripe api key", "stripe restricted key"),
			gen: plainGen(func(r rnd) string {
				prefix := r.pick("sk_live_", "sk_live_", "rk_live_", "sk_test_")
				if r.chance(0.6) {
					return prefix + "51" + r.mixed(alnumChars, 97)
				}
				return prefix + r.mixed(alnumChars, r.between(24, 34))
			})},
		{id: "standard-webhooks-signing-secret", names: words("svix webhook secret", "resend webhook secret", "webhook signing secret", "standard webhook secret"),
			gen: plainGen(func(r rnd) string {
				for {
					s := "whsec_" + r.b64(r.pickInt(24, 24, 32, 48, 64))
					if strings.ContainsAny(s, "+/") {
						return s
					}
				}
			})},
		{id: "standard-webhooks-asymmetric-secret-key", names: words("webhook signing key", "webhook private key", "svix signing key"),
			gen: plainGen(func(r rnd) string { return "whsk_" + r.b64(r.pickInt(32, 64)) })},
		{id: "clerk-webhook-signing-secret", keyed: true, names: words("clerk webhook signing secret", "clerk webhook secret"),
			gen: plainGen(func(r rnd) string { return "whsec_" + r.b64(24) })},
		{id: "paddle-notification-secret", names: words("paddle webhook secret", "paddle notification secret"),
			gen: plainGen(func(r rnd) string { return "pdl_ntfset_" + r.ulid() + "_" + r.mixed(b64Chars, 32) })},
		{id: "paddle-api-key", names: words("paddle api key"),
			gen: plainGen(func(r rnd) string {
				return "pdl_" + r.pick("live", "sdbx") + "_apikey_" + r.ulid() + "_" + r.mixed(alnumChars, 27)
			})},
		{id: "paypal-webhook-id", keyed: true, names: words("paypal webhook id"),
			gen: plainGen(func(r rnd) string { return r.str(upperAlnum, 17) })},
		{id: "paypal-client-secret", keyed: true, names: words("paypal client secret", "paypal secret"),
			gen: plainGen(func(r rnd) string { return "E" + r.mixed(b64urlChars, 79) })},
		{id: "square-access-token", names: words("square access token", "square token"),
			gen: plainGen(func(r rnd) string {
				if r.chance(0.25) {
					return "sq0atp-" + r.mixed(b64urlChars, 22)
				}
				return "EAAA" + r.mixed(b64urlChars, 60)
			})},
		{id: "square-application-secret", names: words("square application secret", "square app secret"),
			gen: plainGen(func(r rnd) string { return r.pick("", "", "sandbox-") + "sq0csp-" + r.mixed(b64urlChars, 43) })},
		{id: "square-webhook-signature-key", keyed: true, names: words("square webhook signature key", "square signature key"),
			gen: plainGen(func(r rnd) string { return r.mixed(b64urlChars, 22) })},
		{id: "razorpay-key-id", names: words("razorpay key id"),
			gen: plainGen(func(r rnd) string { return "rzp_" + r.pick("live", "test") + "_" + r.mixed(alnumChars, 14) })},
		{id: "razorpay-webhook-secret", keyed: true, names: words("razorpay webhook secret"),
			gen: plainGen(func(r rnd) string { return r.str(alnumChars, 1) + r.strEntropy(secretChars, r.between(20, 40), 3.5) })},
		{id: "adyen-webhook-hmac-key", keyed: true, names: words("adyen hmac key", "adyen webhook hmac key"),
			gen: plainGen(func(r rnd) string { return strings.ToUpper(r.hex(64)) })},
		{id: "coinbase-commerce-webhook-shared-secret", keyed: true, names: words("coinbase commerce webhook secret", "coinbase webhook shared secret"),
			gen: plainGen(func(r rnd) string { return r.uuid() })},
		{id: "plaid-secret", keyed: true, names: words("plaid secret", "plaid sandbox secret"),
			gen: plainGen(func(r rnd) string { return r.hex(30) })},
		{id: "shopify-app-shared-secret", names: words("shopify api secret", "shopify shared secret"),
			gen: plainGen(func(r rnd) string { return "shpss_" + r.hex(32) })},
		{id: "shopify-access-token", names: words("shopify access token", "shopify admin token"),
			gen: plainGen(func(r rnd) string { return r.pick("shpat_", "shpat_", "shpca_", "shppa_") + r.hex(32) })},
		{id: "shopify-admin-webhook-signing-key", keyed: true, names: words("shopify webhook secret", "shopify webhook signing key", "shopify hmac secret"),
			gen: plainGen(func(r rnd) string { return r.hex(64) })},
		{id: "twilio-auth-token", keyed: true, names: words("twilio auth token"),
			gen: plainGen(func(r rnd) string { return r.hex(32) })},
		{id: "twilio-account-sid", names: words("twilio account sid", "twilio sid"),
			gen: plainGen(func(r rnd) string { return "AC" + r.hex(32) })},
		{id: "twilio-api-key-sid", keyed: true, names: words("twilio api key", "twilio api key sid"),
			gen: plainGen(func(r rnd) string { return "SK" + r.hex(32) })},
		{id: "sendgrid-api-key", names: words("sendgrid api key"),
			gen: plainGen(func(r rnd) string { return "SG." + r.mixed(b64urlChars, 22) + "." + r.mixed(b64urlChars, 43) })},
		{id: "sendgrid-event-webhook-verification-key", keyed: true, names: words("sendgrid webhook verification key", "sendgrid webhook public key"),
			gen: plainGen(func(r rnd) string { return p256PublicKey(r) })},
		{id: "mailgun-webhook-signing-key", keyed: true, names: words("mailgun webhook signing key", "mailgun signing key"),
			gen: plainGen(func(r rnd) string {
				switch r.IntN(3) {
				case 0:
					return "key-" + r.hex(32)
				case 1:
					return r.hex(32) + "-" + r.hex(8) + "-" + r.hex(8)
				}
				return r.hex(32)
			})},
		{id: "mailgun-api-key", keyed: true, names: words("mailgun api key", "mailgun key"),
			gen: plainGen(func(r rnd) string {
				if r.chance(0.5) {
					return "key-" + r.hex(32)
				}
				return r.hex(32) + "-" + r.hex(8) + "-" + r.hex(8)
			})},
		{id: "postmark-server-token", keyed: true, names: words("postmark server token", "postmark api token"),
			gen: plainGen(func(r rnd) string { return r.uuid() })},
		{id: "github-webhook-secret", keyed: true, names: words("github webhook secret", "gh webhook secret", "github hook secret"),
			gen: plainGen(func(r rnd) string {
				if r.chance(0.4) {
					return r.hex(40)
				}
				return r.strEntropy(alnumChars, r.between(24, 48), 3.5)
			})},
		{id: "github-classic-pat", names: words("github token", "gh token", "github pat"),
			gen: plainGen(func(r rnd) string { return r.githubToken("ghp_", 36) })},
		{id: "github-fine-grained-pat", names: words("github token", "github pat"),
			gen: plainGen(func(r rnd) string {
				return "github_pat_11" + r.mixed(upperAlnum+lowerChars, 20) + "_" + r.mixed(alnumChars, 59)
			})},
		{id: "github-app-installation-token", names: words("github app token", "installation token"),
			gen: plainGen(func(r rnd) string { return r.githubToken("ghs_", 36) })},
		{id: "github-oauth-user-refresh-token", names: words("github oauth token", "github refresh token", "gh user token"),
			gen: plainGen(func(r rnd) string {
				if r.chance(0.3) {
					return r.githubToken("ghr_", 76)
				}
				return r.githubToken(r.pick("gho_", "ghu_"), 36)
			})},
		{id: "gitlab-webhook-secret-token", keyed: true, names: words("gitlab webhook secret", "gitlab webhook token", "gitlab hook secret token"),
			gen: plainGen(func(r rnd) string { return r.strEntropy(alnumChars, r.between(20, 40), 3.5) })},
		{id: "gitlab-personal-access-token", names: words("gitlab token", "gitlab pat"),
			gen: plainGen(func(r rnd) string {
				if r.chance(0.35) {
					return "glpat-" + r.mixed(b64urlChars, 27) + ".01" + r.str(lowerAlnum, 7)
				}
				return "glpat-" + r.mixed(b64urlChars, 20)
			})},
		{id: "gitlab-pipeline-trigger-token", names: words("gitlab trigger token", "pipeline trigger token"),
			gen: plainGen(func(r rnd) string { return "glptt-" + r.hex(40) })},
		{id: "bitbucket-webhook-secret", keyed: true, names: words("bitbucket webhook secret", "bitbucket hook secret"),
			gen: plainGen(func(r rnd) string { return r.strEntropy(alnumChars, r.between(20, 40), 3.5) })},
		{id: "bitbucket-app-password", names: words("bitbucket app password", "bitbucket password"),
			gen: plainGen(func(r rnd) string { return "ATBB" + r.mixed(alnumChars, 32) })},
		{id: "atlassian-api-token", names: words("jira api token", "atlassian api token", "confluence token"),
			gen: plainGen(func(r rnd) string {
				return "ATATT3xFfGF0" + r.mixed(b64urlChars, 171) + "=" + strings.ToUpper(r.hex(8))
			})},
		{id: "jira-webhook-secret", keyed: true, names: words("jira webhook secret", "atlassian webhook secret", "confluence webhook secret"),
			gen: plainGen(func(r rnd) string { return r.strEntropy(alnumChars, r.between(20, 40), 3.5) })},
		{id: "linear-webhook-signing-secret", names: words("linear webhook secret", "linear signing secret"),
			gen: plainGen(func(r rnd) string { return "lin_wh_" + r.mixed(alnumChars, r.between(32, 48)) })},
		{id: "linear-api-key", names: words("linear api key"),
			gen: plainGen(func(r rnd) string { return "lin_api_" + r.mixed(alnumChars, 40) })},
		{id: "twitch-eventsub-secret", keyed: true, names: words("twitch eventsub secret", "eventsub secret", "twitch webhook secret"),
			gen: plainGen(func(r rnd) string { return r.strEntropy(alnumChars, r.between(20, 64), 3.5) })},
		{id: "intercom-access-token", keyed: true, names: words("intercom access token", "intercom token"),
			gen: plainGen(func(r rnd) string {
				// "tok:" and a UUID that starts with a digit: the dG9rOj prefix.
				for {
					id := r.uuid()
					if id[0] <= '9' {
						return base64.StdEncoding.EncodeToString([]byte("tok:" + id + ":1:0"))
					}
				}
			})},
		{id: "hubspot-private-app-token", names: words("hubspot token", "hubspot access token"),
			gen: plainGen(func(r rnd) string { return "pat-" + r.pick("na1", "na2", "eu1", "ap1") + "-" + r.uuid() })},
		{id: "hubspot-app-client-secret", keyed: true, names: words("hubspot client secret", "hubspot app secret"),
			gen: plainGen(func(r rnd) string { return r.uuid() })},
		{id: "typeform-webhook-secret", keyed: true, names: words("typeform webhook secret", "typeform secret"),
			gen: plainGen(func(r rnd) string { return r.strEntropy(alnumChars, r.between(24, 40), 3.5) })},
		{id: "typeform-personal-access-token", names: words("typeform token", "typeform access token"),
			gen: plainGen(func(r rnd) string { return "tfp_" + r.mixed(alnumChars, 44) + "_" + r.mixed(alnumChars, 14) })},
		{id: "calendly-webhook-signing-key", keyed: true, names: words("calendly webhook signing key", "calendly signing key"),
			gen: plainGen(func(r rnd) string {
				if r.chance(0.5) {
					return r.hex(64)
				}
				return r.mixed(b64urlChars, 43)
			})},
		{id: "docusign-connect-hmac-key", keyed: true, names: words("docusign connect hmac key", "docusign hmac key"),
			gen: plainGen(func(r rnd) string { return r.b64NoEdgeSymbol(32) })},
		{id: "zapier-catch-hook-url", url: true, names: words("zapier hook url", "zapier webhook"),
			gen: plainGen(func(r rnd) string {
				return "https://hooks.zapier.com/hooks/catch/" + r.digits(r.between(6, 8)) + "/" + r.str(lowerAlnum, r.between(6, 7)) + r.pick("/", "/", "", "/silent/")
			})},
		{id: "ifttt-webhooks-key", url: true, names: words("ifttt webhook url", "ifttt trigger url"),
			gen: func(r rnd) (string, string) {
				key := r.mixed(b64urlChars, 22)
				if r.chance(0.2) {
					return key, "https://maker.ifttt.com/use/" + key
				}
				return key, "https://maker.ifttt.com/trigger/" + r.pick("door_open", "build_failed", "sensor_alert") + r.pick("/", "/json/") + "with/key/" + key
			}},
		{id: "make-webhook-url", url: true, names: words("make webhook url", "integromat webhook"),
			gen: plainGen(func(r rnd) string {
				host := r.pick("hook.eu1.make.com", "hook.eu2.make.com", "hook.us1.make.com", "hook.us2.make.com", "hook.integromat.com", "hook.eu1.make.celonis.com")
				return "https://" + host + "/" + r.str(lowerAlnum, 32)
			})},
		{id: "n8n-webhook-url", url: true, names: words("n8n webhook url", "n8n hook"),
			gen: plainGen(func(r rnd) string {
				u := r.pick("https://", "https://", "http://") + r.pick(n8nHosts...) + r.pick("/webhook/", "/webhook/", "/webhook-test/") + r.uuid()
				if r.chance(0.3) {
					u += "/" + r.pick(eventNames...)
				}
				return u
			})},
		{id: "workato-webhook-url", url: true, names: words("workato webhook url", "workato recipe url"),
			gen: plainGen(func(r rnd) string {
				host := r.pick("webhooks.workato.com", "webhooks.eu.workato.com", "www.workato.com")
				return "https://" + host + "/webhooks/rest/" + r.uuid() + "/" + r.pick(eventNames...)
			})},
		{id: "tines-webhook-url", url: true, names: words("tines webhook url", "tines story webhook"),
			gen: plainGen(func(r rnd) string {
				return "https://" + r.pick("acme-corp", "northwind", "fabrikam-sec") + ".tines.com/webhook/" + r.str(lowerAlnum, 32) + "/" + r.str(lowerAlnum, 32)
			})},
		{id: "netlify-build-hook-url", url: true, names: words("netlify build hook", "netlify deploy hook"),
			gen: plainGen(func(r rnd) string { return "https://api.netlify.com/build_hooks/" + r.hex(24) })},
		{id: "vercel-deploy-hook-url", url: true, names: words("vercel deploy hook", "vercel deploy hook url"),
			gen: plainGen(func(r rnd) string {
				return "https://api.vercel.com/v1/integrations/deploy/prj_" + r.mixed(alnumChars, 28) + "/" + r.mixed(alnumChars, 10)
			})},
		{id: "vercel-webhook-secret", keyed: true, names: words("vercel webhook secret", "vercel integration secret", "vercel client secret"),
			gen: plainGen(func(r rnd) string { return r.mixed(alnumChars, 24) })},
		{id: "vercel-access-token", keyed: true, names: words("vercel token", "vercel api token", "vercel access token"),
			gen: plainGen(func(r rnd) string { return r.mixed(alnumChars, 24) })},
		{id: "netlify-personal-access-token", names: words("netlify auth token", "netlify token"),
			gen: plainGen(func(r rnd) string { return "nfp_" + r.mixed(alnumChars, 36) })},
		{id: "netlify-deploy-notification-jws-secret", keyed: true, names: words("netlify webhook secret", "netlify jws secret", "netlify hook secret"),
			gen: plainGen(func(r rnd) string { return r.strEntropy(alnumChars, r.between(24, 40), 3.5) })},
		{id: "sentry-integration-client-secret", keyed: true, names: words("sentry client secret", "sentry webhook secret"),
			gen: plainGen(func(r rnd) string { return r.hex(64) })},
		{id: "sentry-auth-token", names: words("sentry auth token", "sentry token"),
			gen: plainGen(func(r rnd) string {
				if r.chance(0.5) {
					return "sntryu_" + r.hex(64)
				}
				payload := fmt.Sprintf(`{"iat":%d.%06d,"url":"https://sentry.io","region_url":"https://us.sentry.io","org":"%s"}`,
					r.between(1700000000, 1790000000), r.IntN(1000000), r.pick("acme-corp", "northwind", "fabrikam"))
				return "sntrys_" + base64.RawStdEncoding.EncodeToString([]byte(payload)) + "_" + r.mixed(alnumChars+"+/", 43)
			})},
		{id: "newrelic-user-api-key", names: words("new relic api key", "newrelic api key"),
			gen: plainGen(func(r rnd) string { return "NRAK-" + r.str(upperAlnum, 27) })},
		{id: "newrelic-license-key", names: words("new relic license key", "newrelic license key"),
			gen: plainGen(func(r rnd) string {
				return r.pick("eu01xx", "us01xx", "ab12cd", "f3e1a9") + r.hex(30) + "NRAL"
			})},
		{id: "opsgenie-api-key", keyed: true, names: words("opsgenie api key", "opsgenie key"),
			gen: plainGen(func(r rnd) string { return r.uuid() })},
		{id: "pagerduty-events-routing-key", keyed: true, names: words("pagerduty routing key", "pagerduty integration key", "pd service key"),
			styles: []style{screaming, snake, camel, pascal, kebab},
			gen:    plainGen(func(r rnd) string { return r.str(lowerAlnum, 32) })},
		{id: "pagerduty-webhook-signing-secret", keyed: true, names: words("pagerduty webhook secret", "pagerduty signing secret"),
			gen: plainGen(func(r rnd) string { return r.b64NoEdgeSymbol(48) })},
		{id: "pagerduty-rest-api-token", keyed: true, names: words("pagerduty api token", "pagerduty token"),
			gen: plainGen(func(r rnd) string { return "u+" + r.mixed(alnumChars+"_-", 18) })},
		{id: "datadog-api-key", keyed: true, names: words("datadog api key", "dd api key"),
			gen: plainGen(func(r rnd) string { return r.hex(32) })},
		{id: "datadog-application-key", keyed: true, names: words("datadog app key", "dd app key", "datadog application key"),
			gen: plainGen(func(r rnd) string { return r.hex(40) })},
		{id: "grafana-service-account-or-cloud-token", names: words("grafana token", "grafana sa token", "grafana cloud token"),
			gen: plainGen(func(r rnd) string {
				if r.chance(0.6) {
					return "glsa_" + r.mixed(alnumChars, 32) + "_" + r.hex(8)
				}
				payload := fmt.Sprintf(`{"o":"%s","n":"stack-%s-hm-read","k":"%s","m":{"r":"%s"}}`,
					r.digits(6), r.digits(6), r.mixed(alnumChars, 24), r.pick("prod-us-central-0", "prod-eu-west-2"))
				return "glc_" + base64.StdEncoding.EncodeToString([]byte(payload))
			})},
		{id: "okta-api-token", keyed: true, names: words("okta api token", "okta token"),
			gen: plainGen(func(r rnd) string { return "00" + r.mixed(alnumChars+"_-", 39) + r.str(alnumChars, 1) })},
		{id: "okta-event-hook-auth-secret", keyed: true, names: words("okta event hook secret", "okta hook auth secret", "okta event hook token"),
			gen: plainGen(func(r rnd) string { return r.strEntropy(alnumChars, r.between(24, 48), 3.5) })},
		{id: "aws-sns-subscription-url", url: true, names: words("sns unsubscribe url", "sns subscribe url", "unsubscribe url"),
			gen: plainGen(func(r rnd) string {
				region := r.pick(awsRegions...)
				topic := "arn:aws:sns:" + region + ":" + r.digits(12) + ":" + r.pick("billing-events", "deploy-notifications", "orders")
				if r.chance(0.5) {
					return "https://sns." + region + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + topic + ":" + r.uuid()
				}
				return "https://sns." + region + ".amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + topic + "&Token=2336412f37fb687f5d51e6e2425" + r.hex(229)
			})},
		{id: "aws-access-key-id", names: words("aws access key id", "aws access key"),
			gen: plainGen(func(r rnd) string { return r.pick("AKIA", "AKIA", "ASIA") + r.str(base32Chars, 16) })},
		{id: "aws-eventbridge-connection-secret", keyed: true, names: words("api key value"), only: []string{"cloudformation", "json", "yaml"},
			styles: []style{pascal, snake, screaming, camel},
			gen:    plainGen(func(r rnd) string { return r.strEntropy(alnumChars, r.between(32, 48), 3.5) })},
		{id: "azure-event-grid-key-identifiable", names: words("eventgrid key", "event grid key"),
			gen: plainGen(func(r rnd) string {
				for {
					s := r.mixed(b64Chars, 33) + "AZEG" + r.raw("ABCDEFGHIJKLMNOP", 1) + r.mixed(b64Chars, 5) + "="
					if clean(s) && !strings.ContainsAny(s[:1], "+/") {
						return s
					}
				}
			})},
		{id: "azure-event-grid-access-key", keyed: true, names: words("eventgrid topic key", "eventgrid access key", "event grid topic key"),
			gen: plainGen(func(r rnd) string { return r.b64NoEdgeSymbol(32) })},
		{id: "azure-function-key-url", url: true, names: words("function url", "azure function webhook"),
			gen: plainGen(func(r rnd) string {
				return "https://" + r.pick("acme-billing-func", "northwind-hooks", "fabrikam-intake") + ".azurewebsites.net/api/" + r.pick("github-hook", "HttpTrigger1", "stripe/events") +
					"?code=" + r.mixed(b64urlChars, 54) + r.pick("==", "%3D%3D")
			})},
		{id: "gcp-pubsub-push-endpoint-token", keyed: true, url: true, names: words("push endpoint"),
			styles: []style{snake, screaming, kebab, camel, pascal},
			gen: plainGen(func(r rnd) string {
				return "https://" + r.pick("acme-corp.appspot.com/_ah/push-handlers/receive", "events.northwind.dev/pubsub/push", "api.fabrikam.cloud/v1/pubsub") + "?token=" + r.mixed(b64urlChars, 32)
			})},
		{id: "alertmanager-receiver-credential", keyed: true, yamlKey: true, names: words("password", "credentials", "api key"), only: []string{"alertmanager", "helm-values", "yaml"},
			styles: []style{snake},
			gen:    plainGen(func(r rnd) string { return r.strEntropy(alnumChars+"_-", r.between(24, 40), 3.5) })},
		{id: "generic-webhook-secret-assignment", keyed: true, names: words("webhook secret", "webhook signing secret", "hook token", "callback secret", "signing secret", "webhook hmac key"),
			gen: plainGen(func(r rnd) string { return r.strEntropy(alnumChars, r.between(32, 48), 3.7) })},
		{id: "generic-webhook-url-basic-auth", url: true, names: words("webhook url", "callback url", "notification url"),
			gen: plainGen(func(r rnd) string {
				user := r.pick("hooks", "postmark", "adyen", "notify", "alerts")
				pass := r.mixed(alnumChars, r.between(20, 32))
				if r.chance(0.3) {
					// The host names the hook, the path does not.
					return "https://" + user + ":" + pass + "@" + r.pick("hooks.", "webhooks.", "events.") + r.pick(appHosts...) + r.pick("/incoming", "/v1/relay", "/ingest")
				}
				return "https://" + user + ":" + pass + "@" + r.pick(appHosts...) +
					r.pick("/webhooks/postmark", "/adyen/notifications", "/events/inbound", "/callback/payments")
			})},
		{id: "generic-webhook-url-token-param", url: true, names: words("webhook url", "callback url", "notify url"),
			gen: plainGen(func(r rnd) string {
				return "https://" + r.pick(appHosts...) + r.pick("/generic-webhook-trigger/invoke", "/hooks/deploy", "/callback/payment", "/inbound/mail") + "?" +
					r.pick("token", "token", "key", "secret", "sig") + "=" + r.mixed(b64urlChars, r.between(24, 40))
			})},
	}
}

// pickInt returns one of the ints.
func (r rnd) pickInt(options ...int) int { return options[r.IntN(len(options))] }

// p256PublicKey returns a real P-256 public key in base64 DER (SPKI), the
// shape of SendGrid's event webhook verification key.
func p256PublicKey(r rnd) string {
	for {
		k, err := ecdh.P256().NewPrivateKey(r.bytes(32))
		if err != nil {
			continue
		}
		der, err := x509.MarshalPKIXPublicKey(k.PublicKey())
		if err != nil {
			continue
		}
		return base64.StdEncoding.EncodeToString(der)
	}
}
