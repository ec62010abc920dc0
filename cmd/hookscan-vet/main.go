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
// The rule packs are embedded. Extra rule files are named with their
// SHA-256, so that go vet's cache, which keys on flags, sees edits:
//
//	-hardcoded.rules=$PWD/rules.yaml@sha256:$(sha256sum rules.yaml | cut -c1-64)
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/hookscan/hookscan/analyzer"
)

func main() { multichecker.Main(analyzer.All...) }
