package secretsource

import "github.com/hookscan/hookscan/analyzer/internal/callee"

// helper is a function whose result is hard-coded when its arguments are:
// formatting, trimming, encoding.
type helper struct {
	// from is the first argument that feeds the result.
	from int
}

func fn(pkg, recv, name string) callee.Func { return callee.Func{Pkg: pkg, Recv: recv, Name: name} }

// helpers are functions a hard-coded value passes through unchanged in
// kind: fmt.Sprintf("Bearer %s", token) is as hard-coded as token.
var helpers = func() map[callee.Func]helper {
	m := map[callee.Func]helper{}
	for _, name := range []string{"Sprintf", "Sprint", "Sprintln", "Appendf"} {
		m[fn("fmt", "", name)] = helper{}
	}
	for _, pkg := range []string{"strings", "bytes"} {
		for _, name := range []string{"TrimSpace", "Trim", "TrimLeft", "TrimRight", "TrimPrefix", "TrimSuffix",
			"ToLower", "ToUpper", "Replace", "ReplaceAll", "Repeat", "Join", "Clone"} {
			m[fn(pkg, "", name)] = helper{}
		}
	}
	for _, name := range []string{"EncodeToString", "DecodeString", "AppendEncode"} {
		m[fn("encoding/hex", "", name)] = helper{}
		m[fn("encoding/base64", "Encoding", name)] = helper{}
		m[fn("encoding/base32", "Encoding", name)] = helper{}
	}
	m[fn("encoding/hex", "", "DecodeString")] = helper{}
	return m
}()

// sources are where a secret should come from. A value from one of them
// is never reported; the table documents what the analyzer knows and keeps
// these calls from being mistaken for helpers of their literal arguments
// (os.Getenv("WEBHOOK_SECRET") is not hard-coded).
var sources = func() map[callee.Func]string {
	m := map[callee.Func]string{
		fn("os", "", "Getenv"):          "environment",
		fn("os", "", "LookupEnv"):       "environment",
		fn("syscall", "", "Getenv"):     "environment",
		fn("os", "", "ReadFile"):        "file",
		fn("io/ioutil", "", "ReadFile"): "file",
		fn("io", "", "ReadAll"):         "file",

		// HashiCorp Vault: KV v2 and v1, and the logical backend.
		fn("github.com/hashicorp/vault/api", "KVv2", "Get"):                "Vault",
		fn("github.com/hashicorp/vault/api", "KVv2", "GetVersion"):         "Vault",
		fn("github.com/hashicorp/vault/api", "KVv1", "Get"):                "Vault",
		fn("github.com/hashicorp/vault/api", "Logical", "Read"):            "Vault",
		fn("github.com/hashicorp/vault/api", "Logical", "ReadWithContext"): "Vault",

		// AWS Secrets Manager, SDK v2 and v1.
		fn("github.com/aws/aws-sdk-go-v2/service/secretsmanager", "Client", "GetSecretValue"):                 "AWS Secrets Manager",
		fn("github.com/aws/aws-sdk-go/service/secretsmanager", "SecretsManager", "GetSecretValue"):            "AWS Secrets Manager",
		fn("github.com/aws/aws-sdk-go/service/secretsmanager", "SecretsManager", "GetSecretValueWithContext"): "AWS Secrets Manager",

		// Azure Key Vault.
		fn("github.com/Azure/azure-sdk-for-go/sdk/security/keyvault/azsecrets", "Client", "GetSecret"): "Azure Key Vault",

		// GCP Secret Manager.
		fn("cloud.google.com/go/secretmanager/apiv1", "Client", "AccessSecretVersion"): "GCP Secret Manager",
	}
	for _, name := range []string{"String", "StringVar", "Func", "TextVar", "Var"} {
		m[fn("flag", "", name)] = "flag"
		m[fn("flag", "FlagSet", name)] = "flag"
	}
	for _, name := range []string{"String", "StringP", "StringVar", "StringVarP", "GetString", "BytesHex", "BytesBase64"} {
		m[fn("github.com/spf13/pflag", "", name)] = "flag"
		m[fn("github.com/spf13/pflag", "FlagSet", name)] = "flag"
	}
	return m
}()

// Source names where a call's result comes from ("environment", "Vault"),
// or "" when the call is not a known secret source.
func Source(f callee.Func) string { return sources[f] }
