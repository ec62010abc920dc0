package scanner

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

// naiveHits is what keywordIndex.findAll must return, found the slow way:
// every occurrence of every literal, by end position, longest first among
// those that end together.
func naiveHits(lits []string, text []byte) []keywordHit {
	var out []keywordHit
	for end := 1; end <= len(text); end++ {
		var at []keywordHit
		for id, l := range lits {
			if len(l) <= end && string(text[end-len(l):end]) == l {
				at = append(at, keywordHit{id, end - len(l), end})
			}
		}
		slices.SortFunc(at, func(a, b keywordHit) int { return a.start - b.start })
		out = append(out, at...)
	}
	return out
}

func checkHits(t *testing.T, k *keywordIndex, lits []string, text string) {
	t.Helper()
	got, want := k.findAll([]byte(text)), naiveHits(lits, []byte(text))
	if !slices.Equal(got, want) {
		t.Fatalf("literals %q in %q:\ngot  %v\nwant %v", lits, text, got, want)
	}
}

func TestKeywordIndex(t *testing.T) {
	lits := []string{"he", "she", "his", "hers", "hooks.slack.com", "slack", "ack", "c", "whsec_", "sec"}
	k := newKeywordIndex(lits)
	for _, text := range []string{
		"", "ushers", "hishershe", "https://hooks.slack.com/services/x whsec_abc",
		"sssssheeee", "cccc", "\x00\xff he\nshe", "hooks.slackhooks.slack.com",
	} {
		checkHits(t, k, lits, text)
	}
}

// TestKeywordIndexRandom compares the lazily built automaton with the
// naive search on random literals over a small alphabet, where literals
// overlap and share prefixes and suffixes as much as they can.
func TestKeywordIndexRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte("abcd_"[rng.IntN(5)])
		}
		return b.String()
	}
	for range 200 {
		seen := map[string]bool{}
		var lits []string
		for range 1 + rng.IntN(30) {
			if w := word(1 + rng.IntN(6)); !seen[w] {
				seen[w] = true
				lits = append(lits, w)
			}
		}
		k := newKeywordIndex(lits)
		for range 5 {
			checkHits(t, k, lits, word(rng.IntN(200))+"x"+word(rng.IntN(50)))
		}
		// Long enough to be walked as two halves: occurrences across
		// the middle, at either end, overlapping.
		checkHits(t, k, lits, word(twoWalksMin+rng.IntN(3000)))
		checkHits(t, k, lits, strings.Repeat(lits[0], twoWalksMin/len(lits[0])+1+rng.IntN(7)))
	}
}

// TestKeywordIndexConcurrent has goroutines work out the same automaton
// at once (run with -race): every one must see every hit.
func TestKeywordIndexConcurrent(t *testing.T) {
	lits := []string{"hooks.slack.com", "discord.com/api/webhooks", "whsec_", "xoxb-", "sk_live_", "secret", "token"}
	text := strings.Repeat("a hooks.slack.com/x whsec_1 discord.com/api/webhooks/2 xoxb-3 token=secret sk_live_4\n", 50)
	want := naiveHits(lits, []byte(text))
	k := newKeywordIndex(lits)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := k.findAll([]byte(text)); !slices.Equal(got, want) {
				t.Errorf("got %d hits, want %d", len(got), len(want))
			}
		})
	}
	wg.Wait()
}

func FuzzKeywordIndex(f *testing.F) {
	f.Add("he\x00she\x00hers", "ushers")
	f.Add("whsec_\x00sec\x00c", "whsec_whsec_cc")
	f.Fuzz(func(t *testing.T, lits, text string) {
		seen := map[string]bool{}
		var ls []string
		for _, l := range strings.Split(lits, "\x00") {
			if l != "" && !seen[l] && len(ls) < 64 {
				seen[l] = true
				ls = append(ls, l)
			}
		}
		if len(ls) == 0 || len(text) > 4096 {
			return
		}
		checkHits(t, newKeywordIndex(ls), ls, text)
	})
}

// TestKeywordIndexLarge builds automata whose tables are large enough to
// be mapped outside the heap, drops them and collects, and keeps
// searching with new ones: a released table must never be one in use.
func TestKeywordIndexLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_-./:"
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	for round := range 3 {
		seen := map[string]bool{}
		var lits []string
		for len(lits) < 1000 {
			if w := word(8 + rng.IntN(12)); !seen[w] {
				seen[w] = true
				lits = append(lits, w)
			}
		}
		k := newKeywordIndex(lits)
		if size := len(k.delta) * 4; size < 1<<20 {
			t.Fatalf("round %d: table of %d bytes, want one over 1 MiB", round, size)
		}
		var text strings.Builder
		for i := range 200 {
			text.WriteString(word(rng.IntN(30)))
			text.WriteString(lits[(i*7)%len(lits)])
		}
		got := k.findAll([]byte(text.String()))
		if want := naiveHits(lits, []byte(text.String())); !slices.Equal(got, want) {
			t.Fatalf("round %d: got %d hits, want %d", round, len(got), len(want))
		}
		runtime.GC()
	}
}

// TestKeywordIndexFoldCase checks that a case-folding automaton finds its
// literals, given in any case, in text of any case, and only those.
func TestKeywordIndexFoldCase(t *testing.T) {
	b := newKeywordBuilder(4)
	b.foldCase()
	lits := []string{"Hook", "whsec_", "HOOKS.slack", "é-x"}
	for _, l := range lits {
		b.add([]byte(l))
	}
	if b.count() != 4 {
		t.Fatalf("%d literals, want 4", b.count())
	}
	if b.add([]byte("hook")) != 0 || b.add([]byte("WHSEC_")) != 1 {
		t.Fatal("a literal differing only in case is a new one")
	}
	k := b.finish()
	text := "a HOOK, a WhSeC_ and hooks.SLACK, É-X é-X"
	var got []string
	for _, h := range k.findAll([]byte(text)) {
		got = append(got, fmt.Sprintf("%d:%s", h.pattern, text[h.start:h.end]))
	}
	want := []string{"0:HOOK", "1:WhSeC_", "0:hook", "2:hooks.SLACK", "3:é-X"}
	if !slices.Equal(got, want) {
		t.Fatalf("found %v, want %v", got, want)
	}
}
