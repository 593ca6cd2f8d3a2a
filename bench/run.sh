#!/usr/bin/env bash
# A bench in one command: configure and build if needed, run, print the
# table.  bench/run.sh [startup|filters|programs] [ARGS]: startup (the
# default) is seccomp_embed_bench, filters is seccomp_embed_bench_filters,
# programs is seccomp_embed_bench_programs; ARGS go to it (-n CHILDREN, for
# filters -c CALLS, for programs LABEL=FILE.bpf...).  BUILD_DIR (default
# build-bench) picks the build tree.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$root/build-bench}"
bench=seccomp_embed_bench
case "${1:-}" in
  filters) bench=seccomp_embed_bench_filters; shift ;;
  programs) bench=seccomp_embed_bench_programs; shift ;;
  startup) shift ;;
esac
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DSECCOMP_EMBED_WERROR=ON -DSECCOMP_EMBED_BUILD_BENCH=ON -DBUILD_TESTING=OFF >/dev/null
fi
cmake --build "$build" --target "$bench" -j"$(nproc)" >/dev/null
exec "$build/bench/$bench" "$@"
