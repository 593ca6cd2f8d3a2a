#!/usr/bin/env bash
# The demo: compile a profile that denies chmod into a C table and show the
# program the generator wrote, one instruction per line, in words.
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
