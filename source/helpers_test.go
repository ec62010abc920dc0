package source_test

import (
	"testing"

	"github.com/hookscan/hookscan/internal/scantest"
	"github.com/hookscan/hookscan/scanner"
)

func testDetector(t testing.TB) *scanner.Detector { return scantest.Detector(t) }

func compilePack(t testing.TB, name, pack string) *scanner.Detector {
	return scantest.CompilePack(t, name, pack)
}

var (
	slackURL = scantest.SlackURL
	whsec    = scantest.Whsec
)
