package source

import (
	"bufio"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestParseRawLog feeds `git log -z --raw` output through buffers of many
// sizes, so tokens end up at every place relative to buffer refills.
func TestParseRawLog(t *testing.T) {
	h := func(c byte) string { return strings.Repeat(string(c), 40) }
	zero := strings.Repeat("0", 40)
	long := strings.Repeat("deep/", 30) + "file name.txt"
	out := h('a') + " 1700000200 " + h('b') + " " + h('c') + "\x00\n" +
		":100644 100644 " + h('1') + " " + h('2') + " M\x00" + long + "\x00" +
		":100644 000000 " + h('3') + " " + zero + " D\x00gone.txt\x00" +
		":000000 160000 " + zero + " " + h('4') + " A\x00lib\x00" +
		h('b') + " 1700000100 " + h('c') + "\x00" +
		h('c') + " 1700000000\x00\n" +
		":000000 100755 " + zero + " " + h('5') + " A\x00run.sh\x00"
	for size := 16; size <= 400; size += 7 {
		checkRawLog(t, out, size, h, long)
	}
	if _, _, err := parseRawLog(bufio.NewReader(strings.NewReader(h('a') + " 1 " + h('f') + "\x00"))); err == nil {
		t.Error("a parent missing from the log: no error")
	}
}

func checkRawLog(t *testing.T, out string, size int, h func(byte) string, long string) {
	t.Helper()
	g, changes, err := parseRawLog(bufio.NewReaderSize(strings.NewReader(out), size))
	if err != nil {
		t.Fatalf("buffer %d: %v", size, err)
	}
	if len(g.nodes) != 3 || g.nodes[0].hash != plumbing.NewHash(h('a')) || g.nodes[0].when != 1700000200 {
		t.Fatalf("nodes %+v", g.nodes)
	}
	if p := g.nodes[0].parents; len(p) != 2 || p[0] != 1 || p[1] != 2 || len(g.nodes[2].parents) != 0 {
		t.Errorf("parents %v %v", p, g.nodes[2].parents)
	}
	want := [][]rawChange{
		{{blob: plumbing.NewHash(h('2')), path: long}, {blob: plumbing.NewHash(h('4')), path: "lib", gitlink: true}},
		nil,
		{{blob: plumbing.NewHash(h('5')), path: "run.sh"}},
	}
	for i := range want {
		if len(changes[i]) != len(want[i]) {
			t.Fatalf("commit %d: changes %+v, want %+v", i, changes[i], want[i])
		}
		for j := range want[i] {
			if changes[i][j] != want[i][j] {
				t.Errorf("buffer %d: commit %d change %d: %+v, want %+v", size, i, j, changes[i][j], want[i][j])
			}
		}
	}
}
