#!/usr/bin/env bash
# The start-up bench in one command: configure and build if needed, run,
# print the table.  BUILD_DIR (default build-bench) picks the build tree;
# arguments go to the bench (-n CHILDREN, default 200 per method).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$root/build-bench}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DSECCOMP_EMBED_WERROR=ON -DSECCOMP_EMBED_BUILD_BENCH=ON -DBUILD_TESTING=OFF >/dev/null
fi
cmake --build "$build" --target seccomp_embed_bench -j"$(nproc)" >/dev/null
exec "$build/bench/seccomp_embed_bench" "$@"
