#include "ebpf_length.h"

#include <stdint.h>

#define PROLOGUE 3 /* A = 0, X = 0, the context pointer saved */

static size_t jump_length(const struct sock_filter *in)
{
	if (BPF_OP(in->code) == BPF_JA)
		return 1;
	size_t n = (BPF_SRC(in->code) == BPF_K && (int32_t)in->k < 0) ? 2 : 1;
	if (in->jf == 0)
		return n;
	if (in->jt == 0 && BPF_OP(in->code) != BPF_JSET)
		return n; /* the kernel inverts JEQ, JGT and JGE */
	return n + 1;
}

size_t se_ebpf_length(const struct sock_filter *insns, size_t len)
{
	size_t n = PROLOGUE;
	for (size_t i = 0; i < len; i++) {
		switch (BPF_CLASS(insns[i].code)) {
		case BPF_RET:
			n += 2;
			break;
		case BPF_JMP:
			n += jump_length(&insns[i]);
			break;
		default:
			n += 1;
		}
	}
	return n;
}
