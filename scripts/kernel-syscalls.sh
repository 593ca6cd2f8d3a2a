#!/usr/bin/env bash
# Writes gen/reference/kernel_syscalls_data.c: every syscall of Linux 6.18,
# number and name, for each ABI libseccomp knows, read from the kernel's own
# syscall tables (arch/*/syscall*.tbl, scripts/syscall.tbl and the ABI lists
# of arch/*/kernel/Makefile.syscalls).  A maintainer's tool, not part of the
# build: its output is committed, and test_reference_kernel_syscalls checks
# it against libseccomp wherever libseccomp knows a name.
#
# Debian ships no linux-source-6.18, so the tables are those of Debian 13's
# linux-source-6.12 plus what 6.13 to 6.18 added, taken from the newer
# linux-source in trixie-backports: the generic numbers 463-469 (setxattrat
# to file_setattr, 6.13-6.17) and x86_64's uprobe (6.18).  Both facts were
# read off a running 6.18 kernel too: its /proc/kallsyms has
# __x64_sys_file_setattr and __x64_sys_uprobe, and no __x64_sys_listns
# (470, the first number after 6.18).  The sources are downloaded with
# apt-get through a private APT configuration (the machine's own APT state
# is not touched) into CACHE (default ~/.cache/seccomp-embed).
#   scripts/kernel-syscalls.sh [CACHE]
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/seccomp-embed}
out=gen/reference/kernel_syscalls_data.c
added_by_6_18="setxattrat getxattrat listxattrat removexattrat open_tree_attr file_getattr file_setattr uprobe"

# fetch SUITE: unpack the newest linux-source of SUITE; prints its tree
fetch() {
  local suite=$1 apt="$cache/apt-$1" pkg tree
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/src"
  echo "deb [trusted=yes] http://deb.debian.org/debian $suite main" > "$apt/sources.list"
  local opts=(-o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
              -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache"
              -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
  apt-get "${opts[@]}" update -qq >&2
  pkg=$(apt-cache "${opts[@]}" pkgnames linux-source- | grep -E '^linux-source-[0-9.]+$' | sort -V | tail -n 1)
  tree="$apt/src/${pkg#linux-source-}"
  if [ ! -d "$tree" ]; then
    (cd "$apt/src" && apt-get "${opts[@]}" download "$pkg" >&2 &&
     dpkg-deb --fsys-tarfile "$pkg"_*.deb | tar -xO --wildcards './usr/src/*.tar.xz' |
       tar -xJ --wildcards '*/arch/*/syscall*.tbl' '*/scripts/syscall.tbl' \
         '*/arch/*/Makefile.syscalls' '*/arch/arm/include/uapi/asm/unistd.h' &&
     mv "$pkg" "$tree" && rm -f "$pkg"_*.deb)
  fi
  echo "$tree"
}

base=$(fetch trixie)
newer=$(fetch trixie-backports)

# entries TABLE ABIS OFFSET: "number name" for the rows whose ABI is one of
# ABIS (a space-separated list; "*" for every row, as MIPS builds its
# tables), the number plus OFFSET; from the base tree, plus the rows of the
# newer tree that 6.13 to 6.18 added.
entries() {
  local table=$1 abis=$2 offset=$3
  {
    awk -v abis=" $abis " -v off="$offset" '
      !/^#/ && NF >= 3 && (abis == " * " || index(abis, " " $2 " ")) { print $1 + off, $3 }' \
      "$base/$table"
    awk -v abis=" $abis " -v off="$offset" -v added=" $added_by_6_18 " '
      !/^#/ && NF >= 3 && (abis == " * " || index(abis, " " $2 " ")) && index(added, " " $3 " ") {
        print $1 + off, $3 }' "$newer/$table"
  } | sort -n -u
}

# The ABIs a generic-table arch (arm64, riscv64) adds to "common 64".
generic_abis() {
  sed -n 's/^syscall_abis_64 += //p' "$base/arch/$1/kernel/Makefile.syscalls"
}

