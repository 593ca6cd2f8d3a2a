#!/usr/bin/env bash
# One arch's live suite in a real kernel of that arch (tests/qemu/README.md):
#   tests/qemu/run.sh TARGET     TARGET: aarch64 arm arm-on-arm64 s390x ppc64le riscv64
# Tables are generated here by the host's generator ($SECCOMP_EMBED); the
# suite, two live tests and the runtime are cross-compiled statically; the
# suite is the initramfs's /init; qemu-system boots Debian's kernel (from
# scripts/qemu-kernels.sh) under a timeout, and the console's marker lines
# say how it went.  Exit 0 when every test in the guest passed, 1 when one
# failed or the guest did not finish, 77 (skip) when a tool or the kernel
# is missing, unless CI=true, where that is a failure.
set -euo pipefail

target=$1
src="${SECCOMP_EMBED_SOURCE_DIR:?}"
gen="${SECCOMP_EMBED:?}"
work="${SECCOMP_EMBED_BUILD_DIR:?}/qemu/$target"
kernels="${SECCOMP_EMBED_KERNELS:-$HOME/.cache/seccomp-embed/kernels}"
boot_timeout="${SECCOMP_EMBED_QEMU_TIMEOUT:-240}"

# TARGET -> cross compiler, generator arch, the foreign table's arch,
# kernel (Debian arch), qemu and its machine, console
case "$target" in
  aarch64)     cc=aarch64-linux-gnu-gcc;     arch=arm64;   kernel=arm64
               qemu=(qemu-system-aarch64 -M virt -cpu cortex-a57 -m 512); append="console=ttyAMA0 kpti=0" ;;
  arm)         cc=arm-linux-gnueabihf-gcc;   arch=arm;     kernel=armhf
               qemu=(qemu-system-arm -M virt -m 512); append="console=ttyAMA0" ;;
  arm-on-arm64) cc=arm-linux-gnueabihf-gcc;  arch=arm;     kernel=arm64
               qemu=(qemu-system-aarch64 -M virt -cpu cortex-a57 -m 512); append="console=ttyAMA0 kpti=0" ;;
  s390x)       cc=s390x-linux-gnu-gcc;       arch=s390x;   kernel=s390x
               qemu=(qemu-system-s390x -M s390-ccw-virtio -m 512); append="console=ttysclp0" ;;
  ppc64le)     cc=powerpc64le-linux-gnu-gcc; arch=ppc64le; kernel=ppc64el
               qemu=(qemu-system-ppc64 -M pseries,x-vof=on -m 512); append="console=hvc0" ;;
  riscv64)     cc=riscv64-linux-gnu-gcc;     arch=riscv64; kernel=riscv64
               qemu=(qemu-system-riscv64 -M virt -m 512); append="console=ttyS0" ;;
  *) echo "run.sh: unknown target $target" >&2; exit 2 ;;
esac

missing() {
  echo "live_qemu_$target: $1" >&2
  [ "${CI:-}" = true ] && exit 1
  exit 77
}
command -v "$cc" >/dev/null || missing "$cc is not installed (scripts/deps.sh installs it)"
command -v "${qemu[0]}" >/dev/null || missing "${qemu[0]} is not installed (scripts/deps.sh)"
command -v cpio >/dev/null || missing "cpio is not installed (scripts/deps.sh)"
[ -s "$kernels/$kernel/kernel" ] || missing "no $kernel kernel in $kernels (run scripts/qemu-kernels.sh)"

rm -rf "$work"
mkdir -p "$work/tables" "$work/obj" "$work/root"

# --- tables, generated on the host for the guest's arch -------------------
table() { # NAME PROFILE [OPTIONS...]
  "$gen" compile "$2" --arch "${ARCH_OVERRIDE:-$arch}" --name "$1" -q -o "$work/tables/$1.c" "${@:3}"
}
for mode in enforce trap-log learn; do
  table "guest_${mode//-/_}" "$src/tests/qemu/profiles/guest.json" --mode "$mode"
  table "threads_${mode//-/_}" "$src/tests/profiles/threads.json" --mode "$mode"
done
table lab_docker_default "$src/profiles/docker-default.json"
table lab_default_no_chmod "$src/profiles/default-no-chmod.json"
table lab_deny_all "$src/profiles/deny-all.json"
table old_kernel "$src/tests/profiles/old-kernel.json"
ARCH_OVERRIDE=amd64 table guest_foreign "$src/tests/qemu/profiles/guest.json"

# --- the programs, static --------------------------------------------------
cflags=(-std=c11 -O1 -static -pthread -Wall -Wextra -Werror
        -I"$src/runtime/include" -I"$src/tests/live" -I"$src/tests/qemu/guest")
compile() { # OUT SOURCES...
  "$cc" "${cflags[@]}" -c "$2" -o "$1"
}
objects=()
for f in "$src"/runtime/src/*.c "$src/tests/live/live_common.c" "$src"/tests/qemu/guest/*.c \
         "$work"/tables/*.c; do
  o="$work/obj/$(basename "$(dirname "$f")")_$(basename "$f" .c).o"
  compile "$o" "$f" &
  objects+=("$o")
  [ "$(jobs -r | wc -l)" -ge "$(nproc)" ] && wait -n
done
wait
for t in live_trap_log_threads live_trap_log_fallback; do
  compile "$work/obj/$t.o" "$src/tests/live/$t.c"
done
runtime=("$work"/obj/src_*.o)
tables=("$work"/obj/tables_*.o)
"$cc" "${cflags[@]}" -o "$work/root/init" "${runtime[@]}" "$work/obj/live_live_common.o" \
  "$work"/obj/guest_*.o "${tables[@]}"
for t in live_trap_log_threads live_trap_log_fallback; do
  "$cc" "${cflags[@]}" -o "$work/root/$t" "$work/obj/$t.o" "${runtime[@]}" \
    "$work/obj/live_live_common.o" "${tables[@]}"
done
(cd "$work/root" && printf '%s\n' init live_trap_log_threads live_trap_log_fallback |
  cpio -o -H newc --quiet | gzip -1 >"$work/initrd.gz")

# --- the boot ----------------------------------------------------------------
start=$SECONDS
timeout "$boot_timeout" "${qemu[@]}" -nographic -nic none -no-reboot \
  -kernel "$kernels/$kernel/kernel" -initrd "$work/initrd.gz" \
  -append "$append panic=-1 quiet" >"$work/console.log" 2>&1 || true
tr -d '\r' <"$work/console.log" >"$work/console.txt"
echo "live_qemu_$target: $(cat "$kernels/$kernel/version"), booted and tested in $((SECONDS - start)) s"
sed -n '/^SE-QEMU-BEGIN/,/^SE-QEMU-END/p' "$work/console.txt"
grep -q '^SE-QEMU-END failed=0$' "$work/console.txt" && exit 0
grep -q '^SE-QEMU-END' "$work/console.txt" ||
  echo "live_qemu_$target: the guest did not finish (timeout ${boot_timeout} s?); console: $work/console.txt" >&2
tail -n 20 "$work/console.txt" >&2
exit 1
