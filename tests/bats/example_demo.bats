#!/usr/bin/env bats
# The quick start's demo must keep telling the truth.

setup() {
  load helpers
}

@test "the demo shows the table, a chmod denied with EPERM and its report" {
  run "$SRC/examples/demo.sh" "$SECCOMP_EMBED_BUILD_DIR"
  assert_success
  assert_output --regexp "/\* [0-9]+: nr (==|>=) 90 \(chmod\) -> [0-9]+"
  assert_output --regexp "/\* [0-9]+: return ERRNO\(EPERM\) \*/"
  assert_output --regexp "seccomp-embed: violation: pid [0-9]+ tid [0-9]+ syscall chmod\(90\) arch x86_64 args 0x[0-9a-f]+ 0x180 .* rule syscalls\[0\]: returning EPERM"
  assert_output --partial "  -> Operation not permitted"
  # before the sandbox the same chmod works
  assert_line --index 0 --partial "== the profile"
  assert_output --partial "  -> ok"
}
