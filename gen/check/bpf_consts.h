/*
 * bpf_consts.h - the constants a program compares each word of
 * seccomp_data with, found by following what A, X and the scratch cells
 * may hold on every path.  validate.h takes its boundary values from them:
 * a difference between two programs shows at a constant one of them
 * compares with, or next to it.
 */
#ifndef SE_BPF_CONSTS_H
#define SE_BPF_CONSTS_H

#include <stddef.h>
#include <stdint.h>

#include "bpf_eval.h"
#include "u64_set.h"

/* What one word (nr, arch, a half of ip or of an argument) is tested
 * against.  masked_cmp holds pairs (mask, c) for "A & mask <op> c". */
struct se_word_consts {
	struct se_u64_set cmp;  /* JEQ/JGT/JGE constants */
	struct se_u64_set mask; /* JSET and AND constants */
	struct se_u64_set masked_cmp; /* mask, c, mask, c, ... */
};

struct se_bpf_consts {
	struct se_word_consts word[SE_BPF_DATA_WORDS];
	uint16_t loaded; /* words some instruction loads */
};

/* Add what `prog` compares to `c` (start from a zeroed struct).  Returns 0,
 * or -1 on allocation failure. */
int se_bpf_consts_add(struct se_bpf_consts *c, const struct sock_filter *prog, size_t len);
void se_bpf_consts_free(struct se_bpf_consts *c);

#endif
