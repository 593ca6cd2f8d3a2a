#!/usr/bin/env bats
# The generator's command line: help, version, options and output files.

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
  printf '%s\n' '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read","write"],"action":"SCMP_ACT_ALLOW"}]}' > "$TMP/p.json"
}

@test "--help lists the commands and exits 0" {
  run "$SECCOMP_EMBED" --help
  assert_success
  assert_line --index 0 "usage: seccomp-embed COMMAND ARGUMENTS [options]"
  assert_output --partial "  compile PROFILE --arch ARCH"
  assert_output --partial "  stats PROFILE --arch ARCH"
  assert_output --partial "  suggest PROFILE RUN..."
  assert_output --partial "  dump PID"
  assert_output --partial "  diff A B"
  assert_output --partial "seccomp-embed COMMAND --help"
}

@test "each command's --help is its own: every option of that command, no other command's" {
  run "$SECCOMP_EMBED" compile --help
  assert_success
  assert_line --index 0 "usage: seccomp-embed compile PROFILE --arch ARCH [options]"
  assert_output --partial "--no-enosys-stub"
  refute_output --partial "Commands:"
  refute_output --partial "usage: seccomp-embed stats"
  run "$SECCOMP_EMBED" compile "$TMP/p.json" --arch amd64 -h
  assert_success
  assert_line --index 0 "usage: seccomp-embed compile PROFILE --arch ARCH [options]"
  run "$SECCOMP_EMBED" stats --help
  assert_success
  assert_line --index 0 --partial "usage: seccomp-embed stats PROFILE --arch ARCH"
  refute_output --partial "--format FMT"
  run "$SECCOMP_EMBED" suggest --help
  assert_success
  assert_line --index 0 --partial "usage: seccomp-embed suggest PROFILE RUN..."
  run "$SECCOMP_EMBED" dump --help
  assert_success
  assert_line --index 0 --partial "usage: seccomp-embed dump PID"
  run "$SECCOMP_EMBED" diff 1 2 --help
  assert_success
  assert_line --index 0 --partial "usage: seccomp-embed diff A B"
  refute_output --partial "--format FMT"
}

@test "--version names the libseccomp it was built with" {
  run "$SECCOMP_EMBED" --version
  assert_success
  assert_output --regexp '^seccomp-embed [0-9]+\.[0-9]+\.[0-9]+ \(libseccomp 2\.[0-9]+\.[0-9]+\)$'
}

@test "no arguments is a usage error (exit 2)" {
  run "$SECCOMP_EMBED"
  assert_failure 2
}

@test "missing --arch is a one-line error" {
  run "$SECCOMP_EMBED" compile "$TMP/p.json"
  assert_failure 2
  assert_output "seccomp-embed: error: --arch is required (for example --arch amd64)"
}

@test "unknown arch, format and option are refused with the choices" {
  run "$SECCOMP_EMBED" compile "$TMP/p.json" --arch vax
  assert_failure 2
  assert_output --partial "--arch vax: unknown architecture"
  run "$SECCOMP_EMBED" compile "$TMP/p.json" --arch amd64 --format elf
  assert_failure 2
  assert_output "seccomp-embed: error: --format elf: expected one of c, h, bpf, text"
  run "$SECCOMP_EMBED" compile "$TMP/p.json" --arch amd64 --frobnicate
  assert_failure 2
  assert_output "seccomp-embed: error: unknown option --frobnicate (see seccomp-embed compile --help)"
}

@test "every command reads its words alike: --opt=value, a missing value, a value given to a flag" {
  run "$SECCOMP_EMBED" compile "$TMP/p.json" --arch=amd64 --format=text -q
  assert_success
  assert_output --partial "A = arch"
  for cmd in compile stats suggest diff; do
    run "$SECCOMP_EMBED" "$cmd" "$TMP/p.json" --arch
    assert_failure 2
    assert_output "seccomp-embed: error: option --arch needs a value"
    run "$SECCOMP_EMBED" "$cmd" "$TMP/p.json" --quiet=yes
    assert_failure 2
    assert_output "seccomp-embed: error: option --quiet takes no value"
  done
  run "$SECCOMP_EMBED" compile "$TMP/p.json" --arch amd64 --frobnicate=1
  assert_failure 2
  assert_output "seccomp-embed: error: unknown option --frobnicate (see seccomp-embed compile --help)"
  run "$SECCOMP_EMBED" suggest "$TMP/p.json" --frobnicate=1
  assert_failure 2
  assert_output "seccomp-embed: error: unknown option --frobnicate (see seccomp-embed suggest --help)"
  run "$SECCOMP_EMBED" dump --index
  assert_failure 2
  assert_output "seccomp-embed: error: option --index needs a value"
  run "$SECCOMP_EMBED" dump --bare=1
  assert_failure 2
  assert_output "seccomp-embed: error: unknown option --bare (see seccomp-embed dump --help)"
  run "$SECCOMP_EMBED" dump -
  assert_failure 2
  assert_output "seccomp-embed: error: -: expected a process id (see seccomp-embed dump --help)"
  # compile's own options are refused by stats however they are written
  for opt in --format --format=c "--format c"; do
    run "$SECCOMP_EMBED" stats "$TMP/p.json" --arch amd64 $opt
    assert_failure 2
    assert_output "seccomp-embed: error: option --format does not apply to stats (see seccomp-embed stats --help)"
  done
}

@test "unknown capability is refused" {
  run "$SECCOMP_EMBED" compile "$TMP/p.json" --arch amd64 --cap-add SYS_WIZARD
  assert_failure 2
  assert_output --partial "--cap-add SYS_WIZARD: unknown capability"
}

