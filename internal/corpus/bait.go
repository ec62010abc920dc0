package corpus

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ed25519"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"image"
	"image/color"
	"image/png"
	"strings"
)

// Bait kinds.
const (
	kindPlaceholder = "placeholder"
	kindReference   = "reference"
	kindHash        = "hash"
	kindUUID        = "uuid"
	kindImage       = "image"
	kindPublicKey   = "public-key"
	kindIdentifier  = "identifier"
	kindDocsURL     = "docs-url"
)

// lookalike is a placeholder value and the variable it usually sits in.
type lookalike struct {
	name   []string
	value  string
	reason string
}

// placeholders are the values documentation, templates and examples put
// where a secret goes, including the catalog's false-positive shapes.
// Token-shaped ones are assembled so this file holds no complete literal.
func placeholders() []lookalike {
	slack := "https://hooks.slack.com/services/"
	x24 := strings.Repeat("X", 24)
	w := func(s string) []string { return strings.Split(s, " ") }
	return []lookalike{
		{w("slack webhook url"), slack + "T00000000/B00000000/" + x24, "Slack's documented all-zero placeholder"},
		{w("slack webhook url"), slack + "TXXXXXXXX/BXXXXXXXX/" + x24, "X-filled placeholder"},
		{w("slack webhook url"), slack + "YOUR/WEBHOOK/URL", "placeholder words"},
		{w("slack webhook url"), slack + "T.../B.../...", "ellipsis placeholder"},
		{w("slack webhook url"), "<your-webhook-url>", "angle-bracket placeholder"},
		{w("slack workflow url"), "https://hooks.slack.com/workflows/T00000000/A00000000/000000000000000000/" + x24, "all-zero placeholder"},
		{w("slack trigger url"), "https://hooks.slack.com/triggers/T00000000/0000000000000/" + strings.Repeat("0", 32), "all-zero placeholder"},
		{w("slack signing secret"), "<your-signing-secret>", "angle-bracket placeholder"},
		{w("slack signing secret"), "xxxxxxxx", "x placeholder"},
		{w("slack bot token"), "xoxb" + "-your-token", "placeholder words"},
		{w("slack bot token"), "xoxb" + "-XXXXXXXXXXXX-XXXXXXXXXXXX-" + x24, "X-filled placeholder"},
		{w("discord webhook url"), "https://discord.com/api/webhooks/<webhook_id>/<webhook_token>", "angle-bracket placeholder"},
		{w("discord webhook url"), "https://discord.com/api/webhooks/{id}/{token}", "brace placeholder"},
		{w("discord webhook url"), "https://discordapp.com/api/webhooks/123456789012345678/abcdef", "documentation sample with a truncated token"},
		{w("teams webhook url"), "https://contoso.webhook.office.com/webhookb2/<group-id>@<tenant-id>/IncomingWebhook/<id>/<owner>", "angle-bracket placeholder"},
		{w("teams webhook url"), "https://outlook.office.com/webhook/...", "ellipsis placeholder"},
		{w("google chat webhook"), "https://chat.googleapis.com/v1/spaces/AAAAhWiyzzE/messages?key=YOUR_API_KEY&token=YOUR_TOKEN", "placeholder words"},
		{w("mattermost webhook url"), "https://your-mattermost-server.com/hooks/xxx-generatedkey-xxx", "documented placeholder"},
		{w("dingtalk webhook"), "https://oapi.dingtalk.com/robot/send?access_token=xxx", "x placeholder"},
		{w("wecom webhook"), "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", "x-filled UUID"},
		{w("feishu webhook"), "https://open.feishu.cn/open-apis/bot/v2/hook/xxx", "x placeholder"},
		{w("telegram bot token"), "123456:ABC" + "-DEF1234ghIkl-zyx57W2v1u123ew11", "Telegram's documentation sample"},
		{w("telegram webhook secret token"), "<random-string>", "angle-bracket placeholder"},
		{w("stripe webhook secret"), "whsec" + "_...", "ellipsis placeholder"},
		{w("stripe webhook secret"), "whsec" + "_XXXXXXXX", "X placeholder"},
		{w("stripe webhook secret"), "whsec" + "_<your-endpoint-secret>", "angle-bracket placeholder"},
		{w("stripe secret key"), "sk" + "_live_XXXXXXXX", "X placeholder"},
		{w("stripe secret key"), "sk" + "_live_...", "ellipsis placeholder"},
		{w("stripe publishable key"), "pk" + "_live_51" + "FAKEpublishableKeyIsNotSecret0123456789", "publishable keys are public"},
		{w("zoom webhook secret"), "abcdefghijklmnop", "sequential alphabet"},
		{w("zoom webhook secret"), "<Secret Token>", "angle-bracket placeholder"},
		{w("github webhook secret"), "changeme", "changeme placeholder"},
		{w("github webhook secret"), "your-webhook-secret-here", "placeholder words"},
		{w("github webhook secret"), "1234567890123456789012345678901234567890", "sequential digits"},
		{w("github token"), "ghp" + "_xxxxxxxxxxxxxxxxxxxx", "x placeholder"},
		{w("github token"), "github" + "_pat_<token>", "angle-bracket placeholder"},
		{w("gitlab webhook secret"), "<your-webhook-secret>", "angle-bracket placeholder"},
		{w("gitlab token"), "glpat" + "-xxxxxxxxxxxx", "x placeholder"},
		{w("gitlab trigger token"), "glptt" + "-<token>", "angle-bracket placeholder"},
		{w("twilio account sid"), "AC" + strings.Repeat("x", 32), "x-filled placeholder"},
		{w("twilio auth token"), "your_auth_token", "placeholder words"},
		{w("twilio api key"), "SK" + strings.Repeat("x", 32), "x-filled placeholder"},
		{w("sendgrid api key"), "SG" + ".xxxxx.yyyyy", "x placeholder"},
		{w("mailgun api key"), "key" + "-xxxxxxxx", "x placeholder"},
		{w("postmark server token"), "POSTMARK_API_TEST", "Postmark's documented test token"},
		{w("datadog api key"), strings.Repeat("x", 32), "x-filled placeholder"},
		{w("datadog app key"), "<DATADOG_APP_KEY>", "angle-bracket placeholder"},
		{w("hubspot client secret"), "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy", "y-filled UUID"},
		{w("new relic license key"), strings.Repeat("x", 36) + "NRAL", "x-filled placeholder"},
		{w("aws access key id"), "AKIA" + "IOSFODNN7" + "EXAMPLE", "AWS's documentation key id"},
		{w("aws access key id"), "AKIA" + "_PLACEHOLDER_VALUE_HERE", "placeholder words"},
		{w("paddle webhook secret"), "pdl" + "_ntfset_01j0000000000000000000000", "zero-filled placeholder"},
		{w("linear webhook secret"), "lin" + "_wh_your_secret_here", "placeholder words"},
		{w("shopify access token"), "shpat" + "_0000", "truncated placeholder"},
		{w("square access token"), "EAAA" + "xxxx", "x placeholder"},
		{w("intercom access token"), "dG9rOj" + "...", "ellipsis placeholder"},
		{w("atlassian api token"), "ATATT3" + "xFfGF0<token>", "angle-bracket placeholder"},
		{w("n8n webhook url"), "https://your-n8n.url/webhook/path", "placeholder words"},
		{w("azure function url"), "https://myapp.azurewebsites.net/api/HttpTrigger?code=<function-key>", "angle-bracket placeholder"},
		{w("webhook url"), "https://ci.example.com/generic-webhook-trigger/invoke?token=<token>", "angle-bracket placeholder"},
		{w("webhook url"), "https://user:****@example.com/webhook", "masked password"},
		{w("webhook url"), "https://example.com/webhook?token=abc", "documentation sample"},
		{w("webhook secret"), "REPLACE_ME", "placeholder words"},
		{w("webhook secret"), "your-signing-secret", "placeholder words"},
		{w("webhook signing secret"), "whsk" + "_<base64 ed25519 secret key>", "angle-bracket placeholder"},
		{w("zapier hook url"), "https://hooks.zapier.com/hooks/catch/REPLACE_ME/", "placeholder words"},
		{w("make webhook url"), "https://hook.eu1.make.com/your-webhook-url", "placeholder words"},
		{w("netlify build hook"), "https://api.netlify.com/build_hooks/" + strings.Repeat("X", 24), "X-filled placeholder"},
		{w("ifttt webhook url"), "https://maker.ifttt.com/trigger/{event}/with/key/{key}", "brace placeholder"},
	}
}

