#!/usr/bin/env bats
# Bad input: the catalogue in tests/bad-input/ and the cases generated here.
#
# Every bad input must give exit status 2, exactly one line on stderr (the
# NAME.expected line, with FILE standing for the profile's path), nothing on
# stdout, and with -o neither the output file nor a temporary file beside it.
# bats 1.8 cannot make one @test per fixture, so each group is one @test whose
# loop checks every fixture and prints the name and a diff for each failure.

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
  FIXTURES="$SRC/tests/bad-input"
}

# check_bad_input FILE EXPECTED [ARG...]: run the generator twice (to stdout,
# then with -o) and print every way it differs from the rules; fail if any.
check_bad_input() {
  local file=$1 expected=$2 status problems="" lines
  shift 2
  status=0
  "$SECCOMP_EMBED" compile "$file" "$@" >"$TMP/stdout" 2>"$TMP/stderr" || status=$?
  [ "$status" -eq 2 ] || problems+="  exit status $status, expected 2"$'\n'
  [ ! -s "$TMP/stdout" ] || problems+="  stdout is not empty: $(head -c 200 "$TMP/stdout")"$'\n'
  lines=$(wc -l <"$TMP/stderr")
  [ "$lines" -eq 1 ] && [ "$(tail -c 1 "$TMP/stderr" | od -An -c | tr -d ' ')" = '\n' ] ||
    problems+="  $lines line(s) on stderr, expected exactly 1"$'\n'
  if [ "$(cat "$TMP/stderr")" != "$expected" ]; then
    problems+="  stderr differs from the expected line:"$'\n'
    problems+="$(diff <(printf '%s\n' "$expected") "$TMP/stderr" | sed 's/^/    /')"$'\n'
  fi
  rm -f "$TMP/out.c" "$TMP"/out.c.tmp.*
  status=0
  "$SECCOMP_EMBED" compile "$file" "$@" -o "$TMP/out.c" >"$TMP/stdout" 2>"$TMP/stderr" || status=$?
  [ "$status" -eq 2 ] || problems+="  with -o: exit status $status, expected 2"$'\n'
  [ "$(cat "$TMP/stderr")" = "$expected" ] || problems+="  with -o: stderr differs: $(cat "$TMP/stderr")"$'\n'
  [ ! -s "$TMP/stdout" ] || problems+="  with -o: stdout is not empty"$'\n'
  [ ! -e "$TMP/out.c" ] || problems+="  with -o: out.c was left behind"$'\n'
  ! compgen -G "$TMP/out.c.tmp.*" >/dev/null || problems+="  with -o: a temporary out.c.tmp.* was left behind"$'\n'
  if [ -n "$problems" ]; then
    printf '%s:\n%s' "$file" "$problems"
    return 1
  fi
}

