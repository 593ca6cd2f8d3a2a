#!/usr/bin/env bats
# What fuzzing found slow or wrong in the generator, each as an input made
# here (the findings themselves are in ../shared/fuzz-findings/, which the
# tests do not need): every profile within the limits of docs/errors.md
# ("Limits") compiles, and one past a limit is refused at once with a line
# naming the rule and the limit.  Times are not asserted (bench/ measures);
# `timeout` only turns a hang into a failure.

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
}

# rules_json N SPEC: a profile whose syscalls[] are N copies of SPEC
# (a JSON object with "I" standing for the copy's number).
rules_json() {
  python3 - "$1" "$2" <<'PY'
import json, sys
n, spec = int(sys.argv[1]), sys.argv[2]
rules = [json.loads(spec.replace('"I"', str(i))) for i in range(n)]
print(json.dumps({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": rules}))
PY
}

# conditions K INDEX: K conditions on argument INDEX, values 0..K-1 (OR'ed
# when K > 1, as they repeat the index).
conditions() {
  python3 -c "import json,sys; print(json.dumps([{'index': $2, 'value': v, 'op': 'SCMP_CMP_EQ'} for v in range($1)]))"
}

compile() {
  run timeout 60 "$SECCOMP_EMBED" compile "$@"
}

@test "one name repeated 60000 times is the program of the name given once" {
  python3 -c "import json; print(json.dumps({'defaultAction': 'SCMP_ACT_ERRNO', 'syscalls': [{'names': ['read'] * 60000 + ['exit_group'], 'action': 'SCMP_ACT_ALLOW'}]}))" >"$TMP/many.json"
  echo '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["read", "exit_group"], "action": "SCMP_ACT_ALLOW"}]}' >"$TMP/once.json"
  compile "$TMP/many.json" --arch amd64 --kernel 6.18 --format bpf -q -o "$TMP/many.bpf"
  assert_success
  compile "$TMP/once.json" --arch amd64 --kernel 6.18 --format bpf -q -o "$TMP/once.bpf"
  assert_success
  cmp "$TMP/many.bpf" "$TMP/once.bpf"
}

@test "later rules without conditions on a syscall change nothing: the first wins, as in libseccomp itself" {
  # The generator skips them (libseccomp's time grows with each); checked
  # here against libseccomp adding every rule, in a program of our own.
  echo '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
    {"names": ["read", "getpid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1},
    {"names": ["read"], "action": "SCMP_ACT_ERRNO", "errnoRet": 2},
    {"names": ["getpid", "read"], "action": "SCMP_ACT_KILL"}]}' >"$TMP/p.json"
  cat >"$TMP/direct.c" <<'C'
#include <seccomp.h>
#include <stdio.h>
int main(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int rc = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
	rc |= seccomp_arch_add(ctx, SCMP_ARCH_X86_64);
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1), SCMP_SYS(read), 0);
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1), SCMP_SYS(getpid), 0);
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(2), SCMP_SYS(read), 0);
	rc |= seccomp_rule_add(ctx, SCMP_ACT_KILL, SCMP_SYS(getpid), 0);
	rc |= seccomp_rule_add(ctx, SCMP_ACT_KILL, SCMP_SYS(read), 0);
	rc |= seccomp_export_bpf(ctx, 1);
	return rc != 0;
}
C
  cc -o "$TMP/direct" "$TMP/direct.c" -lseccomp
  "$TMP/direct" >"$TMP/direct.bpf"
  compile "$TMP/p.json" --arch amd64 --kernel 6.18 --no-enosys-stub --backend libseccomp \
    --format bpf -q -o "$TMP/ours.bpf"
  assert_success
  cmp "$TMP/direct.bpf" "$TMP/ours.bpf"
}

