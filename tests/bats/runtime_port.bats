#!/usr/bin/env bats
# The runtime is portable C11: every runtime/src/*.c compiles without a
# single diagnostic (-Wall -Wextra -Werror -pedantic) with Debian's compiler
# for each arch seccomp-embed supports, and a static program embedding a
# table generated for that arch links against it.  Where qemu-user is there
# the program also runs: its table must be for the arch the runtime says it
# runs as (install never answers -ENOEXEC; under qemu, which does not
# implement seccomp(2), it gets -ENOSYS instead).
#
# Then the SIGSYS handler's object code: report.c, attribute.c and fmt.c (all
# the code a trapped syscall reaches) must not call an allocator or stdio,
# at any optimisation level, with ASan, or with _FORTIFY_SOURCE.  report.c's
# set-up path legitimately calls getenv, strtol, atexit and sigaction; only
# allocation and stdio are banned.
#
# Not here: that the handler preserves errno and survives SA_NODEFER
# recursion needs a live program (tests/live).

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
  WARN="-std=c11 -Wall -Wextra -Werror -pedantic"
}

# --- Task: compile and link for every arch -----------------------------------

# A small profile whose TRAP rule names syscalls every arch has, so the
# table carries rules, sites and a name table, and may_trap is set.
write_profile() {
  printf '%s\n' '{"defaultAction":"SCMP_ACT_ALLOW",
    "syscalls":[{"names":["fchmodat","mkdirat"],"action":"SCMP_ACT_TRAP"}]}' > "$TMP/trap.json"
}

write_main() {
  cat > "$TMP/main.c" <<'EOF'
#include <errno.h>
#include <stdio.h>
#include <seccomp_embed.h>

extern const struct seccomp_embed_filter seccomp_embed_filter;

int main(void)
{
	const struct seccomp_embed_program *p = seccomp_embed_select_program(&seccomp_embed_filter);
	int rc = seccomp_embed_install(&seccomp_embed_filter, 0);
	printf("program %s, install %d\n", p ? "found" : "missing", rc);
	if (!p)
		return 3;
	return rc == -ENOEXEC ? 4 : rc == -EINVAL ? 5 : 0;
}
EOF
}

