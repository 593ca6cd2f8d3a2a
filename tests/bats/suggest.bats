#!/usr/bin/env bats
# `seccomp-embed suggest`: from what a run called to a profile.  The runs
# are real: tests/tools/call_list.c, built at test time with a filter
# installed at start-up, makes the syscalls its arguments name under a
# learn or enforce build (reports on stderr), under strace, under the
# kernel's audit log, or under bwrap with a raw program.

# The runtime, built here without the build's sanitizer flags: a
# sanitizer's own syscalls (at exit, in new threads) are not the subject's,
# and the tight profiles these tests write would refuse them.  The
# sanitizer pass still runs the sanitized generator on every call.
setup_file() {
  export RUNTIME="$BATS_FILE_TMPDIR/libruntime.a"
  for f in "$SECCOMP_EMBED_SOURCE_DIR"/runtime/src/*.c; do
    gcc -std=c11 -O1 -I"$SECCOMP_EMBED_SOURCE_DIR/runtime/include" -c "$f" \
      -o "$BATS_FILE_TMPDIR/$(basename "$f" .c).o"
  done
  ar rcs "$RUNTIME" "$BATS_FILE_TMPDIR"/*.o
}

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
  ARCH="$(uname -m)"
  CALLS="$SRC/tests/tools/call_list.c"
}

# build_subject PROFILE MODE NAME [compile options...]: $TMP/NAME is
# call_list under PROFILE in MODE, installed before main().
build_subject() {
  "$SECCOMP_EMBED" compile "$1" --arch "$ARCH" --mode "$2" --install startup -q \
    -o "$TMP/$3.c" "${@:4}"
  gcc -std=c11 -O1 -I"$SRC/runtime/include" "$CALLS" "$TMP/$3.c" "$RUNTIME" -o "$TMP/$3"
}

# The start profile, and a learn build of it.
start_and_learn() {
  "$SECCOMP_EMBED" suggest --start -o "$TMP/profile.json"
  build_subject "$TMP/profile.json" learn learn
}

# Does this machine run int $0x80 (IA-32 emulation)?  The answer is said.
need_int80() {
  [ "$ARCH" = x86_64 ] || skip "int \$0x80 is x86_64's"
  gcc -std=c11 -O1 "$CALLS" -o "$TMP/plain"
  "$TMP/plain" int80:20 >/dev/null 2>&1 ||
    skip "this machine has no IA-32 emulation (int \$0x80 kills the caller)"
}

@test "suggest --help names the inputs, the options and what is never added silently" {
  run -0 "$SECCOMP_EMBED" suggest --help
  assert_line --index 0 "usage: seccomp-embed suggest PROFILE RUN... [options]"
  for word in --args --allow-risky --diff --start --exec type=SECCOMP "strace output" JSON; do
    assert_output --partial -- "$word"
  done
  run -0 "$SECCOMP_EMBED" --help
  assert_output --partial "  suggest PROFILE RUN..."
}

@test "usage errors: one line, exit 2, nothing written" {
  "$SECCOMP_EMBED" suggest --start -o "$TMP/p.json"
  check() {
    run -2 "$SECCOMP_EMBED" suggest "$@" -o "$TMP/out.json"
    [ "${#lines[@]}" -eq 1 ] || fail "more than one line for $*: $output"
    assert_file_not_exists "$TMP/out.json"
  }
  check
  assert_output "seccomp-embed: error: no profile given (usage: seccomp-embed suggest PROFILE RUN..., or suggest --start to begin one)"
  check "$TMP/p.json"
  assert_output --partial "no run given"
  check "$TMP/p.json" run.log --exec
  assert_output "seccomp-embed: error: --exec shapes the --start profile: it needs --start"
  check --start --diff
  assert_output --partial "--diff shows a change to PROFILE"
  check "$TMP/p.json" run.log --bogus
  assert_output "seccomp-embed: error: unknown option --bogus (see seccomp-embed suggest --help)"
  check "$TMP/p.json" run.log --arch vax
  assert_output --partial "--arch vax: unknown architecture"
  check "$TMP/p.json" "$TMP/no-such-run.log"
  assert_output --partial "no-such-run.log"
  check "$TMP/p.json" run.log --format c
  assert_output --partial "unknown option --format"
  check - - < "$TMP/p.json"
  assert_output "seccomp-embed: error: standard input (-) is given 2 times; it can be read once"
}

@test "--start: a profile that compiles with no warning on every test arch, with and without --exec" {
  for arch in amd64 arm64 x86 arm riscv64 ppc64le s390x mips64; do
    for exec in "" --exec; do
      "$SECCOMP_EMBED" suggest --start $exec --arch "$arch" -o "$TMP/start.json"
      run -0 "$SECCOMP_EMBED" compile "$TMP/start.json" --arch "$arch" --strict -o /dev/null
      assert_output --partial "; 0 warnings"
    done
  done
  run -0 "$SECCOMP_EMBED" suggest --start --arch amd64
  assert_output --partial '"defaultAction": "SCMP_ACT_ERRNO"'
  assert_output --partial '"architectures": ["SCMP_ARCH_X86_64"]'
  refute_output --partial '"execve"'
}

@test "a program under the --start profile starts and ends; what it did not ask for is denied" {
  "$SECCOMP_EMBED" suggest --start -o "$TMP/profile.json"
  build_subject "$TMP/profile.json" enforce enforce
  # its output is denied too: write is not in the start profile
  run -0 "$TMP/enforce" getppid
  assert_output ""
  run -0 strace -f -e trace=getppid,write -o "$TMP/trace" "$TMP/enforce" getppid
  run -0 grep -c '^[0-9]* *getppid() *= -1 EPERM' "$TMP/trace"
  run -0 grep -c '^[0-9]* *write(1, "getppid = -1 EPERM\\n", 19) = -1 EPERM' "$TMP/trace"
}

@test "learn run -> suggest -> enforce build: every call the run made now succeeds, others are denied" {
  start_and_learn
  run -0 --separate-stderr "$TMP/learn" getppid umask:022 socket:1,1,0
  echo "$stderr" > "$TMP/run.log"
  assert_line --index 0 --regexp "^getppid = [0-9]+$"
  run -0 "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$TMP/run.log" -o "$TMP/suggested.json"
  assert_output --regexp "read [0-9]+ report, 0 strace, 0 audit lines and 0 strace -c rows; added [0-9]+ names"
  build_subject "$TMP/suggested.json" enforce enforce
  run -0 "$TMP/enforce" getppid umask:022 socket:1,1,0 getuid
  assert_line --index 0 --regexp "^getppid = [0-9]+$"
  assert_line --index 1 "umask = 18"
  assert_line --index 2 --regexp "^socket = [0-9]+$"
  assert_line --index 3 "getuid = -1 EPERM"
}

@test "the author's text is kept byte for byte: the change is rules added at the end of syscalls" {
  start_and_learn
  "$TMP/learn" getppid 2>"$TMP/run.log" >/dev/null
  "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$TMP/run.log" -q -o "$TMP/suggested.json"
  run diff "$TMP/profile.json" "$TMP/suggested.json"
  assert_failure 1
  # only lines added, in one place
  run bash -c "diff '$TMP/profile.json' '$TMP/suggested.json' | grep -c '^[<>-]'"
  assert_output "$(diff "$TMP/profile.json" "$TMP/suggested.json" | grep -c '^>')"
  run bash -c "diff '$TMP/profile.json' '$TMP/suggested.json' | grep -c '^[0-9]'"
  assert_output 1
  run -0 grep -c '"comment": "seccomp-embed suggest: called in' "$TMP/suggested.json"
  assert_output 1
  # --diff is the same change, as patch applies it
  "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$TMP/run.log" -q --diff > "$TMP/change.diff"
  cp "$TMP/profile.json" "$TMP/patched.json"
  patch -s "$TMP/patched.json" < "$TMP/change.diff"
  cmp "$TMP/patched.json" "$TMP/suggested.json"
}

@test "a tab-indented profile with one-line names gets rules in its own layout" {
  printf '{\n\t"defaultAction": "SCMP_ACT_ERRNO",\n\t"syscalls": [\n\t\t{\n\t\t\t"names": ["exit_group", "write"],\n\t\t\t"action": "SCMP_ACT_ALLOW"\n\t\t}\n\t]\n}\n' > "$TMP/tabs.json"
  printf 'seccomp-embed: learn: pid 1 tid 1 syscall getppid(110) arch x86_64 args 0 0 0 0 0 0 pc 0x1 rule defaultAction: would be returning EPERM; allowed (learn mode)\n' > "$TMP/run.log"
  run -0 "$SECCOMP_EMBED" suggest "$TMP/tabs.json" "$TMP/run.log" --arch amd64 -q
  assert_output "$(printf '{\n\t"defaultAction": "SCMP_ACT_ERRNO",\n\t"syscalls": [\n\t\t{\n\t\t\t"names": ["exit_group", "write"],\n\t\t\t"action": "SCMP_ACT_ALLOW"\n\t\t},\n\t\t{\n\t\t\t"names": ["getppid"],\n\t\t\t"action": "SCMP_ACT_ALLOW",\n\t\t\t"comment": "seccomp-embed suggest: called in %s (1 call)"\n\t\t}\n\t]\n}' "$TMP/run.log")"
}

@test "a profile without syscalls, and an OCI config.json, get the array where it belongs" {
  printf '{"defaultAction": "SCMP_ACT_ERRNO"}\n' > "$TMP/bare.json"
  printf 'seccomp-embed: learn: pid 1 tid 1 syscall getppid(110) arch x86_64 args 0 0 0 0 0 0 pc 0x1 rule defaultAction: would be returning EPERM; allowed (learn mode)\n' > "$TMP/run.log"
  "$SECCOMP_EMBED" suggest "$TMP/bare.json" "$TMP/run.log" --arch amd64 -q -o "$TMP/bare-out.json"
  run -0 "$SECCOMP_EMBED" compile "$TMP/bare-out.json" --arch amd64 --format text
  assert_output --partial "getppid"
  cat > "$TMP/config.json" <<'JSON'
{
  "ociVersion": "1.0.2",
  "process": {"args": ["sh"]},
  "linux": {
    "seccomp": {
      "defaultAction": "SCMP_ACT_ERRNO",
      "architectures": ["SCMP_ARCH_X86_64"],
      "syscalls": [{"names": ["exit_group"], "action": "SCMP_ACT_ALLOW"}]
    }
  }
}
JSON
  "$SECCOMP_EMBED" suggest "$TMP/config.json" "$TMP/run.log" --arch amd64 -q -o "$TMP/config-out.json"
  run -0 python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print([r['names'] for r in d['linux']['seccomp']['syscalls']], d['process'])" "$TMP/config-out.json"
  assert_output "[['exit_group'], ['getppid']] {'args': ['sh']}"
}

@test "JSON report lines give the same profile as text lines" {
  start_and_learn
  "$TMP/learn" getppid umask:022 2>"$TMP/text.log" >/dev/null
  SECCOMP_EMBED_REPORT_FORMAT=json "$TMP/learn" getppid umask:022 2>"$TMP/json.log" >/dev/null
  run -0 grep -c '^{"event":' "$TMP/json.log"
  "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$TMP/text.log" -q -o "$TMP/from-text.json"
  "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$TMP/json.log" -q -o "$TMP/from-json.json"
  diff <(sed 's/called in [^ ]*/called in RUN/' "$TMP/from-text.json") \
       <(sed 's/called in [^ ]*/called in RUN/' "$TMP/from-json.json")
}

