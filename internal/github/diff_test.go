package github

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestParseDiff(t *testing.T) {
	diff := `diff --git a/config/app.yml b/config/app.yml
index 1111111..2222222 100644
--- a/config/app.yml
+++ b/config/app.yml
@@ -1,4 +1,5 @@
 name: app
+++ this line starts with two pluses
 port: 8080
-debug: true
+debug: false
 log: info
@@ -20 +21,2 @@ section
-old
+new
+newer
diff --git a/gone.txt b/gone.txt
deleted file mode 100644
--- a/gone.txt
+++ /dev/null
@@ -1,2 +0,0 @@
-a
-b
diff --git "a/sp\303\251cial name.txt" "b/sp\303\251cial name.txt"
new file mode 100644
--- /dev/null
+++ "b/sp\303\251cial name.txt"
@@ -0,0 +1 @@
+x
\ No newline at end of file
diff --git a/old.bin b/new.bin
similarity index 100%
rename from old.bin
rename to new.bin
`
	d, err := ParseDiff(strings.NewReader(diff))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]int{}
	for p, lines := range d {
		got[p] = slices.Sorted(maps.Keys(lines))
	}
	want := map[string][]int{
		"config/app.yml":   {1, 2, 3, 4, 5, 21, 22},
		"spécial name.txt": {1},
	}
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("got %v, want %v", got, want)
	}
	if !d.Has("config/app.yml", 21) || d.Has("config/app.yml", 6) || d.Has("gone.txt", 1) {
		t.Error("Has disagrees with the map")
	}
}

func TestAddPatch(t *testing.T) {
	d := DiffLines{}
	if err := d.AddPatch("a.go", "@@ -3,3 +3,4 @@ func f() {\n x\n+y\n z\n w\n@@ -40,0 +41 @@\n+tail"); err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(d["a.go"])); !slices.Equal(got, []int{3, 4, 5, 6, 41}) {
		t.Errorf("lines %v", got)
	}
	if err := d.AddPatch("b.go", "@@ -x +1 @@\n+a"); err == nil || !strings.Contains(err.Error(), "b.go") {
		t.Errorf("bad hunk: %v", err)
	}
}

func TestPullRequestDiffLinesPaginates(t *testing.T) {
	srv := newServer(t)
	srv.MaxPerPage = 1
	srv.AddPullRequest(3, testCommits[1], prPatches)
	c := newClient(t, srv)
	d, err := c.PullRequestDiffLines(t.Context(), 3)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Has("config/notify.yml", 4) || !d.Has(".env", 3) || d.Has(".env", 4) {
		t.Errorf("diff lines %v", d)
	}
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("%d requests, want 2 pages", n)
	}
}
