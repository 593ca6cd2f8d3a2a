#!/usr/bin/env bats
# The authoring loop as a user runs it (docs/authoring.md), on both example
# servers: start from `suggest --start`, build in learn mode, run the
# example's test traffic once, `suggest`, build in enforce mode, and the
# example's whole test file passes against that build.  Two builds, each
# from a clean build tree configured like a user's (the generator of this
# build, the runtime and the example compiled from source).

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
}

# loop EXAMPLE VARIABLE: the loop for examples/EXAMPLE, whose CMake cache
# variables are VARIABLE_PROFILE and VARIABLE_MODE.
loop() {
  local example=$1 var=$2 builds=0 start=$SECONDS
  local binary="$TMP/build/examples/$example/$example"
  "$SECCOMP_EMBED" suggest --start -o "$TMP/profile.json"
  configure_and_build() {
    cmake -S "$SRC" -B "$TMP/build" -DBUILD_TESTING=OFF -DSECCOMP_EMBED_BUILD_BENCH=OFF \
      -DSECCOMP_EMBED_BUILD_GENERATOR=OFF -DSECCOMP_EMBED_GENERATOR="$SECCOMP_EMBED" \
      -D"${var}_PROFILE=$TMP/profile.json" -D"${var}_MODE=$1" >"$TMP/configure-$1.log" 2>&1 ||
      fail "configure ($1) failed: $(cat "$TMP/configure-$1.log")"
    cmake --build "$TMP/build" --target "$example" -j2 >"$TMP/build-$1.log" 2>&1 ||
      fail "build ($1) failed: $(tail -n 30 "$TMP/build-$1.log")"
    builds=$((builds + 1))
  }
  configure_and_build learn
  # CMake wraps its warnings: joined, the lines say it
  tr -s ' \n' ' ' <"$TMP/configure-learn.log" |
    grep -q "MODE learn: $example will ALLOW every call its profile denies" ||
    fail "configuring a learn build printed no warning"
  "$SRC/examples/$example/traffic.sh" "$binary" "$TMP/learn.log" ||
    fail "the traffic failed under the learn build: $(tail -n 5 "$TMP/learn.log")"
  grep -q "is in LEARN mode" "$TMP/learn.log" || fail "the learn build said nothing at install"
  "$SECCOMP_EMBED" suggest "$TMP/profile.json" "$TMP/learn.log" -o "$TMP/profile.json" \
    2>"$TMP/suggest.log" || fail "suggest failed: $(cat "$TMP/suggest.log")"
  configure_and_build enforce
  run env SECCOMP_EMBED_BUILD_DIR="$TMP/build" bats --tap "$SRC/tests/bats/example_$(tr - _ <<<"$example").bats"
  [ "$status" -eq 0 ] || fail "the example's tests fail against the suggested profile: $output"
  [ "$builds" -le 2 ] || fail "$builds builds"
  echo "# $example: $builds builds, $((SECONDS - start)) s from --start to passing tests; $(grep -c '"names"' "$TMP/profile.json") rules, $(tail -n 1 "$TMP/suggest.log" | sed 's/.*added //')" >&3
}

@test "echo-daemon: --start, learn build, traffic, suggest, enforce build: its tests pass" {
  loop echo-daemon ECHO_DAEMON
}

@test "kv-server (threads created under the filter): the same loop, its tests pass" {
  loop kv-server KV_SERVER
}
