#include "validate_inputs.h"

#include <stdint.h>
#include <stdlib.h>

#include "syscall_span.h"

#define MARGIN 128          /* numbers tried past the highest known one */
#define PRODUCT_MAX 4096    /* low-half x high-half values tried in full */
#define EXACT_HIGH_MAX 16   /* high-half constants paired with every low value */
#define ALL_ONES 0xffffffffu

/* Numbers where signedness, x32's bit 30 and the top bit meet. */
static const uint32_t special_nrs[] = {0xffffffffu, 0xfffffffeu, 0x7fffffffu, 0x80000000u,
				       0x3fffffffu, 0x40000000u, 0xbfffffffu, 0xc0000000u};
/* Arch values no filter covers: AUDIT_ARCH_ALPHA and two made up. */
static const uint32_t foreign_arches[] = {0xc0009026u, 0x12345678u, 0};

static int add_around(struct se_u64_set *s, uint32_t c)
{
	return se_u64_add(s, c - 1) || se_u64_add(s, c) || se_u64_add(s, c + 1);
}

static int add_bits(struct se_u64_set *s, uint32_t mask, uint32_t base)
{
	for (unsigned b = 0; b < 32; b++)
		if ((mask >> b & 1) && se_u64_add(s, base ^ (1u << b)))
			return -1;
	return 0;
}

/* The 32-bit values worth trying in one word: 0, all ones, each constant
 * and its neighbours, each mask, its complement and its bits one by one,
 * and for "A & m == c": c itself with the bits outside m set, and c with
 * each bit of m flipped. */
static int word_values(const struct se_word_consts *w, struct se_u64_set *out)
{
	int rc = se_u64_add(out, 0) || se_u64_add(out, ALL_ONES);
	for (size_t i = 0; !rc && i < w->cmp.n; i++)
		rc = add_around(out, (uint32_t)w->cmp.v[i]);
	for (size_t i = 0; !rc && i < w->mask.n; i++)
		rc = se_u64_add(out, w->mask.v[i]) || se_u64_add(out, (uint32_t)~w->mask.v[i]) ||
		     add_bits(out, (uint32_t)w->mask.v[i], 0);
	for (size_t i = 0; !rc && i + 1 < w->masked_cmp.n; i += 2) {
		uint32_t m = (uint32_t)w->masked_cmp.v[i], c = (uint32_t)w->masked_cmp.v[i + 1];
		rc = se_u64_add(out, c | ~m) || add_bits(out, m, c);
	}
	se_u64_unique(out);
	return rc ? -1 : 0;
}

/* Every (high, low) pair of two sets of 32-bit values. */
static int pair_up(struct se_u64_set *out, const struct se_u64_set *lo,
		   const struct se_u64_set *hi)
{
	for (size_t i = 0; i < lo->n; i++)
		for (size_t k = 0; k < hi->n; k++)
			if (se_u64_add(out, (uint64_t)hi->v[k] << 32 | lo->v[i]))
				return -1;
	return 0;
}

/* Too many for every pair: every low value with the high half 0, all ones
 * or an exact high constant, and every high value with the low half 0 or
 * all ones. */
static int pair_some(struct se_u64_set *out, const struct se_u64_set *lo,
		     const struct se_u64_set *hi, const struct se_word_consts *hi_consts)
{
	struct se_u64_set edges = {0}, exact = {0};
	int rc = se_u64_add(&edges, 0) || se_u64_add(&edges, ALL_ONES) ||
		 se_u64_add(&exact, 0) || se_u64_add(&exact, ALL_ONES);
	for (size_t i = 0; !rc && hi_consts->cmp.n <= EXACT_HIGH_MAX && i < hi_consts->cmp.n; i++)
		rc = se_u64_add(&exact, hi_consts->cmp.v[i]);
	rc = rc || pair_up(out, lo, &exact) || pair_up(out, &edges, hi);
	free(edges.v);
	free(exact.v);
	return rc ? -1 : 0;
}

/* Slot s is the 64-bit field at offset 8 + 8s: instruction_pointer, then
 * args[0..5].  Its low half is the first word on a little-endian target. */
static int slot_values(const struct se_bpf_consts *c, unsigned s, bool big_endian,
		       struct se_u64_set *out)
{
	unsigned lo_w = 2 + 2 * s + (big_endian ? 1 : 0), hi_w = lo_w ^ 1;
	struct se_u64_set lo = {0}, hi = {0};
	int rc;

	if (!(c->loaded >> lo_w & 1) && !(c->loaded >> hi_w & 1))
		return 0;
	rc = word_values(&c->word[lo_w], &lo) || word_values(&c->word[hi_w], &hi);
	if (!rc && lo.n * hi.n <= PRODUCT_MAX)
		rc = pair_up(out, &lo, &hi);
	else if (!rc)
		rc = pair_some(out, &lo, &hi, &c->word[hi_w]);
	se_u64_unique(out);
	free(lo.v);
	free(hi.v);
	return rc ? -1 : 0;
}

static int add_spans(struct se_u64_set *nrs, const struct se_arch *a)
{
	struct se_syscall_spans sp;
	if (se_syscall_spans(a, &sp))
		return -1;
	for (size_t i = 0; i < sp.n; i++)
		for (uint32_t nr = sp.span[i].first; nr < sp.span[i].end + MARGIN; nr++)
			if (se_u64_add(nrs, nr))
				return -1;
	return 0;
}

/* x86_64 and x32 share an audit arch, so each brings the other's numbers:
 * a filter for one must still decide the other's. */
