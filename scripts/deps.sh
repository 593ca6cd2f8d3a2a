#!/usr/bin/env bash
# Installs the Debian packages seccomp-embed needs to build and test, when
# any is missing.  Needs root (or sudo) only if something must be installed.
set -euo pipefail

# build: compiler, cmake, libseccomp and cJSON; tests: bats and its helper
# libraries, clang and g++, and cross compilers with qemu-user so that the
# tables generated for arm64 and big-endian s390x are checked as their own
# programs see them, and so that the runtime is compiled and statically
# linked for every supported arch (aarch64, arm, riscv64, ppc64le, s390x);
# bubblewrap loads a raw BPF program the way the README shows; strace,
# patch and python3 feed and check `suggest` (tests/bats/suggest.bats);
# qemu-system and cpio boot Debian's kernels of the other arches for the
# live suite (tests/qemu), whose kernels scripts/qemu-kernels.sh fetches;
# libclang-rt-14-dev holds libFuzzer and clang's sanitizers (scripts/fuzz.sh);
# meson builds the outside project of the Meson recipe (docs/meson.md).
# Each cross compiler only recommends its libc headers and static libc, and
# recommends are not installed below, so they are named too.
packages=(build-essential cmake pkg-config libseccomp-dev libcjson-dev
          bats bats-assert bats-support bats-file clang g++
          gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf gcc-riscv64-linux-gnu
          gcc-powerpc64le-linux-gnu gcc-s390x-linux-gnu
          libc6-dev-arm64-cross libc6-dev-armhf-cross libc6-dev-riscv64-cross
          libc6-dev-ppc64el-cross libc6-dev-s390x-cross qemu-user bubblewrap
          strace patch python3
          qemu-system-arm qemu-system-misc qemu-system-ppc cpio libclang-rt-14-dev
          meson ninja-build)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "seccomp-embed: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# the kernels the multi-arch live suite boots (cached after the first run)
"$(dirname "$0")/qemu-kernels.sh"