# ARM's private calls (__ARM_NR_BASE + n), from its uapi header.
arm_private() {
  sed -n 's/^#define __ARM_NR_\([a-z_0-9]*\)[[:space:]]*(__ARM_NR_BASE+\([0-9]*\))$/\2 \1/p' \
    "$base/arch/arm/include/uapi/asm/unistd.h" | awk '{ print 983040 + $1, $2 }'
}

# table DOCKER-ARCH: the rows for that arch
table() {
  case $1 in
    amd64) entries arch/x86/entry/syscalls/syscall_64.tbl "common 64" 0 ;;
    x32) entries arch/x86/entry/syscalls/syscall_64.tbl "common x32" 1073741824 ;;
    x86) entries arch/x86/entry/syscalls/syscall_32.tbl "i386" 0 ;;
    arm) { entries arch/arm/tools/syscall.tbl "common eabi" 0; arm_private; } | sort -n -u ;;
    arm64) entries arch/arm64/tools/syscall_64.tbl "common 64 $(generic_abis arm64)" 0 ;;
    riscv64) entries scripts/syscall.tbl "common 64 $(generic_abis riscv)" 0 ;;
    mips|mipsel) entries arch/mips/kernel/syscalls/syscall_o32.tbl "*" 4000 ;;
    mips64|mipsel64) entries arch/mips/kernel/syscalls/syscall_n64.tbl "*" 5000 ;;
    mips64n32|mipsel64n32) entries arch/mips/kernel/syscalls/syscall_n32.tbl "*" 6000 ;;
    ppc) entries arch/powerpc/kernel/syscalls/syscall.tbl "common 32 nospu" 0 ;;
    ppc64|ppc64le) entries arch/powerpc/kernel/syscalls/syscall.tbl "common 64 nospu" 0 ;;
    s390) entries arch/s390/kernel/syscalls/syscall.tbl "common 32" 0 ;;
    s390x) entries arch/s390/kernel/syscalls/syscall.tbl "common 64" 0 ;;
    parisc) entries arch/parisc/kernel/syscalls/syscall.tbl "common 32" 0 ;;
    parisc64) entries arch/parisc/kernel/syscalls/syscall.tbl "common 64" 0 ;;
  esac
}

arches="amd64 x86 x32 arm64 arm mips mipsel mips64 mips64n32 mipsel64 mipsel64n32 ppc ppc64 ppc64le s390 s390x parisc parisc64 riscv64"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
{
  cat <<EOF
/*
 * kernel_syscalls_data.c - every syscall of Linux 6.18 on each ABI, as the
 * kernel's syscall tables number them.  Written by scripts/kernel-syscalls.sh
 * from $(basename "$base") and $(basename "$newer") (see the script); do not edit.
 */
#include "kernel_syscalls.h"
EOF
  for a in $arches; do
    c=$(echo "$a" | tr -c 'a-z0-9\n' _)
    printf '\nstatic const struct se_kernel_syscall %s_calls[] = {\n' "$c"
    table "$a" | awk '{ printf "\t{ %u, \"%s\" },\n", $1, $2 }'
    printf '};\n'
  done
  printf '\nconst struct se_kernel_table se_kernel_tables[] = {\n'
  for a in $arches; do
    c=$(echo "$a" | tr -c 'a-z0-9\n' _)
    printf '\t{ "%s", %s_calls, sizeof %s_calls / sizeof %s_calls[0] },\n' "$a" "$c" "$c" "$c"
  done
  printf '\t{ 0, 0, 0 },\n};\n'
} > "$tmp"
# every name must be one a profile may use, and every table sorted and non-empty
if grep -E '^\s*\{ [0-9]+, "' "$tmp" | grep -vE '^\s*\{ [0-9]+, "[a-z0-9_]+" \},$' >&2; then
  echo "kernel-syscalls: a name is not [a-z0-9_]+" >&2
  exit 1
fi
mv "$tmp" "$out"
trap - EXIT
echo "wrote $out: $(grep -c '^	{ [0-9]' "$out") entries" >&2
