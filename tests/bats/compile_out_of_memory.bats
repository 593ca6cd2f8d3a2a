#!/usr/bin/env bats
# Out of memory is the generator's failure, not the profile's: whichever
# allocation fails, the command says "internal error", exits 1 (not 2,
# which blames the input), crashes nowhere and leaves no output file.
# tests/fault/fail_alloc.c (LD_PRELOAD) fails the Nth allocation and every
# one after it; each case counts the allocations of a good run and fails
# at points spread evenly over all of them.  (Found as the fuzz finding
# "oom-exit-status": under `ulimit -v` a valid rule was blamed, exit 2;
# failing each allocation in turn then found libseccomp 2.5.4's exporter
# crashing, now run in a child.)

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
  # AddressSanitizer must be the first library loaded and has its own
  # allocator: the shim cannot be put under it.
  ! sanitized_build || skip "the allocation shim cannot run under -fsanitize=address"
  [ -n "${SECCOMP_EMBED_FAIL_ALLOC:-}" ] || skip "SECCOMP_EMBED_FAIL_ALLOC is not set (run through ctest)"
}

POINTS=100

# check_every_point OUTPUT ARG...: run the generator with ARG... failing
# allocation N for POINTS values of N; print each way a run breaks the rules.
check_every_point() {
  local out=$1 total n step status problems="" failures=0 runs=0
  shift
  SE_FAIL_ALLOC_COUNT="$TMP/count" LD_PRELOAD="$SECCOMP_EMBED_FAIL_ALLOC" \
    "$SECCOMP_EMBED" "$@" >/dev/null 2>&1
  total=$(cat "$TMP/count")
  [ "$total" -gt 100 ] || { echo "only $total allocations counted: is the shim loaded?"; return 1; }
  step=$(( total / POINTS ))
  for (( n = 1; n <= total; n += step )); do
    rm -f "$out" "$out".tmp.*
    status=0
    SE_FAIL_ALLOC_AT=$n LD_PRELOAD="$SECCOMP_EMBED_FAIL_ALLOC" \
      "$SECCOMP_EMBED" "$@" >"$TMP/stdout" 2>"$TMP/stderr" || status=$?
    runs=$((runs + 1))
    case $status in
    0) [ -s "$out" ] || problems+="  N=$n: exit 0 without an output file"$'\n' ;;
    1)
      failures=$((failures + 1))
      grep -q '^seccomp-embed: internal error: ' "$TMP/stderr" ||
        problems+="  N=$n: exit 1 without an internal error line: $(head -c 300 "$TMP/stderr")"$'\n'
      [ ! -e "$out" ] || problems+="  N=$n: the output file was left behind"$'\n'
      ! compgen -G "$out.tmp.*" >/dev/null || problems+="  N=$n: a temporary file was left behind"$'\n'
      ;;
    *) problems+="  N=$n: exit $status: $(head -c 300 "$TMP/stderr")"$'\n' ;;
    esac
  done
  # Nearly every point fails a needed allocation; if few did, the shim did not work.
  [ "$failures" -ge $(( runs * 3 / 4 )) ] || problems+="  only $failures of $runs runs failed"$'\n'
  echo "$runs runs over $total allocations, $failures exit 1"
  [ -z "$problems" ] || { printf '%s' "$problems"; return 1; }
}

@test "compile to C, Docker's default on amd64: every allocation failure is an internal error" {
  check_every_point "$TMP/out.c" compile "$SRC/profiles/docker-default.json" --arch amd64 \
    -q -o "$TMP/out.c"
}

@test "compile --mode trap-log, all kernels: every allocation failure is an internal error" {
  check_every_point "$TMP/out.c" compile "$SRC/profiles/docker-default.json" --arch arm64 \
    --mode trap-log -q -o "$TMP/out.c"
}

@test "compile to raw BPF on s390x: every allocation failure is an internal error" {
  check_every_point "$TMP/out.bpf" compile "$SRC/profiles/docker-default.json" --arch s390x \
    --kernel 6.18 --format bpf -q -o "$TMP/out.bpf"
}

@test "a file that cannot be opened for want of memory is not the profile's fault" {
  run env SE_FAIL_ALLOC_AT=1 LD_PRELOAD="$SECCOMP_EMBED_FAIL_ALLOC" \
    "$SECCOMP_EMBED" compile "$SRC/profiles/deny-all.json" --arch amd64 -q -o "$TMP/out.c"
  assert_failure 1
  assert_output --partial "internal error: out of memory"
  assert_file_not_exists "$TMP/out.c"
}
