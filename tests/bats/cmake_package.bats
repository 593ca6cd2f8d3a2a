#!/usr/bin/env bats
# seccomp-embed as an installed package, and in a cross-compiled build.

setup_file() {
  # One installation shared by the tests of this file: a fresh build of the
  # checkout with only what a user installs (no tests, examples or bench).
  export PREFIX="$BATS_FILE_TMPDIR/prefix"
  cmake -S "$SECCOMP_EMBED_SOURCE_DIR" -B "$BATS_FILE_TMPDIR/build" -DBUILD_TESTING=OFF \
    -DSECCOMP_EMBED_BUILD_EXAMPLES=OFF -DSECCOMP_EMBED_BUILD_BENCH=OFF \
    -DSECCOMP_EMBED_WERROR=ON >/dev/null
  cmake --build "$BATS_FILE_TMPDIR/build" -j2 >/dev/null
  cmake --install "$BATS_FILE_TMPDIR/build" --prefix "$PREFIX" >/dev/null
}

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
  mkdir -p "$TMP/app"
  cp "$SRC/examples/profiles/no-chmod.json" "$TMP/app/policy.json"
}

@test "cmake --install puts the generator, runtime, header and package files in place" {
  assert_file_executable "$PREFIX/bin/seccomp-embed"
  assert_file_exists "$PREFIX/lib/libseccomp-embed-runtime.a"
  assert_file_exists "$PREFIX/include/seccomp_embed.h"
  assert_file_exists "$PREFIX/lib/cmake/SeccompEmbed/SeccompEmbedConfig.cmake"
  assert_file_exists "$PREFIX/lib/cmake/SeccompEmbed/SeccompEmbedConfigVersion.cmake"
  assert_file_exists "$PREFIX/lib/pkgconfig/seccomp-embed.pc"
  assert_file_exists "$PREFIX/share/seccomp-embed/profiles/docker-default.json"
  assert_file_exists "$PREFIX/share/seccomp-embed/profiles/default-no-chmod.json"
  run "$PREFIX/bin/seccomp-embed" --version
  assert_success
  assert_output --regexp "^seccomp-embed [0-9]+\.[0-9]+\.[0-9]+ "
}

@test "find_package(SeccompEmbed CONFIG REQUIRED) gives the function, generator and runtime" {
  cat > "$TMP/app/main.c" <<'C'
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <policy.h>
int main(int argc, char **argv)
{
	(void)argc;
	if (seccomp_embed_install(&policy, 0) != 0)
		return puts("install failed"), 1;
	if (chmod(argv[0], 0755) == -1 && errno == EPERM)
		return puts("chmod denied"), 0;
	return puts("chmod allowed"), 1;
}
C
  cat > "$TMP/app/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(app C)
find_package(SeccompEmbed 0.1 CONFIG REQUIRED)
foreach(t SeccompEmbed::seccomp-embed SeccompEmbed::runtime)
  if(NOT TARGET ${t})
    message(FATAL_ERROR "missing ${t}")
  endif()
endforeach()
add_executable(app main.c)
seccomp_embed(app policy.json INSTALL manual NAME policy)
CMAKE
  cmake -S "$TMP/app" -B "$TMP/build" -DCMAKE_PREFIX_PATH="$PREFIX" >/dev/null
  run cmake --build "$TMP/build"
  assert_success
  assert_output --partial "seccomp-embed: policy for app from $TMP/app/policy.json"
  run "$TMP/build/app"
  assert_success
  assert_output "chmod denied"
}

@test "find_package gives SeccompEmbed_PROFILES_DIR: Docker's default sandboxes a target in one line" {
  cat > "$TMP/app/main.c" <<'C'
#include <stdio.h>
int main(void) { return puts("ran under docker-default"), 0; }
C
  cat > "$TMP/app/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(app C)
find_package(SeccompEmbed 0.1 CONFIG REQUIRED)
add_executable(app main.c)
seccomp_embed(app "${SeccompEmbed_PROFILES_DIR}/docker-default.json")
CMAKE
  cmake -S "$TMP/app" -B "$TMP/build" -DCMAKE_PREFIX_PATH="$PREFIX" >/dev/null
  cmake --build "$TMP/build" >/dev/null
  run "$TMP/build/app"
  assert_success
  assert_output "ran under docker-default"
}

@test "pkg-config: a plain cc line links the runtime and sandboxes the program" {
  export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
  run pkg-config --modversion seccomp-embed
  assert_success
  gen=$(pkg-config --variable=generator seccomp-embed)
  assert_equal "$(realpath "$gen")" "$(realpath "$PREFIX/bin/seccomp-embed")"
  profiles=$(pkg-config --variable=profilesdir seccomp-embed)
  assert_file_exists "$profiles/docker-default.json"
  cat > "$TMP/app/main.c" <<'C'
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <seccomp_embed.h>
extern const struct seccomp_embed_filter policy;
int main(int argc, char **argv)
{
	(void)argc;
	if (seccomp_embed_install(&policy, 0) != 0)
		return puts("install failed"), 1;
	return puts(chmod(argv[0], 0755) == -1 && errno == EPERM ? "chmod denied" : "chmod allowed"), 0;
}
C
  "$gen" compile "$TMP/app/policy.json" --arch "$(uname -m)" --name policy -q -o "$TMP/app/policy.c"
  # shellcheck disable=SC2046
  cc -o "$TMP/app/app" "$TMP/app/main.c" "$TMP/app/policy.c" $(pkg-config --cflags --libs seccomp-embed)
  run "$TMP/app/app"
  assert_success
  assert_output "chmod denied"
}

