#!/usr/bin/env bats
# No text from outside reaches the generated C as code.  Each hostile string
# of the catalogue below (what ends a comment or a string, opens a comment,
# splices a line, forms a trigraph, formats, or is no ASCII at all) is tried
# where a profile's author or a build puts text: a syscall name (refused,
# located), a rule's comment, the profile's own path, and --hot.  Whatever
# is accepted must compile (-std=c11, so trigraphs are live, and -Werror, so
# a nested comment is an error) to exactly the symbols a harmless string
# gives: the filter, its static tables, and nothing else.

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
  CFLAGS="-std=c11 -Wall -Wextra -Werror -pedantic -Wtrigraphs -I$SRC/runtime/include"
  # Each as a JSON string body, and as the bytes it stands for.
  JSON=('*/' '/*' '\\' 'a\nb' '??/' '??=' '*??/\n/' '%s%n%x' '\u0001\u001b[31m' 'caf\u00e9'
        '\"' '\"); int x = (\"' '\u2028' '*\\' '}; int injected; /*')
}

# The bytes a JSON string body decodes to, without a trailing newline.
bytes() {
  local s=$1
  s=${s//\\\"/\"}
  s=${s//\\\\/\\x5c}
  s=${s//\\u0001/\\x01}
  s=${s//\\u001b/\\x1b}
  s=${s//\\u00e9/\\xc3\\xa9}
  s=${s//\\u2028/\\xe2\\x80\\xa8}
  printf '%b' "$s"
}

profile_with() { # NAMES_JSON COMMENT_JSON
  printf '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":[%s],"action":"SCMP_ACT_ERRNO","comment":"%s"}]}\n' "$1" "$2"
}

# The symbols an object defines or needs: name, type, size.
symbols() {
  nm -S "$1" | awk '{ if (NF == 4) print $4, $3, $2; else print $NF, $(NF-1) }' | sort
}

# compile_ok DIR PROFILE [options]: the C and the header build, and their
# symbols are those of the harmless compile in $TMP/ref.
compile_ok() {
  local dir=$1 profile=$2; shift 2
  mkdir -p "$dir"
  "$SECCOMP_EMBED" compile "$profile" --arch amd64 -q --name policy "$@" -o "$dir/policy.c"
  "$SECCOMP_EMBED" compile "$profile" --arch amd64 -q --name policy "$@" --format h -o "$dir/policy.h"
  gcc $CFLAGS -c "$dir/policy.c" -o "$dir/policy.o"
  printf '#include "policy.h"\nint main(void) { return policy.n_programs == 1 ? 0 : 1; }\n' > "$dir/use.c"
  gcc $CFLAGS -I"$dir" -c "$dir/use.c" -o "$dir/use.o"
  symbols "$dir/policy.o" > "$dir/symbols"
}

# accepted_or_refused DIR PROFILE [options]: a refusal is exit 2 with one
# line and no file; an acceptance must give the harmless symbols.
accepted_or_refused() {
  local dir=$1 profile=$2; shift 2
  run "$SECCOMP_EMBED" compile "$profile" --arch amd64 -q --name policy "$@" -o "$TMP/out.c"
  if [ "$status" -ne 0 ]; then
    assert_failure 2
    assert_equal "${#lines[@]}" 1
    assert_file_not_exists "$TMP/out.c"
    return 0
  fi
  rm -f "$TMP/out.c"
  compile_ok "$dir" "$profile" "$@"
  diff "$TMP/ref/symbols" "$dir/symbols"
}

reference() { # [options]
  profile_with '"chmod"' 'harmless' > "$TMP/ref.json"
  compile_ok "$TMP/ref" "$TMP/ref.json" "$@"
}

@test "the harmless compile defines the filter, static tables named after it, and needs nothing" {
  reference
  run awk '$2 ~ /^[A-Z]$/ && $2 != "U" { print $1 }' "$TMP/ref/symbols"
  assert_output "policy"
  run grep -v '^policy' "$TMP/ref/symbols"
  assert_output ""
  reference --install startup
  run awk '$2 == "U" { print $1 }' "$TMP/ref/symbols"
  assert_output "seccomp_embed_install_or_abort"
}

@test "a hostile syscall name is refused at its JSON path, and no file is written" {
  for s in "${JSON[@]}"; do
    profile_with "\"read\", \"x${s}\"" 'c' > "$TMP/p.json"
    run "$SECCOMP_EMBED" compile "$TMP/p.json" --arch amd64 -o "$TMP/out.c"
    assert_failure 2
    # located at the name, or refused as JSON where the text is no string
    assert_output --regexp "(syscalls\[0\]\.names\[1\]: error: (invalid syscall name|control character in the name)|1:[0-9]+: error: .* is not allowed in a string)"
    assert_file_not_exists "$TMP/out.c"
  done
  profile_with '"read\u0000x"' 'c' > "$TMP/p.json"
  run "$SECCOMP_EMBED" compile "$TMP/p.json" --arch amd64 -o "$TMP/out.c"
  assert_failure 2
  assert_file_not_exists "$TMP/out.c"
}

@test "a hostile comment is refused as JSON or compiles to exactly the harmless symbols" {
  reference
  i=0
  for s in "${JSON[@]}"; do
    i=$((i + 1))
    profile_with '"chmod"' "$s" > "$TMP/c$i.json"
    accepted_or_refused "$TMP/c$i" "$TMP/c$i.json" || fail "comment $s"
  done
}

@test "a hostile profile path compiles to exactly the harmless symbols, with or without startup" {
  for startup in no yes; do
    opts=()
    [ $startup = no ] || opts=(--install startup)
    reference "${opts[@]}"
    i=0
    for s in "${JSON[@]}"; do
      i=$((i + 1))
      dir="$TMP/path$i/$(bytes "$s")x"  # x: $(...) would drop a final newline
      mkdir -p "$dir"
      profile_with '"chmod"' 'c' > "$dir/p.json"
      compile_ok "$TMP/p$i" "$dir/p.json" "${opts[@]}"
      diff "$TMP/ref/symbols" "$TMP/p$i/symbols" || fail "path with $s"
      # the path is kept, escaped, in the filter's string and comment
      grep -q 'profile:    ' "$TMP/p$i/policy.c"
    done
  done
}

@test "hostile --hot names and summary paths are refused or compile to exactly the harmless symbols" {
  reference
  profile_with '"chmod"' 'c' > "$TMP/h.json"
  i=0
  for s in "${JSON[@]}"; do
    i=$((i + 1))
    accepted_or_refused "$TMP/h$i" "$TMP/h.json" --hot "read,$(bytes "$s")" || fail "--hot $s"
    summary="$TMP/hot$i/$(bytes "$s")x"  # x: $(...) would drop a final newline
    mkdir -p "${summary%/*}"
    printf '%% time     seconds  usecs/call     calls    errors syscall\n' > "$summary"
    printf '100.00    0.000010           1        10           read\n' >> "$summary"
    compile_ok "$TMP/hs$i" "$TMP/h.json" --hot "$summary"
    diff "$TMP/ref/symbols" "$TMP/hs$i/symbols" || fail "--hot file $s"
  done
}

@test "the escapes keep the text readable: the path is written, escaped, in the comment and the string" {
  dir="$TMP/a*/b"
  mkdir -p "$dir"
  profile_with '"chmod"' 'c' > "$dir/p.json"
  "$SECCOMP_EMBED" compile "$dir/p.json" --arch amd64 -q -o "$TMP/f.c"
  grep -qF " * profile:    $TMP/a*\\x2fb/p.json" "$TMP/f.c"
  grep -qF "\"$TMP/a*/b/p.json\"" "$TMP/f.c"
}
