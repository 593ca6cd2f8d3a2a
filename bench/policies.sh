#!/usr/bin/env bash
# The bench policies side by side, in one table: for each profile, what
# `seccomp-embed stats` counts for our program, libseccomp's level 2 (runc's
# choice) and, with --also, each other compiler's raw program for it.
#
#   bench/policies.sh [--gen GENERATOR] [--others DIR] [POLICY.json...]
#
# POLICY defaults to ../shared/bench-policies/*.json beside the checkout.
# DIR holds other compilers' programs named POLICY.COMPILER.bpf (amd64 byte
# order), e.g. a-spo.minijail.bpf. The options are the issue's:
# --arch amd64 --kernel 6.18 --no-enosys-stub. No timing here: attach times
# come from `bench/run.sh filters`, measured in one interleaved run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
gen="$root/build/gen/seccomp-embed"
others=""
while [ $# -gt 0 ]; do
  case "$1" in
    --gen) gen="$2"; shift 2 ;;
    --others) others="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || set -- "$root"/../shared/bench-policies/*.json
[ -x "$gen" ] || { echo "policies.sh: no generator at $gen (build first, or --gen)" >&2; exit 2; }

# cell TABLE ROW COLUMN: one cell of stats' Markdown table (column 1 = ours)
cell() {
  awk -F'|' -v row="$2" -v col="$3" '
    { label = $2; gsub(/^ +| +$/, "", label) }
    label == row { v = $(col + 2); gsub(/^ +| +$/, "", v); print v; exit }' <<<"$1"
}

echo "| policy | program | instructions | denied mean / max | argument-checked mean / max | attach: emulated per number |"
echo "|---|---|---:|---:|---:|---:|"
for policy in "$@"; do
  name=$(basename "$policy" .json)
  also=()
  names=(ours "libseccomp level 1" "libseccomp level 2")
  if [ -n "$others" ]; then
    for f in "$others/$name".*.bpf; do
      [ -e "$f" ] || continue
      also+=(--also "$f")
      names+=("$(basename "$f" .bpf | sed "s/^$name\.//")")
    done
  fi
  table=$("$gen" stats "$policy" --arch amd64 --kernel 6.18 --no-enosys-stub -q "${also[@]}")
  for col in $(seq 1 "${#names[@]}"); do
    [ "$col" -eq 2 ] && continue # level 1, a linear chain: never the one to beat
    printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "${names[$((col - 1))]}" \
      "$(cell "$table" "program length" "$col")" \
      "$(cell "$table" "x86_64, denied: instructions mean / max" "$col")" \
      "$(cell "$table" "x86_64, argument-checked: instructions mean / max" "$col")" \
      "$(cell "$table" "attach: instructions the cache emulates, mean per number" "$col")"
  done
  grep 'decides unlike the profile' <<<"$table" | sed 's/^/note: /' >&2 || true
done
