package scanner

import (
	"bytes"
	"path"
	"strings"
)

// Advice says where a secret found in a file should live instead. It is
// the repository-level secret-manager check: every finding carries the
// advice that fits the kind of file it sits in.
func Advice(file string, text []byte) string {
	base := strings.ToLower(path.Base(file))
	lower := strings.ToLower(file)
	switch {
	case strings.Contains(lower, ".github/workflows/") && (strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")):
		return "Store it as an encrypted repository or environment secret and reference it as ${{ secrets.NAME }} in the workflow."
	case base == "action.yml" || base == "action.yaml":
		return "Take it as an input that callers fill from ${{ secrets.NAME }}; never give it a default."
	case isKubernetesSecret(text):
		return "Do not commit Secret manifests with values: generate them from a secret manager with an ExternalSecret (External Secrets Operator) or commit a SealedSecret / SOPS-encrypted file instead."
	case strings.HasPrefix(base, "docker-compose") || strings.HasPrefix(base, "compose.") || strings.HasPrefix(base, "compose-"):
		return "Use Compose `secrets:` (file or external) or an untracked env file (`env_file:` listed in .gitignore) instead of a literal in the compose file."
	case base == ".env" || strings.HasPrefix(base, ".env.") && !strings.Contains(base, "example") && !strings.Contains(base, "sample") && !strings.Contains(base, "template"):
		return "Untrack this .env file (git rm --cached, add it to .gitignore), keep a .env.example with empty values, and load real values from a secret manager."
	case base == "values.yaml" || base == "values.yml" || strings.HasPrefix(base, "values-") || strings.HasPrefix(base, "values."):
		return "Point the chart at an existing Kubernetes Secret (existingSecret) filled by External Secrets or a sealed secret, not a literal in values."
	case base == "dockerfile" || strings.HasSuffix(base, ".dockerfile") || strings.HasPrefix(base, "dockerfile."):
		return "Never bake secrets into images: pass them at run time from the orchestrator's secret store, or at build time with `RUN --mount=type=secret`."
	case strings.HasSuffix(base, ".tf") || strings.HasSuffix(base, ".tfvars") || strings.HasSuffix(base, ".hcl"):
		return "Declare a `sensitive = true` variable fed from the environment (TF_VAR_...) or read it with a secret manager data source (aws_secretsmanager_secret_version, vault_kv_secret_v2, azurerm_key_vault_secret, google_secret_manager_secret_version)."
	case strings.HasSuffix(base, ".go"):
		return "Read it at run time with os.Getenv / os.LookupEnv, or from a secret manager client (Vault api KVv2 Get, AWS Secrets Manager GetSecretValue, Azure Key Vault azsecrets GetSecret, GCP Secret Manager AccessSecretVersion)."
	case strings.HasSuffix(base, ".ipynb"):
		return "Clear it from the notebook (outputs too) and read it from the environment or a secret manager at run time."
	}
	return "Move it out of the repository: read it from an environment variable or a secret manager (Vault, AWS Secrets Manager, Azure Key Vault, GCP Secret Manager) at run time."
}

// kubernetesSecret is `(?m)^kind:\s*["']?Secret["']?\s*$` asked at the
// start of a line that begins with kind: (isKubernetesSecret): a text's
// lines are not all read by the expression.
var kubernetesSecret = lazyCompile(`\Akind:\s*["']?Secret["']?\s*(?m:$)`)

func isKubernetesSecret(text []byte) bool {
	for p := 0; ; {
		i := bytes.Index(text[p:], []byte("kind:"))
		if i < 0 {
			return false
		}
		i += p
		if (i == 0 || text[i-1] == '\n') && kubernetesSecret.Match(text[i:]) {
			return true
		}
		p = i + 1
	}
}
