//go:build ignore

// gen_codewords writes codewords.txt: the words (three letters or more)
// that Go's standard library builds its identifiers from, used to tell
// names in code (testRSAPrivateKey) from random secrets.
//
//	go run gen_codewords.go > codewords.txt
package main

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
)

func main() {
	ident := regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
	segment := regexp.MustCompile(`[A-Z]+(?:[^a-z]|$)|[A-Z]?[a-z]+`)
	counts := map[string]int{}
	root := filepath.Join(runtime.GOROOT(), "src")
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		for _, id := range ident.FindAllString(string(data), -1) {
			for _, w := range segment.FindAllString(id, -1) {
				w = strings.ToLower(strings.TrimRight(w, "_0123456789"))
				if len(w) >= 3 {
					counts[w]++
				}
			}
		}
		return nil
	})
	var words []string
	for w, n := range counts {
		if n >= 30 {
			words = append(words, w)
		}
	}
	slices.Sort(words)
	out := bufio.NewWriter(os.Stdout)
	for _, w := range words {
		fmt.Fprintln(out, w)
	}
	out.Flush()
}
