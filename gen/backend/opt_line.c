#include "opt_line.h"

#include <stdlib.h>
#include <string.h>

/* A JSET with one bit at least this high cuts the line into at most 4096
 * pieces; lower bits would cut it finer than is worth modelling. */
#define LOWEST_JSET_BIT (1u << 20)

static int add_jset_cuts(struct se_cuts *out, uint32_t mask)
{
	if (mask < LOWEST_JSET_BIT || (mask & (mask - 1)) || out->n_jset_masks == 32)
		return 0; /* an argument test, or one se_pe_eval will refuse on nr */
	for (size_t i = 0; i < out->n_jset_masks; i++)
		if (out->jset_masks[i] == mask)
			return 0;
	out->jset_masks[out->n_jset_masks++] = mask;
	for (uint64_t at = mask; at <= UINT32_MAX; at += mask)
		if (se_u64_add(&out->at, at))
			return -1;
	return 0;
}

/* Where a compare of nr with k can change its answer. */
static int add_cuts(struct se_cuts *out, const struct sock_filter *in)
{
	struct se_u64_set *g = &out->at;
	int rc;
	switch (BPF_OP(in->code)) {
	case BPF_JEQ: /* k alone is an interval: cut before and after it */
		rc = se_u64_add(g, in->k);
		if (!rc && in->k != UINT32_MAX)
			rc = se_u64_add(g, in->k + 1);
		return rc;
	case BPF_JGT:
		return in->k == UINT32_MAX ? 0 : se_u64_add(g, in->k + 1);
	case BPF_JGE:
		return se_u64_add(g, in->k);
	case BPF_JSET:
		return add_jset_cuts(out, in->k);
	default:
		return 0;
	}
}

int se_cuts_collect(const struct sock_filter *insns, size_t len, struct se_cuts *out)
{
	memset(out, 0, sizeof *out);
	int rc = se_u64_add(&out->at, 0);
	for (size_t i = 0; !rc && i < len; i++)
		if (BPF_CLASS(insns[i].code) == BPF_JMP && BPF_SRC(insns[i].code) == BPF_K)
			rc = add_cuts(out, &insns[i]);
	if (rc) {
		se_cuts_free(out);
		return -1;
	}
	se_u64_unique(&out->at);
	return 0;
}

void se_cuts_free(struct se_cuts *c)
{
	free(c->at.v);
	memset(c, 0, sizeof *c);
}

static uint32_t interval_end(const struct se_cuts *cuts, size_t i)
{
	return i + 1 < cuts->at.n ? (uint32_t)cuts->at.v[i + 1] - 1 : UINT32_MAX;
}

int se_line_build(struct se_pe_context *pe, const struct se_cuts *cuts, uint32_t arch,
		  struct se_line *out)
{
	memset(out, 0, sizeof *out);
	out->arch = arch;
	out->runs = malloc(cuts->at.n * sizeof *out->runs);
	if (!out->runs)
		return -1;
	for (size_t i = 0; i < cuts->at.n; i++) {
		uint32_t lo = (uint32_t)cuts->at.v[i];
		uint32_t node = se_pe_eval(pe, arch, lo);
		if (node == SE_NODE_NONE || node == SE_PE_UNSUPPORTED || node == SE_PE_TOO_DEEP) {
			se_line_free(out);
			return node == SE_NODE_NONE ? -1 : node == SE_PE_TOO_DEEP ? 2 : 1;
		}
		if (out->n && out->runs[out->n - 1].node == node) {
			out->runs[out->n - 1].hi = interval_end(cuts, i);
			continue;
		}
		out->runs[out->n++] = (struct se_run){lo, interval_end(cuts, i), node, 0};
	}
	return 0;
}

void se_line_free(struct se_line *l)
{
	free(l->runs);
	memset(l, 0, sizeof *l);
}
