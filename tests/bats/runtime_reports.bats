#!/usr/bin/env bats
# The SIGSYS reporter seen from a shell: tests/live/live_report_demo installs
# tests/profiles/reports.json (chmod is TRAP) and calls chmod(..., 0123) once.

setup() {
  load helpers
  DEMO="$SECCOMP_EMBED_BUILD_DIR/tests/live_report_demo"
  [ -x "$DEMO" ] || fail "$DEMO is not built"
  LINE_RE='^seccomp-embed: violation: pid [0-9]+ tid [0-9]+ syscall chmod\(90\) arch x86_64 args 0x[0-9a-f]+ 0x53( (0|0x[0-9a-f]+)){4} pc 0x[0-9a-f]+ rule syscalls\[0\]'
  [ "$(uname -m)" = x86_64 ] || skip "the expected report is x86_64's"
}

@test "without SECCOMP_EMBED_CRASH: one report, chmod fails with ENOSYS, exit 0" {
  run -0 env -u SECCOMP_EMBED_CRASH "$DEMO"
  assert_line --regexp "${LINE_RE}: returning ENOSYS$"
  assert_line "chmod returned -1, errno ENOSYS"
  [ "${#lines[@]}" -eq 2 ] || fail "expected 2 lines, got ${#lines[@]}: $output"
}

@test "SECCOMP_EMBED_CRASH=1: the report is written, then death by SIGSYS (status 159)" {
  run -159 env SECCOMP_EMBED_CRASH=1 "$DEMO"
  assert_line --regexp "${LINE_RE}: crashing \(SECCOMP_EMBED_CRASH=1\)$"
  refute_output --partial "chmod returned"
  [ "${#lines[@]}" -eq 1 ] || fail "expected only the report line, got: $output"
}

@test "SECCOMP_EMBED_CRASH=0 is off" {
  run -0 env SECCOMP_EMBED_CRASH=0 "$DEMO"
  assert_line --regexp "${LINE_RE}: returning ENOSYS$"
}

@test "SECCOMP_EMBED_REPORT_FD moves the report off stderr" {
  report="$BATS_TEST_TMPDIR/report"
  run -0 --separate-stderr env -u SECCOMP_EMBED_CRASH SECCOMP_EMBED_REPORT_FD=3 "$DEMO" 3>"$report"
  assert_output "chmod returned -1, errno ENOSYS"
  [ -z "$stderr" ] || fail "expected nothing on stderr, got: $stderr"
  run grep -cE "${LINE_RE}: returning ENOSYS$" "$report"
  assert_output 1
}

@test "an unusable SECCOMP_EMBED_REPORT_FD is said at install, and reports go to stderr" {
  for value in 9 x3 -1 0; do
    run -0 --separate-stderr env -u SECCOMP_EMBED_CRASH SECCOMP_EMBED_REPORT_FD=$value "$DEMO" 0</dev/null
    case $value in
      0) why="open for reading only" ;;
      *) why="not an open file descriptor" ;;
    esac
    assert_output "chmod returned -1, errno ENOSYS"
    [[ "$stderr" == "seccomp-embed: SECCOMP_EMBED_REPORT_FD=$value is $why; violation reports go to standard error"$'\n'* ]] ||
      fail "REPORT_FD=$value: $stderr"
    grep -qE "${LINE_RE}: returning ENOSYS$" <<<"$stderr" || fail "REPORT_FD=$value: no report on stderr"
  done
}
