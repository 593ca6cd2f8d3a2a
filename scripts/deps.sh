#!/usr/bin/env bash
# Installs the Debian packages seccomp-embed needs to build and test, when
# any is missing.  Needs root (or sudo) only if something must be installed.
set -euo pipefail

packages=(build-essential cmake pkg-config libseccomp-dev libcjson-dev
          bats bats-assert bats-support bats-file)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "seccomp-embed: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
