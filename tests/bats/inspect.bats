#!/usr/bin/env bats
# seccomp-embed dump and diff on real processes: tests/tools/hold_filters
# confines itself (through the runtime, or raw filters with seccomp(2), or
# one thread alone) and waits while dump reads it and diff compares it with
# profiles.  Reading another process's filters needs root.

setup() {
  load helpers
  HOLD="$SECCOMP_EMBED_BUILD_DIR/tests/hold_filters"
  [ -x "$HOLD" ] || fail "$HOLD is not built"
  ARCH="$(uname -m)"
  T="$BATS_TEST_TMPDIR"
  HOLDERS=()
}

teardown() {
  exec 8>&- 2>/dev/null || true
  for p in "${HOLDERS[@]}"; do kill "$p" 2>/dev/null || true; done
}

need_root() {
  [ "$(id -u)" = 0 ] || skip "reading another process's filters needs root"
}

# hold ARGS...: starts hold_filters ARGS in the background and waits for
# its "ready"; HOLD_PID is its pid, HOLD_OUT what it printed.
hold() {
  local fifo="$T/hold.in" out="$T/hold.out"
  rm -f "$fifo" && mkfifo "$fifo"
  "$HOLD" "$@" <"$fifo" >"$out" 2>&1 3>&- &
  HOLD_PID=$!
  HOLDERS+=("$HOLD_PID")
  exec 8>"$fifo"
  for _ in $(seq 200); do
    grep -q '^ready' "$out" && break
    kill -0 "$HOLD_PID" 2>/dev/null || fail "hold_filters $* ended: $(cat "$out")"
    sleep 0.05
  done
  HOLD_OUT="$(cat "$out")"
  grep -q '^ready' <<<"$HOLD_OUT" || fail "hold_filters $* never got ready: $HOLD_OUT"
}

bpf() { # bpf PROFILE OUT: the profile's filter for this machine as raw BPF
  "$SECCOMP_EMBED" compile "$1" --arch "$ARCH" --format bpf -q -o "$2"
}

profile() { # profile FILE JSON
  printf '%s\n' "$2" >"$1"
}

@test "dump: a process without a filter says so; --format bpf has nothing to write" {
  need_root
  hold
  run -0 "$SECCOMP_EMBED" dump "$HOLD_PID"
  assert_output --partial "# process $HOLD_PID (hold_filters)"
  assert_line "# thread $HOLD_PID: no seccomp filter"
  run -2 "$SECCOMP_EMBED" dump "$HOLD_PID" --format bpf
  assert_output "seccomp-embed: error: $HOLD_PID has no seccomp filter"
}

@test "dump: the runtime's filter, listed in words; --format bpf is compile's program byte for byte" {
  need_root
  hold --table no_mkdir
  run -0 "$SECCOMP_EMBED" dump "$HOLD_PID"
  assert_line "# thread $HOLD_PID: 1 filter; the kernel runs every one on each call and the strictest outcome wins"
  assert_output --regexp "# filter 0 \(the only one\): [0-9]+ instructions"
  assert_output --regexp "nr == [0-9]+ \(mkdir\)"
  assert_output --partial "return ERRNO(EACCES)"
  run -0 "$SECCOMP_EMBED" dump "$HOLD_PID" --format bpf -o "$T/read.bpf"
  bpf "$SRC/tests/profiles/no-mkdir.json" "$T/compiled.bpf"
  cmp "$T/read.bpf" "$T/compiled.bpf"
}

@test "diff: a process and the profile it was built from agree; a changed profile differs, in words" {
  need_root
  hold --table no_mkdir
  run -0 "$SECCOMP_EMBED" diff "$HOLD_PID" "$SRC/tests/profiles/no-mkdir.json"
  assert_line --regexp "^A: process $HOLD_PID \(hold_filters\), 1 thread: 1 filter: [0-9]+ instructions$"
  assert_line --regexp "^same verdicts on all [0-9]+ inputs tried$"
  profile "$T/changed.json" '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
    {"names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1},
    {"names": ["mkdirat", "chmod"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}]}'
  run -1 "$SECCOMP_EMBED" diff "$HOLD_PID" "$T/changed.json"
  assert_line --regexp "^$ARCH nr [0-9]+ mkdir: A ERRNO\(EACCES\), B ERRNO\(EPERM\)$"
  assert_line --regexp "^$ARCH nr [0-9]+ chmod: A ALLOW, B ERRNO\(EACCES\)$"
  refute_output --partial "mkdirat:"
  assert_line --regexp "^A and B differ on [0-9]+ syscall numbers \(of [0-9]+ inputs tried\)$"
}

@test "diff: Docker's default as the runtime installed it here; --cap-add SYS_ADMIN differs at mount" {
  need_root
  hold --table docker_default
  run -0 "$SECCOMP_EMBED" diff "$HOLD_PID" "$SRC/profiles/docker-default.json"
  assert_line --regexp "^B: .*docker-default.json for $ARCH, kernel [0-9]+\.[0-9]+ \(this machine's\)"
  run -1 "$SECCOMP_EMBED" diff "$HOLD_PID" "$SRC/profiles/docker-default.json" --cap-add SYS_ADMIN --max 0
  assert_line --regexp "^$ARCH nr [0-9]+ mount: A ERRNO\(EPERM\), B ALLOW$"
  assert_line --regexp "^$ARCH nr [0-9]+ sethostname: A ERRNO\(EPERM\), B ALLOW$"
  refute_output --regexp " (read|write|getpid): "
}

