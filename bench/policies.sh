#!/usr/bin/env bash
# The bench policies side by side, in one table: for each profile, what
# `seccomp-embed stats` counts for our program, libseccomp's level 2 (runc's
# choice) and each other program given; with --attach, a second table of
# attach times, every program of every policy timed in one interleaved run.
#
#   bench/policies.sh [--gen GEN] [--baseline GEN] [--others DIR] [--attach]
#                     [-n ROUNDS] [POLICY.json...]
#
# POLICY defaults to ../shared/bench-policies/*.json beside the checkout,
# compiled with the issue's options (--arch amd64 --kernel 6.18
# --no-enosys-stub), then profiles/docker-default.json with runc's ENOSYS
# stub on (the amd64 filter: x86_64, i386 and x32).
#   --gen GEN       our generator (default build/gen/seccomp-embed)
#   --baseline GEN  an older generator (bench/baseline.sh builds one) whose
#                   program each policy is also compiled to and compared with
#   --others DIR    other compilers' programs, DIR/POLICY.COMPILER.bpf (amd64)
#   --mix FILE      the workload whose calls the 4.18 column weighs (an
#                   `strace -c` summary; default bench/mixes/python3.strace-c.txt)
#   --attach        time attaching every program (bench/run.sh programs);
#                   -n ROUNDS children per program (default 501)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
gen="$root/build/gen/seccomp-embed"
baseline="" others="" attach=0 rounds=501 mix="$root/bench/mixes/python3.strace-c.txt"
while [ $# -gt 0 ]; do
  case "$1" in
    --gen) gen="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    --others) others="$2"; shift 2 ;;
    --attach) attach=1; shift ;;
    -n) rounds="$2"; shift 2 ;;
    --mix) mix="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "policies.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ]; then
  set -- "$root"/../shared/bench-policies/*.json "$root/profiles/docker-default.json"
  [ -e "$1" ] || shift # no ../shared: Docker's default alone
fi
for g in "$gen" ${baseline:+"$baseline"}; do
  [ -x "$g" ] || { echo "policies.sh: no generator at $g (build first, or --gen/--baseline)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# cell TABLE ROW COLUMN: one cell of a Markdown table (column 1 = the first after the label)
cell() {
  awk -F'|' -v row="$2" -v col="$3" '
    { label = $2; gsub(/^ +| +$/, "", label) }
    label == row { v = $(col + 2); gsub(/^ +| +$/, "", v); print v; exit }' <<<"$1"
}

# options POLICY: the compile options of the table for this policy
options() {
  case "$(basename "$1")" in
    docker-default.json) echo "--arch amd64 --kernel 6.18" ;;
    *) echo "--arch amd64 --kernel 6.18 --no-enosys-stub" ;;
  esac
}

# also_args POLICY NAME KERNEL: --also for the baseline's program (compiled for KERNEL) and the others'
also_args() {
  local policy=$1 name=$2 kernel=$3 f
  if [ -n "$baseline" ]; then
    # shellcheck disable=SC2046
    "$baseline" compile "$policy" $(options "$policy" | sed "s/6\.18/$kernel/") --format bpf -q \
      -o "$work/$name.baseline-$kernel.bpf"
    echo "--also $work/$name.baseline-$kernel.bpf"
  fi
  for f in ${others:+"$others/$name".*.bpf}; do
    [ -e "$f" ] && echo "--also $f"
  done
}

stats_table() {
  local numbers_row="x86_64, denied, every number 0-469 (gaps too): instructions mean / max"
  local mix_row="x86_64, the mix's allowed calls: instructions per call, mean"
  echo "| policy | program | instructions | denied mean / max (every number) | denied mean / max (syscalls) | argument-checked mean / max | attach: emulated per number | Linux 4.18: per allowed call of $(basename "$mix" .strace-c.txt) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  for policy in "$@"; do
    local name names=(ours "libseccomp level 1" "libseccomp level 2") table old
    name=$(basename "$policy" .json)
    [ -z "$baseline" ] || names+=(baseline)
    for f in ${others:+"$others/$name".*.bpf}; do
      [ -e "$f" ] && names+=("$(basename "$f" .bpf | sed "s/^$name\.//")")
    done
    # shellcheck disable=SC2046
    table=$("$gen" stats "$policy" $(options "$policy") -q $(also_args "$policy" "$name" 6.18))
    # shellcheck disable=SC2046
    old=$("$gen" stats "$policy" $(options "$policy" | sed 's/6\.18/4.18/') --mix "$mix" -q \
      $(also_args "$policy" "$name" 4.18))
    for col in $(seq 1 "${#names[@]}"); do
      [ "$col" -eq 2 ] && continue # level 1, a linear chain: never the one to beat
      printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "${names[$((col - 1))]}" \
        "$(cell "$table" "program length" "$col")" \
        "$(cell "$table" "$numbers_row" "$col")" \
        "$(cell "$table" "x86_64, denied: instructions mean / max" "$col")" \
        "$(cell "$table" "x86_64, argument-checked: instructions mean / max" "$col")" \
        "$(cell "$table" "attach: instructions the cache emulates, mean per number" "$col")" \
        "$(cell "$old" "$mix_row" "$col")"
    done
    grep 'decides unlike the profile' <<<"$table" | sed 's/^/note: /' >&2 || true
  done
}

# attach_table POLICY...: every program of every policy in one run of the programs bench
attach_table() {
  local args=() policy name f
  for policy in "$@"; do
    name=$(basename "$policy" .json)
    # shellcheck disable=SC2046
    "$gen" compile "$policy" $(options "$policy") --format bpf -q -o "$work/$name.ours.bpf"
    # shellcheck disable=SC2046
    "$gen" compile "$policy" $(options "$policy") --backend libseccomp --format bpf -q \
      -o "$work/$name.libseccomp.bpf"
    for f in "$work/$name".{ours,libseccomp,baseline-6.18}.bpf ${others:+"$others/$name".*.bpf}; do
      [ -e "$f" ] && args+=("$name:$(basename "$f" .bpf | sed "s/^$name\.//; s/-6\.18$//")=$f")
    done
  done
  local out
  out=$("$root/bench/run.sh" programs -n "$rounds" "${args[@]}")
  sed -n '1,2p' <<<"$out"
  echo
  echo "| policy | ours (x floor) | baseline (x floor) | ours / baseline | libseccomp (x floor) | ours above the floor / libseccomp's |"
  echo "|---|---:|---:|---:|---:|---:|"
  for policy in "$@"; do
    name=$(basename "$policy" .json)
    local o b oa la
    o=$(cell "$out" "$name:ours" 2) b=$(cell "$out" "$name:baseline" 2)
    oa=$(cell "$out" "$name:ours" 6) la=$(cell "$out" "$name:libseccomp" 6)
    printf '| %s | %.2f | %s | %s | %.2f | %s |\n' "$name" "$(cell "$out" "$name:ours" 5)" \
      "$( [ -n "$b" ] && cell "$out" "$name:baseline" 5 || echo -)" \
      "$( [ -n "$b" ] && awk -v a="$o" -v b="$b" 'BEGIN { printf "%.2f", a / b }' || echo -)" \
      "$(cell "$out" "$name:libseccomp" 5)" \
      "$(awk -v a="$oa" -v b="$la" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
  done
  echo
  echo "every program, as the programs bench printed it:"
  sed -n '4,$p' <<<"$out"
}

stats_table "$@"
if [ "$attach" -eq 1 ]; then
  echo
  attach_table "$@"
fi
