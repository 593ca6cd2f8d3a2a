#include "opt_tree.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#define NONE UINT16_MAX

struct planner {
	const struct se_line *line;
	size_t n;
	double mu;
	double *prefix;      /* weights summed */
	double *chain_cost;  /* per (lo, hi): the chain's cost, INFINITY if none */
	uint8_t *chain_k;    /* its exceptions */
	unsigned *deadline;  /* per run: the most compares on its path */
	double *prev, *cur;  /* per (lo, hi): best cost with d-1 and d compares left */
	struct se_tree *t;
};

static size_t at2(const struct planner *p, size_t lo, size_t hi)
{
	return lo * (p->n + 1) + hi;
}

static size_t at3(const struct se_tree *t, unsigned d, size_t lo, size_t hi)
{
	return ((size_t)d * (t->n + 1) + lo) * (t->n + 1) + hi;
}

static size_t count_node(const struct se_line *line, size_t lo, size_t hi, uint32_t node)
{
	size_t count = 0;
	for (size_t i = lo; i < hi; i++)
		count += line->runs[i].node == node;
	return count;
}

bool se_chain_background(const struct se_line *line, size_t lo, size_t hi, uint32_t *node,
			 size_t *exceptions)
{
	bool have_long = false;
	*node = line->runs[lo].node;
	for (size_t i = lo; i < hi; i++) {
		const struct se_run *r = &line->runs[i];
		if (r->lo == r->hi)
			continue;
		if (have_long && r->node != *node)
			return false;
		have_long = true;
		*node = r->node;
	}
	for (size_t i = lo; i < hi && !have_long; i++)
		if (count_node(line, lo, hi, line->runs[i].node) > count_node(line, lo, hi, *node))
			*node = line->runs[i].node;
	*exceptions = hi - lo - count_node(line, lo, hi, *node);
	return true;
}

/* The chain's cost: exception i (heaviest first) is reached after i + 1
 * compares, the background after all k. */
static double chain_cost(const struct planner *p, size_t lo, size_t hi, uint8_t *k_out)
{
	uint32_t background;
	size_t k;
	double w[SE_TREE_MAX_CHAIN], rest = 0;
	if (!se_chain_background(p->line, lo, hi, &background, &k) || k == 0 ||
	    k > SE_TREE_MAX_CHAIN)
		return INFINITY;
	size_t n = 0;
	for (size_t i = lo; i < hi; i++) {
		const struct se_run *r = &p->line->runs[i];
		if (r->node == background) {
			rest += r->weight;
			continue;
		}
		size_t at = n++;
		for (; at > 0 && w[at - 1] < r->weight; at--)
			w[at] = w[at - 1];
		w[at] = r->weight;
	}
	double compares = rest * (double)k;
	for (size_t i = 0; i < k; i++)
		compares += w[i] * (double)(i + 1);
	*k_out = (uint8_t)k;
	return (double)k + p->mu * compares;
}

/* Does the chain over [lo, hi), entered after `depth` compares, reach
 * every run within its deadline? */
static bool chain_in_time(const struct planner *p, size_t lo, size_t hi, unsigned depth)
{
	uint32_t background;
	size_t k;
	se_chain_background(p->line, lo, hi, &background, &k);
	for (size_t i = lo; i < hi; i++) {
		const struct se_run *r = &p->line->runs[i];
		size_t heavier = 0;
		for (size_t j = lo; j < hi && r->node != background; j++)
			heavier += j != i && p->line->runs[j].node != background &&
				   (p->line->runs[j].weight > r->weight ||
				    (p->line->runs[j].weight == r->weight && j < i));
		unsigned at = depth + (unsigned)(r->node == background ? k : heavier + 1);
		if (at > p->deadline[i])
			return false;
	}
	return true;
}

/* Best for [lo, hi) with d compares left, from the costs with d - 1. */
static void plan_interval(struct planner *p, unsigned d, size_t lo, size_t hi)
{
	double best = INFINITY, weight = p->prefix[hi] - p->prefix[lo];
	uint16_t step = NONE;
	unsigned depth = p->t->depth - d; /* compares before the interval */
	if (hi - lo == 1) {
		best = depth <= p->deadline[lo] ? 0 : INFINITY;
		step = 0;
	} else if (p->chain_k[at2(p, lo, hi)] <= d && chain_in_time(p, lo, hi, depth)) {
		best = p->chain_cost[at2(p, lo, hi)];
		step = 1;
	}
	for (size_t s = lo + 1; d > 0 && hi - lo > 1 && s < hi; s++) {
		double c = 1 + p->mu * weight + p->prev[at2(p, lo, s)] + p->prev[at2(p, s, hi)];
		if (c < best) {
			best = c;
			step = (uint16_t)(s + 2);
		}
	}
	p->cur[at2(p, lo, hi)] = best;
	p->t->step[at3(p->t, d, lo, hi)] = best < INFINITY ? step : NONE;
}

/* The most runs a tree of d compares can tell apart: a split doubles, a
 * chain of k tells 2k + 1. */
static size_t most_runs(unsigned d)
{
	size_t most = 1;
	for (unsigned i = 1; i <= d && most < SIZE_MAX / 4; i++)
		most = 2 * most > 2 * (size_t)i + 1 ? 2 * most : 2 * (size_t)i + 1;
	return most;
}

