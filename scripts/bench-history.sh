#!/usr/bin/env bash
# History scan speed: for each REPO given (default: this repository), one
# table of wall time and peak RSS, best of 3 runs each, all in the same run:
#   hookscan git           (blob reader chosen automatically: git cat-file)
#   hookscan git --backend go-git
#   git cat-file --batch-all-objects --batch   the floor: inflate every object once
#   git log -p -U0 --all                       what gitleaks-style scanners read
#   gitleaks git                               when GITLEAKS=/path/to/gitleaks
#   hookscan git --range HEAD~1..HEAD and HEAD~100..HEAD (and gitleaks
#   with --log-opts on the same range)
# then the staged-scan benchmark (a typical commit in a 2,000-file repository).
#
# A repository is measured as it is: clone a mirror first (git clone
# --no-local MIRROR DIR) to scan branches and tags without pull-request refs.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$GO build -o "$work/hookscan" ./cmd/hookscan
[ $# -gt 0 ] || set -- .

# measure LABEL CMD...: best wall time of 3 runs, with the peak RSS and the
# CPU time (user + system, child processes included) of that run. On a
# shared machine CPU time moves less than wall time. A run that exits
# with an error (2 or more: 1 means findings) or writes to stderr is
# flagged under the row: a tool that stops early (gitleaks ends its scan
# at the first blob git cannot read, and still exits 0) is not to be
# compared with one that read everything.
measure() {
  local label=$1; shift
  local best="" rss="" cpu="" rc=0 note=""
  for _ in 1 2 3; do
    local code=0
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || code=$?
    local t m u s
    read -r t m u s < <(tail -1 "$work/time")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then
      best=$t; rss=$m; cpu=$(awk "BEGIN{print $u + $s}"); rc=$code
      note=$(grep -v '^Command exited' "$work/stderr" | head -1 | cut -c1-100 || true)
    fi
  done
  printf "%-38s %8.2f s %9.1f MB %8.2f s\n" "$label" "$best" "$(awk "BEGIN{print $rss/1024}")" "$cpu"
  if [ "$rc" -gt 1 ] || [ -n "$note" ]; then
    printf "  ! exit %s%s\n" "$rc" "${note:+, stderr: $note}"
  fi
  echo "$best" > "$work/$label.t"
  echo "$cpu" > "$work/$label.cpu"
}

ratio() { awk -v a="$(cat "$work/$1.t")" -v b="$(cat "$work/$2.t")" 'BEGIN{printf "%.2fx", (b > 0 ? a/b : 0)}'; }
cpuratio() { awk -v a="$(cat "$work/$1.cpu")" -v b="$(cat "$work/$2.cpu")" 'BEGIN{printf "%.2fx", (b > 0 ? a/b : 0)}'; }

for repo in "$@"; do
  gitdir=$(git -C "$repo" rev-parse --git-dir)
  commits=$(git -C "$repo" rev-list --exclude=refs/stash --all | wc -l)
  read -r blobs bytes < <(git -C "$repo" cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)' |
    awk '$1=="blob"{n++; s+=$2} END{printf "%d %.0f\n", n, s}')
  refs=$(git -C "$repo" for-each-ref | wc -l)
  echo "History scan: $repo ($commits commits, $refs refs, $blobs blobs, $((bytes / 1000000)) MB of blobs), $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
  printf "%-38s %10s %12s %10s\n" "command" "wall" "peak RSS" "CPU"
  # Warm the page cache for everyone alike.
  cat "$gitdir"/objects/pack/* > /dev/null 2>&1 || true
  # Reports go to files in $work: some tools replace their report file,
  # which must never be /dev/null.
  measure "hookscan git" "$work/hookscan" git "$repo" -q --no-progress -f json -o "$work/report.json"
  measure "hookscan git --backend go-git" "$work/hookscan" git "$repo" -q --no-progress -f json -o "$work/report.json" --backend go-git
  measure "git cat-file --batch-all-objects" sh -c "git -C '$repo' cat-file --batch-all-objects --batch"
  measure "git log -p -U0 --all" sh -c "git -C '$repo' log -p -U0 --all"
  line="wall hookscan / cat-file: $(ratio "hookscan git" "git cat-file --batch-all-objects") (target: 1.2x on a small history, 1x on a large one)"
  line="$line; git log -p / hookscan: $(ratio "git log -p -U0 --all" "hookscan git")"
  if [ -n "${GITLEAKS:-}" ]; then
    measure "gitleaks git" "$GITLEAKS" git "$repo" --no-banner --exit-code 0 --log-level error \
      --report-format json --report-path "$work/gitleaks.json"
    line="$line; CPU gitleaks / hookscan: $(cpuratio "gitleaks git" "hookscan git") (target: 2.5x or more)"
  fi
  echo "$line"
  # Ranges, as a pre-push check or a pull request scans them: the cost
  # should follow the range, not the repository.
  for n in 1 100; do
    [ "$commits" -gt "$n" ] || continue
    measure "hookscan git --range HEAD~$n..HEAD" "$work/hookscan" git "$repo" -q --no-progress -f json \
      -o "$work/report.json" --range "HEAD~$n..HEAD"
    if [ -n "${GITLEAKS:-}" ]; then
      measure "gitleaks git --log-opts HEAD~$n..HEAD" "$GITLEAKS" git "$repo" --no-banner --exit-code 0 \
        --log-level error --log-opts "HEAD~$n..HEAD" --report-format json --report-path "$work/gitleaks.json"
    fi
  done
  echo
done

echo "Staged scan of a typical commit (go test -bench; target: well under 100 ms):"
$GO test -run '^$' -bench 'BenchmarkStagedTypicalCommit' -benchtime 20x ./source/ | grep -E '^Benchmark' || true
