#include "bpf_consts.h"

#include <stdbool.h>
#include <stdlib.h>

#define MEM_WORDS 16
#define NO_MASK 0xffffffffu

/* Which words of seccomp_data A, X and each scratch cell may hold (bit w
 * for word w) where paths meet, and the AND mask applied to A since it was
 * loaded (NO_MASK: none, or the paths disagree). */
struct origin {
	uint16_t a, x, mem[MEM_WORDS];
	uint32_t a_mask;
	bool reached;
};

static int record(struct se_bpf_consts *c, const struct origin *o, bool is_mask, uint32_t k)
{
	for (unsigned w = 0; w < SE_BPF_DATA_WORDS; w++) {
		struct se_word_consts *wc = &c->word[w];
		if (!(o->a >> w & 1))
			continue;
		if (is_mask ? se_u64_add(&wc->mask, k) : se_u64_add(&wc->cmp, k))
			return -1;
		if (!is_mask && o->a_mask != NO_MASK &&
		    (se_u64_add(&wc->masked_cmp, o->a_mask) || se_u64_add(&wc->masked_cmp, k)))
			return -1;
	}
	return 0;
}

/* What an ALU instruction does to A's origin; AND constants are recorded
 * (a mask says which bits matter). */
static int step_alu(struct se_bpf_consts *c, const struct sock_filter *in, struct origin *o)
{
	if (in->code == (BPF_ALU | BPF_AND | BPF_K)) {
		if (record(c, o, true, in->k))
			return -1;
		o->a_mask &= in->k;
		return 0;
	}
	if (BPF_SRC(in->code) == BPF_X)
		o->a |= o->x;
	o->a_mask = NO_MASK;
	return 0;
}

static void step_load(struct se_bpf_consts *c, const struct sock_filter *in, struct origin *o)
{
	uint32_t k = in->k;
	bool cell = k < MEM_WORDS;
	switch (in->code) {
	case BPF_LD | BPF_W | BPF_ABS:
		o->a = k < 4u * SE_BPF_DATA_WORDS && !(k & 3) ? (uint16_t)(1u << (k / 4)) : 0;
		c->loaded |= o->a;
		break;
	case BPF_LD | BPF_MEM: o->a = cell ? o->mem[k] : 0; break;
	case BPF_LDX | BPF_MEM: o->x = cell ? o->mem[k] : 0; break;
	case BPF_ST: if (cell) o->mem[k] = o->a; return;
	case BPF_STX: if (cell) o->mem[k] = o->x; return;
	case BPF_MISC | BPF_TAX: o->x = o->a; return;
	case BPF_MISC | BPF_TXA: o->a = o->x; break;
	default: /* constants: LD/LDX IMM and LEN */
		if (BPF_CLASS(in->code) == BPF_LDX)
			o->x = 0;
		else
			o->a = 0;
		break;
	}
	o->a_mask = NO_MASK;
}

static int step(struct se_bpf_consts *c, const struct sock_filter *in, struct origin *o)
{
	switch (BPF_CLASS(in->code)) {
	case BPF_ALU:
		return step_alu(c, in, o);
	case BPF_JMP:
		if (in->code == (BPF_JMP | BPF_JA) || BPF_SRC(in->code) == BPF_X)
			return 0;
		return record(c, o, BPF_OP(in->code) == BPF_JSET, in->k);
	case BPF_RET:
		return 0;
	}
	step_load(c, in, o);
	return 0;
}

static void join(struct origin *to, const struct origin *from)
{
	if (!to->reached) {
		*to = *from;
		return;
	}
	to->a |= from->a;
	to->x |= from->x;
	for (unsigned i = 0; i < MEM_WORDS; i++)
		to->mem[i] |= from->mem[i];
	if (to->a_mask != from->a_mask)
		to->a_mask = NO_MASK;
}

/* Jumps only go forward, so one pass in order sees every way into an
 * instruction before the instruction itself. */
int se_bpf_consts_add(struct se_bpf_consts *c, const struct sock_filter *prog, size_t len)
{
	struct origin *o = calloc(len ? len : 1, sizeof *o);
	if (!o)
		return -1;
	o[0] = (struct origin){.a_mask = NO_MASK, .reached = true};
	for (size_t pc = 0; pc < len; pc++) {
		const struct sock_filter *in = &prog[pc];
		struct origin now = o[pc];
		size_t next[2] = {pc + 1, len};
		if (!now.reached)
			continue;
		if (step(c, in, &now)) {
			free(o);
			return -1;
		}
		if (BPF_CLASS(in->code) == BPF_RET)
			continue;
		if (in->code == (BPF_JMP | BPF_JA))
			next[0] = pc + 1 + (size_t)in->k;
		else if (BPF_CLASS(in->code) == BPF_JMP)
			next[0] = pc + 1 + in->jt, next[1] = pc + 1 + in->jf;
		for (int i = 0; i < 2; i++)
			if (next[i] < len)
				join(&o[next[i]], &now);
	}
	free(o);
	return 0;
}

void se_bpf_consts_free(struct se_bpf_consts *c)
{
	for (unsigned w = 0; w < SE_BPF_DATA_WORDS; w++) {
		free(c->word[w].cmp.v);
		free(c->word[w].mask.v);
		free(c->word[w].masked_cmp.v);
	}
}
