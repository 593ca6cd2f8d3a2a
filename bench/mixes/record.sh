#!/usr/bin/env bash
# Records the workload mixes of bench/mixes/ with `strace -c -f` (Debian 12,
# strace and python3 installed): shell, tar and git, whose average is the
# generator's usual mix for kernels before 5.11 (gen/backend/usual_mix.c),
# and python3, kept out of that average, on which bench/README.md measures
# it.  Writes NAME.strace-c.txt here; run from anywhere.
#
#   bench/mixes/record.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
record() { # NAME COMMAND...
  local name=$1; shift
  strace -c -f -o "$here/$name.strace-c.txt" "$@" >/dev/null 2>&1
  echo "$name: $(awk '$NF == "total" { print $4 " calls" }' "$here/$name.strace-c.txt")"
}
record shell bash -c 'find /usr/share/doc -name copyright | head -400 | xargs cat | gzip -c | wc -c
  ls -l /usr/bin | sort -k5 -n | tail -3; grep -r GNU /usr/share/doc/bash'
record tar tar czf "$work/doc.tgz" -C /usr/share/doc .
record git git -C "$root" log --stat -50
record python3 /usr/bin/python3 "$here/python3-workload.py"
