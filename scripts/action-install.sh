#!/usr/bin/env bash
# Installs hookscan for the GitHub Action into $RUNNER_TEMP/hookscan-bin and
# writes path=… and how=cache|release|build to $GITHUB_OUTPUT.
#
# 1. A binary restored from the cache is used as it is.
# 2. Else, when the action runs at a release tag (or at a commit a release
#    tag names), the release archive for this runner is downloaded and
#    checked against the release's checksums.txt.
# 3. Else (no release, no network, a checksum mismatch) hookscan is built
#    from the action's own source. The job's Go is left alone: nothing is
#    added to GITHUB_PATH or GITHUB_ENV, and a toolchain the build needs is
#    fetched by the go command itself (GOTOOLCHAIN=auto, checked against
#    the Go checksum database).
#
# Environment: ACTION_PATH, ACTION_REF, ACTION_REPOSITORY, GITHUB_TOKEN,
# GITHUB_SERVER_URL, GITHUB_API_URL, RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP,
# GITHUB_OUTPUT (all set by the runner or the action).
set -euo pipefail
bin="$RUNNER_TEMP/hookscan-bin"
exe=hookscan
[ "${RUNNER_OS:-}" = Windows ] && exe=hookscan.exe
mkdir -p "$bin"
done_with() {
  echo "path=$bin/$exe" >> "$GITHUB_OUTPUT"
  echo "how=$1" >> "$GITHUB_OUTPUT"
  exit 0
}
[ -x "$bin/$exe" ] && done_with cache

case "${RUNNER_OS:-Linux}" in Linux) os=linux ;; macOS) os=darwin ;; Windows) os=windows ;; *) os= ;; esac
case "${RUNNER_ARCH:-X64}" in X64) arch=amd64 ;; ARM64) arch=arm64 ;; *) arch= ;; esac

# release_tag prints the release tag of ACTION_REF: the ref itself when it
# is a version tag, else the version tag that names the commit.
release_tag() {
  local ref=${ACTION_REF:-}
  if [[ $ref =~ ^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]]; then
    echo "$ref"
  elif [[ $ref =~ ^[0-9a-f]{40}$ ]] && command -v jq > /dev/null && [ -n "${ACTION_REPOSITORY:-}" ]; then
    curl -fsS --retry 2 -H "Authorization: Bearer ${GITHUB_TOKEN:-}" \
      "${GITHUB_API_URL:-https://api.github.com}/repos/$ACTION_REPOSITORY/tags?per_page=100" |
      jq -r --arg sha "$ref" '[.[] | select(.commit.sha == $sha and (.name | test("^v[0-9]")))][0].name // empty'
  fi
}

download() {
  local tag=$1 asset="hookscan_${os}_${arch}.tar.gz" tmp
  tmp=$(mktemp -d)
  local base="${GITHUB_SERVER_URL:-https://github.com}/$ACTION_REPOSITORY/releases/download/$tag"
  curl -fsSL --retry 2 -o "$tmp/$asset" "$base/$asset" || return 1
  curl -fsSL --retry 2 -o "$tmp/checksums.txt" "$base/checksums.txt" || return 1
  if ! (cd "$tmp" && grep -E "^[0-9a-f]{64}  $asset\$" checksums.txt | sha256sum -c --status -); then
    echo "::warning title=hookscan::$asset of $tag does not match its checksum; building from source instead"
    return 1
  fi
  tar -xzf "$tmp/$asset" -C "$bin" "./$exe"
  rm -rf "$tmp"
}

if [ -n "$os" ] && [ -n "$arch" ] && [ -n "${ACTION_REPOSITORY:-}" ]; then
  tag=$(release_tag || true)
  if [ -n "$tag" ] && download "$tag"; then
    done_with release
  fi
fi

if ! command -v go > /dev/null; then
  echo "::error title=hookscan::no released binary for this runner and no Go toolchain to build one: install Go first or use a release tag of the action"
  exit 2
fi
cd "$ACTION_PATH"
GOTOOLCHAIN=auto GOBIN="$bin" go install -trimpath ./cmd/hookscan
done_with build
