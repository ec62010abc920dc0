package source_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/source"
)

// TestStagedMissingObject: a staged blob that is gone is an error, not a
// clean commit.
func TestStagedMissingObject(t *testing.T) {
	t.Setenv("GIT_INDEX_FILE", "")
	g := newSecretGen(11)
	r := newGitFixture(t)
	r.write("a.txt", linesWith(1, g.next()))
	r.write("b.txt", linesWith(1, g.next()))
	r.git("add", "a.txt", "b.txt")
	oid := strings.TrimSpace(r.git("rev-parse", ":b.txt"))
	if err := os.Remove(filepath.Join(r.dir, ".git", "objects", oid[:2], oid[2:])); err != nil {
		t.Fatal(err)
	}
	_, err := source.Staged(context.Background(), historyDetector(t), r.dir)
	if err == nil || !strings.Contains(err.Error(), "b.txt") {
		t.Fatalf("error %v, want one naming b.txt", err)
	}
}
