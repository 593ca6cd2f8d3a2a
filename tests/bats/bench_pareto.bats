#!/usr/bin/env bats
# bench/pareto.py, the search behind bench/README.md's "cannot have both"
# figures: its bounds on profiles small enough to check by hand, and our
# backend's program never beating a bound it claims is the least.

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
  PARETO="$SECCOMP_EMBED_SOURCE_DIR/bench/pareto.py"
  command -v python3 > /dev/null || skip "no python3"
  # chmod 90, fchmod 91, fchmodat 268 denied; everything else allowed
  printf '%s\n' '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
    {"names":["chmod","fchmod","fchmodat"],"action":"SCMP_ACT_ERRNO","errnoRet":1}]}' > "$TMP/deny.json"
  printf '%s\n' '{"defaultAction":"SCMP_ACT_KILL_PROCESS","syscalls":[
    {"names":["read","write","close","exit_group"],"action":"SCMP_ACT_ALLOW"}]}' > "$TMP/allow.json"
}

# stats_cell PROFILE ROW: our program's cell of that stats row
stats_cell() {
  "$SECCOMP_EMBED" stats "$1" --arch amd64 --kernel 6.18 --no-enosys-stub -q |
    awk -F'|' -v row="$2" '{ l = $2; gsub(/^ +| +$/, "", l) } l == row { v = $3; gsub(/^ +| +$/, "", v); print v }'
}

@test "a deny-list: five compares walk 1317 at best, six 1209 (worked out in bench/README.md)" {
  run python3 "$PARETO" --walk "$TMP/deny.json"
  assert_success
  assert_line '| 5 | 11 | 1317 | 6.802 |'
  assert_line '| 6 | 12 | 1209 | 6.572 |'
  run python3 "$PARETO" "$TMP/deny.json"
  assert_success
  # 90 and 91 behind two compares, 268 behind two: (4 + 2) for all three
  assert_line '| 5 | 11 | 6.000 |'
}

@test "our program is never below the bound the search gives for its length" {
  for profile in "$TMP/allow.json" "$TMP/deny.json"; do
    length=$(stats_cell "$profile" "program length")
    mean=$(stats_cell "$profile" "x86_64, denied, every number 0-469 (gaps too): instructions mean / max" | cut -d' ' -f1)
    bound=$(python3 "$PARETO" "$profile" | awk -F'|' -v n="$length" '$3 + 0 > 0 && $3 + 0 <= n { b = $4 } END { print b + 0 }')
    echo "$profile: $length instructions, mean $mean, least for that length $bound"
    [ "$bound" != 0 ]
    awk -v m="$mean" -v b="$bound" 'BEGIN { exit !(m + 0.005 >= b) }'
  done
}

@test "a rule with argument conditions is refused, by its JSON path" {
  printf '%s\n' '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
    {"names":["read"],"action":"SCMP_ACT_ALLOW"},
    {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":8,"op":"SCMP_CMP_EQ"}]}]}' > "$TMP/args.json"
  run python3 "$PARETO" "$TMP/args.json"
  assert_failure
  assert_output "$TMP/args.json: syscalls[1] has argument conditions, which this search does not model"
}
