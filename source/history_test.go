package source_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hookscan/hookscan/scanner"
	"github.com/hookscan/hookscan/source"
)

// historyScenario is a repository that holds one secret for each case the
// history scan must get right, and the findings it must produce.
type historyScenario struct {
	repo  *gitFixture
	wants []histWant
	// dangling is a secret only in an unreachable blob; stashed only in
	// the stash. Neither is reported without HistoryOptions.All.
	dangling, danglingBlob, stashed, stashCommit string
}

func buildHistoryScenario(t *testing.T) *historyScenario {
	t.Helper()
	g := newSecretGen(1)
	r := newGitFixture(t)
	s := &historyScenario{repo: r}
	add := func(secret, commit, file string, line int, inHead bool) {
		s.wants = append(s.wants, histWant{secretOf(secret), commit, file, line, inHead})
	}

	// Still in HEAD, untouched.
	inHead := g.next()
	r.write("config/app.yml", linesWith(3, inHead))
	c1 := r.commit("add app config")
	add(inHead, c1, "config/app.yml", 3, true)

	// Added, then deleted a commit later.
	deleted := g.next()
	r.write("old.env", linesWith(2, deleted))
	c2 := r.commit("add env")
	r.git("rm", "-q", "old.env")
	r.commit("remove env")
	add(deleted, c2, "old.env", 2, false)

	// Only on a branch that was never merged.
	unmerged := g.next()
	r.git("checkout", "-q", "-b", "feature")
	r.write("feature.txt", linesWith(4, unmerged))
	c4 := r.commit("feature work")
	add(unmerged, c4, "feature.txt", 4, false)
	r.git("checkout", "-q", "main")

	// Brought in by a merge: once from the merged branch's commit, once
	// added by the merge commit itself (an "evil" merge).
	merged := g.next()
	inMerge := g.next()
	r.git("checkout", "-q", "-b", "topic")
	r.write("topic.txt", linesWith(1, merged))
	c5 := r.commit("topic work")
	r.git("checkout", "-q", "main")
	r.write("main-side.txt", "parallel work\n")
	r.commit("main work")
	r.tick++
	r.git("merge", "-q", "--no-ff", "--no-commit", "topic")
	r.write("merge-fix.txt", linesWith(2, inMerge))
	r.git("add", "merge-fix.txt")
	r.git("commit", "-q", "-m", "merge topic")
	c6 := r.git("rev-parse", "HEAD")
	add(merged, c5, "topic.txt", 1, true)
	add(inMerge, c6, "merge-fix.txt", 2, true)

	// In a file renamed later: reported once, under its first name, and
	// still in HEAD (under the new name).
	renamed := g.next()
	r.write("docs/before.md", linesWith(5, renamed))
	c7 := r.commit("add doc")
	r.git("mv", "docs/before.md", "docs/after.md")
	r.commit("rename doc")
	add(renamed, c7, "docs/before.md", 5, true)

	// Reachable only from an annotated tag.
	tagged := g.next()
	r.git("checkout", "-q", "-b", "release-prep")
	r.write("release.txt", linesWith(2, tagged))
	c9 := r.commit("release prep")
	r.tick++
	r.git("tag", "-a", "-m", "release", "v1.0.0")
	r.git("checkout", "-q", "main")
	r.git("branch", "-q", "-D", "release-prep")
	add(tagged, c9, "release.txt", 2, false)

	// Moved to another line by a later edit: once, where it came in.
	moved := g.next()
	r.write("moving.txt", linesWith(2, moved))
	c10 := r.commit("add moving")
	r.write("moving.txt", "new first\nnew second\nnew third\n"+linesWith(2, moved))
	r.commit("push it down")
	add(moved, c10, "moving.txt", 2, true)

	// In a file larger than 1 MiB, near its end.
	big := g.next()
	var b strings.Builder
	for b.Len() < 1<<20+4096 {
		b.WriteString("filler filler filler filler filler filler filler filler\n")
	}
	bigLine := strings.Count(b.String(), "\n") + 1
	r.write("data/big.txt", b.String()+"url: "+big+"\n")
	c12 := r.commit("add big file")
	add(big, c12, "data/big.txt", bigLine, true)

	// The same secret in two files, and identical content under two
	// names in one commit: two findings each.
	twice := g.next()
	r.write("a.yml", linesWith(1, twice))
	r.write("b.yml", "# copy\n"+linesWith(1, twice))
	copied := g.next()
	r.write("dup/one.txt", linesWith(3, copied))
	r.write("dup/two.txt", linesWith(3, copied))
	// Two identical directories: the second is the same tree object.
	treeCopy := g.next()
	r.write("copies/a/conf.txt", linesWith(2, treeCopy))
	r.write("copies/b/conf.txt", linesWith(2, treeCopy))
	c13 := r.commit("two files")
	add(twice, c13, "a.yml", 1, true)
	add(twice, c13, "b.yml", 2, true)
	add(copied, c13, "dup/one.txt", 3, true)
	add(copied, c13, "dup/two.txt", 3, true)
	add(treeCopy, c13, "copies/a/conf.txt", 2, true)
	add(treeCopy, c13, "copies/b/conf.txt", 2, true)

	// A dangling blob and a stash entry, for --all-objects.
	s.dangling = g.next()
	r.write("loose.tmp", linesWith(1, s.dangling))
	s.danglingBlob = r.git("hash-object", "-w", "loose.tmp")
	r.git("rm", "-q", "--cached", "--ignore-unmatch", "loose.tmp")
	removeFile(t, r, "loose.tmp")
	s.stashed = g.next()
	r.write("config/app.yml", linesWith(3, inHead)+"stash: "+s.stashed+"\n")
	r.tick++
	r.git("stash", "push", "-q", "-m", "wip")
	s.stashCommit = r.git("rev-parse", "refs/stash")
	return s
}

