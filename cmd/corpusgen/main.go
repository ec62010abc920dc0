// Command corpusgen writes hookscan's accuracy corpus to a directory, with
// its manifest, so other scanners can be run on the same files:
//
//	corpusgen -o /tmp/corpus -seed 1
//
// The corpus holds freshly generated secrets. The manifest lists every
// planted secret and bait with its file and line; it is written beside the
// directory (DIR-manifest.json), not in it, so a scan of DIR does not see
// it. Do not commit a generated corpus.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hookscan/hookscan/internal/corpus"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(2)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("corpusgen", flag.ContinueOnError)
	out := fs.String("o", "", "directory to write the corpus to (required)")
	seed := fs.Int64("seed", 1, "seed of the generated values")
	manifest := fs.String("manifest", "", "where to write the manifest (default DIR-manifest.json)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return fmt.Errorf("usage: corpusgen -o DIR [-seed N] [-manifest FILE]")
	}
	m, err := corpus.Generate(*out, *seed)
	if err != nil {
		return err
	}
	if err := m.Verify(*out); err != nil {
		return err
	}
	path := *manifest
	if path == "" {
		path = filepath.Clean(*out) + "-manifest.json"
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write manifest %s: %w", path, err)
	}
	fmt.Printf("wrote %d files, %d secrets, %d baits to %s (seed %d)\n", len(m.Files), len(m.Secrets), len(m.Baits), *out, *seed)
	return nil
}