@test "--args: conditions from the values the run showed, and a call with another value stays denied" {
  start_and_learn
  "$TMP/learn" socket:1,1,0 'ioctl:1,0x5413,&' 2>"$TMP/run.log" >/dev/null
  "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$TMP/run.log" --args -q -o "$TMP/args.json"
  run -0 python3 -c "import json,sys
for r in json.load(open(sys.argv[1]))['syscalls']:
    if 'args' in r: print(r['names'], [(a['index'], a['value'], a['op']) for a in r['args']])" "$TMP/args.json"
  assert_line "['socket'] [(0, 1, 'SCMP_CMP_EQ')]"
  # TCGETS, glibc's isatty() on stdout as it prints the first line; then
  # TIOCGWINSZ, the call's own
  assert_line "['ioctl'] [(1, 21505, 'SCMP_CMP_EQ'), (1, 21523, 'SCMP_CMP_EQ')]"
  build_subject "$TMP/args.json" enforce enforce
  run -0 "$TMP/enforce" socket:1,1,0 socket:2,1,0 'ioctl:1,0x5413,&' 'ioctl:1,0x541b,&'
  assert_line --index 0 --regexp "^socket = [0-9]+$"
  assert_line --index 1 "socket = -1 EPERM"
  refute_line --index 2 "ioctl = -1 EPERM"
  assert_line --index 3 "ioctl = -1 EPERM"
}

