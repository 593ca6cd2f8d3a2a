#!/usr/bin/env bats
# gen/'s stages and the directions between them (gen/README.md).  The
# build's table (the USES of each seccomp_embed_stage() in
# gen/CMakeLists.txt), gen/README.md's table, each folder's README and the
# includes of the sources say the same thing; the stages follow the data
# flow, so there is no cycle, and check/ does not use backend/; no two
# files include each other's headers; and the build really refuses an
# include the table does not allow (probes compiled with each stage's own
# flags from the build's compile_commands.json).

setup() {
  load helpers
  GEN="$SRC/gen"
}

# The stages, in gen/CMakeLists.txt's order.
stages() {
  sed -n 's/^seccomp_embed_stage(\([a-z]*\).*/\1/p' "$GEN/CMakeLists.txt"
}

# What STAGE uses according to gen/CMakeLists.txt, sorted, one per line.
cmake_uses() {
  sed -n "s/^seccomp_embed_stage($1 USES \(.*\)/\1/p" "$GEN/CMakeLists.txt" | tr ' ' '\n' |
    grep . | sort || true
}

# According to the folder's README ("Uses: a, b" or "Uses: (none)").
readme_uses() {
  sed -n 's/^Uses: //p' "$GEN/$1/README.md" | tr -d ' ' | tr ',' '\n' | grep -v '^(none)$' |
    grep . | sort || true
}

# According to gen/README.md's table (its last column, "-" for none).
table_uses() {
  grep "^| \[\`$1/\`\]" "$GEN/README.md" | awk -F'|' '{print $4}' | tr -d ' ' | tr ',' '\n' |
    grep -v '^-$' | grep . | sort || true
}

# The stage whose folder holds header H (empty for a header outside gen/).
stage_of() {
  local found
  found=$(cd "$GEN" && ls -d */"$1" 2>/dev/null) || return 0
  echo "${found%%/*}"
}

# The quoted includes of a file.
includes_of() {
  sed -n 's/^#include "\([^"]*\)".*/\1/p' "$1"
}

# Every header of gen/ the files of STAGE reach through their includes,
# headers included by headers followed too, one per line.
reached_headers() {
  local todo=() seen=" " h s
  for f in "$GEN/$1"/*.[ch]; do
    todo+=($(includes_of "$f"))
  done
  while [ ${#todo[@]} -gt 0 ]; do
    h=${todo[0]}
    todo=("${todo[@]:1}")
    case "$seen" in *" $h "*) continue ;; esac
    seen="$seen$h "
    s=$(stage_of "$h")
    [ -n "$s" ] || continue
    echo "$h"
    todo+=($(includes_of "$GEN/$s/$h"))
  done
}

# The stages other than STAGE whose headers it reaches.
reached_stages() {
  for h in $(reached_headers "$1"); do
    s=$(stage_of "$h")
    [ "$s" = "$1" ] || echo "$s"
  done | sort -u
}

# One line per include between two files of gen/ (DIR): the module
# included, then the one including it; a file and its header are one
# module, so tsort finds a loop where two files include each other's
# headers, however indirectly.
module_edges() {
  (cd "$1" && for f in */*.[ch] *.[ch]; do
    [ -e "$f" ] || continue
    m=$(basename "$f")
    for h in $(includes_of "$f"); do
      echo "${h%.h} ${m%.[ch]}"
    done
  done)
}

@test "every folder of gen/ is a stage of the build, with a README, and every stage a folder" {
  folders=$(cd "$GEN" && ls -d */ | tr -d / | sort)
  assert_equal "$(stages | sort)" "$folders"
  for s in $(stages); do
    assert_file_exists "$GEN/$s/README.md"
    grep -q "^| \[\`$s/\`\]" "$GEN/README.md" || fail "gen/README.md's table has no row for $s/"
  done
}

@test "every C file of a stage is in its SOURCES, and only the command lives at gen/ itself" {
  for s in $(stages); do
    for f in "$GEN/$s"/*.c; do
      grep -q " $s/$(basename "$f")\b" "$GEN/CMakeLists.txt" ||
        fail "$s/$(basename "$f") is not in the SOURCES of seccomp_embed_stage($s)"
    done
  done
  assert_equal "$(cd "$GEN" && ls *.c *.h | sort | tr '\n' ' ')" "command_line.c command_line.h command_words.c command_words.h inspect_command_line.c inspect_command_line.h main.c suggest_command_line.c suggest_command_line.h "
}

@test "header names are unique across the stages" {
  run bash -c "cd '$GEN' && ls */*.h | xargs -n1 basename | sort | uniq -d"
  assert_success
  assert_output ""
}

