#include "opt_search.h"

#include <linux/filter.h>
#include <stdlib.h>

#define MIN_CHAIN 3   /* two tests are already as short as a search */
#define MAX_CHAIN 256

struct rewrite {
	struct se_dag *g;
	uint32_t *memo; /* per original node: its rewrite, or SE_NODE_NONE */
	size_t n_original;
};

static uint32_t rewrite(struct rewrite *rw, uint32_t node);

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* The equality tests on `head`'s word that all go to head->yes when they
 * match; returns their count and where the last one goes otherwise. */
static size_t chain(const struct se_dag *g, uint32_t head, uint32_t *values, uint32_t *otherwise)
{
	const struct se_node *h = &g->nodes[head];
	size_t n = 0;
	uint32_t at = head;
	while (n < MAX_CHAIN) {
		const struct se_node *t = &g->nodes[at];
		if (t->kind != SE_NODE_TEST || t->op != BPF_JEQ || t->offset != h->offset ||
		    t->mask != h->mask || t->yes != h->yes)
			break;
		values[n++] = t->k;
		at = t->no;
	}
	*otherwise = at;
	return n;
}

/* value in values[lo, hi) ? yes : no, in about log2(hi - lo) + 1 tests. */
static uint32_t search(struct se_dag *g, const struct se_node *word, const uint32_t *values,
		       size_t lo, size_t hi, uint32_t yes, uint32_t no)
{
	if (hi - lo <= 2) {
		uint32_t rest = hi - lo == 2 ?
			se_dag_test(g, BPF_JEQ, word->offset, word->mask, values[lo + 1], yes, no) : no;
		return se_dag_test(g, BPF_JEQ, word->offset, word->mask, values[lo], yes, rest);
	}
	size_t mid = lo + (hi - lo) / 2;
	uint32_t upper = search(g, word, values, mid, hi, yes, no);
	uint32_t lower = search(g, word, values, lo, mid, yes, no);
	return se_dag_test(g, BPF_JGE, word->offset, word->mask, values[mid], upper, lower);
}

static uint32_t rewrite_test(struct rewrite *rw, uint32_t node)
{
	uint32_t values[MAX_CHAIN], otherwise;
	size_t n = chain(rw->g, node, values, &otherwise);
	struct se_node t = rw->g->nodes[node]; /* a copy: the array may move */
	uint32_t yes = rewrite(rw, t.yes);
	if (n < MIN_CHAIN) {
		uint32_t no = rewrite(rw, t.no);
		return se_dag_test(rw->g, t.op, t.offset, t.mask, t.k, yes, no);
	}
	uint32_t no = rewrite(rw, otherwise);
	qsort(values, n, sizeof *values, cmp_u32);
	size_t distinct = 0;
	for (size_t i = 0; i < n; i++)
		if (distinct == 0 || values[i] != values[distinct - 1])
			values[distinct++] = values[i];
	return search(rw->g, &t, values, 0, distinct, yes, no);
}

static uint32_t rewrite(struct rewrite *rw, uint32_t node)
{
	if (node == SE_NODE_NONE || node >= rw->n_original)
		return node;
	if (rw->memo[node] == SE_NODE_NONE)
		rw->memo[node] = rw->g->nodes[node].kind == SE_NODE_RET ? node : rewrite_test(rw, node);
	return rw->memo[node];
}

int se_search_chains(struct se_dag *g, uint32_t *roots, size_t n_roots)
{
	struct rewrite rw = {g, malloc((g->n ? g->n : 1) * sizeof *rw.memo), g->n};
	if (!rw.memo)
		return -1;
	for (size_t i = 0; i < rw.n_original; i++)
		rw.memo[i] = SE_NODE_NONE;
	int rc = 0;
	for (size_t i = 0; i < n_roots && !rc; i++) {
		roots[i] = rewrite(&rw, roots[i]);
		rc = roots[i] == SE_NODE_NONE ? -1 : 0;
	}
	free(rw.memo);
	return rc;
}
