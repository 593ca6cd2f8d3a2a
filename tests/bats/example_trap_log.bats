#!/usr/bin/env bats
# examples/trap-log: a program sandboxed at startup by a work-in-progress
# profile compiled with MODE trap-log.  Every denial is reported (syscall,
# arguments, deciding rule, outcome) and the program gets what the enforcing
# filter gives: the same errno, or death by SIGSYS.

setup() {
  load helpers
  [ "$(uname -m)" = x86_64 ] || skip "the expected syscall numbers are x86_64's"
  DEMO="$SECCOMP_EMBED_BUILD_DIR/examples/trap-log/trap_log_demo"
  ENFORCE="$SECCOMP_EMBED_BUILD_DIR/examples/trap-log/trap_log_demo_enforce"
  [ -x "$DEMO" ] && [ -x "$ENFORCE" ] || fail "the trap-log example is not built"
  ulimit -c 0 # processes killed by SIGSYS would dump core into the working directory
  X='(0|0x[0-9a-f]+)' # an argument whose value the test does not care about
  MKDIR_ARGS="0x[0-9a-f]+ 0x1ed $X $X $X $X" # mkdir(path, 0755); the rest is whatever the registers held
}

# The report line of one denial: syscall, number, arguments (a regex for
# all six), deciding rule and outcome.  The pid is captured.
report() {
  printf '^seccomp-embed: violation: pid ([0-9]+) tid [0-9]+ syscall %s arch x86_64 args %s pc 0x[0-9a-f]+ rule %s: %s%s$' "$@"
}

summary() {
  printf '^seccomp-embed: summary: syscall %s arch x86_64 args [0-9a-fx ]+ rule %s: %s time\\(s\\)$' "$@"
}

# Every line of $output, in order, against one regex each; nothing more.
# The pid each line captured goes to pids[i].
assert_lines_in_order() {
  local i
  pids=()
  for i in "${!expected[@]}"; do
    [[ "${lines[i]-}" =~ ${expected[i]} ]] ||
      fail "line $i: expected /${expected[i]}/, got: ${lines[i]-<none>}"$'\n'"$output"
    pids[i]="${BASH_REMATCH[1]-}"
  done
  [ "${#lines[@]}" -eq "${#expected[@]}" ] ||
    fail "expected ${#expected[@]} lines, got ${#lines[@]}:"$'\n'"$output"
}

@test "each denial is reported, then the call gets Docker's outcome, and the program goes on" {
  run -0 timeout 30 "$DEMO"
  expected=(
    '^sandboxed before main\(\) by wip_policy \(.*/wip-profile\.json, trap-log mode\)$'
    '^mkdir\("/tmp/seccomp-embed-trap-log\.cache", 0755\)$'
    "$(report 'mkdir\(83\)' "$MKDIR_ARGS" 'syscalls\[1\]' 'returning EROFS')"
    '^  -> Read-only file system$'
    '^mkdir\("/tmp/seccomp-embed-trap-log\.logs", 0755\)$'
    "$(report 'mkdir\(83\)' "$MKDIR_ARGS" 'syscalls\[1\]' 'returning EROFS')"
    '^  -> Read-only file system$'
    '^uname\(\)$'
    "$(report 'uname\(63\)' "0x[0-9a-f]+ $X $X $X $X $X" defaultAction 'returning EPERM')"
    '^  -> Operation not permitted$'
    '^socket\(AF_UNIX, SOCK_DGRAM, 0\)$'
    '^  -> ok$'
    '^socket\(AF_PACKET, SOCK_DGRAM, 0\)$'
    "$(report 'socket\(41\)' "0x11 0x2 0 $X $X $X" 'syscalls\[3\]' 'returning EAFNOSUPPORT' \
      ' \(syscalls\[2\]\.args\[0\]: EQ 0x1 did not match 0x11\)')"
    '^  -> Address family not supported by protocol$'
    '^init_module\(NULL, 0, ""\) in a child process$'
    "$(report 'init_module\(175\)' "0 0 0x[0-9a-f]+ $X $X $X" 'syscalls\[4\]' 'killing process')"
    '^  -> child killed by signal 31 \(Bad system call\)$'
    '^done$'
  )
  assert_lines_in_order
  # the program reported its own calls; the KILL_PROCESS report is the child's
  [ "${pids[2]}" = "${pids[5]}" ] && [ "${pids[2]}" = "${pids[8]}" ] && [ "${pids[2]}" = "${pids[13]}" ] ||
    fail "the reports of the program's own calls name different pids: ${pids[*]}"
  [ "${pids[16]}" != "${pids[2]}" ] || fail "the KILL_PROCESS report should come from the child"
}

