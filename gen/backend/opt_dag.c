#include "opt_dag.h"

#include <stdlib.h>
#include <string.h>

void se_dag_init(struct se_dag *g)
{
	memset(g, 0, sizeof *g);
}

void se_dag_free(struct se_dag *g)
{
	free(g->nodes);
	free(g->slots);
	se_dag_init(g);
}

static uint64_t hash_node(const struct se_node *n)
{
	uint64_t h = 1469598103934665603ull;
	const uint32_t words[] = {n->kind, n->op, n->offset, n->mask, n->k, n->yes, n->no};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		h = (h ^ words[i]) * 1099511628211ull;
	return h;
}

static bool same_node(const struct se_node *a, const struct se_node *b)
{
	return a->kind == b->kind && a->op == b->op && a->offset == b->offset &&
	       a->mask == b->mask && a->k == b->k && a->yes == b->yes && a->no == b->no;
}

/* Keeps the table at most half full; rebuilding it rehashes every node. */
static int grow_slots(struct se_dag *g)
{
	size_t n_slots = g->n_slots ? g->n_slots * 2 : 256;
	uint32_t *slots = calloc(n_slots, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; i < g->n; i++) {
		size_t s = hash_node(&g->nodes[i]) & (n_slots - 1);
		while (slots[s])
			s = (s + 1) & (n_slots - 1);
		slots[s] = (uint32_t)i + 1;
	}
	free(g->slots);
	g->slots = slots;
	g->n_slots = n_slots;
	return 0;
}

static uint32_t intern(struct se_dag *g, const struct se_node *node)
{
	if (2 * (g->n + 1) > g->n_slots && grow_slots(g))
		return SE_NODE_NONE;
	size_t s = hash_node(node) & (g->n_slots - 1);
	for (; g->slots[s]; s = (s + 1) & (g->n_slots - 1))
		if (same_node(&g->nodes[g->slots[s] - 1], node))
			return g->slots[s] - 1;
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 256;
		struct se_node *nodes = realloc(g->nodes, cap * sizeof *nodes);
		if (!nodes)
			return SE_NODE_NONE;
		g->nodes = nodes;
		g->cap = cap;
	}
	g->nodes[g->n] = *node;
	g->slots[s] = (uint32_t)g->n + 1;
	return (uint32_t)g->n++;
}

uint32_t se_dag_ret(struct se_dag *g, uint32_t value)
{
	struct se_node n = {SE_NODE_RET, 0, 0, 0, value, SE_NODE_NONE, SE_NODE_NONE};
	return intern(g, &n);
}

uint32_t se_dag_test(struct se_dag *g, uint16_t op, uint32_t offset, uint32_t mask, uint32_t k,
		     uint32_t yes, uint32_t no)
{
	if (yes == SE_NODE_NONE || no == SE_NODE_NONE)
		return SE_NODE_NONE;
	if (yes == no)
		return yes;
	struct se_node n = {SE_NODE_TEST, op, offset, mask, k, yes, no};
	return intern(g, &n);
}