@test "60000 unknown names: 20 warnings and one line for the rest" {
  python3 -c "import json; print(json.dumps({'defaultAction': 'SCMP_ACT_ERRNO', 'syscalls': [{'names': ['nosuch_%d' % i for i in range(60000)] + ['exit_group'], 'action': 'SCMP_ACT_ALLOW'}]}))" >"$TMP/unknown.json"
  compile "$TMP/unknown.json" --arch amd64 --kernel 6.18 -o "$TMP/out.c"
  assert_success
  [ "$(grep -c 'warning: unknown syscall "nosuch_' <<<"$output")" -eq 20 ]
  assert_line "seccomp-embed: $TMP/unknown.json: syscalls: warning: 59980 more unknown syscall names skipped (20 shown)"
}

@test "64 OR'ed conditions on one syscall compile; the 65th rule is refused, naming the limit" {
  rules_json 1 "{\"names\": [\"personality\"], \"action\": \"SCMP_ACT_ERRNO\", \"args\": $(conditions 64 0)}" >"$TMP/64.json"
  compile "$TMP/64.json" --arch amd64 --kernel 6.18 -q -o "$TMP/out.c"
  assert_success
  rules_json 1 "{\"names\": [\"personality\"], \"action\": \"SCMP_ACT_ERRNO\", \"args\": $(conditions 65 0)}" >"$TMP/65.json"
  compile "$TMP/65.json" --arch amd64 --kernel 6.18 -q -o "$TMP/out2.c"
  assert_failure 2
  assert_output "seccomp-embed: $TMP/65.json: syscalls[0].names[0]: error: more than 64 rules with argument conditions on \"personality\" (conditions on one argument index are OR'ed: each counts as a rule, as runc adds it); at most 64 on one syscall are supported, as libseccomp's build time grows with the square of them"
  assert_file_not_exists "$TMP/out2.c"
}

@test "65 rules of one condition on one syscall are refused at the 65th" {
  rules_json 65 '{"names": ["personality"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1, "args": [{"index": 0, "value": "I", "op": "SCMP_CMP_EQ"}]}' >"$TMP/p.json"
  compile "$TMP/p.json" --arch amd64 --kernel 6.18 -q -o "$TMP/out.c"
  assert_failure 2
  assert_output --partial "$TMP/p.json: syscalls[64].names[0]: error: more than 64 rules with argument conditions on \"personality\""
}

@test "256 argument conditions in the profile compile; the 257th is refused" {
  # 64 syscalls with 4 conditions each (256), then one more rule
  python3 - "$TMP" <<'PY'
import json, sys
names = ["read", "write", "openat", "close", "mmap", "ioctl", "fcntl", "socket", "connect", "bind",
         "listen", "accept4", "sendto", "recvfrom", "setsockopt", "getsockopt", "prctl", "kill",
         "tgkill", "madvise", "mprotect", "pread64", "pwrite64", "lseek", "dup3", "pipe2",
         "epoll_ctl", "fstat", "newfstatat", "unlinkat", "renameat2", "mkdirat", "fchmodat",
         "fchownat", "linkat", "symlinkat", "readlinkat", "faccessat", "utimensat", "statx",
         "getdents64", "ftruncate", "fallocate", "fsync", "fdatasync", "flock", "sendmsg",
         "recvmsg", "shutdown", "getpeername", "getsockname", "socketpair", "eventfd2",
         "timerfd_create", "timerfd_settime", "signalfd4", "inotify_init1", "inotify_add_watch",
         "memfd_create", "copy_file_range", "splice", "tee", "sendfile", "preadv2", "pwritev2"]
def rule(name, values):
    return {"names": [name], "action": "SCMP_ACT_ERRNO",
            "args": [{"index": i, "value": v, "op": "SCMP_CMP_EQ"} for i, v in enumerate(values)]}
ok = [rule(n, [1, 2, 3, 4]) for n in names[:64]]
json.dump({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": ok}, open(sys.argv[1] + "/256.json", "w"))
json.dump({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": ok + [rule(names[64], [1])]},
          open(sys.argv[1] + "/257.json", "w"))
PY
  compile "$TMP/256.json" --arch amd64 --kernel 6.18 -q -o "$TMP/out.c"
  assert_success
  compile "$TMP/257.json" --arch amd64 --kernel 6.18 -q -o "$TMP/out2.c"
  assert_failure 2
  assert_output "seccomp-embed: $TMP/257.json: syscalls[64].names[0]: error: more than 256 argument conditions in the profile (a rule's count once for each syscall it names); at most 256 are supported, as libseccomp's build time grows with the square of them"
}

@test "32 rules of 6 conditions on one syscall: the backend gives up in bounded time and libseccomp's program ships" {
  # Once a hang: the partial evaluator's step budget wrapped around after
  # running out, and the walk went on over every path.
  python3 - "$TMP/p.json" <<'PY'
import json, random, sys
random.seed(1)
ops = ["SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT"]
rules = [{"names": ["personality"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1 + i,
          "args": [{"index": j, "value": random.randrange(1 << 40), "op": random.choice(ops)}
                   for j in range(6)]} for i in range(32)]
json.dump({"defaultAction": "SCMP_ACT_ALLOW", "syscalls": rules}, open(sys.argv[1], "w"))
PY
  compile "$TMP/p.json" --arch amd64 --kernel 6.18 -o "$TMP/out.c"
  assert_success
  assert_output --partial "libseccomp's program"
}

@test "17 distinct minKernel values, some repeated, are counted as 17" {
  python3 -c "
import json
vals = ['4.%d' % (i % 17) for i in range(30)]
print(json.dumps({'defaultAction': 'SCMP_ACT_ERRNO', 'syscalls': [{'names': ['read'], 'action': 'SCMP_ACT_ALLOW', 'includes': {'minKernel': v}} for v in vals]}))" >"$TMP/p.json"
  compile "$TMP/p.json" --arch amd64 -q -o "$TMP/out.c"
  assert_failure 2
  assert_output "seccomp-embed: $TMP/p.json: error: the profile has 17 distinct minKernel values; at most 15 are supported without --kernel"
}

@test "many names in many kernel ranges are refused at once, and --kernel builds the one program" {
  python3 -c "
import json
rules = [{'names': ['read', 'write', 'close', 'fstat', 'lseek'] * 20, 'action': 'SCMP_ACT_ALLOW', 'includes': {'minKernel': '4.%d' % (i % 14)}} for i in range(200)]
print(json.dumps({'defaultAction': 'SCMP_ACT_ERRNO', 'syscalls': rules}))" >"$TMP/p.json"
  compile "$TMP/p.json" --arch amd64 -q -o "$TMP/out.c"
  assert_failure 2
  assert_output "seccomp-embed: $TMP/p.json: error: the rules name syscalls 20000 times and need 16 programs (one per kernel range between minKernel values and 5.11, and per development-mode program); at most 250000 names times programs are supported: give the target's kernel with --kernel X.Y to build one program"
  compile "$TMP/p.json" --arch amd64 --kernel 6.18 -q -o "$TMP/out.c"
  assert_success
}

@test "a file of 1 MiB is read; one byte more is refused" {
  python3 -c "
import json
head = '{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"comment\": \"'
tail = '\"}\n'
print(head + 'a' * (1048576 - len(head) - len(tail)) + tail, end='')" >"$TMP/max.json"
  [ "$(stat -c %s "$TMP/max.json")" -eq 1048576 ]
  compile "$TMP/max.json" --arch amd64 -q -o "$TMP/out.c"
  assert_success
  { head -c 1048575 "$TMP/max.json"; printf ' \n'; } >"$TMP/over.json"
  compile "$TMP/over.json" --arch amd64 -q -o "$TMP/out2.c"
  assert_failure 2
  assert_output "seccomp-embed: $TMP/over.json: error: file is larger than 1 MiB; a seccomp profile is at most a few hundred kilobytes"
}

@test "eleven rules on which libseccomp's rule tree never stops growing: refused after its CPU limit" {
  # Found by random profiles within the limits: libseccomp 2.5.4 never
  # returns from adding the eleventh rule (runc would stall starting the
  # container).  Its build runs in a child with a CPU limit.
  cp "$SRC/tests/fuzz/regressions/libseccomp-tree-stall.json" "$TMP/p.json"
  compile "$TMP/p.json" --arch amd64 --kernel 6.18 -q -o "$TMP/out.c"
  assert_failure 2
  assert_output "seccomp-embed: $TMP/p.json: error: libseccomp did not finish building the filter in 2 s of CPU time: its rule tree for these argument conditions grows without bound (runc would stall the same way); fewer or simpler conditions on one syscall avoid it"
  assert_file_not_exists "$TMP/out.c"
}