# port ARCH CC PACKAGE LIBC-PACKAGE RUNNER: the whole check for one arch.
# RUNNER is the qemu-user binary ("" for the host); the run is left out when
# it is absent.
port() {
  local arch=$1 cc=$2 pkg=$3 libc=$4 runner=$5 f o objs=()
  command -v "$cc" >/dev/null || skip "$cc is not installed: Debian package $pkg (scripts/deps.sh installs it)"
  echo '#include <signal.h>' | "$cc" -E -o /dev/null - 2>/dev/null ||
    skip "$cc has no C library headers: Debian package $libc (scripts/deps.sh installs it)"

  for f in "$SRC"/runtime/src/*.c; do
    o="$TMP/$(basename "$f" .c).o"
    run "$cc" $WARN -O2 -I"$SRC/runtime/include" -c "$f" -o "$o"
    assert_success
    assert_output ""   # no warning, no note
    objs+=("$o")
  done

  write_profile
  write_main
  "$SECCOMP_EMBED" compile "$TMP/trap.json" --arch "$arch" -q -o "$TMP/table.c"
  run "$cc" $WARN -O2 -I"$SRC/runtime/include" -static "$TMP/main.c" "$TMP/table.c" "${objs[@]}" -o "$TMP/prog"
  assert_success
  assert_output ""
  [ -x "$TMP/prog" ]

  if [ -z "$runner" ] || command -v "$runner" >/dev/null; then
    run $runner "$TMP/prog"
    assert_success
    assert_output --regexp '^program found, install -?[0-9]+$'
  fi
}

@test "x86_64 (gcc): runtime compiles cleanly and links statically with an x86_64 table" {
  port x86_64 gcc gcc libc6-dev ""
}

@test "aarch64 (aarch64-linux-gnu-gcc): runtime compiles cleanly and links statically with an aarch64 table" {
  port aarch64 aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-aarch64
}

@test "arm (arm-linux-gnueabihf-gcc): runtime compiles cleanly and links statically with an arm table" {
  port arm arm-linux-gnueabihf-gcc gcc-arm-linux-gnueabihf libc6-dev-armhf-cross qemu-arm
}

@test "riscv64 (riscv64-linux-gnu-gcc): runtime compiles cleanly and links statically with a riscv64 table" {
  port riscv64 riscv64-linux-gnu-gcc gcc-riscv64-linux-gnu libc6-dev-riscv64-cross qemu-riscv64
}

@test "ppc64le (powerpc64le-linux-gnu-gcc): runtime compiles cleanly and links statically with a ppc64le table" {
  port ppc64le powerpc64le-linux-gnu-gcc gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross qemu-ppc64le
}

@test "s390x (s390x-linux-gnu-gcc): runtime compiles cleanly and links statically with an s390x table" {
  port s390x s390x-linux-gnu-gcc gcc-s390x-linux-gnu libc6-dev-s390x-cross qemu-s390x
}

# --- Task: the handler's code neither allocates nor uses stdio ----------------

# Allocation, stdio (plain and fortified) and the other calls that take
# locks or allocate inside libc.  Anchored: ASan's own __asan_stack_malloc_N
# and similar are not the allocator.
BANNED='^(malloc|calloc|realloc|reallocarray|free|aligned_alloc|posix_memalign|memalign|valloc|pvalloc'
BANNED+='|printf|fprintf|sprintf|snprintf|dprintf|asprintf|vprintf|vfprintf|vsprintf|vsnprintf|vdprintf|vasprintf'
BANNED+='|puts|fputs|fwrite|fflush|putc|fputc|putchar|putc_unlocked|fputc_unlocked|fwrite_unlocked|fputs_unlocked'
BANNED+='|perror|fopen|fdopen|fclose|strerror|strerror_r|strerror_l|__xpg_strerror_r|syslog|vsyslog'
BANNED+='|__[a-z_]*printf_chk|__[a-z_]*(puts|gets|fread|fwrite|putc|getc|scanf)(_unlocked)?_chk|_IO_.*)$'

# banned_in NM OBJECT: the banned symbols OBJECT leaves undefined.
banned_in() {
  "$1" -u "$2" | awk '{ print $NF }' | grep -E "$BANNED" || true
}

# handler_objects_clean CC [flags...]: compile the handler's files with the
# flags; fail naming each banned symbol and the file that needs it.
handler_objects_clean() {
  local cc=$1 f o bad found=""; shift
  local nm="${cc%gcc}nm" # aarch64-linux-gnu-nm; plain nm for gcc and clang
  command -v "$nm" >/dev/null || nm=nm
  for f in report attribute fmt; do
    o="$TMP/$f.o"
    "$cc" $WARN "$@" -I"$SRC/runtime/include" -c "$SRC/runtime/src/$f.c" -o "$o"
    bad=$(banned_in "$nm" "$o")
    [ -z "$bad" ] || found+="runtime/src/$f.c ($cc $*) needs: $(echo $bad)"$'\n'
  done
  if [ -n "$found" ]; then
    echo "the SIGSYS handler's code calls allocation or stdio:" >&2
    printf '%s' "$found" >&2
    return 1
  fi
}

@test "the banned-symbol check catches snprintf, malloc and fortified stdio (control)" {
  printf '%s\n' '#include <stdio.h>' '#include <stdlib.h>' \
    'void *a(size_t n) { return malloc(n); }' 'void d(void *p) { free(p); }' \
    'int f(char *b, int n) { fprintf(stderr, "%d", n); return snprintf(b, 8, "%d", n); }' > "$TMP/bad.c"
  gcc -O2 -D_FORTIFY_SOURCE=2 -c "$TMP/bad.c" -o "$TMP/bad.o"
  run banned_in nm "$TMP/bad.o"
  assert_line malloc
  assert_line free
  assert_line --regexp '^__(snprintf|sprintf)_chk$'
  assert_line --regexp '^(__fprintf_chk|fprintf|fwrite|fputs)$'
  printf '%s\n' 'void g(void) {}' > "$TMP/ok.c"
  gcc -O0 -fsanitize=address -c "$TMP/ok.c" -o "$TMP/ok.o"
  run banned_in nm "$TMP/ok.o"
  assert_output ""
}

@test "handler code (report.c, attribute.c, fmt.c) at -O0: no allocation or stdio" {
  handler_objects_clean gcc -O0
}

@test "handler code at -O2: no allocation or stdio" {
  handler_objects_clean gcc -O2
}

@test "handler code at -O0 and -O2 with -fsanitize=address: no allocation or stdio" {
  handler_objects_clean gcc -O0 -fsanitize=address
  handler_objects_clean gcc -O2 -fsanitize=address
  handler_objects_clean gcc -O2 -fsanitize=address,undefined
}

@test "handler code with -D_FORTIFY_SOURCE=2 -O2: no __*_chk stdio" {
  handler_objects_clean gcc -O2 -D_FORTIFY_SOURCE=2
  handler_objects_clean gcc -O2 -D_FORTIFY_SOURCE=3
}

@test "handler code built by clang (-O0, -O2, fortified): no allocation or stdio" {
  command -v clang >/dev/null || skip "clang is not installed: Debian package clang (scripts/deps.sh installs it)"
  handler_objects_clean clang -O0
  handler_objects_clean clang -O2
  handler_objects_clean clang -O2 -D_FORTIFY_SOURCE=2
}

@test "handler code built by each cross compiler at -O2: no allocation or stdio" {
  local cc n=0
  for cc in aarch64-linux-gnu-gcc arm-linux-gnueabihf-gcc riscv64-linux-gnu-gcc \
            powerpc64le-linux-gnu-gcc s390x-linux-gnu-gcc; do
    command -v "$cc" >/dev/null || continue
    handler_objects_clean "$cc" -O2
    handler_objects_clean "$cc" -O2 -D_FORTIFY_SOURCE=2
    n=$((n + 1))
  done
  [ "$n" -gt 0 ] || skip "no cross compiler is installed (scripts/deps.sh installs them)"
}