@test "a syscall the profile allows under conditions gets a rule with the same argument, not a plain allow" {
  cat > "$TMP/unix-only.json" <<'JSON'
{
  "defaultAction": "SCMP_ACT_ERRNO",
  "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64"],
  "syscalls": [
    {"names": ["exit", "exit_group", "write", "newfstatat", "getrandom", "brk", "mmap", "munmap", "futex"], "action": "SCMP_ACT_ALLOW"},
    {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}]}
  ]
}
JSON
  build_subject "$TMP/unix-only.json" learn learn
  "$TMP/learn" socket:1,1,0 socket:2,1,0 2>"$TMP/run.log" >/dev/null
  run -0 grep -c "syscall socket(.*syscalls\[1\].args\[0\]: EQ 0x1 did not match 0x2" "$TMP/run.log"
  "$SECCOMP_EMBED" suggest "$TMP/unix-only.json" "$TMP/run.log" -q -o "$TMP/out.json"
  run -0 grep -c '"names": \["socket"\]' "$TMP/out.json"
  assert_output 2
  build_subject "$TMP/out.json" enforce enforce
  run -0 "$TMP/enforce" socket:1,1,0 socket:2,1,0 socket:16,3,0
  assert_line --index 1 --regexp "^socket = [0-9]+$"
  assert_line --index 2 "socket = -1 EPERM"
}

