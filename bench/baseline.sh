#!/usr/bin/env bash
# Builds the generator of an older commit, to compare programs with it in
# one run (bench/policies.sh --baseline): a git worktree of COMMIT in DIR
# (default build-baseline-COMMIT beside the checkout's build trees), built
# Release, generator only.  Prints the generator's path.
#
#   bench/baseline.sh COMMIT [DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -lt 1 ] || [ "${1#-}" != "$1" ]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
commit=$(git -C "$root" rev-parse --short "$1^{commit}" 2>/dev/null) ||
  { echo "baseline.sh: $1: no such commit" >&2; exit 2; }
dir="${2:-$root/build-baseline-$commit}"
if [ ! -d "$dir/src" ]; then
  mkdir -p "$dir"
  git -C "$root" worktree add --detach -q "$dir/src" "$commit"
fi
if [ ! -x "$dir/build/gen/seccomp-embed" ]; then
  cmake -S "$dir/src" -B "$dir/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    -DSECCOMP_EMBED_BUILD_EXAMPLES=OFF -DSECCOMP_EMBED_BUILD_BENCH=OFF >/dev/null
  cmake --build "$dir/build" --target seccomp-embed -j"$(nproc)" >/dev/null
fi
echo "$dir/build/gen/seccomp-embed"