static int arch_numbers(struct se_u64_set *nrs, const struct se_arch *a)
{
	const struct se_arch *x86_64 = se_arch_find("x86_64"), *x32 = se_arch_find("x32");
	if (add_spans(nrs, a))
		return -1;
	if (a == x86_64)
		return add_spans(nrs, x32);
	return a == x32 ? add_spans(nrs, x86_64) : 0;
}

static int make_nrs(struct se_probe_plan *p, const struct se_bpf_consts *c,
		    const struct se_arch_set *arches)
{
	int rc = word_values(&c->word[0], &p->nrs);
	for (size_t i = 0; !rc && i < arches->n; i++)
		rc = arch_numbers(&p->nrs, arches->arches[i]);
	for (size_t i = 0; !rc && i < sizeof special_nrs / sizeof *special_nrs; i++)
		rc = se_u64_add(&p->nrs, special_nrs[i]);
	se_u64_unique(&p->nrs);
	return rc;
}

static bool listed(const struct se_u64_set *s, uint32_t v)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == v)
			return true;
	return false;
}

/* The filter's arch values in its order, then every other value either
 * program compares arch with (and neighbours), then ones none names. */
static int make_arches(struct se_probe_plan *p, const struct se_bpf_consts *c,
		       const struct se_arch_set *arches)
{
	struct se_u64_set named = {0};
	int rc = word_values(&c->word[1], &named);
	for (size_t i = 0; !rc && i < arches->n; i++)
		if (!listed(&p->arches, arches->arches[i]->audit_arch))
			rc = se_u64_add(&p->arches, arches->arches[i]->audit_arch);
	p->n_filter_arches = p->arches.n;
	for (size_t i = 0; !rc && i < sizeof foreign_arches / sizeof *foreign_arches; i++)
		rc = se_u64_add(&named, foreign_arches[i]);
	for (size_t i = 0; !rc && i < named.n; i++)
		if (!listed(&p->arches, named.v[i]))
			rc = se_u64_add(&p->arches, named.v[i]);
	free(named.v);
	return rc;
}

static int collect(struct se_bpf_consts *c, const struct se_program *const *progs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (se_bpf_consts_add(c, progs[i]->insns, progs[i]->len))
			return -1;
	for (unsigned w = 0; w < SE_BPF_DATA_WORDS; w++) {
		se_u64_unique(&c->word[w].cmp);
		se_u64_unique(&c->word[w].mask);
	}
	return 0;
}

int se_probe_plan_make_all(const struct se_program *const *progs, size_t n,
			   const struct se_arch_set *arches, struct se_probe_plan *out)
{
	struct se_bpf_consts c = {0};
	bool big_endian = arches->n && arches->arches[0]->big_endian;
	int rc;

	*out = (struct se_probe_plan){0};
	rc = collect(&c, progs, n) || make_nrs(out, &c, arches) || make_arches(out, &c, arches);

	for (unsigned s = 0; !rc && s < SE_PROBE_SLOTS; s++)
		rc = slot_values(&c, s, big_endian, &out->slot[s]);
	se_bpf_consts_free(&c);
	return rc ? -1 : 0;
}

int se_probe_plan_make(const struct se_program *ref, const struct se_program *cand,
		       const struct se_arch_set *arches, struct se_probe_plan *out)
{
	const struct se_program *both[] = {ref, cand};
	return se_probe_plan_make_all(both, 2, arches, out);
}

void se_probe_plan_free(struct se_probe_plan *p)
{
	free(p->nrs.v);
	free(p->arches.v);
	for (unsigned s = 0; s < SE_PROBE_SLOTS; s++)
		free(p->slot[s].v);
	*p = (struct se_probe_plan){0};
}

void se_probe_set_slot(struct se_bpf_data *d, unsigned s, uint64_t v)
{
	if (s == 0)
		d->ip = v;
	else
		d->args[s - 1] = v;
}

/* Each slot over its values, the others at `rest`. */
static int one_at_a_time(const struct se_probe_plan *plan, struct se_bpf_data d, uint64_t rest,
			 int (*visit)(void *ctx, const struct se_bpf_data *d), void *ctx)
{
	for (unsigned s = 0; s < SE_PROBE_SLOTS; s++)
		for (size_t i = 0; i < plan->slot[s].n; i++) {
			for (unsigned k = 0; k < SE_PROBE_SLOTS; k++)
				se_probe_set_slot(&d, k, k == s ? plan->slot[s].v[i] : rest);
			int rc = visit(ctx, &d);
			if (rc)
				return rc;
		}
	return 0;
}

/* Every slot at once, the i-th value of each, wrapping round. */
static int all_together(const struct se_probe_plan *plan, struct se_bpf_data d,
			int (*visit)(void *ctx, const struct se_bpf_data *d), void *ctx)
{
	size_t widest = 0;
	for (unsigned s = 0; s < SE_PROBE_SLOTS; s++)
		widest = plan->slot[s].n > widest ? plan->slot[s].n : widest;
	for (size_t i = 0; i < widest; i++) {
		for (unsigned s = 0; s < SE_PROBE_SLOTS; s++)
			if (plan->slot[s].n)
				se_probe_set_slot(&d, s, plan->slot[s].v[i % plan->slot[s].n]);
		int rc = visit(ctx, &d);
		if (rc)
			return rc;
	}
	return 0;
}

int se_probe_walk(const struct se_probe_plan *plan, struct se_bpf_data d,
		  int (*visit)(void *ctx, const struct se_bpf_data *d), void *ctx)
{
	int rc = one_at_a_time(plan, d, 0, visit, ctx);
	if (rc == 0)
		rc = one_at_a_time(plan, d, UINT64_MAX, visit, ctx);
	return rc ? rc : all_together(plan, d, visit, ctx);
}
