#!/usr/bin/env bats
# The profiles of profiles/ through the command line: Docker's default and
# the profiles derived from it compile for the eight test arches, the chmod
# variants leave out what they say, and profiles/README.md describes every
# profile of the folder.  That docker-default decides like Docker's own
# profile is proved by test_profiles_equivalence.c.

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
  PROFILES="$SRC/profiles"
}

ARCHES="amd64 arm64 x86 arm s390x ppc64le riscv64 mips64"

@test "these profiles compile for the eight test arches, as C and as raw BPF" {
  for name in docker-default default-no-chmod chmod-wake-alarm deny-all; do
    profile="$PROFILES/$name.json"
    for arch in $ARCHES; do
      run --separate-stderr "$SECCOMP_EMBED" compile "$profile" --arch "$arch" -o "$TMP/out.c"
      assert_success
      [[ "$stderr" != *"error:"* ]]
      assert_file_not_empty "$TMP/out.c"
      run "$SECCOMP_EMBED" compile "$profile" --arch "$arch" --kernel 6.1 --format bpf -q \
        -o "$TMP/out.bpf"
      assert_success
      size=$(stat -c %s "$TMP/out.bpf")
      (( size > 0 && size % 8 == 0 ))
    done
  done
}

# The syscalls the amd64 program tests for equality, by name, as its
# listing (--format text) shows them: "nr == 90 (chmod) -> 486" in
# libseccomp's layout, which tests every name (ours tests ranges).
listing() {
  "$SECCOMP_EMBED" compile "$PROFILES/$1" --arch amd64 --kernel 6.1 --format text -q \
    --backend libseccomp ${2:+--cap-add "$2"} -o "$TMP/$1.txt"
  grep -o 'nr == [0-9a-fx]* ([a-z0-9_]*)' "$TMP/$1.txt" | sed 's/.*(/(/' | sort -u
}

@test "default-no-chmod: docker-default's syscalls without the chmod family" {
  diff <(listing docker-default.json | grep -v -x -e '(chmod)' -e '(fchmod)' \
           -e '(fchmodat)' -e '(fchmodat2)') \
       <(listing default-no-chmod.json)
  listing docker-default.json | grep -q -x '(fchmodat2)'
}

@test "chmod-wake-alarm: the chmod family only with CAP_WAKE_ALARM" {
  diff <(listing chmod-wake-alarm.json) <(listing default-no-chmod.json)
  diff <(listing chmod-wake-alarm.json WAKE_ALARM) <(listing docker-default.json)
}

@test "deny-all: exit and exit_group are the only syscalls it tests for" {
  run listing deny-all.json
  assert_output "$(printf '(exit)\n(exit_group)')"
}

@test "profiles/README.md describes every profile" {
  for profile in "$PROFILES"/*.json; do
    grep -q "$(basename "$profile")" "$PROFILES/README.md"
  done
}

@test "Docker's default compiles on this libseccomp with no name left out, for every test arch" {
  for arch in $ARCHES; do
    run --separate-stderr "$SECCOMP_EMBED" compile "$PROFILES/docker-default.json" --arch "$arch" \
      -o "$TMP/out.c"
    assert_success
    [[ "$stderr" != *"unknown syscall"* ]] || fail "--arch $arch: $stderr"
    ! grep -q "unknown syscall names skipped" "$TMP/out.c" || fail "--arch $arch: names skipped"
  done
  # names libseccomp 2.5 does not know are built from the kernel's numbers
  if [[ "$("$SECCOMP_EMBED" --version)" == *"(libseccomp 2.5."* ]]; then
    grep -q "built from the kernel's numbers .*mseal" "$TMP/out.c"
  fi
}