@test "arch spellings: docker, uname and SCMP names give the same program" {
  for a in amd64 x86_64 SCMP_ARCH_X86_64; do
    "$SECCOMP_EMBED" compile "$TMP/p.json" --arch "$a" --format bpf -o "$TMP/$a.bpf" -q
  done
  cmp "$TMP/amd64.bpf" "$TMP/x86_64.bpf"
  cmp "$TMP/amd64.bpf" "$TMP/SCMP_ARCH_X86_64.bpf"
}

@test "output is deterministic, byte for byte" {
  for f in c h bpf text; do
    "$SECCOMP_EMBED" compile "$TMP/p.json" --arch amd64 --format $f -o "$TMP/a.$f" -q
    "$SECCOMP_EMBED" compile "$TMP/p.json" --arch amd64 --format $f -o "$TMP/b.$f" -q
    cmp "$TMP/a.$f" "$TMP/b.$f"
  done
}

@test "the profile can come from standard input" {
  run bash -c "'$SECCOMP_EMBED' compile - --arch amd64 --format bpf -q < '$TMP/p.json' | wc -c"
  assert_success
  [ "$output" -gt 0 ]
  [ $((output % 8)) -eq 0 ]
}

@test "a summary goes to stderr: arches, instructions, rules" {
  run --separate-stderr "$SECCOMP_EMBED" compile "$TMP/p.json" --arch amd64 -o "$TMP/o.c"
  assert_success
  [[ "$stderr" == *"arches x86_64; 1 program ("*" instructions); rules 1 kept, 0 dropped"* ]]
}

@test "a failed run leaves no output file behind" {
  echo '{"defaultAction": "SCMP_ACT_NOPE"}' > "$TMP/bad.json"
  run "$SECCOMP_EMBED" compile "$TMP/bad.json" --arch amd64 -o "$TMP/out.c"
  assert_failure 2
  assert_file_not_exists "$TMP/out.c"
  run bash -c "ls '$TMP' | grep -c tmp"
  assert_output 0
}

@test "bpf and text need --kernel when the profile uses minKernel" {
  printf '%s\n' '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"4.8"}}]}' > "$TMP/k.json"
  run "$SECCOMP_EMBED" compile "$TMP/k.json" --arch amd64 --format bpf -o "$TMP/k.bpf"
  assert_failure 2
  assert_output --partial "the profile uses minKernel; --format bpf holds one program, so give the target's kernel with --kernel X.Y"
  run "$SECCOMP_EMBED" compile "$TMP/k.json" --arch amd64 --format bpf --kernel 5.4 -o "$TMP/k.bpf" -q
  assert_success
}

@test "-o to a named pipe writes into it and leaves it a pipe (as for /dev/null)" {
  mkfifo "$TMP/pipe"
  cat "$TMP/pipe" > "$TMP/from-pipe" &
  "$SECCOMP_EMBED" compile "$TMP/p.json" --arch amd64 --format bpf -q -o "$TMP/pipe"
  wait
  "$SECCOMP_EMBED" compile "$TMP/p.json" --arch amd64 --format bpf -q -o "$TMP/direct.bpf"
  cmp "$TMP/from-pipe" "$TMP/direct.bpf"
  [ -p "$TMP/pipe" ]
  run bash -c "ls '$TMP' | grep -c tmp"
  assert_output 0
}

@test "-o through a symbolic link replaces the file it points to, not the link" {
  echo old > "$TMP/real.c"
  ln -s real.c "$TMP/link.c"
  "$SECCOMP_EMBED" compile "$TMP/p.json" --arch amd64 -q -o "$TMP/link.c"
  [ -L "$TMP/link.c" ]
  run grep -c "seccomp_embed_filter" "$TMP/real.c"
  refute_output 0
}

# man_text PAGE: the roff source as plain text (escapes of - and fonts undone)
man_text() {
  sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$SRC/man/$1"
}

@test "every option each command accepts is in seccomp-embed(1), and every command" {
  local missing="" cmd opt
  man_text seccomp-embed.1 >"$TMP/man.txt"
  for cmd in compile stats suggest dump diff; do
    grep -q "^\.SS $cmd$" "$TMP/man.txt" || missing+=" (command $cmd)"
    for opt in $("$SECCOMP_EMBED" $cmd --help | grep -oE '^ +(-[-a-z0-9]+)(, -[-a-z0-9]+)*' | grep -oE -- '-[-a-z0-9]+'); do
      grep -qe "$opt" "$TMP/man.txt" || missing+=" $cmd:$opt"
    done
  done
  [ -z "$missing" ] || fail "not in man/seccomp-embed.1:$missing"
}

@test "seccomp_embed_install(3) documents every function, flag and environment switch of the header" {
  local missing="" name
  man_text seccomp_embed_install.3 >"$TMP/man3.txt"
  for name in $(grep -oE '^(int|void|const struct seccomp_embed_program \*) *seccomp_embed_[a-z_]+|^seccomp_embed_[a-z_]+\(' "$SRC/runtime/include/seccomp_embed.h" | grep -oE 'seccomp_embed_[a-z_]+') \
      $(grep -oE '^#define SECCOMP_EMBED_(KEEP_PRIVS|NO_TSYNC|REPORT_ONCE)' "$SRC/runtime/include/seccomp_embed.h" | cut -d' ' -f2) \
      $(grep -ohE 'SECCOMP_EMBED_(CRASH|REPORT_FD|REPORT_ONCE|REPORT_FORMAT)=' "$SRC/docs/runtime.md" | sort -u); do
    grep -qF "$name" "$TMP/man3.txt" || missing+=" $name"
  done
  [ -z "$missing" ] || fail "not in man/seccomp_embed_install.3:$missing"
}
