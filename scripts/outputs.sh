#!/usr/bin/env bash
# Writes what a generator makes of every profile we have, for the eight
# arches the tests use, into OUT_DIR: C, header, text and raw BPF, trap-log
# and libseccomp's backend, `stats`, and the exit status and messages of
# the profiles it refuses.  The fuzzer's findings, some of them slow by
# design, are compiled once each, for amd64.  Run it with the generator before and after a
# change that must not alter any output, then `diff -r` the two folders.
#   scripts/outputs.sh GENERATOR OUT_DIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 GENERATOR OUT_DIR" >&2; exit 2; }
gen=$(realpath "$1")
out=$2
cd "$(dirname "$0")/.."
mkdir -p "$out"
out=$(realpath "$out")

profiles=(profiles/*.json examples/profiles/*.json tests/profiles/*.json)
for p in ../shared/corpus/*.json ../shared/corpus/oci-config/*.json \
	 ../shared/bench-policies/*.json; do
	[ -e "$p" ] && profiles+=("$p")
done
arches=(amd64 arm64 x86 arm s390x ppc64le riscv64 mips64)

# One file per run: its standard output, then its stderr and status.
run() {
	local file=$1; shift
	{ "$gen" "$@" 2>"$file.err"; echo "exit $?" >>"$file.err"; } >"$file" || true
}

for p in "${profiles[@]}"; do
	base=$(basename "$(dirname "$p")")-$(basename "$p" .json)
	for a in "${arches[@]}"; do
		o="$out/$base.$a"
		run "$o.c" compile "$p" --arch "$a" --name policy
		run "$o.trap.c" compile "$p" --arch "$a" --mode trap-log --install startup
		run "$o.h" compile "$p" --arch "$a" --format h
		run "$o.txt" compile "$p" --arch "$a" --format text --kernel 6.1
		run "$o.bpf" compile "$p" --arch "$a" --format bpf --kernel 6.1
		run "$o.libseccomp.c" compile "$p" --arch "$a" --backend libseccomp
	done
	run "$out/$base.stats" stats "$p" --arch amd64
done
for p in ../shared/fuzz-findings/*.json; do
	[ -e "$p" ] && run "$out/fuzz-findings-$(basename "$p" .json).amd64.c" compile "$p" --arch amd64 --kernel 6.18
done
echo "$(ls "$out" | wc -l) files in $out" >&2
