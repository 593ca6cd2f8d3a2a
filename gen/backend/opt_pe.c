#include "opt_pe.h"

#include <stdbool.h>

#include "word_facts.h"

enum value_kind { V_IMM, V_NR, V_ARCH, V_WORD };

/* The accumulator: a constant (and whether it came from nr or arch, whose
 * compares the caller's cuts must respect) or an argument word & mask. */
struct value {
	enum value_kind kind;
	uint32_t v;
	uint32_t offset, mask;
};

/* Argument tests nested deeper than this (a chain of thousands of values)
 * are left to libseccomp's program: the walk recurses once per test. */
#define MAX_DEPTH 1000

struct walk {
	struct se_pe_context *c;
	uint32_t arch, nr;
	bool unsupported;
	bool too_deep;
	bool out_of_budget; /* sticky: the walk stops everywhere, not on one path */
	unsigned depth;
};

static uint32_t walk_from(struct walk *w, size_t pc, struct value a, struct se_facts facts);

static uint32_t test_word(struct walk *w, size_t pc, const struct sock_filter *in,
			  struct value a, struct se_facts facts)
{
	uint16_t op = BPF_OP(in->code);
	size_t yes_pc = pc + 1 + in->jt, no_pc = pc + 1 + in->jf;
	size_t i = se_facts_index(&facts, a.offset, a.mask);
	if (i < SE_MAX_FACTS) {
		int known = se_facts_decided(op, facts.f[i].lo, facts.f[i].hi, in->k);
		if (known >= 0)
			return walk_from(w, known ? yes_pc : no_pc, a, facts);
	}
	if (++w->depth > MAX_DEPTH) {
		w->too_deep = w->unsupported = true;
		return SE_PE_UNSUPPORTED;
	}
	struct se_facts if_yes = facts, if_no = facts;
	if (i < SE_MAX_FACTS) {
		se_facts_learn(op, in->k, true, &if_yes.f[i].lo, &if_yes.f[i].hi);
		se_facts_learn(op, in->k, false, &if_no.f[i].lo, &if_no.f[i].hi);
	}
	uint32_t yes = walk_from(w, yes_pc, a, if_yes);
	uint32_t no = walk_from(w, no_pc, a, if_no);
	w->depth--;
	if (w->unsupported)
		return SE_PE_UNSUPPORTED;
	return se_dag_test(w->c->dag, op, a.offset, a.mask, in->k, yes, no);
}

static bool nr_jset_allowed(const struct se_pe_context *c, uint32_t mask)
{
	for (size_t i = 0; i < c->n_nr_jset_masks; i++)
		if (c->nr_jset_masks[i] == mask)
			return true;
	return false;
}

/* A compare of a constant is decided here, if the caller's cuts of the
 * number line respect it and the arch is only ever compared for equality. */
static bool constant_jump_ok(const struct se_pe_context *c, const struct sock_filter *in,
			     struct value a)
{
	uint16_t op = BPF_OP(in->code);
	if (a.kind == V_ARCH)
		return op == BPF_JEQ;
	return a.kind != V_NR || op != BPF_JSET || nr_jset_allowed(c, in->k);
}

static bool load(struct walk *w, const struct sock_filter *in, struct value *a)
{
	if (in->code == (BPF_LD | BPF_W | BPF_IMM)) {
		*a = (struct value){V_IMM, in->k, 0, 0};
		return true;
	}
	if (in->code != (BPF_LD | BPF_W | BPF_ABS) || in->k % 4 || in->k >= 64)
		return false;
	if (in->k == 0)
		*a = (struct value){V_NR, w->nr, 0, 0};
	else if (in->k == 4)
		*a = (struct value){V_ARCH, w->arch, 0, 0};
	else
		*a = (struct value){V_WORD, 0, in->k, 0xffffffffu};
	return true;
}

/* ALU AND on an argument word becomes its mask; any ALU on a constant that
 * did not come from nr or arch is folded; the rest is not modelled. */
static bool alu(const struct sock_filter *in, struct value *a)
{
	if (BPF_SRC(in->code) != BPF_K)
		return false;
	if (a->kind == V_WORD && BPF_OP(in->code) == BPF_AND) {
		a->mask &= in->k;
		return true;
	}
	if (a->kind != V_IMM)
		return false;
	switch (BPF_OP(in->code)) {
	case BPF_AND: a->v &= in->k; return true;
	case BPF_OR: a->v |= in->k; return true;
	case BPF_ADD: a->v += in->k; return true;
	case BPF_SUB: a->v -= in->k; return true;
	default: return false;
	}
}

static uint32_t walk_from(struct walk *w, size_t pc, struct value a, struct se_facts facts)
{
	for (; pc < w->c->len && !w->unsupported; pc++) {
		const struct sock_filter *in = &w->c->insns[pc];
		if (w->c->budget == 0) {
			/* too many paths for this (arch, nr): libseccomp's program ships */
			w->out_of_budget = w->unsupported = true;
			return SE_PE_UNSUPPORTED;
		}
		w->c->budget--;
		switch (BPF_CLASS(in->code)) {
		case BPF_RET:
			if (BPF_RVAL(in->code) == BPF_K)
				return se_dag_ret(w->c->dag, in->k);
			if (BPF_RVAL(in->code) == BPF_A && a.kind != V_WORD)
				return se_dag_ret(w->c->dag, a.v);
			break;
		case BPF_LD:
			if (load(w, in, &a))
				continue;
			break;
		case BPF_ALU:
			if (alu(in, &a))
				continue;
			break;
		case BPF_JMP:
			if (BPF_OP(in->code) == BPF_JA) {
				pc += in->k;
				continue;
			}
			if (BPF_SRC(in->code) != BPF_K)
				break;
			if (a.kind == V_WORD)
				return test_word(w, pc, in, a, facts);
			if (!constant_jump_ok(w->c, in, a))
				break;
			pc += se_compare(BPF_OP(in->code), a.v, in->k) ? in->jt : in->jf;
			continue;
		default:
			break;
		}
		w->unsupported = true;
	}
	w->unsupported = true; /* ran off the end or met what is not modelled */
	return SE_PE_UNSUPPORTED;
}

uint32_t se_pe_eval(struct se_pe_context *c, uint32_t arch, uint32_t nr)
{
	struct walk w = {c, arch, nr, false, false, false, 0};
	c->budget = SE_PE_STEPS;
	struct se_facts none = {.n = 0};
	uint32_t node = walk_from(&w, 0, (struct value){V_IMM, 0, 0, 0}, none);
	if (w.too_deep || w.out_of_budget)
		return SE_PE_TOO_DEEP;
	return w.unsupported ? SE_PE_UNSUPPORTED : node;
}
