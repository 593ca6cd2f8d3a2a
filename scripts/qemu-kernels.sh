#!/usr/bin/env bash
# Fetches the Debian kernels the multi-arch live tests boot under
# qemu-system (tests/qemu/README.md), once: later runs find them cached.
#   scripts/qemu-kernels.sh [DEBARCH...]   (default: all of them)
# Each comes from Debian's archive through a private APT configuration (its
# own lists, cache and an empty dpkg status), so the machine's own APT and
# dpkg are not changed.  Kernels land in
#   ${SECCOMP_EMBED_KERNELS:-$HOME/.cache/seccomp-embed/kernels}/DEBARCH/kernel
set -euo pipefail

cache="${SECCOMP_EMBED_KERNELS:-$HOME/.cache/seccomp-embed/kernels}"
mirror="${SECCOMP_EMBED_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

# DEBARCH SUITE METAPACKAGE: Debian 12's kernels, riscv64's from Debian 13
kernels=(
  "arm64 bookworm linux-image-arm64"
  "armhf bookworm linux-image-armmp"
  "s390x bookworm linux-image-s390x"
  "ppc64el bookworm linux-image-powerpc64le"
  "riscv64 trixie linux-image-riscv64"
)

apt_config() { # DIR DEBARCH SUITE
  local d=$1 arch=$2 suite=$3
  mkdir -p "$d/state/lists/partial" "$d/cache/archives/partial" "$d/parts"
  : >"$d/state/status"
  echo "deb [arch=$arch signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" \
    >"$d/sources.list"
  cat >"$d/apt.conf" <<CONF
Dir::State "$d/state";
Dir::State::status "$d/state/status";
Dir::Cache "$d/cache";
Dir::Etc::SourceList "$d/sources.list";
Dir::Etc::SourceParts "$d/parts";
APT::Architecture "$arch";
APT::Architectures { "$arch"; };
APT::Sandbox::User "root";
CONF
}

fetch() { # DEBARCH SUITE METAPACKAGE
  local arch=$1 suite=$2 meta=$3 dir="$cache/$1"
  [ -s "$dir/kernel" ] && return 0
  mkdir -p "$dir"
  apt_config "$dir/apt" "$arch" "$suite"
  export APT_CONFIG="$dir/apt/apt.conf"
  apt-get update -qq
  local pkg
  pkg=$(apt-cache depends "$meta" | sed -n 's/^ *Depends: \(linux-image-[^ ]*\)$/\1/p' | head -n 1)
  [ -n "$pkg" ] || { echo "qemu-kernels: no kernel behind $meta for $arch" >&2; return 1; }
  (cd "$dir" && apt-get download -qq "$pkg")
  rm -rf "$dir/x"
  mkdir -p "$dir/x"
  # only the kernel image: the modules are most of the package, and the
  # tests need none (seccomp and the consoles are built in)
  dpkg-deb --fsys-tarfile "$dir"/"$pkg"_*.deb | tar -x -C "$dir/x" --wildcards './boot/vmlinu*' 
  # vmlinuz (arm64, armhf, s390x) or vmlinux (ppc64el, riscv64)
  local image
  image=$(ls "$dir"/x/boot/vmlinu[xz]-* | head -n 1)
  cp "$image" "$dir/kernel.tmp" && mv "$dir/kernel.tmp" "$dir/kernel"
  echo "$pkg" >"$dir/version"
  rm -rf "$dir/x" "$dir"/*.deb
  unset APT_CONFIG
  echo "qemu-kernels: $arch: $pkg" >&2
}

wanted=("$@")
for entry in "${kernels[@]}"; do
  set -- $entry
  if [ ${#wanted[@]} -eq 0 ] || [[ " ${wanted[*]} " == *" $1 "* ]]; then
    fetch "$1" "$2" "$3"
  fi
done