@test "gen/CMakeLists.txt, gen/README.md and each folder's README list the same uses" {
  for s in $(stages); do
    [ "$(cmake_uses "$s")" = "$(readme_uses "$s")" ] ||
      fail "$s: CMake uses '$(cmake_uses "$s" | xargs)', $s/README.md says '$(readme_uses "$s" | xargs)'"
    [ "$(cmake_uses "$s")" = "$(table_uses "$s")" ] ||
      fail "$s: CMake uses '$(cmake_uses "$s" | xargs)', gen/README.md says '$(table_uses "$s" | xargs)'"
  done
}

@test "a stage's includes reach exactly the stages it uses" {
  for s in $(stages); do
    for f in "$GEN/$s"/*.[ch]; do
      for h in $(includes_of "$f"); do
        [ -n "$(stage_of "$h")" ] || fail "$s/$(basename "$f") includes \"$h\", which no stage holds"
      done
    done
    [ "$(reached_stages "$s")" = "$(cmake_uses "$s")" ] ||
      fail "$s: its includes reach '$(reached_stages "$s" | xargs)', it uses '$(cmake_uses "$s" | xargs)'"
  done
}

@test "each stage uses only stages before it, so there is no cycle; check/ does not use backend/" {
  order=($(stages))
  for i in "${!order[@]}"; do
    earlier=" ${order[*]:0:$i} "
    for u in $(cmake_uses "${order[$i]}"); do
      case "$earlier" in *" $u "*) ;; *) fail "${order[$i]} uses $u, which comes after it" ;; esac
    done
  done
  run cmake_uses check
  refute_line backend
}

@test "no two files of gen/ include each other's headers, however indirectly" {
  run bash -c "$(declare -f module_edges includes_of); module_edges '$GEN' | tsort"
  assert_success
  refute_output --partial loop
}

@test "the layout checks see a loop, and a wrong-way use, when there is one" {
  # The checks above on a copy of gen/, broken once each way.
  cp -r "$GEN" "$BATS_TEST_TMPDIR/gen"
  GEN="$BATS_TEST_TMPDIR/gen"
  echo '#include "opt_layout.h"' >> "$GEN/backend/opt_pool.h"
  run bash -c "$(declare -f module_edges includes_of); module_edges '$GEN' | tsort"
  assert_failure
  assert_output --partial loop
  echo '#include "optimize.h"' >> "$GEN/check/validate.c"
  assert_equal "$(reached_stages check | xargs)" "backend base profile reference"
}

# The compile command of one of STAGE's files, as the build runs it.
compile_command() {
  local db="$SECCOMP_EMBED_BUILD_DIR/compile_commands.json" file
  file=$(ls "$GEN/$1"/*.c | head -n 1)
  # JSON string -> shell words: \\ and \" are unescaped.
  grep -B1 "\"file\": \"$file\"" "$db" | head -n 1 |
    sed 's/^ *"command": "//; s/",$//; s/\\\\/\x01/g; s/\\"/"/g; s/\x01/\\/g'
}

# Compiles a probe that includes header H with STAGE's flags.
probe() {
  local stage=$1 header=$2 cmd
  cmd=$(compile_command "$stage")
  [ -n "$cmd" ] || { echo "no compile command for $stage/ in compile_commands.json"; return 3; }
  printf '#include "%s"\n' "$header" > "$BATS_TEST_TMPDIR/probe.c"
  cmd="${cmd% -o *} -fsyntax-only $BATS_TEST_TMPDIR/probe.c"
  (cd "$SECCOMP_EMBED_BUILD_DIR" && eval "$cmd") 2>&1
}

@test "the build refuses every header of a stage not used, and compiles those reached of stages used" {
  [ -f "$SECCOMP_EMBED_BUILD_DIR/compile_commands.json" ] ||
    fail "the build has no compile_commands.json (CMAKE_EXPORT_COMPILE_COMMANDS)"
  for s in $(stages); do
    uses=" $(cmake_uses "$s" | xargs) "
    for h in $(cd "$GEN" && ls */*.h); do
      other=${h%%/*}
      h=${h#*/}
      case "$uses" in
        *" $other "*) ;;
        *)
          [ "$other" != "$s" ] || continue
          run probe "$s" "$h"
          [ "$status" -ne 0 ] && [[ "$output" == *"$h: No such file"* ]] ||
            fail "$s/ does not use $other/ but compiles #include \"$h\": $output"
          ;;
      esac
    done
    # The controls, which must compile: every header the stage reaches.
    for h in $(reached_headers "$s"); do
      run probe "$s" "$h"
      [ "$status" -eq 0 ] || fail "$s/ cannot compile #include \"$h\": $output"
    done
  done
}