# outside_app DIR: main.c of an outside project, and its profile
outside_app() {
  mkdir -p "$1"
  cp "$SRC/examples/profiles/no-chmod.json" "$1/policy.json"
  cat > "$1/main.c" <<'C'
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
int main(int argc, char **argv)
{
	(void)argc;
	return puts(chmod(argv[0], 0755) == -1 && errno == EPERM ? "chmod denied" : "chmod allowed"), 0;
}
C
}

@test "the Meson recipe of docs/meson.md: custom_target and dependency('seccomp-embed')" {
  command -v meson >/dev/null || skip "meson is not installed (scripts/deps.sh installs it)"
  outside_app "$TMP/meson"
  cp "$SRC/docs/recipes/meson.build" "$TMP/meson/"
  PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" meson setup "$TMP/meson/build" "$TMP/meson" >/dev/null
  run meson compile -C "$TMP/meson/build"
  assert_success
  run "$TMP/meson/build/app"
  assert_success
  assert_output "chmod denied"
  # the profile is a dependency of the build: editing it regenerates the table
  sed -i 's/SCMP_ACT_ERRNO/SCMP_ACT_LOG/' "$TMP/meson/policy.json"
  meson compile -C "$TMP/meson/build" >/dev/null
  run "$TMP/meson/build/app"
  assert_output "chmod allowed"
}

@test "the Makefile recipe of docs/make.md: a pattern rule from .json to .c" {
  outside_app "$TMP/make"
  cp "$SRC/docs/recipes/Makefile" "$TMP/make/"
  # SECCOMP_EMBED (ctest's generator) unset: the recipe finds the installed one
  PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" run env -u SECCOMP_EMBED make -C "$TMP/make"
  assert_success
  assert_file_exists "$TMP/make/policy.c"
  run "$TMP/make/app"
  assert_success
  assert_output "chmod denied"
}

@test "find_package refuses a version from another minor series" {
  cat > "$TMP/app/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(app C)
find_package(SeccompEmbed 9.0 CONFIG REQUIRED)
CMAKE
  run cmake -S "$TMP/app" -B "$TMP/build" -DCMAKE_PREFIX_PATH="$PREFIX"
  assert_failure
  assert_output --partial "SeccompEmbedConfig.cmake"
}

# cross_project: an app that prints what its embedded table was built for
cross_project() {
  cat > "$TMP/app/main.c" <<'C'
#include <stdio.h>
#include <policy.h>
int main(void)
{
	const struct seccomp_embed_program *p = &policy.programs[0];
	printf("target 0x%08x\n", policy.target_arch);
	/* insns[0] loads seccomp_data.arch, insns[1] compares it */
	printf("load 0x%02x offset %u\n", p->insns[0].code, p->insns[0].k);
	printf("compare 0x%08x\n", p->insns[1].k);
	printf("first arch %s\n", policy.arches[0].name);
	return 0;
}
C
  cat > "$TMP/app/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(app C)
add_subdirectory("$SRC" seccomp-embed)
add_executable(app main.c)
seccomp_embed(app policy.json INSTALL manual NAME policy)
CMAKE
}

@test "a cross-compiled aarch64 build links and embeds an aarch64 table" {
  command -v aarch64-linux-gnu-gcc >/dev/null || skip "gcc-aarch64-linux-gnu is not installed"
  command -v qemu-aarch64 >/dev/null || skip "qemu-user is not installed"
  cross_project
  cmake -S "$TMP/app" -B "$TMP/build" -DSECCOMP_EMBED_WERROR=ON \
    -DCMAKE_TOOLCHAIN_FILE="$SRC/cmake/toolchains/aarch64-linux-gnu.cmake" \
    -DSECCOMP_EMBED_GENERATOR="$SECCOMP_EMBED" >/dev/null
  cmake --build "$TMP/build" -j2 >/dev/null
  run readelf -h "$TMP/build/app"
  assert_output --regexp "Machine: +AArch64"
  run qemu-aarch64 -L /usr/aarch64-linux-gnu "$TMP/build/app"
  assert_success
  # AUDIT_ARCH_AARCH64, the load of seccomp_data.arch (BPF_LD|BPF_W|BPF_ABS at 4)
  assert_line "target 0xc00000b7"
  assert_line "load 0x20 offset 4"
  assert_line "compare 0xc00000b7"
  assert_line "first arch aarch64"
}

@test "cross-compiling without a host generator is a configure-time error naming the fix" {
  command -v aarch64-linux-gnu-gcc >/dev/null || skip "gcc-aarch64-linux-gnu is not installed"
  cross_project
  run cmake -S "$TMP/app" -B "$TMP/build" \
    -DCMAKE_TOOLCHAIN_FILE="$SRC/cmake/toolchains/aarch64-linux-gnu.cmake"
  assert_failure
  [[ "$(echo $output)" == *"no seccomp-embed generator that runs on this host; set SECCOMP_EMBED_GENERATOR"* ]]
}

@test "a generator that cannot run on this host is refused at configure time" {
  command -v aarch64-linux-gnu-gcc >/dev/null || skip "gcc-aarch64-linux-gnu is not installed"
  cross_project
  printf '#!/bin/sh\nexit 126\n' > "$TMP/not-a-generator"
  chmod +x "$TMP/not-a-generator"
  run cmake -S "$TMP/app" -B "$TMP/build" \
    -DCMAKE_TOOLCHAIN_FILE="$SRC/cmake/toolchains/aarch64-linux-gnu.cmake" \
    -DSECCOMP_EMBED_GENERATOR="$TMP/not-a-generator"
  assert_failure
  [[ "$(echo $output)" == *"SECCOMP_EMBED_GENERATOR=$TMP/not-a-generator does not run on this host"* ]]
}
