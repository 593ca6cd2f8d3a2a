#!/usr/bin/env bats
# The programs bench and bench/policies.sh work (their figures are the
# machine's and are not asserted): each timed child really runs the program,
# counted by the kernel, and a program that leaves the child no way to
# report is named rather than timed.

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
  BENCH="$SECCOMP_EMBED_BUILD_DIR/bench/seccomp_embed_bench_programs"
  [ -x "$BENCH" ] || skip "the bench is not built (SECCOMP_EMBED_BUILD_BENCH=OFF)"
  printf '%s\n' '{"defaultAction":"SCMP_ACT_KILL_PROCESS","syscalls":[
    {"names":["write","exit_group"],"action":"SCMP_ACT_ALLOW"}]}' > "$TMP/kill.json"
  printf '%s\n' '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
    {"names":["exit_group"],"action":"SCMP_ACT_ALLOW"}]}' > "$TMP/mute.json"
  arch=$(uname -m | sed 's/x86_64/amd64/; s/aarch64/arm64/')
}

@test "raw programs are timed against the floor, each in children the kernel counts a filter for" {
  "$SECCOMP_EMBED" compile "$TMP/kill.json" --arch "$arch" --kernel 6.18 --format bpf -q -o "$TMP/kill.bpf"
  run "$BENCH" -n 3 kill="$TMP/kill.bpf" again="$TMP/kill.bpf"
  assert_success
  assert_line --index 0 --partial "3 rounds, one child per program each round"
  assert_line --regexp '^\| one instruction \(RET ALLOW\) \| 1 \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| 1\.00 \| 0\.0 \|$'
  assert_line --regexp "^\\| kill \\| $(( $(stat -c %s "$TMP/kill.bpf") / 8 )) \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| -?[0-9.]+ \\|\$"
  assert_line --regexp '^\| again \|'
}

@test "a program that denies write cannot report: named, not timed" {
  "$SECCOMP_EMBED" compile "$TMP/mute.json" --arch "$arch" --kernel 6.18 --format bpf -q -o "$TMP/mute.bpf"
  run "$BENCH" -n 1 mute="$TMP/mute.bpf"
  assert_failure 1
  assert_output --partial "mute: the child sent no result (does the filter deny write?)"
}

@test "bad arguments are refused in one line" {
  printf 'seven b' > "$TMP/odd.bpf"
  run "$BENCH" odd="$TMP/odd.bpf"
  assert_failure 2
  assert_output --partial "$TMP/odd.bpf: not a raw BPF program (a multiple of 8 bytes)"
  run "$BENCH" "$TMP/odd.bpf"
  assert_failure 2
  assert_output --partial "expected LABEL=FILE.bpf"
  run "$BENCH" -n 0 x="$TMP/odd.bpf"
  assert_failure 2
  assert_output --partial "usage:"
}

@test "bench/policies.sh: the policies' table, then one attach run over every program" {
  [ "$arch" = amd64 ] || skip "the bench policies are x86_64 filters"
  run env BUILD_DIR="$SECCOMP_EMBED_BUILD_DIR" "$SRC/bench/policies.sh" \
    --gen "$SECCOMP_EMBED" --attach -n 3 "$SRC/profiles/kv-server.json" "$SRC/profiles/docker-default.json"
  assert_success
  assert_line --regexp '^\| kv-server \| ours \| [0-9]+ \| [0-9.]+ / [0-9]+ \|'
  assert_line --regexp '^\| kv-server \| libseccomp level 2 \|'
  assert_line --regexp '^\| docker-default \| ours \| [0-9]+ \|.*\| [0-9.]+ \|$'
  assert_line --regexp '^\| docker-default \| [0-9.]+ \| - \| - \| [0-9.]+ \| [0-9.]+ \|$'
  assert_line --regexp '^\| docker-default:ours \| [0-9]+ \|'
  assert_line --regexp '^\| docker-default:libseccomp \| [0-9]+ \|'
}
