#!/usr/bin/env bats
# The startup installer never lets a program run unsandboxed.

setup() {
  load helpers
}

@test "a table for another arch: install_or_abort says why and aborts (status 134)" {
  run -134 "$SECCOMP_EMBED_BUILD_DIR/tests/live_foreign_arch" --abort
  assert_output --regexp "^seccomp-embed: cannot install filter foreign \(from .*/tests/profiles/deny-all.json\): it does not cover the architecture this program runs as; aborting rather than running unsandboxed$"
}
