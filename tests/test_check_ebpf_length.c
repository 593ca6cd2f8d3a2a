/*
 * test_check_ebpf_length.c - the model of the kernel's classic-to-eBPF
 * conversion that `stats` reports (gen/check/ebpf_length.c): one small program
 * per rule of bpf_convert_filter() in net/core/filter.c, and the sum over
 * a program of several.
 */
#include <linux/seccomp.h>
#include <stdint.h>
#include <stdio.h>

#include "ebpf_length.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define STMT(c, k) {(uint16_t)(c), 0, 0, (k)}
#define JUMP(c, k, t, f) {(uint16_t)(c), (t), (f), (k)}
#define PROLOGUE 3

struct length_case {
	const char *what;
	struct sock_filter insn; /* followed by enough RETs for its jumps */
	size_t converted;        /* eBPF instructions it becomes */
};

static const struct length_case cases[] = {
	{"load of a seccomp_data word", STMT(BPF_LD | BPF_W | BPF_ABS, 0), 1},
	{"AND with a constant", STMT(BPF_ALU | BPF_AND | BPF_K, 0xff), 1},
	{"AND with a constant with the top bit set", STMT(BPF_ALU | BPF_AND | BPF_K, 0x80000000), 1},
	{"JA", STMT(BPF_JMP | BPF_JA, 1), 1},
	{"RET K: move and exit", STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW), 2},
	{"JEQ, false falls through", JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 1, 0), 1},
	{"JEQ, true falls through (becomes JNE)", JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 1), 1},
	{"JGE, true falls through (becomes JLT)", JUMP(BPF_JMP | BPF_JGE | BPF_K, 1, 0, 1), 1},
	{"JGT, true falls through (becomes JLE)", JUMP(BPF_JMP | BPF_JGT | BPF_K, 1, 0, 1), 1},
	{"JSET, true falls through (no inverse: JSET and JA)", JUMP(BPF_JMP | BPF_JSET | BPF_K, 1, 0, 1), 2},
	{"JSET, false falls through", JUMP(BPF_JMP | BPF_JSET | BPF_K, 1, 1, 0), 1},
	{"JGE, neither falls through: JGE and JA", JUMP(BPF_JMP | BPF_JGE | BPF_K, 1, 1, 2), 2},
	{"JEQ to itself's next both ways", JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 0), 1},
	{"JEQ with the top bit set: constant moved first", JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xc000003e, 1, 0), 2},
	{"JGE with the top bit set, neither falls through", JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x80000000, 1, 2), 3},
};

int main(void)
{
	unsigned failures = 0;
	size_t whole = PROLOGUE;
	struct sock_filter all[N(cases) + 3];
	for (size_t i = 0; i < N(cases); i++) {
		const struct sock_filter ret = STMT(BPF_RET | BPF_K, 0);
		struct sock_filter prog[] = {cases[i].insn, ret, ret, ret};
		size_t got = se_ebpf_length(prog, N(prog)) - PROLOGUE - 3 * 2;
		if (got != cases[i].converted) {
			printf("FAIL %s: %zu eBPF instructions, expected %zu\n", cases[i].what, got,
			       cases[i].converted);
			failures++;
		}
		all[i] = cases[i].insn;
		whole += cases[i].converted;
	}
	for (size_t i = N(cases); i < N(all); i++) {
		all[i] = (struct sock_filter)STMT(BPF_RET | BPF_K, 0);
		whole += 2;
	}
	if (se_ebpf_length(all, N(all)) != whole) {
		printf("FAIL a program of all the cases: %zu, expected %zu\n",
		       se_ebpf_length(all, N(all)), whole);
		failures++;
	}
	if (se_ebpf_length(NULL, 0) != PROLOGUE) {
		printf("FAIL the empty program is not the prologue alone\n");
		failures++;
	}
	printf("%zu conversion rules checked, %u failures\n", N(cases) + 2, failures);
	return failures ? 1 : 0;
}
