#!/usr/bin/env bats
# `--format bpf` loaded by another tool, as the README's third way shows:
# bubblewrap (`bwrap --seccomp FD`) runs a command under the raw program,
# and the command gets what the profile says.

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
  command -v bwrap >/dev/null || skip "bwrap is not installed (Debian package bubblewrap)"
  bwrap --ro-bind / / --dev /dev true 2>/dev/null ||
    skip "bwrap cannot create its namespaces on this machine"
  "$SECCOMP_EMBED" compile "$SRC/examples/profiles/no-chmod.json" --arch "$(uname -m)" \
    --kernel 6.1 --format bpf -q -o "$TMP/no-chmod.bpf"
  touch "$TMP/scratch"
  chmod 644 "$TMP/scratch"
}

@test "bwrap --seccomp runs a command under the raw program: chmod is denied, the rest works" {
  run bwrap --ro-bind / / --bind "$TMP" "$TMP" --dev /dev --seccomp 3 \
    chmod 600 "$TMP/scratch" 3<"$TMP/no-chmod.bpf"
  assert_failure
  assert_output --partial "Operation not permitted"
  assert_equal "$(stat -c %a "$TMP/scratch")" 644
  run bwrap --ro-bind / / --bind "$TMP" "$TMP" --dev /dev --seccomp 3 \
    cat "$TMP/scratch" 3<"$TMP/no-chmod.bpf"
  assert_success
}

@test "without the filter the same chmod succeeds (the control)" {
  run bwrap --ro-bind / / --bind "$TMP" "$TMP" --dev /dev chmod 600 "$TMP/scratch"
  assert_success
  assert_equal "$(stat -c %a "$TMP/scratch")" 600
}