func removeFile(t *testing.T, r *gitFixture, path string) {
	t.Helper()
	r.git("clean", "-q", "-f", "--", path)
}

func TestHistoryScenarios(t *testing.T) {
	s := buildHistoryScenario(t)
	d := historyDetector(t)
	for _, backend := range []string{source.BackendGoGit, source.BackendGit} {
		t.Run(backend, func(t *testing.T) {
			var w warnLog
			fs, err := source.History(context.Background(), d, s.repo.dir, source.HistoryOptions{Backend: backend, Warn: w.add})
			if err != nil {
				t.Fatal(err)
			}
			if len(w.list) > 0 {
				t.Errorf("unexpected warnings:\n%s", w.String())
			}
			sameFindings(t, fs, s.wants)
			for _, f := range fs {
				if f.Author != "Ada Author" || f.Email != "ada@example.com" || f.Date.IsZero() {
					t.Errorf("%s: author %q <%s> at %v, want Ada Author <ada@example.com> and a date", f.File, f.Author, f.Email, f.Date)
				}
				if f.RuleID != "test-slack-url" || f.Fingerprint != scanner.Fingerprint(f.RuleID, f.Secret) {
					t.Errorf("%s: rule %q fingerprint %q", f.File, f.RuleID, f.Fingerprint)
				}
			}
		})
	}
}

func TestHistoryAllObjects(t *testing.T) {
	s := buildHistoryScenario(t)
	d := historyDetector(t)
	for _, backend := range []string{source.BackendGoGit, source.BackendGit} {
		t.Run(backend, func(t *testing.T) {
			fs, err := source.History(context.Background(), d, s.repo.dir, source.HistoryOptions{Backend: backend, All: true})
			if err != nil {
				t.Fatal(err)
			}
			wants := append([]histWant(nil), s.wants...)
			wants = append(wants,
				histWant{secretOf(s.dangling), "", "unreachable/" + s.danglingBlob, 1, false},
				histWant{secretOf(s.stashed), s.stashCommit, "config/app.yml", 4, false},
			)
			sameFindings(t, fs, wants)
		})
	}
}

// TestHistoryBranch limits the scan to one branch's history.
func TestHistoryBranch(t *testing.T) {
	s := buildHistoryScenario(t)
	fs, err := source.History(context.Background(), historyDetector(t), s.repo.dir, source.HistoryOptions{Branch: "feature"})
	if err != nil {
		t.Fatal(err)
	}
	var wants []histWant
	for _, w := range s.wants {
		// feature forked after the first three commits.
		switch w.file {
		case "config/app.yml", "old.env":
			wants = append(wants, w)
		case "feature.txt":
			w.inHead = true // the branch's head holds it
			wants = append(wants, w)
		}
	}
	for i := range wants {
		if wants[i].file == "config/app.yml" {
			wants[i].inHead = true
		}
	}
	sameFindings(t, fs, wants)
}