@test "what a rule of the profile denies, and risky syscalls, are named and not added" {
  cat > "$TMP/deny-umask.json" <<'JSON'
{
  "defaultAction": "SCMP_ACT_ERRNO",
  "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64"],
  "syscalls": [
    {"names": ["exit", "exit_group", "write", "newfstatat", "ioctl", "getrandom", "brk", "mmap", "munmap", "futex"], "action": "SCMP_ACT_ALLOW"},
    {"names": ["umask"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13, "comment": "never"}
  ]
}
JSON
  build_subject "$TMP/deny-umask.json" learn learn
  "$TMP/learn" umask:022 syslog:10,0,0 2>"$TMP/run.log" >/dev/null
  run -0 --separate-stderr "$SECCOMP_EMBED" suggest "$TMP/deny-umask.json" "$TMP/run.log"
  [ "$output" = "$(cat "$TMP/deny-umask.json")" ] || fail "the profile changed: $output"
  [[ "$stderr" == *"not added, risky (review; add by hand or use --allow-risky): syslog"* ]] || fail "$stderr"
  [[ "$stderr" == *"not added, a rule of the profile denies them (change that rule if the program needs them): umask (syscalls[1]: SCMP_ACT_ERRNO)"* ]] || fail "$stderr"
  "$SECCOMP_EMBED" suggest "$TMP/deny-umask.json" "$TMP/run.log" --allow-risky -q -o "$TMP/out.json"
  run -0 grep -c '"syslog"' "$TMP/out.json"
  run -0 grep -c '"umask"' "$TMP/out.json"
  assert_output 1
}

