#!/usr/bin/env bats
# The generated C compiles cleanly (-Wall -Wextra -Werror -pedantic) without
# libseccomp or cJSON, and the table it defines is, byte for byte in the
# target's memory, the program `--format bpf` writes.  Big-endian targets are
# built with Debian's cross compiler and run under qemu-user, so the bytes
# compared are the ones a real s390x/ppc64/mips64 program would hand the kernel.

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
  CFLAGS="-std=c11 -Wall -Wextra -Werror -pedantic -I$SRC/runtime/include"
}

# compile_and_dump PROFILE ARCH CC RUNNER [extra generator options]
compile_and_dump() {
  local profile=$1 arch=$2 cc=$3 runner=$4; shift 4
  "$SECCOMP_EMBED" compile "$profile" --arch "$arch" -q "$@" -o "$TMP/filter.c"
  "$SECCOMP_EMBED" compile "$profile" --arch "$arch" -q "$@" --format bpf -o "$TMP/filter.bpf"
  "$cc" $CFLAGS -static "$TMP/filter.c" "$SRC/tests/tools/dump_table.c" -o "$TMP/dump"
  $runner "$TMP/dump" last > "$TMP/table.bin" # today's kernel's: --format bpf's
  cmp "$TMP/filter.bpf" "$TMP/table.bin"
}

need() {
  command -v "$1" >/dev/null || skip "$1 is not installed (scripts/deps.sh installs it)"
}

@test "amd64: C table equals --format bpf (host compiler)" {
  compile_and_dump "$SRC/examples/profiles/no-chmod.json" amd64 gcc ""
}

@test "amd64: clang compiles it too, and C++ can include the header" {
  need clang
  "$SECCOMP_EMBED" compile "$SRC/examples/profiles/no-chmod.json" --arch amd64 -q -o "$TMP/f.c"
  clang $CFLAGS -c "$TMP/f.c" -o "$TMP/f.o"
  echo '#include <seccomp_embed.h>
extern "C" const struct seccomp_embed_filter seccomp_embed_filter;
int main() { return seccomp_embed_filter.n_programs >= 1 ? 0 : 1; }' > "$TMP/use.cc"
  g++ -std=c++17 -Wall -Wextra -Werror -pedantic -I"$SRC/runtime/include" "$TMP/use.cc" "$TMP/f.o" -o "$TMP/use"
  "$TMP/use"
}

@test "the generated C needs neither libseccomp nor cJSON" {
  "$SECCOMP_EMBED" compile "$SRC/examples/profiles/no-chmod.json" --arch amd64 -q -o "$TMP/f.c"
  gcc $CFLAGS "$TMP/f.c" "$SRC/tests/tools/dump_table.c" -o "$TMP/dump"
  run bash -c "ldd '$TMP/dump' | grep -E 'seccomp|cjson'"
  assert_failure
}

@test "arm64: cross-compiled table equals --format bpf (qemu-aarch64)" {
  need aarch64-linux-gnu-gcc; need qemu-aarch64
  compile_and_dump "$SRC/examples/profiles/no-chmod.json" arm64 aarch64-linux-gnu-gcc qemu-aarch64
}

@test "s390x (big-endian): cross-compiled table equals --format bpf (qemu-s390x)" {
  need s390x-linux-gnu-gcc; need qemu-s390x
  printf '%s\n' '{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":1,
    "archMap":[{"architecture":"SCMP_ARCH_S390X","subArchitectures":["SCMP_ARCH_S390"]}],
    "syscalls":[{"names":["read","write","exit_group"],"action":"SCMP_ACT_ALLOW"},
      {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":4294967295,"op":"SCMP_CMP_EQ"}]},
      {"names":["chmod"],"action":"SCMP_ACT_TRAP"},{"names":["mkdir"],"action":"SCMP_ACT_KILL_PROCESS"},
      {"names":["getpid"],"action":"SCMP_ACT_LOG"}]}' > "$TMP/be.json"
  compile_and_dump "$TMP/be.json" s390x s390x-linux-gnu-gcc qemu-s390x
}

@test "corpus: every profile's C table equals its --format bpf on amd64 and s390x" {
  require_corpus
  need s390x-linux-gnu-gcc; need qemu-s390x
  for p in "$CORPUS"/moby-profiles-default-latest.json "$CORPUS"/containers-container-libs-podman-default-latest.json "$CORPUS"/opencontainers-runc-test-syscall-args.json; do
    compile_and_dump "$p" amd64 gcc "" --kernel 6.1
    compile_and_dump "$p" s390x s390x-linux-gnu-gcc qemu-s390x --kernel 6.1
  done
}

@test "--install startup emits a constructor that installs before main" {
  "$SECCOMP_EMBED" compile "$SRC/examples/profiles/no-chmod.json" --arch amd64 -q --install startup -o "$TMP/f.c"
  run grep -c '__attribute__((constructor(1000)))' "$TMP/f.c"
  assert_output 1
  run grep -c 'seccomp_embed_install_or_abort(&seccomp_embed_filter)' "$TMP/f.c"
  assert_output 1
}

@test "--install-order N gives the constructor priority 1000+N; it needs --install startup" {
  "$SECCOMP_EMBED" compile "$SRC/examples/profiles/no-chmod.json" --arch amd64 -q \
    --install startup --install-order 7 -o "$TMP/f.c"
  run grep -c '__attribute__((constructor(1007)))' "$TMP/f.c"
  assert_output 1
  run -2 "$SECCOMP_EMBED" compile "$SRC/examples/profiles/no-chmod.json" --arch amd64 \
    --install-order 7 -o "$TMP/g.c"
  assert_output "seccomp-embed: error: --install-order orders startup filters: it needs --install startup"
  assert_file_not_exists "$TMP/g.c"
  run -2 "$SECCOMP_EMBED" compile "$SRC/examples/profiles/no-chmod.json" --arch amd64 \
    --install startup --install-order 10000
  assert_output "seccomp-embed: error: --install-order 10000: expected a number from 0 to 9999"
}

@test "--format h declares the symbol for C and C++" {
  "$SECCOMP_EMBED" compile "$SRC/examples/profiles/no-chmod.json" --arch amd64 -q --format h --name my_policy -o "$TMP/my_policy.h"
  "$SECCOMP_EMBED" compile "$SRC/examples/profiles/no-chmod.json" --arch amd64 -q --name my_policy -o "$TMP/my_policy.c"
  printf '#include "my_policy.h"\nint main(void) { return my_policy.n_arches == 3 ? 0 : 1; }\n' > "$TMP/main.c"
  gcc $CFLAGS -I"$TMP" "$TMP/main.c" "$TMP/my_policy.c" -o "$TMP/main"
  "$TMP/main"
}
