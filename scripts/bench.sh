#!/usr/bin/env bash
# make bench: hookscan's speed and memory beside the floor (reading the same
# bytes) on real trees, in one run, as a table. Optional: GITLEAKS=/path/to/gitleaks
# adds gitleaks' row; BENCH_REPOS="path ..." adds history scans (scripts/bench-history.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
$GO build -o "$bin/hookscan" ./cmd/hookscan
tree=${BENCH_TREE:-$($GO env GOROOT)/src}

# measure LABEL CMD...: best wall time of 3 runs and the peak RSS of that run.
measure() {
  local label=$1; shift
  local best="" rss=""
  for _ in 1 2 3; do
    local out
    /usr/bin/time -f "%e %M" -o "$bin/time" "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$bin/time")
    local t=${out% *} m=${out#* }
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; rss=$m; fi
  done
  printf "%-34s %8.2f s %9.1f MB\n" "$label" "$best" "$(awk "BEGIN{print $rss/1024}")"
  echo "$best" > "$bin/$label.t"
}

files=$(find "$tree" -type f | wc -l)
size=$(du -sm "$tree" | cut -f1)
echo "Directory scan: $tree ($files files, $size MB), $(nproc) CPUs"
printf "%-34s %10s %12s\n" "command" "wall" "peak RSS"
cat "$bin/hookscan" > /dev/null  # warm the page cache for everyone alike
find "$tree" -type f -print0 | xargs -0 cat > /dev/null
measure "cat (read every file)" sh -c "find '$tree' -type f -print0 | xargs -0 cat"
measure "hookscan dir" "$bin/hookscan" dir "$tree" -q --no-progress
if [ -n "${GITLEAKS:-}" ]; then
  measure "gitleaks dir" "$GITLEAKS" dir "$tree" --no-banner --exit-code 0
fi
awk -v h="$(cat "$bin/hookscan dir.t")" -v c="$(cat "$bin/cat (read every file).t")" \
  'BEGIN{printf "hookscan / cat: %.1fx (target: within 4x)\n\n", h/c}'

echo "Detector throughput on real source text (go test -bench):"
$GO test -run '^$' -bench 'BenchmarkDetector' -benchtime 2x ./scanner/ | grep -E '^Benchmark|MB/s' || true

echo
echo "Adversarial inputs, one core, 10 MiB each (wall MB/s and seconds; CPU seconds, which load on the"
echo "machine disturbs less; target: every 10 MiB shape under 2 s):"
GOMAXPROCS=1 $GO test -run '^$' -bench 'BenchmarkAdversarial' -benchtime 1x ./scanner/ |
  awk '/^BenchmarkAdversarial/ {name=$1; sub(/^BenchmarkAdversarial\//, "", name); sub(/-[0-9]+$/, "", name);
       cpu=""; for (i = 4; i < NF; i++) if ($(i+1) == "cpu-s/op") cpu=$i;
       verdict = (name == "ordinary-source" || cpu == "") ? "" : (cpu < 2 ? "ok" : "over 2 s");
       printf "  %-26s %9.2f MB/s %8.2f s wall %8.2f s CPU  %s\n", name, $5, $3/1e9, cpu, verdict}'

# cpu LABEL CMD...: the least CPU time (user + system, children included)
# of 5 runs, with the wall time and peak RSS of that run. A pre-commit hook
# costs what it costs before it reads anything, so CPU time is the figure.
cpu() {
  local label=$1; shift
  local best="" wall="" rss=""
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M %U %S" -o "$bin/time" "$@" >/dev/null 2>&1 || true
    local t m u s c
    read -r t m u s < <(tail -1 "$bin/time")
    c=$(awk "BEGIN{print $u + $s}")
    if [ -z "$best" ] || awk "BEGIN{exit !($c < $best)}"; then best=$c; wall=$t; rss=$m; fi
  done
  printf "  %-40s %6.2f s CPU %6.2f s wall %7.1f MB\n" "$label" "$best" "$wall" "$(awk "BEGIN{print $rss/1024}")"
}

echo
echo "Start-up, one core (go test -bench): loading the packs, building the detector, both and a tiny scan:"
$GO test -run '^$' -bench 'BenchmarkLoadDefaults|BenchmarkCompile|BenchmarkStartup' -benchtime 20x ./scanner/ |
  awk '/^Benchmark/ {printf "  %-26s %8.1f ms %10.1f MB allocated\n", $1, $3/1e6, $5/1e6}'
echo "A pre-commit hook on a small change: one 16-byte file staged in a new repository, best of 5"
echo "(load $(cut -d' ' -f1 /proc/loadavg); target: under 50 ms of CPU):"
staged=$bin/staged
git init -q "$staged" && printf 'hello world 123\n' > "$staged/a.txt" && git -C "$staged" add a.txt
(cd "$staged" && cpu "hookscan staged" "$bin/hookscan" staged -q)
if [ -n "${GITLEAKS:-}" ]; then
  (cd "$staged" && cpu "gitleaks git --pre-commit --staged" "$GITLEAKS" git --pre-commit --staged --no-banner)
fi
echo "A range of one commit on a generated 2,000-file repository, the detector built once (go test -bench;"
echo "real repositories: make bench BENCH_REPOS=\"...\"):"
$GO test -run '^$' -bench 'BenchmarkRangeOneCommit' -benchtime 5x ./source/ |
  awk '/^Benchmark/ {printf "  %-34s %8.1f ms\n", $1, $3/1e6}'

if [ -x scripts/bench-history.sh ] && [ -n "${BENCH_REPOS:-}" ]; then
  echo
  for repo in $BENCH_REPOS; do scripts/bench-history.sh "$repo"; done
fi

# go vet with hookscan-vet beside plain go vet, cold build cache, on the
# newest stripe-go in the module cache (or BENCH_VET_DIR); skipped with a
# message when there is none, never downloaded. BENCH_VET=0 leaves it out
# (two cold go vet runs take minutes).
if [ "${BENCH_VET:-1}" != 0 ]; then
  echo
  echo "go vet overhead with hookscan-vet (cold cache; target: CPU within 1.5x plain go vet):"
  HOOKSCAN_VET_BENCH_DIR="${BENCH_VET_DIR:-}" $GO test -run '^$' -bench VetOverhead -benchtime=1x -v ./cmd/hookscan-vet |
    awk '/module |SKIP|not in the module cache/ {sub(/^ +/, "  "); print}
         /^BenchmarkVetOverhead/ {for (i = 3; i < NF; i += 2) m[$(i+1)] = $i
           printf "  %-22s %9s %9s %8s\n", "", "plain", "hookscan", "ratio"
           printf "  %-22s %8.1fs %8.1fs %7.2fx\n", "CPU (user+system)", m["plain-cpu-s/op"], m["hookscan-cpu-s/op"], m["x-plain-cpu"]
           printf "  %-22s %8.1fs %8.1fs %7.2fx\n", "wall", m["plain-s/op"], m["hookscan-s/op"], m["x-plain"]}'
fi