// placeholder picks a placeholder that can be written where characters
// in avoid are not allowed.
func (g *generator) placeholder(avoid string) lookalike {
	all := placeholders()
	for {
		p := all[g.r.IntN(len(all))]
		if !strings.ContainsAny(p.value, avoid) {
			return p
		}
	}
}

// refNames are variables that reference secrets kept elsewhere.
var refNames = []string{
	"SLACK_WEBHOOK_URL", "GITHUB_WEBHOOK_SECRET", "STRIPE_WEBHOOK_SECRET", "DISCORD_WEBHOOK_URL",
	"SLACK_SIGNING_SECRET", "TWILIO_AUTH_TOKEN", "TEAMS_WEBHOOK_URL", "SVIX_WEBHOOK_SECRET",
	"GITLAB_WEBHOOK_TOKEN", "SHOPIFY_WEBHOOK_SECRET", "PAGERDUTY_ROUTING_KEY", "ZOOM_WEBHOOK_SECRET_TOKEN",
}

func (g *generator) refName() string { return refNames[g.r.IntN(len(refNames))] }

// refWords returns a reference name split into lower-case words.
func (g *generator) refWords() []string {
	return strings.Split(strings.ToLower(g.refName()), "_")
}

// docsURLs are documentation pages about webhooks: not secrets.
var docsURLs = []string{
	"https://api.slack.com/messaging/webhooks",
	"https://api.slack.com/authentication/verifying-requests-from-slack",
	"https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries",
	"https://docs.stripe.com/webhooks#verify-events",
	"https://discord.com/developers/docs/resources/webhook",
	"https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook",
	"https://www.standardwebhooks.com/",
	"https://docs.gitlab.com/user/project/integrations/webhooks/",
	"https://developers.google.com/workspace/chat/quickstart/webhooks",
	"https://www.twilio.com/docs/usage/webhooks/webhooks-security",
}

