#!/usr/bin/env bats
# seccomp_embed(): one line of CMake sandboxes a target.

setup() {
  load helpers
  TMP="$BATS_TEST_TMPDIR"
  mkdir -p "$TMP/app"
  cp "$SRC/examples/profiles/no-chmod.json" "$TMP/app/policy.json"
  cat > "$TMP/app/main.c" <<'C'
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
int main(int argc, char **argv)
{
	(void)argc;
	if (chmod(argv[0], 0755) == -1 && errno == EPERM) {
		puts("chmod denied");
		return 0;
	}
	puts("chmod allowed");
	return 1;
}
C
}

# project FILE-BODY: a CMake project using the checkout through add_subdirectory()
project() {
  cat > "$TMP/app/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(app C)
set(BUILD_TESTING OFF)
add_subdirectory("$SRC" seccomp-embed)
add_executable(app main.c)
$1
CMAKE
}

@test "add_subdirectory(): INSTALL startup confines the program before main" {
  project 'seccomp_embed(app policy.json INSTALL startup)'
  cmake -S "$TMP/app" -B "$TMP/build" >/dev/null
  cmake --build "$TMP/build" -j2 >/dev/null
  run "$TMP/build/app"
  assert_success
  assert_output "chmod denied"
}

@test "editing the profile regenerates the table and relinks" {
  project 'seccomp_embed(app policy.json INSTALL startup)'
  cmake -S "$TMP/app" -B "$TMP/build" >/dev/null
  cmake --build "$TMP/build" -j2 >/dev/null
  echo '{"defaultAction": "SCMP_ACT_ALLOW"}' > "$TMP/app/policy.json"
  run cmake --build "$TMP/build"
  assert_success
  assert_output --partial "seccomp-embed: seccomp_embed_app for app from $TMP/app/policy.json"
  run "$TMP/build/app"
  assert_failure 1
  assert_output "chmod allowed"
}

@test "an unknown keyword is a configure-time error" {
  project 'seccomp_embed(app policy.json ARCHITECTURE amd64)'
  run cmake -S "$TMP/app" -B "$TMP/build"
  assert_failure
  [[ "$(echo $output)" == *"seccomp_embed(app): unknown argument(s): ARCHITECTURE;amd64"* ]]
}

@test "a missing profile is a configure-time error" {
  project 'seccomp_embed(app nowhere.json)'
  run cmake -S "$TMP/app" -B "$TMP/build"
  assert_failure
  # CMake wraps long messages: compare with the line breaks folded
  [[ "$(echo $output)" == *"seccomp_embed(app): profile $TMP/app/nowhere.json does not exist"* ]]
}