@test "diff: layered filters decide as the kernel does, the strictest outcome winning and on a tie the newest" {
  need_root
  profile "$T/older.json" '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
    {"names": ["chmod", "fchmodat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1},
    {"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}]}'
  profile "$T/newer.json" '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
    {"names": ["chmod", "fchmodat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 30},
    {"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_KILL_PROCESS"}]}'
  bpf "$T/older.json" "$T/older.bpf"
  bpf "$T/newer.json" "$T/newer.bpf"
  hold "$T/older.bpf" "$T/newer.bpf" --call chmod
  # the kernel's own answer to the tie: the newer filter's errno (EROFS, 30)
  grep -qx "chmod: errno 30" <<<"$HOLD_OUT" || fail "chmod under both layers: $HOLD_OUT"
  run -0 "$SECCOMP_EMBED" dump "$HOLD_PID"
  assert_output --partial "# filter 0 (installed first)"
  assert_output --partial "# filter 1 (installed last)"
  run -0 "$SECCOMP_EMBED" diff "$HOLD_PID" "$T/newer.json"
  run -1 "$SECCOMP_EMBED" diff "$HOLD_PID" "$T/older.json"
  assert_line --regexp "^$ARCH nr [0-9]+ chmod: A ERRNO\(EROFS\), B ERRNO\(EPERM\)$"
  assert_line --regexp "^$ARCH nr [0-9]+ mkdir: A KILL_PROCESS, B ERRNO\(EACCES\)$"
  run -2 "$SECCOMP_EMBED" dump "$HOLD_PID" --format bpf
  assert_output --partial "has 2 filters and --format bpf writes one: give --index 0 (installed first) to 1"
  run -0 "$SECCOMP_EMBED" dump "$HOLD_PID" --format bpf --index 1 -o "$T/read.bpf"
  cmp "$T/read.bpf" "$T/newer.bpf"
}

@test "diff: a layer the other side lacks makes a difference, and so does a process without any" {
  need_root
  bpf "$SRC/tests/profiles/no-mkdir.json" "$T/no-mkdir.bpf"
  hold "$T/no-mkdir.bpf" "$T/no-mkdir.bpf"
  run -0 "$SECCOMP_EMBED" diff "$HOLD_PID" "$T/no-mkdir.bpf"
  kill "$HOLD_PID"
  hold
  run -1 "$SECCOMP_EMBED" diff "$HOLD_PID" "$SRC/tests/profiles/no-mkdir.json" --max 0
  assert_line --regexp "^A: process $HOLD_PID \(hold_filters\), 1 thread: no seccomp filter$"
  assert_line --regexp "^$ARCH nr [0-9]+ mkdir: A ALLOW, B ERRNO\(EACCES\)$"
}

@test "the runtime's death filter: dump names it, and a TRAP profile's process agrees with its profile" {
  need_root
  hold --table trap_chmod
  run -0 "$SECCOMP_EMBED" dump "$HOLD_PID"
  assert_output --partial "# filter 0 (installed first): 4 instructions; seccomp-embed's death filter"
  run -0 "$SECCOMP_EMBED" diff "$HOLD_PID" "$SRC/tests/profiles/trap-chmod.json"
  assert_output --partial "after the runtime's death filter: 4 + "
  # confined by other means (runc, a raw seccomp(2)), there is no death filter: --bare
  bpf "$SRC/tests/profiles/trap-chmod.json" "$T/trap.bpf"
  kill "$HOLD_PID"
  hold "$T/trap.bpf"
  run -1 "$SECCOMP_EMBED" diff "$HOLD_PID" "$SRC/tests/profiles/trap-chmod.json"
  assert_line "$ARCH nr 62946: A ALLOW, B TRAP, then KILL_PROCESS (trap-log)"
  run -0 "$SECCOMP_EMBED" diff "$HOLD_PID" "$SRC/tests/profiles/trap-chmod.json" --bare
}

@test "threads: one with a filter of its own is listed apart; diff wants a thread id then" {
  need_root
  bpf "$SRC/tests/profiles/trap-chmod.json" "$T/trap.bpf"
  hold --thread "$T/trap.bpf"
  tid="$(sed -n 's/^ready //p' <<<"$HOLD_OUT")"
  run -0 "$SECCOMP_EMBED" dump "$HOLD_PID"
  assert_line "# thread $HOLD_PID: no seccomp filter"
  assert_line "# thread $tid: 1 filter; the kernel runs every one on each call and the strictest outcome wins"
  run -2 "$SECCOMP_EMBED" diff "$HOLD_PID" "$T/trap.bpf"
  assert_output "seccomp-embed: error: threads $HOLD_PID and $tid of process $HOLD_PID run different filters: give the id of the thread to compare (seccomp-embed dump $HOLD_PID lists them)"
  run -0 "$SECCOMP_EMBED" diff "$tid" "$T/trap.bpf"
  assert_line "A: thread $tid (hold_filters): 1 filter: $(( $(stat -c %s "$T/trap.bpf") / 8 )) instructions"
  run -2 "$SECCOMP_EMBED" dump "$HOLD_PID" --format bpf
  assert_output --partial "the threads of process $HOLD_PID run different filters"
}

@test "dump refuses clearly: no such process, no CAP_SYS_ADMIN, a caller under seccomp" {
  need_root
  run -2 "$SECCOMP_EMBED" dump 999999999
  assert_output "seccomp-embed: error: no process or thread 999999999"
  hold --table no_mkdir
  run -2 setpriv --bounding-set -sys_admin --inh-caps -sys_admin "$SECCOMP_EMBED" dump "$HOLD_PID"
  assert_output --partial "needs CAP_SYS_ADMIN (run as root)"
  bpf "$SRC/tests/profiles/no-mkdir.json" "$T/no-mkdir.bpf"
  run -2 "$HOLD" "$T/no-mkdir.bpf" --exec "$SECCOMP_EMBED" dump "$HOLD_PID"
  assert_output --partial "seccomp-embed is itself under seccomp here"
  run -2 "$SECCOMP_EMBED" dump "$HOLD_PID" --index 3
  assert_output "seccomp-embed: error: --index 3: $HOLD_PID has 1 filter (0 to 0, 0 installed first)"
}

@test "diff of files needs no root: .bpf and profiles, for another arch too" {
  bpf "$SRC/tests/profiles/no-mkdir.json" "$T/no-mkdir.bpf"
  run -0 "$SECCOMP_EMBED" diff "$T/no-mkdir.bpf" "$SRC/tests/profiles/no-mkdir.json"
  run -0 "$SECCOMP_EMBED" diff "$SRC/profiles/docker-default.json" "$SRC/profiles/docker-default.json" --arch s390x --kernel 5.4
  run -1 "$SECCOMP_EMBED" diff "$SRC/tests/profiles/no-mkdir.json" "$SRC/tests/profiles/deny-all.json" --arch aarch64 -q --max 2
  assert_line --index 0 --regexp "^aarch64 nr [0-9]+ [a-z_0-9]+: A ALLOW, B ERRNO\(EPERM\)$"
  [ "${#lines[@]}" -eq 2 ] || fail "-q --max 2: expected 2 lines, got: $output"
  "$SECCOMP_EMBED" compile "$SRC/tests/profiles/no-mkdir.json" --arch s390x --format bpf -q -o "$T/s390x.bpf"
  run -0 "$SECCOMP_EMBED" diff "$T/s390x.bpf" "$SRC/tests/profiles/no-mkdir.json" --arch s390x
  run -2 "$SECCOMP_EMBED" diff "$T/s390x.bpf" "$SRC/tests/profiles/no-mkdir.json" --arch aarch64
  assert_output --partial "the kernel would not load this filter (read as little-endian, for aarch64)"
}

@test "diff refuses bad input with one line, exit 2" {
  printf 'abc' >"$T/short.bpf"
  run -2 "$SECCOMP_EMBED" diff "$T/short.bpf" "$SRC/tests/profiles/no-mkdir.json"
  assert_output "seccomp-embed: error: $T/short.bpf: expected raw BPF, 1 to 4096 instructions of 8 bytes, and it has 3 bytes"
  printf '{"defaultAction": "SCMP_ACT_ALOW"}' >"$T/typo.json"
  run -2 "$SECCOMP_EMBED" diff "$T/typo.json" "$SRC/tests/profiles/no-mkdir.json"
  assert_output --partial "$T/typo.json: defaultAction"
  assert_output --partial "SCMP_ACT_ALLOW"
  run -2 "$SECCOMP_EMBED" diff "$SRC/tests/profiles/no-mkdir.json"
  assert_output --partial "diff compares two filters: give A and B"
  run -2 "$SECCOMP_EMBED" diff a.json b.json c.json
  assert_output --partial "more than two filters given"
  run -2 "$SECCOMP_EMBED" diff a.json b.json --format c
  assert_output "seccomp-embed: error: option --format does not apply to diff: it compares verdicts, and writes no filter (see seccomp-embed diff --help)"
  run -2 "$SECCOMP_EMBED" diff a.json b.json --max=x
  assert_output "seccomp-embed: error: --max x: expected a number from 0 to 1000000"
  run -2 "$SECCOMP_EMBED" diff a.json b.json --arch vax
  assert_output --partial "--arch vax: not an arch seccomp-embed knows"
  run -2 "$SECCOMP_EMBED" dump
  assert_output "seccomp-embed: error: no process given (usage: seccomp-embed dump PID)"
  run -2 "$SECCOMP_EMBED" dump 12x
  assert_output "seccomp-embed: error: 12x: expected a process id (see seccomp-embed dump --help)"
  run -2 "$SECCOMP_EMBED" dump 1 --format c
  assert_output "seccomp-embed: error: --format c: expected text or bpf"
}
