#!/usr/bin/env bash
# Builds the release archives of hookscan and their checksums:
#   scripts/release.sh VERSION OUTDIR
# writes OUTDIR/hookscan_OS_ARCH.tar.gz for each of $TARGETS (default: the
# platforms GitHub's runners use) and OUTDIR/checksums.txt (sha256sum
# format), which the GitHub Action checks before it runs a download.
# Archives are reproducible: same source, same Go, same bytes.
set -euo pipefail
version=${1:?usage: scripts/release.sh VERSION OUTDIR}
out=${2:?usage: scripts/release.sh VERSION OUTDIR}
targets=${TARGETS:-linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
for t in $targets; do
  os=${t%/*} arch=${t#*/}
  exe=hookscan
  [ "$os" = windows ] && exe=hookscan.exe
  rm -rf "${stage:?}"/*
  (cd "$root" && CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -buildvcs=false \
    -ldflags "-s -w -X main.version=$version" -o "$stage/$exe" ./cmd/hookscan)
  cp "$root/LICENSE" "$stage/" 2>/dev/null || true
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$stage" -cf - . | gzip -n -9 > "$out/hookscan_${os}_${arch}.tar.gz"
done
(cd "$out" && sha256sum hookscan_*.tar.gz > checksums.txt)
