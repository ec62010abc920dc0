package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkVetOverhead times go vet ./... on stripe-go from a cold build
// cache, as CI runs it: plain, then with this binary as the vet tool. It
// reports wall and CPU time (user+system, the go command and every tool
// it ran) of both and their ratios (x-plain, x-plain-cpu; the target is
// under 1.5). On a shared machine the CPU ratio is the steadier one.
//
// The module is the newest stripe-go in the module cache, copied to a
// temporary directory (the cache is read-only), or the module
// HOOKSCAN_VET_BENCH_DIR names. Nothing is downloaded: without either the
// benchmark is skipped. Each iteration takes minutes: run it with
// -benchtime=1x.
func BenchmarkVetOverhead(b *testing.B) {
	dir := os.Getenv("HOOKSCAN_VET_BENCH_DIR")
	if dir == "" {
		dir = cachedModule(b, "github.com/stripe/stripe-go")
	}
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("module %s", dir)
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

// cachedModule copies the newest release of a module (any major version)
// from the module cache into a temporary directory, or skips the
// benchmark when the cache has none.
func cachedModule(b *testing.B, path string) string {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		b.Fatalf("go env GOMODCACHE: %v", err)
	}
	root := filepath.Join(strings.TrimSpace(string(out)), filepath.FromSlash(path))
	v1, _ := filepath.Glob(root + "@v*")
	vN, _ := filepath.Glob(filepath.Join(root, "v*@v*"))
	best, bestVersion := "", []int(nil)
	for _, d := range append(v1, vN...) {
		v, ok := release(d[strings.LastIndex(d, "@")+1:])
		if ok && slices.Compare(v, bestVersion) > 0 {
			best, bestVersion = d, v
		}
	}
	if best == "" {
		b.Skipf("%s is not in the module cache (go mod download it, or set HOOKSCAN_VET_BENCH_DIR); nothing is downloaded here", path)
	}
	dst := filepath.Join(b.TempDir(), filepath.Base(best))
	if err := os.CopyFS(dst, os.DirFS(best)); err != nil {
		b.Fatalf("copy %s: %v", best, err)
	}
	return dst
}

// release parses a release version, v1.2.3, into its numbers.
func release(v string) ([]int, bool) {
	parts := strings.Split(strings.TrimPrefix(v, "v"), ".")
	if len(parts) != 3 || !strings.HasPrefix(v, "v") {
		return nil, false
	}
	out := make([]int, 3)
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, false // a pre-release or a pseudo-version
		}
		out[i] = n
	}
	return out, true
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
	cmd.Env = append(os.Environ(), "GOCACHE="+b.TempDir(), "HOOKSCAN_VET_TEST_ENTRY=main", "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	start := time.Now()
	err := cmd.Run()
	wall = time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		b.Fatalf("go %v in %s: %v", args, dir, err)
	}
	if exit != nil && tool == "" {
		b.Fatalf("plain go vet failed in %s (are its dependencies in the module cache?): %v", dir, err)
	}
	// The go command waits for the tools it runs, so its usage counts
	// theirs.
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}