@test "int \$0x80: the call lands as the i386 name, and an unlisted i386 is said, not added" {
  need_int80
  start_and_learn
  "$TMP/learn" int80:7,-1,0,1 2>"$TMP/run.log" >/dev/null
  run -0 --separate-stderr "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$TMP/run.log"
  [[ "$stderr" == *"called on an arch the profile does not list"*"i386 (SCMP_ARCH_X86)"* ]] || fail "$stderr"
  refute_output --partial '"waitpid"'
  sed 's/"SCMP_ARCH_X86_64"/"SCMP_ARCH_X86_64", "SCMP_ARCH_X86"/' "$TMP/profile.json" > "$TMP/with-x86.json"
  build_subject "$TMP/with-x86.json" learn learn86
  "$TMP/learn86" int80:7,-1,0,1 2>"$TMP/run86.log" >/dev/null
  run -0 grep -c "syscall waitpid(7) arch i386" "$TMP/run86.log"
  run -0 --separate-stderr "$SECCOMP_EMBED" suggest "$TMP/with-x86.json" "$TMP/run86.log" -o "$TMP/out.json"
  [[ "$stderr" == *"names added for a sub-arch's calls: waitpid (i386)"* ]] || fail "$stderr"
  build_subject "$TMP/out.json" enforce enforce
  run -0 "$TMP/enforce" int80:7,-1,0,1
  assert_output "int80 = -1 ECHILD"
}

@test "strace -f, -ff and -c of a real run give the same names; a 32-bit call is i386's" {
  command -v strace >/dev/null || skip "strace is not installed"
  gcc -std=c11 -O1 "$CALLS" -o "$TMP/plain"
  "$SECCOMP_EMBED" suggest --start -o "$TMP/profile.json"
  strace -f -o "$TMP/f.log" "$TMP/plain" getppid umask:022 >/dev/null
  strace -ff -o "$TMP/ff" "$TMP/plain" getppid umask:022 >/dev/null
  strace -c -o "$TMP/c.log" "$TMP/plain" getppid umask:022 >/dev/null
  names() { python3 -c "import json,sys; print(sorted(n for r in json.load(open(sys.argv[1]))['syscalls'] for n in r['names']))" "$1"; }
  "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$TMP/f.log" -q -o "$TMP/f.json"
  "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$TMP"/ff.* -q -o "$TMP/ff.json"
  "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$TMP/c.log" -q -o "$TMP/c.json"
  assert_equal "$(names "$TMP/f.json")" "$(names "$TMP/ff.json")"
  assert_equal "$(names "$TMP/f.json")" "$(names "$TMP/c.json")"
  run names "$TMP/f.json"
  assert_output --partial "'getppid'"
  assert_output --partial "'umask'"
  if [ "$ARCH" = x86_64 ] && "$TMP/plain" int80:20 >/dev/null 2>&1; then
    # strace names the call waitpid, a name x86_64 does not have
    strace -f -o "$TMP/32.log" "$TMP/plain" int80:7,-1,0,1 >/dev/null
    grep -q "waitpid(-1, NULL, WNOHANG)" "$TMP/32.log" || fail "no waitpid in: $(cat "$TMP/32.log")"
    sed 's/"SCMP_ARCH_X86_64"/"SCMP_ARCH_X86_64", "SCMP_ARCH_X86"/' "$TMP/profile.json" > "$TMP/with-x86.json"
    run -0 "$SECCOMP_EMBED" suggest "$TMP/with-x86.json" "$TMP/32.log"
    assert_output --partial '"waitpid"'
  fi
}

