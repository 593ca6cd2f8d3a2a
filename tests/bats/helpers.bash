# Shared set-up for the command-line tests.
bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert
bats_load_library bats-file

: "${SECCOMP_EMBED:?run the bats tests through ctest, which sets SECCOMP_EMBED}"
SRC="${SECCOMP_EMBED_SOURCE_DIR}"
CORPUS="${SECCOMP_EMBED_CORPUS}"

# Skip a test that needs ../shared/corpus when it is not beside the checkout.
require_corpus() {
  [ -d "$CORPUS" ] || skip "../shared/corpus is not beside the checkout"
}

# Is the build under test instrumented by -fsanitize (CI's second pass)?
sanitized_build() {
  grep -q '^SECCOMP_EMBED_SANITIZE:BOOL=ON$' "$SECCOMP_EMBED_BUILD_DIR/CMakeCache.txt" 2>/dev/null
}
