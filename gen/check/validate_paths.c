#include "validate_paths.h"

#include <linux/filter.h>

#include "word_facts.h"

#define PATH_BUDGET 200000 /* path pairs per (arch, nr); real programs need hundreds */
#define MAX_DEPTH 1000     /* tests along one path: the walk recurses once per test */

enum a_kind { A_CONST, A_WORD };

/* Where one program is, and what its accumulator holds. */
struct cursor {
	const struct se_program *p;
	size_t pc;
	enum a_kind kind;
	uint32_t v;            /* A_CONST */
	uint32_t offset, mask; /* A_WORD: (word at offset) & mask */
};

enum stop { STOP_RET, STOP_TEST, STOP_GIVE_UP };

struct walk {
	uint32_t words[SE_BPF_DATA_WORDS]; /* nr and arch known, the rest decided by the witness */
	bool big_endian;
	size_t budget;
	unsigned depth;
	struct se_bpf_data *out;
	const struct se_program *ref, *cand;
};

static bool load(struct walk *w, const struct sock_filter *in, struct cursor *c)
{
	if (in->code == (BPF_LD | BPF_W | BPF_IMM)) {
		c->kind = A_CONST;
		c->v = in->k;
	} else if (in->code == (BPF_LD | BPF_W | BPF_ABS) && in->k % 4 == 0 && in->k < 64) {
		c->kind = in->k < 8 ? A_CONST : A_WORD;
		c->v = in->k < 8 ? w->words[in->k / 4] : 0;
		c->offset = in->k;
		c->mask = UINT32_MAX;
	} else {
		return false;
	}
	return true;
}

/* Runs a program until a return, or a test on an argument word that the
 * path's facts do not decide. */
static enum stop advance(struct walk *w, struct cursor *c, struct se_facts *facts, uint32_t *ret)
{
	for (; c->pc < c->p->len; c->pc++) {
		const struct sock_filter *in = &c->p->insns[c->pc];
		uint16_t op = BPF_OP(in->code);
		if (in->code == (BPF_RET | BPF_K) || (in->code == (BPF_RET | BPF_A) && c->kind == A_CONST)) {
			*ret = BPF_RVAL(in->code) == BPF_K ? in->k : c->v;
			return STOP_RET;
		}
		if (BPF_CLASS(in->code) == BPF_LD && load(w, in, c))
			continue;
		if (in->code == (BPF_ALU | BPF_AND | BPF_K)) {
			c->v &= in->k;
			c->mask &= in->k;
			continue;
		}
		if (in->code == (BPF_JMP | BPF_JA)) {
			c->pc += in->k;
			continue;
		}
		if (BPF_CLASS(in->code) != BPF_JMP || BPF_SRC(in->code) != BPF_K)
			return STOP_GIVE_UP;
		int known = -1;
		if (c->kind == A_CONST) {
			known = se_compare(op, c->v, in->k);
		} else {
			size_t i = se_facts_index(facts, c->offset, c->mask);
			if (i < SE_MAX_FACTS)
				known = se_facts_decided(op, facts->f[i].lo, facts->f[i].hi, in->k);
		}
		if (known < 0)
			return STOP_TEST;
		c->pc += known ? in->jt : in->jf;
	}
	return STOP_GIVE_UP;
}

static bool satisfies(const struct se_facts *fs, uint32_t offset, uint32_t v)
{
	for (size_t i = 0; i < fs->n; i++)
		if (fs->f[i].offset == offset &&
		    ((v & fs->f[i].mask) < fs->f[i].lo || (v & fs->f[i].mask) > fs->f[i].hi))
			return false;
	return true;
}

/* A value for one word inside every range the path set on it: the ends of
 * each range, alone or over the bits another range leaves free. */
