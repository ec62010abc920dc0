package org_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hookscan/hookscan/internal/scantest"
	"github.com/hookscan/hookscan/source/org"
	"github.com/hookscan/hookscan/source/org/orgtest"
)

// BenchmarkStateUnchanged100 is a --state run over 100 repositories that
// did not change since the last one: one ref listing each, no clone, no
// fetch, no scan. One op is the whole run over the 100 (the API listing
// is not included).
func BenchmarkStateUnchanged100(b *testing.B) {
	var repos []orgtest.Repo
	for i := range 100 {
		repos = append(repos, orgtest.Repo{Name: fmt.Sprintf("svc-%03d", i), Commits: []map[string]string{{"README.md": "# svc\n"}}})
	}
	s := orgtest.New(b, "acme", 100, repos)
	l, err := org.NewLister(org.ListOptions{APIURL: s.APIURL()})
	if err != nil {
		b.Fatal(err)
	}
	list, err := l.List(context.Background(), "acme")
	if err != nil {
		b.Fatal(err)
	}
	d := scantest.Detector(b)
	st, _ := org.LoadState(b.TempDir() + "/state.json")
	opts := org.Options{Cache: b.TempDir(), State: st}
	if _, _, err := org.Scan(context.Background(), d, list, opts); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_, res, err := org.Scan(context.Background(), d, list, opts)
		if err != nil || res[0].Action != org.ActionUnchanged {
			b.Fatalf("%v %+v", err, res[0])
		}
	}
}
