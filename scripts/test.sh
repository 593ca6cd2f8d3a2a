#!/usr/bin/env bash
# The whole test suite: configure with warnings as errors, build, run every
# C and bats test through CTest.  BUILD_DIR and CMAKE_ARGS may override.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build}"
cmake -S . -B "$build" -DSECCOMP_EMBED_WERROR=ON ${CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" ${CTEST_ARGS:-}