func (g *generator) docsURL() string { return docsURLs[g.r.IntN(len(docsURLs))] }

// Hashes and digests: real digests of random data.

func (g *generator) sha256hex() string {
	s := sha256.Sum256(g.r.bytes(64))
	return hexString(s[:])
}

func (g *generator) gitSHA() string {
	s := sha1.Sum(g.r.bytes(64))
	return hexString(s[:])
}

func (g *generator) sha512b64() string {
	s := sha512.Sum512(g.r.bytes(64))
	return base64.StdEncoding.EncodeToString(s[:])
}

func (g *generator) h1() string {
	s := sha256.Sum256(g.r.bytes(64))
	return "h1:" + base64.StdEncoding.EncodeToString(s[:])
}

// bcrypt returns a string shaped like a bcrypt hash.
func (g *generator) bcrypt() string {
	const alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	return "$2b$12$" + g.r.raw(alphabet, 53)
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 2*len(b))
	for i, c := range b {
		out[2*i], out[2*i+1] = digits[c>>4], digits[c&15]
	}
	return string(out)
}

// pngBase64 encodes a small PNG of random pixels.
func (g *generator) pngBase64() string {
	size := g.r.between(6, 14)
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			img.Set(x, y, color.NRGBA{uint8(g.r.UintN(256)), uint8(g.r.UintN(256)), uint8(g.r.UintN(256)), 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return ""
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

func (g *generator) pngDataURI() string { return "data:image/png;base64," + g.pngBase64() }

// Public keys: real keys derived from random seeds.

func (g *generator) ed25519Public() ed25519.PublicKey {
	return ed25519.NewKeyFromSeed(g.r.bytes(ed25519.SeedSize)).Public().(ed25519.PublicKey)
}

// publicKeyPEM returns a PEM "PUBLIC KEY" block, Ed25519 or P-256.
func (g *generator) publicKeyPEM() string {
	var pub any = g.ed25519Public()
	if g.r.chance(0.5) {
		for {
			k, err := ecdh.P256().NewPrivateKey(g.r.bytes(32))
			if err == nil {
				pub = k.PublicKey()
				break
			}
		}
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return ""
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// sshEd25519 returns an authorized_keys line.
func (g *generator) sshEd25519(comment string) string {
	pub := g.ed25519Public()
	var blob []byte
	for _, part := range [][]byte{[]byte("ssh-ed25519"), pub} {
		blob = binary.BigEndian.AppendUint32(blob, uint32(len(part)))
		blob = append(blob, part...)
	}
	return "ssh-ed25519 " + base64.StdEncoding.EncodeToString(blob) + " " + comment
}

// rsaModulus returns 256 random bytes shaped like a 2048-bit modulus, in
// base64url, as a JWK "n".
func (g *generator) rsaModulus() string {
	b := g.r.bytes(256)
	b[0] |= 0x80
	b[255] |= 1
	return base64.RawURLEncoding.EncodeToString(b)
}

// ecPoint returns the x and y of a real P-256 public key, base64url.
func (g *generator) ecPoint() (x, y string) {
	for {
		k, err := ecdh.P256().NewPrivateKey(g.r.bytes(32))
		if err != nil {
			continue
		}
		b := k.PublicKey().Bytes() // 0x04 || X || Y
		return base64.RawURLEncoding.EncodeToString(b[1:33]), base64.RawURLEncoding.EncodeToString(b[33:])
	}
}

// standardWebhooksPublicKey returns a Standard Webhooks public key
// (whpk_ + base64 Ed25519 public key): public, not a secret.
func (g *generator) standardWebhooksPublicKey() string {
	return "whpk" + "_" + base64.StdEncoding.EncodeToString(g.ed25519Public())
}
