#!/usr/bin/env bash
# Installs the Debian packages seccomp-embed needs to build and test, when
# any is missing.  Needs root (or sudo) only if something must be installed.
set -euo pipefail

# build: compiler, cmake, libseccomp and cJSON; tests: bats and its helper
# libraries, clang and g++, and cross compilers with qemu-user so that the
# tables generated for arm64 and big-endian s390x are checked as their own
# programs see them.
packages=(build-essential cmake pkg-config libseccomp-dev libcjson-dev
          bats bats-assert bats-support bats-file clang g++
          gcc-aarch64-linux-gnu gcc-s390x-linux-gnu qemu-user)

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