static bool pick_word(const struct se_facts *fs, uint32_t offset, uint32_t *v)
{
	for (size_t i = 0; i < fs->n; i++) {
		if (fs->f[i].offset != offset)
			continue;
		for (size_t j = 0; j < fs->n; j++) {
			uint32_t free_bits = fs->f[j].offset == offset ? ~fs->f[i].mask : 0;
			uint32_t tries[] = {fs->f[i].lo, fs->f[i].hi, fs->f[i].lo | (fs->f[j].lo & free_bits),
					    fs->f[i].hi | (fs->f[j].hi & free_bits)};
			for (size_t t = 0; t < sizeof tries / sizeof *tries; t++)
				if (satisfies(fs, offset, tries[t])) {
					*v = tries[t];
					return true;
				}
		}
	}
	return satisfies(fs, offset, *v = 0);
}

static void words_to_data(const uint32_t *words, bool big_endian, struct se_bpf_data *d)
{
	d->nr = words[0];
	d->arch = words[1];
	for (unsigned slot = 0; slot < 7; slot++) {
		uint64_t lo = words[2 + 2 * slot], hi = words[3 + 2 * slot];
		uint64_t v = big_endian ? (lo << 32 | hi) : (hi << 32 | lo);
		if (slot == 0)
			d->ip = v;
		else
			d->args[slot - 1] = v;
	}
}

/* The programs end differently on this path: build an input on it and
 * confirm on both (a path whose ranges cannot all hold proves nothing). */
static int confirm(struct walk *w, const struct se_facts *facts)
{
	uint32_t words[SE_BPF_DATA_WORDS];
	struct se_bpf_result a, b;
	for (unsigned i = 0; i < SE_BPF_DATA_WORDS; i++)
		words[i] = w->words[i];
	for (unsigned i = 2; i < SE_BPF_DATA_WORDS; i++)
		if (!pick_word(facts, 4 * i, &words[i]))
			return 0;
	se_bpf_run(w->ref->insns, w->ref->len, words, &a);
	se_bpf_run(w->cand->insns, w->cand->len, words, &b);
	if (a.ret == b.ret && a.fault == b.fault)
		return 0;
	words_to_data(words, w->big_endian, w->out);
	return 1;
}

static int explore(struct walk *w, struct cursor r, struct cursor c, struct se_facts facts);

/* Both outcomes of the test the reference (or else the candidate) stopped on. */
static int split(struct walk *w, struct cursor r, struct cursor c, bool on_ref,
		 struct se_facts facts)
{
	struct cursor *at = on_ref ? &r : &c;
	const struct sock_filter *in = &at->p->insns[at->pc];
	size_t i = se_facts_index(&facts, at->offset, at->mask);
	size_t pc = at->pc;
	int found = 0;
	if (w->depth == MAX_DEPTH)
		return 0; /* left to the sampled inputs */
	w->depth++;
	for (int outcome = 1; outcome >= 0 && !found; outcome--) {
		struct se_facts narrowed = facts;
		if (i < SE_MAX_FACTS)
			se_facts_learn(BPF_OP(in->code), in->k, outcome, &narrowed.f[i].lo,
				       &narrowed.f[i].hi);
		at->pc = pc + 1 + (outcome ? in->jt : in->jf);
		found = explore(w, r, c, narrowed);
	}
	w->depth--;
	return found;
}

static int explore(struct walk *w, struct cursor r, struct cursor c, struct se_facts facts)
{
	uint32_t ret_r = 0, ret_c = 0;
	if (w->budget == 0)
		return 0;
	w->budget--;
	enum stop sr = advance(w, &r, &facts, &ret_r);
	enum stop sc = advance(w, &c, &facts, &ret_c);
	if (sr == STOP_GIVE_UP || sc == STOP_GIVE_UP)
		return 0;
	if (sr == STOP_TEST)
		return split(w, r, c, true, facts);
	if (sc == STOP_TEST)
		return split(w, r, c, false, facts);
	return ret_r == ret_c ? 0 : confirm(w, &facts);
}

int se_paths_find_difference(const struct se_program *ref, const struct se_program *cand,
			     uint32_t arch, uint32_t nr, bool big_endian, struct se_bpf_data *out)
{
	struct walk w = {{nr, arch}, big_endian, PATH_BUDGET, 0, out, ref, cand};
	struct cursor r = {ref, 0, A_CONST, 0, 0, 0}, c = {cand, 0, A_CONST, 0, 0, 0};
	struct se_facts none = {.n = 0};
	return explore(&w, r, c, none);
}
