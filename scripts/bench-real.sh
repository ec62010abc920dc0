#!/usr/bin/env bash
# Precision on real code: for each PATH given (a repository, bare or not,
# or a plain directory), scan it as a new user would and print the
# findings per rule and per context class, then every finding with its
# class (redacted). Git repositories are scanned with their whole history
# (hookscan git), other directories as files (hookscan dir). Nothing is
# cloned: pass paths of repositories you already have.
#
#   scripts/bench-real.sh ../terraform.git ../prometheus.git "$(go env GOROOT)/src"
set -euo pipefail
if [ $# -eq 0 ]; then
	echo "usage: scripts/bench-real.sh PATH..." >&2
	exit 2
fi
cd "$(dirname "$0")/.."
GO=${GO:-go}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$GO build -o "$work/hookscan" ./cmd/hookscan
for p in "$@"; do
	if git -C "$p" rev-parse --git-dir >/dev/null 2>&1 && [ "$(git -C "$p" rev-parse --is-bare-repository)" = true -o -d "$p/.git" ]; then
		mode=git
	else
		mode=dir
	fi
	# Exit 1 means findings; 2 (missing objects in a partial mirror, say)
	# still leaves a report, and the warnings are counted.
	"$work/hookscan" "$mode" "$p" -f json --no-progress -o "$work/out.json" 2>"$work/err" || true
	echo "== $p ($mode): $(jq length "$work/out.json") findings, $(grep -c . "$work/err" || true) warnings"
	echo "-- per rule"
	jq -r 'group_by(.ruleId)[] | "\(length)\t\(.[0].ruleId)"' "$work/out.json" | sort -rn
	echo "-- per class"
	jq -r 'group_by(.context)[] | "\(length)\t\(.[0].context)"' "$work/out.json" | sort -rn
	echo "-- findings"
	jq -r '.[] | "\(.context)\t\(.ruleId)\t\(.file):\(.line)\t\(.secret)"' "$work/out.json"
done
