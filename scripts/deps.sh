#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages this course needs, but only those that are missing.
# Quick and silent when everything is present; runs `apt-get update` only when something
# must be installed; uses sudo when not root. Called by every `make` target.
set -euo pipefail

packages=(libgd-dev libopenblas-dev zlib1g-dev fonts-dejavu-core fonts-wqy-microhei pkg-config
  dataset-fashion-mnist wamerican)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "make deps: missing packages: ${missing[*]}" >&2
  echo "This machine has no apt-get; install the equivalents of those packages by hand." >&2
  exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || {
    echo "make deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  }
  sudo=(sudo)
fi

echo "make deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "make deps: done"
