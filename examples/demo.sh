#!/usr/bin/env bash
# The demo: compile a profile that denies chmod into a C table, show the
# table, then run a program that sandboxes itself with it and tries chmod.
set -euo pipefail
build="${1:-build}"
here="$(dirname "$0")"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

profile="$here/profiles/no-chmod.json"
echo "== the profile ($profile):"
cat "$profile"
echo
echo "== seccomp-embed compile $profile --arch amd64 --name no_chmod -o no_chmod.c"
"$build/gen/seccomp-embed" compile "$profile" --arch amd64 --name no_chmod -o "$out/no_chmod.c"
echo
echo "== the precompiled table in no_chmod.c:"
sed -n '/^static const struct sock_filter/,/^};/p' "$out/no_chmod.c"
echo
echo "== a program sandboxed with it (built with --mode trap-log, so denials are reported):"
"$build/examples/chmod_demo"
