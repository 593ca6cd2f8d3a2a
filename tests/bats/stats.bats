#!/usr/bin/env bats
# `seccomp-embed stats`: our backend and libseccomp's two levels side by side.
# The numbers are checked against each other and against what `compile`
# writes and says, never against figures copied from a run.

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
  DOCKER="$SRC/profiles/docker-default.json"
}

# The cell of the last `run`'s table in the row labelled $1, column $2
# (1 ours, 2 libseccomp level 1, 3 libseccomp level 2).
cell() {
  awk -F'|' -v row="$1" -v col="$2" '
    { label = $2; gsub(/^ +| +$/, "", label) }
    label == row { v = $(col + 2); gsub(/^ +| +$/, "", v); print v; found = 1 }
    END { if (!found) exit 1 }' <<<"$output"
}

# The mean / max cell of $1 split: "13.0 / 14" -> MEAN=13.0 MAX=14.
split_cost() {
  MEAN="${1%% / *}"
  MAX="${1##* / }"
}

# "298 of 298" -> N=298 M=298.
split_of() {
  N="${1%% of *}"
  M="${1##* of }"
}

@test "stats --help says what is counted and which argument values are tried" {
  run "$SECCOMP_EMBED" stats --help
  assert_success
  assert_line --index 0 --partial "usage: seccomp-embed stats PROFILE --arch ARCH"
  assert_output --partial "optimize level 1 (a linear chain) and level 2"
  assert_output --partial "argument values translation validation tries"
  assert_output --partial "without --kernel, the program for the newest"
  run "$SECCOMP_EMBED" --help
  assert_output --partial "  stats PROFILE --arch ARCH"
}

@test "output format: a header, then a Markdown table with one cell per backend" {
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q
  assert_success
  assert_line --index 0 --regexp '^seccomp-embed stats: .*docker-default.json for x86_64 \(arches x86_64 i386 x32\), kernel 5\.11 and later \(the newest of [0-9]+ kernel ranges starts at [0-9]+\.[0-9]+; from 5\.11 the kernel caches allowed syscalls; --kernel X\.Y picks another\)$'
  assert_line --index 1 --regexp '^ours: validated against libseccomp level [12] \(runc.s choice\) on [0-9]+ inputs$'
  assert_line "| | ours | libseccomp level 1 | libseccomp level 2 |"
  assert_line "|---|---:|---:|---:|"
  assert_line --regexp '^\| program length( \| [0-9]+){3} \|$'
  assert_line --regexp '^\| attach: length once converted to eBPF( \| [0-9]+){3} \|$'
  assert_line --regexp '^\| attach: instructions the cache emulates, mean per number( \| [0-9]+\.[0-9]{2}){3} \|$'
  for arch in x86_64 i386 "all cached arches"; do
    assert_line --regexp "^\| $arch: constant-allow syscalls that skip the filter( \| [0-9]+ of [0-9]+){3} \|\$"
  done
  for scope in x86_64 "all arches"; do
    for group in argument-checked denied "allowed, uncached"; do
      assert_line --regexp "^\| $scope, $group: syscalls( \| [0-9]+){3} \|\$"
      assert_line --regexp "^\| $scope, $group: instructions mean / max( \| ([0-9]+\.[0-9] / [0-9]+|-)){3} \|\$"
    done
  done
  assert_line --regexp '^\| x86_64, denied, every number 0-[0-9]+ \(gaps too\): numbers( \| [0-9]+){3} \|$'
  assert_line --regexp '^\| x86_64, denied, every number 0-[0-9]+ \(gaps too\): instructions mean / max( \| [0-9]+\.[0-9]{2} / [0-9]+){3} \|$'
  # every row has the three columns, nothing else is printed on stdout
  [ "$(grep -c '^|' <<<"$output")" -eq 22 ]
  [ "${#lines[@]}" -eq 25 ]
}

