#!/usr/bin/env bash
# The Debian packages, as an admin meets them: `cpack -G DEB` in a build of
# what a user installs, both packages installed with dpkg (needs root), an
# outside project built through find_package and one through pkg-config,
# each checked to refuse chmod, and the first, while it runs, compared with
# its profile by the installed `seccomp-embed diff`; then the packages are
# removed again unless KEEP=1.  CI runs it on its fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
build="${BUILD_DIR:-build-deb}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake -S . -B "$build" -DBUILD_TESTING=OFF -DSECCOMP_EMBED_BUILD_EXAMPLES=OFF \
  -DSECCOMP_EMBED_BUILD_BENCH=OFF -DSECCOMP_EMBED_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
(cd "$build" && rm -f ./*.deb && cpack -G DEB >/dev/null)
debs=("$build"/seccomp-embed_*.deb "$build"/libseccomp-embed-dev_*.deb)
for deb in "${debs[@]}"; do
  [ -f "$deb" ] || { echo "deb-check: no $deb" >&2; exit 1; }
  echo "deb-check: $(basename "$deb"): $(dpkg-deb -f "$deb" Package Depends | tr '\n' ' ')"
done
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "${debs[@]/#/$PWD/}" >/dev/null

# what each package holds
for f in /usr/bin/seccomp-embed /usr/share/man/man1/seccomp-embed.1 \
         /usr/share/seccomp-embed/profiles/docker-default.json \
         /usr/include/seccomp_embed.h /usr/share/man/man3/seccomp_embed_install.3; do
  [ -e "$f" ] || { echo "deb-check: $f is missing" >&2; exit 1; }
done

mkdir -p "$work/cmake" "$work/pc"
cat >"$work/main.c" <<'C'
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
/* With an argument, it then waits until its standard input ends. */
int main(int argc, char **argv)
{
	puts(chmod(argv[0], 0755) == -1 && errno == EPERM ? "chmod denied" : "chmod allowed");
	fflush(stdout);
	while (argc > 1 && getchar() != EOF)
		;
	return 0;
}
C
cp "$src/profiles/default-no-chmod.json" "$work/policy.json"
cat >"$work/cmake/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(app C)
find_package(SeccompEmbed CONFIG REQUIRED)
add_executable(app $work/main.c)
seccomp_embed(app $work/policy.json)
CMAKE
cmake -S "$work/cmake" -B "$work/cmake/build" >/dev/null
cmake --build "$work/cmake/build" >/dev/null 2>&1
out=$("$work/cmake/build/app")
[ "$out" = "chmod denied" ] || { echo "deb-check: find_package build: $out" >&2; exit 1; }
echo "deb-check: find_package(SeccompEmbed): chmod denied"

# the admin's check: the running program against its profile
mkfifo "$work/app.in"
"$work/cmake/build/app" wait <"$work/app.in" >"$work/app.out" &
app=$!
exec 9>"$work/app.in"
for _ in $(seq 100); do grep -q chmod "$work/app.out" && break; sleep 0.05; done
seccomp-embed diff "$app" "$work/policy.json" -q ||
  { echo "deb-check: seccomp-embed diff: the running app differs from its profile" >&2; exit 1; }
if seccomp-embed diff "$app" /usr/share/seccomp-embed/profiles/docker-default.json -q >/dev/null; then
  echo "deb-check: seccomp-embed diff: no difference from a profile that allows chmod" >&2
  exit 1
fi
exec 9>&-
wait "$app"
echo "deb-check: seccomp-embed diff PID: the running app is its profile, and not Docker's default"

gen=$(pkg-config --variable=generator seccomp-embed)
"$gen" compile "$work/policy.json" --arch "$(uname -m)" --name policy --install startup \
  -q -o "$work/pc/policy.c"
# shellcheck disable=SC2046
cc -o "$work/pc/app" "$work/main.c" "$work/pc/policy.c" $(pkg-config --cflags --libs seccomp-embed)
out=$("$work/pc/app")
[ "$out" = "chmod denied" ] || { echo "deb-check: pkg-config build: $out" >&2; exit 1; }
echo "deb-check: pkg-config seccomp-embed: chmod denied"

if [ "${KEEP:-0}" != 1 ]; then
  apt-get remove -y -qq libseccomp-embed-dev seccomp-embed >/dev/null
fi
echo "deb-check: ok"