@test "built with MODE enforce, the program gets the same outcomes and no reports" {
  run -0 --separate-stderr timeout 30 "$ENFORCE"
  [ -z "$stderr" ] || fail "enforce mode reported: $stderr"
  assert_line --index 0 --partial ", enforce mode)"
  enforced="$output"
  run -0 --separate-stderr timeout 30 "$DEMO"
  [ "$(grep -c '^seccomp-embed: violation: ' <<<"$stderr")" -eq 5 ] ||
    fail "expected 5 reports on stderr, got: $stderr"
  assert_equal "${output/, trap-log mode)/, enforce mode)}" "$enforced"
}

@test "SECCOMP_EMBED_REPORT_ONCE=1: each (syscall, rule) once, counts in a summary when the program ends" {
  run -0 timeout 30 env SECCOMP_EMBED_REPORT_ONCE=1 "$DEMO"
  # the second mkdir still fails, without a second report
  [ "$(grep -c '^seccomp-embed: violation: .* syscall mkdir(83) ' <<<"$output")" -eq 1 ] ||
    fail "mkdir should be reported once: $output"
  [ "$(grep -c '^  -> Read-only file system$' <<<"$output")" -eq 2 ] ||
    fail "both mkdir calls should fail with EROFS: $output"
  # the supervisor writes the summary once every process of the program has
  # ended: the child killed by init_module counts too
  run -0 sed -n '/^done$/,$p' <<<"$output"
  [ "${#lines[@]}" -eq 5 ] || fail "expected done and 4 summary lines, got: $output"
  assert_line --regexp "$(summary 'uname\(63\)' defaultAction 1)"
  assert_line --regexp "$(summary 'socket\(41\)' 'syscalls\[3\]' 1)"
  assert_line --regexp "$(summary 'mkdir\(83\)' 'syscalls\[1\]' 2)"
  assert_line --regexp "$(summary 'init_module\(175\)' 'syscalls\[4\]' 1)"
}

@test "SECCOMP_EMBED_CRASH=1: the first denial is reported, then death by SIGSYS (status 159)" {
  run -159 timeout 30 env SECCOMP_EMBED_CRASH=1 "$DEMO"
  expected=(
    '^sandboxed before main\(\) by wip_policy \(.*, trap-log mode\)$'
    '^mkdir\("/tmp/seccomp-embed-trap-log\.cache", 0755\)$'
    "$(report 'mkdir\(83\)' "$MKDIR_ARGS" 'syscalls\[1\]' 'crashing \(SECCOMP_EMBED_CRASH=1\)')"
  )
  assert_lines_in_order
}

@test "REPORT_ONCE with a crash: the summary is written all the same, once the process is gone" {
  run -159 timeout 30 env SECCOMP_EMBED_REPORT_ONCE=1 SECCOMP_EMBED_CRASH=1 "$DEMO"
  # the supervisor outlives the program, writes the summary when no task of
  # it is left, and holds stderr until then: run's output has it
  assert_line --regexp "$(report 'mkdir\(83\)' "$MKDIR_ARGS" 'syscalls\[1\]' 'crashing \(SECCOMP_EMBED_CRASH=1\)')"
  assert_line --regexp "$(summary 'mkdir\(83\)' 'syscalls\[1\]' 1)"
}

@test "SECCOMP_EMBED_REPORT_FD=3: the reports go to a file, the program's output stays clean" {
  reports="$BATS_TEST_TMPDIR/reports"
  run -0 --separate-stderr timeout 30 env SECCOMP_EMBED_REPORT_FD=3 "$DEMO" 3>"$reports"
  [ -z "$stderr" ] || fail "expected nothing on stderr, got: $stderr"
  refute_output --partial "seccomp-embed:"
  assert_line "  -> Address family not supported by protocol"
  run -0 cut -d' ' -f8,20- "$reports"
  assert_output - <<'EOF'
mkdir(83) rule syscalls[1]: returning EROFS
mkdir(83) rule syscalls[1]: returning EROFS
uname(63) rule defaultAction: returning EPERM
socket(41) rule syscalls[3]: returning EAFNOSUPPORT (syscalls[2].args[0]: EQ 0x1 did not match 0x11)
init_module(175) rule syscalls[4]: killing process
EOF
}