@test "docker-default amd64: ours is shorter and no slower than libseccomp" {
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q
  assert_success
  ours=$(cell "program length" 1) level1=$(cell "program length" 2) level2=$(cell "program length" 3)
  [ "$ours" -lt "$level1" ]
  [ "$level1" -lt "$level2" ] # libseccomp's tree costs length
  for scope in x86_64 "all arches"; do
    for group in argument-checked denied; do
      [ "$(cell "$scope, $group: syscalls" 1)" -gt 0 ]
      split_cost "$(cell "$scope, $group: instructions mean / max" 1)"; ours_mean=$MEAN ours_max=$MAX
      split_cost "$(cell "$scope, $group: instructions mean / max" 2)"; l1_mean=$MEAN
      split_cost "$(cell "$scope, $group: instructions mean / max" 3)"; l2_mean=$MEAN l2_max=$MAX
      [ "$ours_max" -le "$l2_max" ]
      awk -v o="$ours_mean" -v a="$l1_mean" -v b="$l2_mean" 'BEGIN { exit !(o <= b && b < a) }'
    done
  done
}

@test "docker-default amd64: ours is the cheapest to attach, and fits one page of eBPF" {
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q
  assert_success
  for c in 1 2 3; do
    # every classic instruction becomes at least one, after a prologue of three
    [ "$(cell "attach: length once converted to eBPF" $c)" -ge $(( $(cell "program length" $c) + 3 )) ]
  done
  ebpf=$(cell "attach: length once converted to eBPF" 1)
  [ "$ebpf" -lt "$(cell "attach: length once converted to eBPF" 2)" ]
  [ "$ebpf" -lt "$(cell "attach: length once converted to eBPF" 3)" ]
  # a 4 KiB page holds about 500 eBPF instructions after the program's header;
  # past it the kernel reallocates the program while converting it
  [ "$ebpf" -lt 490 ]
  ours=$(cell "attach: instructions the cache emulates, mean per number" 1)
  level1=$(cell "attach: instructions the cache emulates, mean per number" 2)
  level2=$(cell "attach: instructions the cache emulates, mean per number" 3)
  awk -v o="$ours" -v a="$level1" -v b="$level2" 'BEGIN { exit !(o < b && b < a && o >= 5) }'
}

@test "docker-default amd64: the three programs agree on what each syscall is" {
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q
  assert_success
  for label in "x86_64: constant-allow syscalls that skip the filter" \
               "i386: constant-allow syscalls that skip the filter" \
               "all cached arches: constant-allow syscalls that skip the filter"; do
    split_of "$(cell "$label" 1)"; [ "$N" -eq "$M" ]; [ "$M" -gt 0 ]; m1=$M
    split_of "$(cell "$label" 2)"; [ "$N" -eq "$M" ]; [ "$M" -eq "$m1" ]
    split_of "$(cell "$label" 3)"; [ "$N" -eq "$M" ]; [ "$M" -eq "$m1" ]
  done
  for scope in x86_64 "all arches"; do
    for group in argument-checked denied "allowed, uncached"; do
      n=$(cell "$scope, $group: syscalls" 1)
      [ "$(cell "$scope, $group: syscalls" 2)" -eq "$n" ]
      [ "$(cell "$scope, $group: syscalls" 3)" -eq "$n" ]
      # the target's syscalls are a part of all arches'
      [ "$(cell "x86_64, $group: syscalls" 1)" -le "$(cell "all arches, $group: syscalls" 1)" ]
    done
  done
  # x32 numbers never skip the filter, so the allowed ones show here
  [ "$(cell "x86_64, allowed, uncached: syscalls" 1)" -eq 0 ]
  [ "$(cell "all arches, allowed, uncached: syscalls" 1)" -gt 0 ]
}

