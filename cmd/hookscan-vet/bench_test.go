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
// reports wall and CPU time (user+system, the go command and every tool
// it ran) of both and their ratios (x-plain, x-plain-cpu; the target is
// under 2). On a shared machine the CPU ratio is the steadier one. The
// module is this repository unless HOOKSCAN_VET_BENCH_DIR names another.
// Each iteration takes minutes: run it with -benchtime=1x.
func BenchmarkVetOverhead(b *testing.B) {
	dir := os.Getenv("HOOKSCAN_VET_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..")
	}
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	var plain, tool, plainCPU, toolCPU time.Duration
	for b.Loop() {
		wall, cpu := vet(b, dir, "")
		plain, plainCPU = plain+wall, plainCPU+cpu
		wall, cpu = vet(b, dir, exe)
		tool, toolCPU = tool+wall, toolCPU+cpu
	}
	n := float64(b.N)
	b.ReportMetric(plain.Seconds()/n, "plain-s/op")
	b.ReportMetric(tool.Seconds()/n, "hookscan-s/op")
	b.ReportMetric(tool.Seconds()/plain.Seconds(), "x-plain")
	b.ReportMetric(plainCPU.Seconds()/n, "plain-cpu-s/op")
	b.ReportMetric(toolCPU.Seconds()/n, "hookscan-cpu-s/op")
	b.ReportMetric(toolCPU.Seconds()/plainCPU.Seconds(), "x-plain-cpu")
}

// vet runs go vet ./... in dir with an empty build cache and returns how
// long it took, in wall and CPU time. Findings (exit code 1) are not an
// error here.
func vet(b *testing.B, dir, tool string) (wall, cpu time.Duration) {
	args := []string{"vet"}
	if tool != "" {
		args = append(args, "-vettool="+tool)
	}
	cmd := exec.Command("go", append(args, "./...")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOCACHE="+b.TempDir(), "HOOKSCAN_VET_TEST_ENTRY=main", "GOFLAGS=-mod=mod")
	start := time.Now()
	err := cmd.Run()
	wall = time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		b.Fatalf("go %v in %s: %v", args, dir, err)
	}
	// The go command waits for the tools it runs, so its usage counts
	// theirs.
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}