@test "every strace log of the corpus gives a profile that compiles" {
  require_corpus
  "$SECCOMP_EMBED" suggest --start --exec -o "$TMP/profile.json"
  n=0
  for log in "$CORPUS"/strace/*; do
    "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$log" -q -o "$TMP/out.json" ||
      fail "suggest failed on $log"
    run -0 "$SECCOMP_EMBED" compile "$TMP/out.json" --arch amd64 -o /dev/null
    cmp -s "$TMP/profile.json" "$TMP/out.json" && fail "$log added nothing"
    n=$((n + 1))
  done
  [ "$n" -gt 0 ] || skip "the corpus has no strace logs"
}

@test "the kernel's audit lines (SECCOMP_FILTER_FLAG_LOG) are read, raw as dmesg shows them" {
  dmesg >/dev/null 2>&1 || skip "dmesg cannot be read here"
  cat > "$TMP/logged.json" <<'JSON'
{
  "defaultAction": "SCMP_ACT_ALLOW",
  "flags": ["SECCOMP_FILTER_FLAG_LOG"],
  "syscalls": [{"names": ["getppid", "umask"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]
}
JSON
  build_subject "$TMP/logged.json" enforce logged
  run -0 "$TMP/logged" getppid umask:022
  assert_line --index 0 "getppid = -1 EPERM"
  pid_re="pid=[0-9]+ .*comm=\"logged\""
  sleep 0.2
  dmesg | grep -E "type=1326 .*$pid_re" | tail -n 20 > "$TMP/audit.log" || true
  [ -s "$TMP/audit.log" ] || skip "the kernel logged no seccomp audit record (auditd may take them, or kernel.printk_ratelimit hid them)"
  "$SECCOMP_EMBED" suggest --start -o "$TMP/profile.json"
  run -0 "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$TMP/audit.log"
  assert_output --partial '"getppid"'
  assert_output --partial '"umask"'
}

@test "--start --exec, strace of a command, then bwrap runs it under the raw program" {
  command -v strace >/dev/null || skip "strace is not installed"
  command -v bwrap >/dev/null || skip "bwrap is not installed (Debian package bubblewrap)"
  bwrap --ro-bind / / --dev /dev true 2>/dev/null || skip "bwrap cannot create its namespaces here"
  gcc -std=c11 -O1 "$CALLS" -o "$TMP/plain"
  strace -f -o "$TMP/run.log" "$TMP/plain" getppid umask:022 >/dev/null
  "$SECCOMP_EMBED" suggest --start --exec "$TMP/run.log" -q -o "$TMP/profile.json"
  "$SECCOMP_EMBED" compile "$TMP/profile.json" --arch "$ARCH" --format bpf -q -o "$TMP/p.bpf"
  run -0 bwrap --ro-bind / / --dev /dev --seccomp 3 "$TMP/plain" getppid umask:022 getuid 3<"$TMP/p.bpf"
  assert_line --index 0 --regexp "^getppid = [0-9]+$"
  assert_line --index 1 --regexp "^umask = [0-9]+$"
  assert_line --index 2 "getuid = -1 EPERM"
}

@test "-o may be the profile itself; an unreadable run leaves it untouched" {
  start_and_learn
  "$TMP/learn" getppid 2>"$TMP/run.log" >/dev/null
  cp "$TMP/profile.json" "$TMP/before.json"
  run -2 "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$TMP/run.log" "$TMP/missing.log" -o "$TMP/profile.json"
  cmp "$TMP/profile.json" "$TMP/before.json"
  run -0 "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$TMP/run.log" -q -o "$TMP/profile.json"
  run -0 grep -c '"getppid"' "$TMP/profile.json"
  # a second time nothing is left to add: the file stays as it is
  cp "$TMP/profile.json" "$TMP/once.json"
  run -0 "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$TMP/run.log" -o "$TMP/profile.json"
  assert_output --regexp "added 0 names and 0 rules with arguments for 0 calls; [0-9]+ calls already allowed"
  cmp "$TMP/profile.json" "$TMP/once.json"
}
