package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkVetOverhead times go vet ./... on a module from a cold build
// cache, as CI runs it: plain, then with this binary as the vet tool. It
// reports both times and their ratio (x-plain; the target is under 2).
// The module is this repository unless HOOKSCAN_VET_BENCH_DIR names
// another. Each iteration takes minutes: run it with -benchtime=1x.
func BenchmarkVetOverhead(b *testing.B) {
	dir := os.Getenv("HOOKSCAN_VET_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..")
	}
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	var plain, tool time.Duration
	for b.Loop() {
		plain += vet(b, dir, "")
		tool += vet(b, dir, exe)
	}
	b.ReportMetric(plain.Seconds()/float64(b.N), "plain-s/op")
	b.ReportMetric(tool.Seconds()/float64(b.N), "hookscan-s/op")
	b.ReportMetric(tool.Seconds()/plain.Seconds(), "x-plain")
}

// vet runs go vet ./... in dir with an empty build cache and returns how
// long it took. Findings (exit code 1) are not an error here.
func vet(b *testing.B, dir, tool string) time.Duration {
	args := []string{"vet"}
	if tool != "" {
		args = append(args, "-vettool="+tool)
	}
	cmd := exec.Command("go", append(args, "./...")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOCACHE="+b.TempDir(), "HOOKSCAN_VET_TEST_ENTRY=main", "GOFLAGS=-mod=mod")
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		b.Fatalf("go %v in %s: %v", args, dir, err)
	}
	return elapsed
}
