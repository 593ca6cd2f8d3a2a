#include "opt_line.h"

#include <stdlib.h>
#include <string.h>

/* A JSET with one bit at least this high cuts the line into at most 4096
 * pieces; lower bits would cut it finer than is worth modelling. */
#define LOWEST_JSET_BIT (1u << 20)

struct growing {
	uint32_t *v;
	size_t n, cap;
};

static int push(struct growing *g, uint32_t x)
{
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 1024;
		uint32_t *v = realloc(g->v, cap * sizeof *v);
		if (!v)
			return -1;
		g->v = v;
		g->cap = cap;
	}
	g->v[g->n++] = x;
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static int add_jset_cuts(struct growing *g, struct se_cuts *out, uint32_t mask)
{
	if (mask < LOWEST_JSET_BIT || (mask & (mask - 1)) || out->n_jset_masks == 32)
		return 0; /* an argument test, or one se_pe_eval will refuse on nr */
	for (size_t i = 0; i < out->n_jset_masks; i++)
		if (out->jset_masks[i] == mask)
			return 0;
	out->jset_masks[out->n_jset_masks++] = mask;
	for (uint64_t at = mask; at <= UINT32_MAX; at += mask)
		if (push(g, (uint32_t)at))
			return -1;
	return 0;
}

/* Where a compare of nr with k can change its answer. */
static int add_cuts(struct growing *g, struct se_cuts *out, const struct sock_filter *in)
{
	int rc;
	switch (BPF_OP(in->code)) {
	case BPF_JEQ: /* k alone is an interval: cut before and after it */
		rc = push(g, in->k);
		if (!rc && in->k != UINT32_MAX)
			rc = push(g, in->k + 1);
		return rc;
	case BPF_JGT:
		return in->k == UINT32_MAX ? 0 : push(g, in->k + 1);
	case BPF_JGE:
		return push(g, in->k);
	case BPF_JSET:
		return add_jset_cuts(g, out, in->k);
	default:
		return 0;
	}
}

int se_cuts_collect(const struct sock_filter *insns, size_t len, struct se_cuts *out)
{
	struct growing g = {0};
	memset(out, 0, sizeof *out);
	int rc = push(&g, 0);
	for (size_t i = 0; !rc && i < len; i++)
		if (BPF_CLASS(insns[i].code) == BPF_JMP && BPF_SRC(insns[i].code) == BPF_K)
			rc = add_cuts(&g, out, &insns[i]);
	if (rc) {
		free(g.v);
		return -1;
	}
	qsort(g.v, g.n, sizeof *g.v, cmp_u32);
	size_t n = 0;
	for (size_t i = 0; i < g.n; i++)
		if (n == 0 || g.v[i] != g.v[n - 1])
			g.v[n++] = g.v[i];
	out->at = g.v;
	out->n = n;
	return 0;
}

void se_cuts_free(struct se_cuts *c)
{
	free(c->at);
	memset(c, 0, sizeof *c);
}

static uint32_t interval_end(const struct se_cuts *cuts, size_t i)
{
	return i + 1 < cuts->n ? cuts->at[i + 1] - 1 : UINT32_MAX;
}

int se_line_build(struct se_pe_context *pe, const struct se_cuts *cuts, uint32_t arch,
		  struct se_line *out)
{
	memset(out, 0, sizeof *out);
	out->arch = arch;
	out->runs = malloc(cuts->n * sizeof *out->runs);
	if (!out->runs)
		return -1;
	for (size_t i = 0; i < cuts->n; i++) {
		uint32_t node = se_pe_eval(pe, arch, cuts->at[i]);
		if (node == SE_NODE_NONE || node == SE_PE_UNSUPPORTED || node == SE_PE_TOO_DEEP) {
			se_line_free(out);
			return node == SE_NODE_NONE ? -1 : node == SE_PE_TOO_DEEP ? 2 : 1;
		}
		if (out->n && out->runs[out->n - 1].node == node) {
			out->runs[out->n - 1].hi = interval_end(cuts, i);
			continue;
		}
		out->runs[out->n++] = (struct se_run){cuts->at[i], interval_end(cuts, i), node, 0};
	}
	return 0;
}

void se_line_free(struct se_line *l)
{
	free(l->runs);
	memset(l, 0, sizeof *l);
}
