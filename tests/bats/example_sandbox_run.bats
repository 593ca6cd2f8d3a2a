#!/usr/bin/env bats
# The Docker seccomp lab replayed with examples/sandbox-run: the same
# commands under the same profiles, with real filters and real syscalls.

setup() {
  load helpers
  SANDBOX_RUN="$SECCOMP_EMBED_BUILD_DIR/examples/sandbox-run/sandbox-run"
  [ -x "$SANDBOX_RUN" ] || fail "$SANDBOX_RUN is not built"
}

# The lab's user-namespace step needs them on the host, outside any filter.
require_userns() {
  local why
  why="$(unshare --map-root-user --user true 2>&1)" ||
    skip "user namespaces are unavailable here: ${why:-unshare failed}"
}

# The chmod steps: `chmod 777` on a scratch directory of mode 700 under
# PROFILE must be refused (mode unchanged) or done (mode 777).
SCRATCH_MODE=700
scratch_dir() {
  local dir="$BATS_TEST_TMPDIR/scratch"
  mkdir -p "$dir"
  chmod "$SCRATCH_MODE" "$dir"
  echo "$dir"
}

chmod_refused_under() {
  run "$SANDBOX_RUN" "$1" -- chmod 777 "$2"
  assert_failure
  assert_output --partial "Operation not permitted"
  assert_equal "$(stat -c %a "$2")" "$SCRATCH_MODE"
}

chmod_done_under() {
  run "$SANDBOX_RUN" "$1" -- chmod 777 "$2"
  assert_success
  assert_output ""
  assert_equal "$(stat -c %a "$2")" 777
}

@test "--list names every profile, one line each" {
  run "$SANDBOX_RUN" --list
  assert_success
  assert_equal "${#lines[@]}" 6
  assert_line --index 0 --regexp '^none +- +no filter'
  assert_line --index 1 --regexp '^deny +deny-all\.json +'
  assert_line --index 2 --regexp '^default +docker-default\.json +'
  assert_line --index 3 --regexp '^default-no-chmod +default-no-chmod\.json +'
  assert_line --index 4 --regexp '^chmod-wake-alarm +chmod-wake-alarm\.json +'
  assert_line --index 5 --regexp '^chmod-wake-alarm\+cap +chmod-wake-alarm\.json +'
}

@test "--help gives the usage and the exit statuses" {
  run "$SANDBOX_RUN" --help
  assert_success
  assert_line --index 0 "usage: sandbox-run PROFILE -- COMMAND [ARG]..."
  assert_output --partial "126 if COMMAND cannot be executed"
  assert_output --partial "Under \`deny\`"
}

@test "an unknown profile: one line, status 2, the command does not run" {
  run -2 --separate-stderr "$SANDBOX_RUN" no-such-profile -- touch "$BATS_TEST_TMPDIR/ran"
  assert_output ""
  assert_equal "$stderr" "sandbox-run: unknown profile no-such-profile (try --help)"
  assert_file_not_exists "$BATS_TEST_TMPDIR/ran"
}

@test "bad usage: status 2 with a one-line reason" {
  run -2 "$SANDBOX_RUN"
  assert_output "sandbox-run: no profile given (try --help)"
  run -2 "$SANDBOX_RUN" default true
  assert_output "sandbox-run: expected -- after the profile (try --help)"
  run -2 "$SANDBOX_RUN" default --
  assert_output "sandbox-run: no command given (try --help)"
  run -2 "$SANDBOX_RUN" --bogus
  assert_output "sandbox-run: unknown option --bogus (try --help)"
}

@test "a command that is not found: status 127; one that cannot execute: 126" {
  run -127 "$SANDBOX_RUN" default -- no-such-command-here
  assert_output "sandbox-run: no-such-command-here: No such file or directory"
  local not_exec="$BATS_TEST_TMPDIR/not-executable"
  echo 'echo hi' >"$not_exec"
  chmod 644 "$not_exec"
  run -126 "$SANDBOX_RUN" default -- "$not_exec"
  assert_output "sandbox-run: $not_exec: Permission denied"
}

@test "the command's own exit status comes back" {
  run -42 "$SANDBOX_RUN" default -- sh -c 'exit 42'
}

@test "the filter is in force in the command, and none means no filter" {
  run "$SANDBOX_RUN" default -- grep -E '^(Seccomp|NoNewPrivs):' /proc/self/status
  assert_success
  assert_line --regexp '^NoNewPrivs:[[:space:]]+1$'
  assert_line --regexp '^Seccomp:[[:space:]]+2$'
  run "$SANDBOX_RUN" none -- grep -E '^Seccomp:' /proc/self/status
  assert_success
  assert_output --regexp '^Seccomp:[[:space:]]+0$'
}

@test "lab step deny: the command never runs, nothing is printed, status 126" {
  run -126 "$SANDBOX_RUN" deny -- /bin/echo hi
  assert_output ""
  # execve is refused, so the command cannot leave a trace either
  run -126 "$SANDBOX_RUN" deny -- touch "$BATS_TEST_TMPDIR/ran"
  assert_output ""
  assert_file_not_exists "$BATS_TEST_TMPDIR/ran"
  # the same commands without a filter do run
  run "$SANDBOX_RUN" none -- /bin/echo hi
  assert_success
  assert_output "hi"
}

@test "lab step none: whoami, then whoami inside a new user namespace" {
  run "$SANDBOX_RUN" none -- whoami
  assert_success
  assert_output "$(id -un)"
  require_userns
  run "$SANDBOX_RUN" none -- unshare --map-root-user --user whoami
  assert_success
  assert_output "root"
}

@test "lab step default: whoami runs, a new user namespace is refused" {
  run "$SANDBOX_RUN" default -- whoami
  assert_success
  assert_output "$(id -un)"
  require_userns
  run "$SANDBOX_RUN" default -- unshare --map-root-user --user whoami
  assert_failure
  assert_output --partial "Operation not permitted"
  refute_line "root"
}

@test "lab step default-no-chmod: chmod is refused where default allows it" {
  local dir
  dir="$(scratch_dir)"
  chmod_refused_under default-no-chmod "$dir"
  chmod_done_under default "$dir"
}

@test "lab step chmod-wake-alarm: chmod needs CAP_WAKE_ALARM in the build's capability set" {
  local dir
  dir="$(scratch_dir)"
  chmod_refused_under chmod-wake-alarm "$dir"
  chmod_done_under chmod-wake-alarm+cap "$dir"
}