@test "lengths and cache counts are those of the programs compile writes" {
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q
  assert_success
  kernel=$(sed -n '1s/.*kernel \([0-9.]*\) and later.*/\1/p' <<<"$output")
  reference=$(sed -n '2s/.*against libseccomp level \([12]\).*/\1/p' <<<"$output")
  ours_len=$(cell "program length" 1)
  ref_len=$(cell "program length" $((reference + 1)))
  cache=$(cell "all cached arches: constant-allow syscalls that skip the filter" 1)
  stats_output="$output"

  "$SECCOMP_EMBED" compile "$DOCKER" --arch amd64 --kernel "$kernel" --format bpf \
    -o "$TMP/ours.bpf" 2>"$TMP/ours.log"
  "$SECCOMP_EMBED" compile "$DOCKER" --arch amd64 --kernel "$kernel" --format bpf \
    --backend libseccomp -o "$TMP/ref.bpf" -q
  [ $(($(stat -c %s "$TMP/ours.bpf") / 8)) -eq "$ours_len" ]
  [ $(($(stat -c %s "$TMP/ref.bpf") / 8)) -eq "$ref_len" ]
  grep -q "; $cache constant-allow syscalls skip the filter (x86_64 " "$TMP/ours.log"

  # the newest kernel range is what --kernel gives explicitly
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q --kernel "$kernel"
  assert_success
  assert_line --index 0 --partial ", kernel $kernel"
  [ "$(grep '^|' <<<"$output")" = "$(grep '^|' <<<"$stats_output")" ]
}

@test "an older kernel moves the minKernel rule's syscalls from allowed to denied" {
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q
  # the newest minKernel range starts below 5.11, where the kernel has no cache
  assert_line --index 0 --partial "kernel 5.11 and later (the newest of"
  kernel=$(sed -n '1s/.*ranges starts at \([0-9]*\.[0-9]*\);.*/\1/p' <<<"$output")
  older="${kernel%%.*}.$(( ${kernel##*.} - 1 ))"
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q --kernel "$kernel"
  assert_success
  new_allowed=$(cell "x86_64, allowed, uncached: syscalls" 1)
  new_denied=$(cell "x86_64, denied: syscalls" 1)
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q --kernel "$older"
  assert_success
  assert_line --index 0 --partial ", kernel $older"
  old_allowed=$(cell "x86_64, allowed, uncached: syscalls" 1)
  old_denied=$(cell "x86_64, denied: syscalls" 1)
  [ "$old_allowed" -lt "$new_allowed" ]
  [ $((old_denied - new_denied)) -eq $((new_allowed - old_allowed)) ]
}

