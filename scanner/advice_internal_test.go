package scanner

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestKubernetesSecretLines checks isKubernetesSecret, which asks its
// expression only at lines that begin with kind:, against the expression
// over the whole text, on texts built from the pieces that matter.
func TestKubernetesSecretLines(t *testing.T) {
	t.Parallel()
	whole := regexp.MustCompile(`(?m)^kind:\s*["']?Secret["']?\s*$`)
	pieces := []string{"kind:", "kind: ", "Secret", `"`, "'", " ", "\t", "\n", "\r\n", "x", "kind", ":", "apiVersion: v1\n", "  "}
	r := rand.New(rand.NewPCG(3, 4))
	found := 0
	for range 50000 {
		var b strings.Builder
		for range 1 + r.IntN(10) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := []byte(b.String())
		want := whole.Match(text)
		if want {
			found++
		}
		if got := isKubernetesSecret(text); got != want {
			t.Fatalf("isKubernetesSecret(%q) = %v, want %v", text, got, want)
		}
	}
	if found < 100 {
		t.Fatalf("only %d texts were Secrets: the test says little", found)
	}
}
