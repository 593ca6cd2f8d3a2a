#!/usr/bin/env bash
# Fuzz the generator (tests/fuzz/fuzz_compile.c: bytes -> profile -> program
# -> emitted C) under libFuzzer with AddressSanitizer and UBSan, for SECONDS
# (default 60), seeded with the project's profiles and bad-input fixtures.
# A crash, leak, sanitizer error, a unit over 30 s or 2 GB fails the run;
# its input is left in BUILD_DIR/findings: keep it in tests/fuzz/regressions/
# once fixed (the fuzz_replay test then runs it in every build).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
build="${BUILD_DIR:-build-fuzz}"
CC=clang cmake -S . -B "$build" -DSECCOMP_EMBED_FUZZ=ON -DBUILD_TESTING=OFF \
  -DSECCOMP_EMBED_BUILD_EXAMPLES=OFF -DSECCOMP_EMBED_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target fuzz_compile >/dev/null
corpus="$build/corpus"
mkdir -p "$corpus" "$build/findings"
for seed in profiles/*.json examples/profiles/*.json tests/profiles/*.json \
  tests/bad-input/*.json tests/qemu/profiles/*.json tests/fuzz/regressions/*; do
  cp "$seed" "$corpus/$(tr / _ <<<"$seed")" # names repeat across folders
done
status=0
# -close_fd_mask=2: the generator's own error lines would drown libFuzzer's;
# a crash report still reaches the log through the sanitizer (log_path).
ASAN_OPTIONS="log_path=$build/findings/sanitizer" \
LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp" \
"$build/tests/fuzz/fuzz_compile" "$corpus" -dict=tests/fuzz/profile.dict \
  -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=65536 \
  -close_fd_mask=2 -print_final_stats=1 -artifact_prefix="$build/findings/" \
  >"$build/fuzz.log" 2>&1 || status=$?
grep -E '^stat::|^#[0-9]+ +DONE' "$build/fuzz.log" || true
# slow-unit-*: over 10 s under the sanitizers and coverage, whose forks are
# slow (each libseccomp build runs in a child), the more on a loaded
# machine: listed, not failed.  Everything else is a finding.
for slow in "$build"/findings/slow-unit-*; do
  [ -e "$slow" ] && echo "fuzz: slow input (not a failure): $slow" >&2
done
if [ "$status" -ne 0 ] || compgen -G "$build/findings/[!s]*" >/dev/null ||
   compgen -G "$build/findings/sanitizer*" >/dev/null; then
  echo "fuzz: FAILED (exit $status); inputs and reports in $build/findings/:" >&2
  ls -l "$build/findings/" >&2
  tail -40 "$build/fuzz.log" >&2
  cat "$build/findings/"sanitizer* 2>/dev/null | head -60 >&2 || true
  exit 1
fi
echo "fuzz: $seconds s, no finding"