# check_fixture NAME: one catalogue entry; extra arguments come from NAME.args
# (one line), --arch amd64 by default.
check_fixture() {
  local name=$1 expected args=(--arch amd64)
  local file="$FIXTURES/$name.json"
  [ -f "$FIXTURES/$name.expected" ] || { echo "$name: no $name.expected"; return 1; }
  expected=$(cat "$FIXTURES/$name.expected")
  expected=${expected/#"seccomp-embed: FILE: "/"seccomp-embed: $file: "}
  [ -f "$FIXTURES/$name.args" ] && read -r -a args <"$FIXTURES/$name.args"
  check_bad_input "$file" "$expected" "${args[@]}"
}

# check_group PREFIX...: every fixture whose name starts with a PREFIX.
check_group() {
  local prefix f name failed=0 count=0
  for prefix in "$@"; do
    for f in "$FIXTURES/$prefix"*.json; do
      [ -e "$f" ] || continue
      name=$(basename "$f" .json)
      count=$((count + 1))
      check_fixture "$name" || failed=$((failed + 1))
    done
  done
  echo "# $count fixture(s) checked, $failed failed"
  [ "$count" -gt 0 ] && [ "$failed" -eq 0 ]
}

GROUPS_PREFIXES="syntax- text- type- toplevel- number- range- unknown- arch- conflict- null- notify- name- kernel- missing- oci- cli- widen-"

@test "catalogue: at least 45 fixtures, each with .expected and in a group" {
  local f name prefix bad=0 count=0 grouped
  for f in "$FIXTURES"/*.json; do
    name=$(basename "$f" .json)
    count=$((count + 1))
    [ -f "$FIXTURES/$name.expected" ] || { echo "$name: no .expected"; bad=1; }
    [ "$(wc -l <"$FIXTURES/$name.expected")" -eq 1 ] || { echo "$name: .expected is not one line"; bad=1; }
    grouped=0
    for prefix in $GROUPS_PREFIXES; do
      [[ $name == "$prefix"* ]] && grouped=1
    done
    [ "$grouped" -eq 1 ] || { echo "$name: in no group (add its prefix to a test)"; bad=1; }
  done
  for f in "$FIXTURES"/*.expected "$FIXTURES"/*.args; do
    [ -f "${f%.*}.json" ] || { echo "$(basename "$f"): no matching .json"; bad=1; }
  done
  echo "# $count fixtures"
  [ "$count" -ge 45 ]
  [ "$bad" -eq 0 ]
}

@test "JSON syntax and text-level errors give line:column and what was expected" {
  check_group syntax- text-
}

@test "wrong JSON types name the path, the expected type and what was found" {
  check_group type- toplevel-
}

@test "negative, fractional and out-of-range numbers are refused" {
  check_group number- range-
}

@test "unknown actions, operators, arches, flags, errnos and (with --strict) syscalls" {
  check_group unknown-
}

@test "refused combinations and values: byte orders, conflicts, null, NOTIFY, names" {
  check_group arch- conflict- null- notify- name-
}

@test "minKernel: malformed versions, and bpf output without --kernel" {
  check_group kernel-
}

@test "missing members, and an OCI config.json without linux.seccomp" {
  check_group missing- oci-
}

@test "command-line errors name no file" {
  check_group cli-
}

@test "mistakes that would widen the sandbox: at least 25, each refused at its path with the near miss" {
  local n
  n=$(ls "$FIXTURES"/widen-*.json | wc -l)
  echo "# $n widening fixtures"
  [ "$n" -ge 25 ]
  check_group widen-
}

# ---- cases generated at test time ----------------------------------------

@test "a 50 MB file is refused without reading it all" {
  {
    printf '{"defaultAction": "SCMP_ACT_ERRNO", "comment": "'
    head -c 52428800 /dev/zero | tr '\0' 'a'
    printf '"}\n'
  } >"$TMP/big.json"
  check_bad_input "$TMP/big.json" \
    "seccomp-embed: $TMP/big.json: error: file is larger than 1 MiB; a seccomp profile is at most a few hundred kilobytes" \
    --arch amd64
}

@test "deep nesting: 100000 '[' stop at the 33rd level" {
  head -c 100000 /dev/zero | tr '\0' '[' >"$TMP/deep.json"
  check_bad_input "$TMP/deep.json" \
    "seccomp-embed: $TMP/deep.json: 1:33: error: JSON nested too deeply (more than 32 levels)" \
    --arch amd64
}

@test "nesting of exactly 32 levels is accepted (unknown key: a warning)" {
  {
    printf '{"defaultAction": "SCMP_ACT_ERRNO", "x": '
    head -c 31 /dev/zero | tr '\0' '['
    head -c 31 /dev/zero | tr '\0' ']'
    printf '}\n'
  } >"$TMP/deep32.json"
  run --separate-stderr "$SECCOMP_EMBED" compile "$TMP/deep32.json" --arch amd64 -o "$TMP/out.c"
  assert_success
  assert_file_exists "$TMP/out.c"
}

@test "invalid UTF-8: a stray byte, an overlong form and an encoded surrogate" {
  printf '{"defaultAction": "SCMP_ACT_ERRNO\xff"}\n' >"$TMP/ff.json"
  check_bad_input "$TMP/ff.json" \
    "seccomp-embed: $TMP/ff.json: 1:34: error: invalid UTF-8 byte 0xFF; expected UTF-8 text" --arch amd64
  printf '{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "comment": "a\xc0\xafb"\n}\n' >"$TMP/overlong.json"
  check_bad_input "$TMP/overlong.json" \
    "seccomp-embed: $TMP/overlong.json: 3:16: error: invalid UTF-8 byte 0xC0; expected UTF-8 text" --arch amd64
  printf '{"defaultAction": "SCMP_ACT_ERRNO", "comment": "\xed\xa0\x80"}\n' >"$TMP/surrogate.json"
  check_bad_input "$TMP/surrogate.json" \
    "seccomp-embed: $TMP/surrogate.json: 1:49: error: invalid UTF-8 byte 0xED; expected UTF-8 text" --arch amd64
}

@test "valid UTF-8 before an error keeps the column in characters" {
  printf '{"listenerPath": "\xc3\xa9t\xc3\xa9", "defaultAction": 1}\n' >"$TMP/utf8.json"
  check_bad_input "$TMP/utf8.json" \
    "seccomp-embed: $TMP/utf8.json: defaultAction: error: expected an action string such as \"SCMP_ACT_ERRNO\", got the number 1" \
    --arch amd64
  printf '{"listenerPath": "\xc3\xa9t\xc3\xa9" "defaultAction": 1}\n' >"$TMP/utf8col.json"
  check_bad_input "$TMP/utf8col.json" \
    "seccomp-embed: $TMP/utf8col.json: 1:24: error: expected ',' or '}' after an object member, got '\"'" \
    --arch amd64
}

@test "an empty file" {
  : >"$TMP/empty.json"
  check_bad_input "$TMP/empty.json" \
    "seccomp-embed: $TMP/empty.json: 1:1: error: empty file; expected a JSON object" --arch amd64
}

@test "a file that does not exist, and a directory" {
  check_bad_input "$TMP/nope.json" \
    "seccomp-embed: $TMP/nope.json: error: cannot open: No such file or directory" --arch amd64
  mkdir "$TMP/dir.json"
  check_bad_input "$TMP/dir.json" \
    "seccomp-embed: $TMP/dir.json: error: cannot read: Is a directory" --arch amd64
}

@test "a NUL byte, after the object and inside a string" {
  printf '{"defaultAction": "SCMP_ACT_ERRNO"}\0\n' >"$TMP/nul.json"
  check_bad_input "$TMP/nul.json" \
    "seccomp-embed: $TMP/nul.json: 1:36: error: NUL byte in the file; expected JSON text" --arch amd64
  printf '{"defaultAction": "SCMP_ACT_\0ERRNO"}\n' >"$TMP/nul2.json"
  check_bad_input "$TMP/nul2.json" \
    "seccomp-embed: $TMP/nul2.json: 1:29: error: NUL byte in the file; expected JSON text" --arch amd64
}

@test "bad input on standard input is reported as -" {
  run --separate-stderr bash -c "printf '{\"defaultAction\": 7}' | '$SECCOMP_EMBED' compile - --arch amd64"
  assert_failure 2
  [ -z "$output" ]
  [ "$stderr" = 'seccomp-embed: -: defaultAction: error: expected an action string such as "SCMP_ACT_ERRNO", got the number 7' ]
}

# ---- unknown keys that shape nothing are warnings --------------------------

@test "unknown keys are warnings naming the path and the key; the output is written" {
  cat >"$TMP/keys.json" <<'EOF'
{
  "defaultAction": "SCMP_ACT_ERRNO",
  "x-origin": "hand-written",
  "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": [], "extra": 1}],
  "syscalls": [
    {"names": ["read"], "action": "SCMP_ACT_ALLOW", "comments": "typo of comment",
     "includes": {"kernel": "5.4"},
     "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_GE"}]}
  ]
}
EOF
  run --separate-stderr "$SECCOMP_EMBED" compile "$TMP/keys.json" --arch amd64 -o "$TMP/out.c"
  assert_success
  assert_file_exists "$TMP/out.c"
  [ -s "$TMP/out.c" ]
  local f="$TMP/keys.json"
  local want=(
    "seccomp-embed: $f: warning: unknown key \"x-origin\" ignored; expected one of defaultAction, defaultErrnoRet, defaultErrno, architectures, archMap, syscalls, flags, listenerPath, listenerMetadata"
    "seccomp-embed: $f: archMap[0]: warning: unknown key \"extra\" ignored; expected one of architecture, subArchitectures"
    "seccomp-embed: $f: syscalls[0]: warning: unknown key \"comments\" ignored (did you mean \"comment\"?); expected one of name, names, action, args, comment, includes, excludes, errnoRet, errno"
    "seccomp-embed: $f: syscalls[0].includes: warning: unknown key \"kernel\" ignored; expected one of arches, caps, minKernel"
  )
  local line
  for line in "${want[@]}"; do
    grep -qxF -- "$line" <<<"$stderr" || { echo "missing warning: $line"; echo "stderr was:"; echo "$stderr"; return 1; }
  done
  [ "$(grep -c ': warning: unknown key ' <<<"$stderr")" -eq 4 ]
  if grep -q ': error: ' <<<"$stderr"; then echo "$stderr"; return 1; fi
}

@test "keys match case-insensitively, so differently-cased known keys are no warning" {
  printf '%s\n' '{"DefaultAction": "SCMP_ACT_ERRNO", "SYSCALLS": [{"Names": ["read"], "ACTION": "SCMP_ACT_ALLOW"}]}' >"$TMP/case.json"
  run --separate-stderr "$SECCOMP_EMBED" compile "$TMP/case.json" --arch amd64 -o "$TMP/out.c"
  assert_success
  assert_file_exists "$TMP/out.c"
  if grep -q ': warning: unknown key' <<<"$stderr"; then echo "$stderr"; return 1; fi
  [[ "$stderr" == *"rules 1 kept"* ]]
}

@test "an unknown key holding a line break still gives a one-line warning" {
  printf '%s\n' '{"defaultAction": "SCMP_ACT_ALLOW", "bad\nkey": 1}' >"$TMP/nl.json"
  run --separate-stderr "$SECCOMP_EMBED" compile "$TMP/nl.json" --arch amd64 -o "$TMP/out.c"
  assert_success
  grep -qxF "seccomp-embed: $TMP/nl.json: warning: unknown key \"bad\\u000Akey\" ignored; expected one of defaultAction, defaultErrnoRet, defaultErrno, architectures, archMap, syscalls, flags, listenerPath, listenerMetadata" <<<"$stderr"
  [ "$(wc -l <<<"$stderr")" -eq 3 ] # the warning and the two summary lines
}

@test "an unknown key is a warning, an error with --strict (no file written), and -q silences it" {
  printf '%s\n' '{"defaultAction": "SCMP_ACT_ERRNO", "x": 1}' >"$TMP/x.json"
  run --separate-stderr "$SECCOMP_EMBED" compile "$TMP/x.json" --arch amd64 -o "$TMP/out.c"
  assert_success
  [[ "$stderr" == *'warning: unknown key "x" ignored'* ]]
  run --separate-stderr "$SECCOMP_EMBED" compile "$TMP/x.json" --arch amd64 --strict -o "$TMP/strict.c"
  assert_failure 2
  assert_equal "$stderr" "seccomp-embed: $TMP/x.json: error: unknown key \"x\" ignored; expected one of defaultAction, defaultErrnoRet, defaultErrno, architectures, archMap, syscalls, flags, listenerPath, listenerMetadata (--strict)"
  assert_file_not_exists "$TMP/strict.c"
  run --separate-stderr "$SECCOMP_EMBED" compile "$TMP/x.json" --arch amd64 -q -o "$TMP/out2.c"
  assert_success
  [ -z "$stderr" ]
  assert_file_exists "$TMP/out2.c"
}
