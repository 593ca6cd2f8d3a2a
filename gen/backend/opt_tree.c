#include "opt_tree.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#define NONE UINT16_MAX
#define CHAIN_STEP 1000 /* + the run (from lo) whose node is the background */

struct planner {
	const struct se_line *line;
	size_t n;
	double mu;
	double *prefix;      /* weights summed */
	unsigned *deadline;  /* per run: the most compares on its path */
	double *prev, *cur;  /* per (lo, hi): best cost with d-1 and d compares left */
	double *prev_t, *cur_t; /* the same per (hi, lo), so that a split's two halves
				   are both read in order of s */
	/* Per (lo, hi): the best cost with no bound on the compares, the interval
	 * at the root (se_tree_plan's first pass), and the step of a level that
	 * reached it (NONE until one does): at every level above, that step
	 * still reaches it (more compares left and a shallower start only loosen
	 * the bounds), so those levels copy it instead of planning again. */
	double *unbounded, *unbounded_t;
	uint16_t *reached;
	uint16_t *free_step; /* per (lo, hi): the step of the unbounded plan */
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

static uint64_t numbers_of(const struct se_run *r)
{
	return (uint64_t)r->hi - r->lo + 1;
}

bool se_chain_layout(const struct se_line *line, size_t lo, size_t hi, uint32_t background,
		      struct se_chain *out)
{
	double weight[SE_TREE_MAX_CHAIN];
	out->background = background;
	out->n = 0;
	for (size_t i = lo; i < hi; i++) {
		const struct se_run *r = &line->runs[i];
		if (r->node == out->background)
			continue;
		if (numbers_of(r) > SE_TREE_CHAIN_RUN || out->n + numbers_of(r) > SE_TREE_MAX_CHAIN)
			return false;
		double w = r->weight / (double)numbers_of(r);
		for (uint32_t nr = r->lo;; nr++) {
			size_t at = out->n++;
			for (; at > 0 && weight[at - 1] < w; at--) {
				weight[at] = weight[at - 1];
				out->nr[at] = out->nr[at - 1];
				out->run[at] = out->run[at - 1];
			}
			weight[at] = w;
			out->nr[at] = nr;
			out->run[at] = i;
			if (nr == r->hi)
				break;
		}
	}
	return out->n > 0;
}

/* The chain's cost: JEQ j (heaviest per number first) is reached after
 * j + 1 compares, the background after all of them. */
static double chain_cost(const struct planner *p, size_t lo, size_t hi, const struct se_chain *c)
{
	double compares = 0;
	for (size_t j = 0; j < c->n; j++) {
		const struct se_run *r = &p->line->runs[c->run[j]];
		compares += r->weight / (double)numbers_of(r) * (double)(j + 1);
	}
	for (size_t i = lo; i < hi; i++)
		if (p->line->runs[i].node == c->background)
			compares += p->line->runs[i].weight * (double)c->n;
	return (double)c->n + p->mu * compares;
}

/* Does the chain, entered after `depth` compares, reach every run within
 * its deadline (a run singled out: its last number)? */
static bool chain_in_time(const struct planner *p, size_t lo, size_t hi, const struct se_chain *c,
			  unsigned depth)
{
	for (size_t j = 0; j < c->n; j++)
		if (depth + j + 1 > p->deadline[c->run[j]])
			return false;
	for (size_t i = lo; i < hi; i++)
		if (p->line->runs[i].node == c->background && depth + c->n > p->deadline[i])
			return false;
	return true;
}

/* The cheapest chain over [lo, hi) with at most d JEQs, trying each node
 * of the interval as the background; its step, or NONE. */
static uint16_t best_chain(const struct planner *p, size_t lo, size_t hi, unsigned d,
			   unsigned depth, double *cost)
{
	uint16_t step = NONE;
	*cost = INFINITY;
	for (size_t b = lo; hi - lo <= 2 * SE_TREE_MAX_CHAIN + 1 && b < hi; b++) {
		struct se_chain c;
		bool tried = false;
		for (size_t e = lo; e < b && !tried; e++)
			tried = p->line->runs[e].node == p->line->runs[b].node;
		if (tried || !se_chain_layout(p->line, lo, hi, p->line->runs[b].node, &c) ||
		    c.n > d || !chain_in_time(p, lo, hi, &c, depth))
			continue;
		double k = chain_cost(p, lo, hi, &c);
		if (k < *cost) {
			*cost = k;
			step = (uint16_t)(CHAIN_STEP + (b - lo));
		}
	}
	return step;
}

/* The best step for [lo, hi) given the costs of shorter intervals (split
 * halves read from `left` = costs[lo][.] and `right` = costs_t[hi][.]); d
 * compares left (the chain's JEQs, and none for a split at 0), entered
 * after `depth`. */
static uint16_t best_step(const struct planner *p, unsigned d, unsigned depth, size_t lo,
			  size_t hi, const double *left, const double *right, double *cost)
{
	double best = INFINITY, weight = p->prefix[hi] - p->prefix[lo];
	uint16_t step = NONE;
	if (hi - lo == 1) {
		best = depth <= p->deadline[lo] ? 0 : INFINITY;
		step = 0;
	} else {
		step = best_chain(p, lo, hi, d, depth, &best);
	}
	for (size_t s = lo + 1; d > 0 && hi - lo > 1 && s < hi; s++) {
		double c = 1 + p->mu * weight + left[s] + right[s];
		if (c < best) {
			best = c;
			step = (uint16_t)(s + 2);
		}
	}
	*cost = best;
	return best < INFINITY ? step : NONE;
}

/* Best for [lo, hi) with d compares left, from the costs with d - 1. */
static void plan_interval(struct planner *p, unsigned d, size_t lo, size_t hi)
{
	size_t at = at2(p, lo, hi);
	double best = p->unbounded[at];
	uint16_t step = p->reached[at];
	if (step == NONE) {
		step = best_step(p, d, p->t->depth - d, lo, hi, &p->prev[at2(p, lo, 0)],
				 &p->prev_t[at2(p, hi, 0)], &best);
		if (step != NONE && best <= p->unbounded[at])
			p->reached[at] = step;
	}
	p->cur[at] = best;
	p->cur_t[at2(p, hi, lo)] = best;
	p->t->step[at3(p->t, d, lo, hi)] = step;
}

/* The first pass: every interval's cost without a bound on the compares,
 * entered at the root. */
static void plan_unbounded(struct planner *p)
{
	for (size_t len = 1; len <= p->n; len++)
		for (size_t lo = 0, hi = len; hi <= p->n; lo++, hi++) {
			double cost;
			p->free_step[at2(p, lo, hi)] =
				best_step(p, UINT16_MAX, 0, lo, hi, &p->unbounded[at2(p, lo, 0)],
					  &p->unbounded_t[at2(p, hi, 0)], &cost);
			p->unbounded[at2(p, lo, hi)] = cost;
			p->unbounded_t[at2(p, hi, lo)] = cost;
			p->reached[at2(p, lo, hi)] = NONE;
		}
}

/* Does the unbounded plan's tree for [lo, hi), entered after `depth`
 * compares, keep every run within its deadline (and so within the bound)? */
static bool unbounded_fits(const struct planner *p, size_t lo, size_t hi, unsigned depth)
{
	uint16_t step = p->free_step[at2(p, lo, hi)];
	struct se_chain c;
	if (step == NONE)
		return false;
	if (step == 0)
		return depth <= p->deadline[lo];
	if (step >= CHAIN_STEP)
		return se_chain_layout(p->line, lo, hi,
				       p->line->runs[lo + (size_t)(step - CHAIN_STEP)].node, &c) &&
		       chain_in_time(p, lo, hi, &c, depth);
	size_t s = (size_t)step - 2;
	return unbounded_fits(p, lo, s, depth + 1) && unbounded_fits(p, s, hi, depth + 1);
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
				p->cur_t[at2(p, hi, lo)] = INFINITY;
				p->t->step[at3(p->t, d, lo, hi)] = NONE;
			}
	for (size_t len = 1; len <= p->n && len <= longest; len++)
		for (size_t lo = 0; lo + len <= p->n; lo++)
			plan_interval(p, d, lo, lo + len);
	double *swap = p->prev, *swap_t = p->prev_t;
	p->prev = p->cur;
	p->cur = swap;
	p->prev_t = p->cur_t;
	p->cur_t = swap_t;
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
	struct se_chain c;
	if (hi - lo == 1)
		return at[lo] = depth;
	if (hi - lo <= 7 && se_chain_background(p->line, lo, hi, &background, &k) && k <= 3 &&
	    se_chain_layout(p->line, lo, hi, background, &c)) {
		for (size_t i = lo; i < hi; i++)
			at[i] = depth + (unsigned)c.n; /* the background's runs, overwritten below */
		for (size_t j = 0; j < c.n; j++)
			at[c.run[j]] = depth + (unsigned)j + 1;
		return depth + (unsigned)c.n;
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
	*p = (struct planner){.line = line, .n = line->n, .mu = mu, .t = t};
	p->prefix = malloc((line->n + 1) * sizeof *p->prefix);
	p->deadline = malloc(line->n * sizeof *p->deadline);
	p->prev = malloc(cells * sizeof *p->prev);
	p->cur = malloc(cells * sizeof *p->cur);
	p->prev_t = malloc(cells * sizeof *p->prev_t);
	p->cur_t = malloc(cells * sizeof *p->cur_t);
	p->unbounded = malloc(cells * sizeof *p->unbounded);
	p->unbounded_t = malloc(cells * sizeof *p->unbounded_t);
	p->reached = malloc(cells * sizeof *p->reached);
	p->free_step = malloc(cells * sizeof *p->free_step);
	if (!p->prefix || !p->deadline || !p->prev || !p->cur || !p->prev_t || !p->cur_t ||
	    !p->unbounded || !p->unbounded_t || !p->reached || !p->free_step)
		return -1;
	p->prefix[0] = 0;
	for (size_t i = 0; i < line->n; i++)
		p->prefix[i + 1] = p->prefix[i] + line->runs[i].weight;
	return 0;
}

static void planner_free(struct planner *p)
{
	free(p->prefix);
	free(p->deadline);
	free(p->prev);
	free(p->cur);
	free(p->prev_t);
	free(p->cur_t);
	free(p->unbounded);
	free(p->unbounded_t);
	free(p->reached);
	free(p->free_step);
}

/* The bound: no path more than SE_TREE_SLACK deeper than the greedy tree's
 * deepest, and no run in `keep` deeper than it was there. */
static void set_deadlines(struct planner *p, const bool *keep)
{
	p->t->depth = greedy_depths(p, 0, p->n, 0, p->deadline);
	if (p->n > 1)
		p->t->depth += SE_TREE_SLACK;
	for (size_t i = 0; i < p->n; i++)
		if (!keep || !keep[i])
			p->deadline[i] = p->t->depth;
}

/* The levels, one per number of compares left, when the unbounded plan
 * does not fit the bound. */
static int plan_levels(struct planner *p, struct se_tree *out)
{
	size_t cells = (p->n + 1) * (p->n + 1);
	out->step = malloc((out->depth + 1) * cells * sizeof *out->step);
	if (!out->step)
		return -1;
	for (unsigned d = 0; d <= out->depth; d++)
		plan_level(p, d);
	out->cost = p->prev[at2(p, 0, p->n)];
	return 0;
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
		plan_unbounded(&p);
		/* most lines: the best tree with no bound is within it anyway */
		out->flat = unbounded_fits(&p, 0, line->n, 0);
		if (out->flat) {
			out->step = p.free_step;
			p.free_step = NULL;
			out->cost = p.unbounded[at2(&p, 0, line->n)];
		} else {
			rc = plan_levels(&p, out);
		}
	}
	planner_free(&p);
	if (rc)
		se_tree_free(out);
	return rc;
}

enum se_tree_step se_tree_step_at(const struct se_tree *t, size_t lo, size_t hi, unsigned depth,
				  size_t *at)
{
	uint16_t step = t->step[at3(t, t->flat ? 0 : depth, lo, hi)];
	if (step >= CHAIN_STEP) {
		*at = lo + (size_t)(step - CHAIN_STEP);
		return SE_TREE_CHAIN;
	}
	*at = step >= 2 ? (size_t)step - 2 : 0;
	return step == 0 ? SE_TREE_LEAF : SE_TREE_SPLIT;
}

void se_tree_free(struct se_tree *t)
{
	free(t->step);
	t->step = NULL;
}