static void plan_level(struct planner *p, unsigned d)
{
	size_t longest = most_runs(d);
	for (size_t lo = 0; lo < p->n; lo++)
		for (size_t hi = lo + 1; hi <= p->n; hi++)
			if (hi - lo > longest) {
				p->cur[at2(p, lo, hi)] = INFINITY;
				p->t->step[at3(p->t, d, lo, hi)] = NONE;
			}
	for (size_t len = 1; len <= p->n && len <= longest; len++)
		for (size_t lo = 0; lo + len <= p->n; lo++)
			plan_interval(p, d, lo, lo + len);
	double *swap = p->prev;
	p->prev = p->cur;
	p->cur = swap;
}

/* The greedy tree the backend used before (a split where the weights on
 * either side are closest, or a chain of at most three exceptions over at
 * most seven runs), entered after `depth` compares: each run's depth in
 * it goes to `at`; returns the deepest. */
static unsigned greedy_depths(const struct planner *p, size_t lo, size_t hi, unsigned depth,
			      unsigned *at)
{
	uint32_t background;
	size_t k, best = lo + 1;
	double gap = INFINITY;
	if (hi - lo == 1)
		return at[lo] = depth;
	if (hi - lo <= 7 && se_chain_background(p->line, lo, hi, &background, &k) && k <= 3) {
		for (size_t i = lo; i < hi; i++) {
			size_t heavier = 0;
			for (size_t j = lo; j < hi; j++)
				heavier += j != i && p->line->runs[j].node != background &&
					   (p->line->runs[j].weight > p->line->runs[i].weight ||
					    (p->line->runs[j].weight == p->line->runs[i].weight && j < i));
			at[i] = depth + (unsigned)(p->line->runs[i].node == background ? k : heavier + 1);
		}
		return depth + (unsigned)k;
	}
	for (size_t s = lo + 1; s < hi; s++) {
		double g = fabs((p->prefix[s] - p->prefix[lo]) - (p->prefix[hi] - p->prefix[s]));
		if (g < gap) {
			gap = g;
			best = s;
		}
	}
	unsigned left = greedy_depths(p, lo, best, depth + 1, at);
	unsigned right = greedy_depths(p, best, hi, depth + 1, at);
	return left > right ? left : right;
}

static int planner_init(struct planner *p, const struct se_line *line, double mu,
			struct se_tree *t)
{
	size_t cells = (line->n + 1) * (line->n + 1);
	*p = (struct planner){line, line->n, mu, NULL, NULL, NULL, NULL, NULL, NULL, t};
	p->prefix = malloc((line->n + 1) * sizeof *p->prefix);
	p->chain_cost = malloc(cells * sizeof *p->chain_cost);
	p->chain_k = malloc(cells);
	p->deadline = malloc(line->n * sizeof *p->deadline);
	p->prev = malloc(cells * sizeof *p->prev);
	p->cur = malloc(cells * sizeof *p->cur);
	if (!p->prefix || !p->chain_cost || !p->chain_k || !p->deadline || !p->prev || !p->cur)
		return -1;
	p->prefix[0] = 0;
	for (size_t i = 0; i < line->n; i++)
		p->prefix[i + 1] = p->prefix[i] + line->runs[i].weight;
	for (size_t lo = 0; lo < line->n; lo++)
		for (size_t hi = lo + 1; hi <= line->n; hi++) {
			uint8_t k = UINT8_MAX;
			double c = hi - lo <= 2 * SE_TREE_MAX_CHAIN + 1 ? chain_cost(p, lo, hi, &k)
									: INFINITY;
			p->chain_cost[at2(p, lo, hi)] = c;
			p->chain_k[at2(p, lo, hi)] = c < INFINITY ? k : UINT8_MAX;
		}
	return 0;
}

static void planner_free(struct planner *p)
{
	free(p->prefix);
	free(p->chain_cost);
	free(p->chain_k);
	free(p->deadline);
	free(p->prev);
	free(p->cur);
}

/* The bound: no path deeper than the greedy tree's deepest, and no run in
 * `keep` deeper than it was there. */
static void set_deadlines(struct planner *p, const bool *keep)
{
	p->t->depth = greedy_depths(p, 0, p->n, 0, p->deadline);
	for (size_t i = 0; i < p->n; i++)
		if (!keep || !keep[i])
			p->deadline[i] = p->t->depth;
}

int se_tree_plan(const struct se_line *line, double mu, const bool *keep, struct se_tree *out)
{
	struct planner p;
	*out = (struct se_tree){.n = line->n};
	if (line->n > SE_TREE_MAX_RUNS)
		return 1;
	int rc = planner_init(&p, line, mu, out);
	if (rc == 0) {
		set_deadlines(&p, keep);
		out->step = malloc((out->depth + 1) * (line->n + 1) * (line->n + 1) *
				   sizeof *out->step);
		rc = out->step ? 0 : -1;
	}
	for (unsigned d = 0; rc == 0 && d <= out->depth; d++)
		plan_level(&p, d);
	if (rc == 0)
		out->cost = p.prev[at2(&p, 0, line->n)];
	planner_free(&p);
	if (rc)
		se_tree_free(out);
	return rc;
}

enum se_tree_step se_tree_step_at(const struct se_tree *t, size_t lo, size_t hi, unsigned depth,
				  size_t *at)
{
	uint16_t step = t->step[at3(t, depth, lo, hi)];
	*at = step >= 2 ? (size_t)step - 2 : 0;
	return step == 0 ? SE_TREE_LEAF : step == 1 ? SE_TREE_CHAIN : SE_TREE_SPLIT;
}

void se_tree_free(struct se_tree *t)
{
	free(t->step);
	t->step = NULL;
}