@test "a kernel before 5.11 keeps no cache: every allowed call runs the filter, and --mix weighs them" {
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q --kernel 4.18 --mix "$SRC/bench/mixes/python3.strace-c.txt"
  assert_success
  refute_line --partial "constant-allow syscalls that skip the filter"
  assert_line "no syscall skips the filter: Linux 4.18 keeps no cache (it came in 5.11), so every allowed call runs the filter"
  [ "$(cell "x86_64, allowed, uncached: syscalls" 1)" -gt 300 ]
  calls=$(cell "x86_64, the mix's allowed calls (python3.strace-c.txt): calls" 1)
  [ "$calls" -gt 7000 ]
  [ "$(cell "x86_64, the mix's allowed calls (python3.strace-c.txt): calls" 3)" -eq "$calls" ]
  ours=$(cell "x86_64, the mix's allowed calls: instructions per call, mean" 1)
  level2=$(cell "x86_64, the mix's allowed calls: instructions per call, mean" 3)
  (( $(awk -v a="$ours" -v b="$level2" 'BEGIN { print (a < b) }') ))
  # on 5.11 and later, the same calls skip the filter
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q --kernel 6.18 --mix "$SRC/bench/mixes/python3.strace-c.txt"
  [ "$(cell "x86_64, the mix's allowed calls: instructions per call, mean" 1)" = "0.00" ]
}

@test "--mix refuses a file that is not an strace -c summary, in one line" {
  echo "not a summary" > "$TMP/mix.txt"
  run -2 "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q --mix "$TMP/mix.txt"
  assert_output "seccomp-embed: error: --mix $TMP/mix.txt: no row of an \`strace -c\` summary names a syscall x86_64 has"
  run -2 "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q --mix "$TMP/none.txt"
  assert_output --partial "--mix $TMP/none.txt: No such file or directory"
  run -2 "$SECCOMP_EMBED" compile "$DOCKER" --arch amd64 -q --mix "$TMP/mix.txt"
  assert_output --partial "unknown option --mix"
}

@test "an argument condition makes its syscall argument-checked on every arch" {
  cat >"$TMP/p.json" <<'EOF'
{"defaultAction": "SCMP_ACT_ERRNO",
 "archMap": [{"architecture": "SCMP_ARCH_X86_64",
              "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]}],
 "syscalls": [
  {"names": ["read", "write", "exit_group"], "action": "SCMP_ACT_ALLOW"},
  {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
   "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]}]}
EOF
  run "$SECCOMP_EMBED" stats "$TMP/p.json" --arch amd64 -q
  assert_success
  assert_line --index 0 --partial ", kernel 5.11 and later (the profile has no minKernel; from 5.11 the kernel caches allowed syscalls; --kernel X.Y picks another)"
  for c in 1 2 3; do
    [ "$(cell "x86_64, argument-checked: syscalls" $c)" -eq 1 ]
    [ "$(cell "all arches, argument-checked: syscalls" $c)" -eq 3 ] # x86_64, i386, x32
    for arch in x86_64 i386; do # read, write, exit_group
      split_of "$(cell "$arch: constant-allow syscalls that skip the filter" $c)"
      [ "$M" -eq 3 ] && [ "$N" -eq 3 ]
    done
    # x32's read, write, exit_group: allowed, but x32 numbers are never cached
    [ "$(cell "all arches, allowed, uncached: syscalls" $c)" -eq 3 ]
  done
  # a path that compares args[0] loads it: more than arch, nr and a return
  split_cost "$(cell "x86_64, argument-checked: instructions mean / max" 1)"
  [ "$MAX" -gt 5 ]
  # 32 names or fewer: runc keeps libseccomp's linear chain (level 1)
  assert_line --index 1 --partial "against libseccomp level 1"
}

@test "--no-enosys-stub shortens the libseccomp programs and keeps the counts" {
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q
  with_stub="$output"
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q --no-enosys-stub
  assert_success
  assert_line --index 2 --partial "ENOSYS stub: off"
  without="$output"
  for c in 2 3; do
    output="$with_stub"; a=$(cell "program length" $c) n=$(cell "all arches, denied: syscalls" $c)
    output="$without"; b=$(cell "program length" $c)
    [ "$b" -lt "$a" ]
    [ "$(cell "all arches, denied: syscalls" $c)" -eq "$n" ]
  done
}

@test "--hot changes only our column" {
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q
  plain=$(grep '^|' <<<"$output" | cut -d'|' -f2,4,5)
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 -q --hot personality,clone
  assert_success
  [ "$(grep '^|' <<<"$output" | cut -d'|' -f2,4,5)" = "$plain" ]
}

@test "every number is the main table's: arm's private calls and x32's numbers are other spans" {
  # ARM's private calls start at 0xf0000: "every number" up to them would be a million gaps
  for arch in arm amd64; do
    run "$SECCOMP_EMBED" stats "$DOCKER" --arch "$arch" -q
    assert_success
    assert_line --regexp '^\| (arm|x86_64), denied, every number 0-4[0-9][0-9] \(gaps too\): numbers( \| [0-9]{2,3}){3} \|$'
  done
}

@test "an arch without the kernel's cache: no cache rows, everything runs the filter" {
  run "$SECCOMP_EMBED" stats "$DOCKER" --arch mips64 -q
  assert_success
  assert_line --index 0 --partial "kernel 4.8 and later (the newest of"
  assert_output --partial "no syscall skips the filter: the kernel keeps no cache for mips64"
  refute_output --partial "constant-allow syscalls that skip the filter"
  [ "$(cell "mips64, allowed, uncached: syscalls" 1)" -gt 0 ]
}

@test "errors are compile's: one line, exit 2" {
  run "$SECCOMP_EMBED" stats "$DOCKER"
  assert_failure 2
  assert_output "seccomp-embed: error: --arch is required (for example --arch amd64)"
  run "$SECCOMP_EMBED" stats --arch amd64
  assert_failure 2
  assert_output "seccomp-embed: error: no profile given (usage: seccomp-embed stats PROFILE --arch ARCH)"
  for opt in "--format c" "--backend libseccomp" "-o $TMP/x.c" "--name sym" "--mode trap-log"; do
    run "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 $opt
    assert_failure 2
    assert_output "seccomp-embed: error: option ${opt%% *} does not apply to stats (see seccomp-embed stats --help)"
  done
  assert_file_not_exists "$TMP/x.c"
  # bad input: the error compile gives, word for word
  printf '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_NOPE"}]}' >"$TMP/bad.json"
  for args in "$TMP/bad.json --arch amd64" "$DOCKER --arch vax" "$DOCKER --arch amd64 --kernel four" \
              "$DOCKER --arch amd64 --cap-add SYS_WIZARD" "$TMP/missing.json --arch amd64"; do
    run "$SECCOMP_EMBED" compile $args -o "$TMP/out.c"
    assert_failure 2
    [ -n "$output" ]
    compile_error="$output"
    run "$SECCOMP_EMBED" stats $args
    assert_failure 2
    assert_output "$compile_error"
  done
}

@test "--also adds another compiler's raw program as a column, measured alike and checked against the profile" {
  "$SECCOMP_EMBED" compile "$DOCKER" --arch amd64 --kernel 6.18 --backend libseccomp --format bpf -q -o "$TMP/level2.bpf"
  "$SECCOMP_EMBED" compile "$SRC/tests/profiles/no-mkdir.json" --arch amd64 --format bpf -q -o "$TMP/other.bpf"
  run -0 "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 --kernel 6.18 --also "$TMP/level2.bpf" --also "$TMP/other.bpf"
  assert_line --regexp '^\| \| ours \| libseccomp level 1 \| libseccomp level 2 \| level2.bpf \| other.bpf \|$'
  assert_line '|---|---:|---:|---:|---:|---:|'
  # the same program as level 2 gets level 2's figures, row by row
  for r in "program length" "attach: length once converted to eBPF" \
           "x86_64, denied: instructions mean / max" "all arches, argument-checked: instructions mean / max"; do
    assert_equal "$(cell "$r" 4)" "$(cell "$r" 3)"
  done
  assert_equal "$(cell "program length" 5)" "$(( $(stat -c %s "$TMP/other.bpf") / 8 ))"
  refute_output --partial "level2.bpf decides unlike"
  assert_line --regexp "^$TMP/other.bpf decides unlike the profile: first at arch x86_64 nr [0-9]+ \([a-z_0-9]+\): profile [A-Z_]+(\([A-Z]+\))?, other.bpf ALLOW$"
}

@test "--also refuses what is not a loadable program, and compile does not take it" {
  printf 'abc' >"$TMP/short.bpf"
  run -2 "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 --also "$TMP/short.bpf"
  assert_output --partial "$TMP/short.bpf: expected raw BPF, 1 to 4096 instructions of 8 bytes, and it has 3 bytes"
  printf '\x15\x00\x05\x00\x00\x00\x00\x00' >"$TMP/jump.bpf"
  run -2 "$SECCOMP_EMBED" stats "$DOCKER" --arch amd64 --also "$TMP/jump.bpf"
  assert_output --partial "--also $TMP/jump.bpf: instruction 0:"
  assert_output --partial "the kernel would not load it"
  run -2 "$SECCOMP_EMBED" compile "$DOCKER" --arch amd64 --also "$TMP/short.bpf"
  assert_output "seccomp-embed: error: unknown option --also (see seccomp-embed compile --help)"
}
