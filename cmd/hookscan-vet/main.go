// Command hookscan-vet runs hookscan's analyzers (hardcoded, secretsource,
// sigcompare) on Go packages: standalone,
//
//	hookscan-vet ./...
//
// or through go vet, which caches results per package:
//
//	go vet -vettool=$(which hookscan-vet) ./...
//
// Pinned per module with Go's tool directive:
//
//	go get -tool github.com/hookscan/hookscan/cmd/hookscan-vet
//	go vet -vettool=$(go tool -n hookscan-vet) ./...
//
// The rule packs are embedded. A module's own .hookscan.yaml, at its root
// beside go.mod, is read by itself (allowlists, extra rules, disabled
// rules). Other rule files are named with their SHA-256, so that go vet's
// cache, which keys on flags, sees edits:
//
//	-hardcoded.rules=$PWD/rules.yaml@sha256:$(sha256sum rules.yaml | cut -c1-64)
package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/hookscan/hookscan/analyzer"
)

func main() {
	if len(os.Args) == 2 && os.Args[1] == "-V=full" {
		if err := version(os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "hookscan-vet: "+err.Error())
			os.Exit(1)
		}
		return
	}
	multichecker.Main(analyzer.All...)
}

// version answers go vet's -V=full, whose build ID keys vet's cache of
// every package's results. The ID is that of the executable and of the
// .hookscan.yaml of the module go vet runs in: editing the configuration
// changes the key, so results cached under the old one are not reused.
// The configuration is checked here, once per go vet run, so that a bad
// one is a single error naming the file.
func version(w io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find executable: %w", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return fmt.Errorf("read executable: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("read executable %s: %w", exe, err)
	}
	dir, err := os.Getwd()
	if err != nil {
		return fmt.Errorf("find working directory: %w", err)
	}
	cfg, err := analyzer.ModuleConfig(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "\x00config %s", cfg)
	_, err = fmt.Fprintf(w, "%s version devel comments-go-here buildID=%x\n", exe, h.Sum(nil))
	return err
}
