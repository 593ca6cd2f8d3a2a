/*
 * test_backend_tree.c - the backend's tree planner (gen/backend/opt_tree.c) on
 * random number lines: runs of one to three numbers leading to four nodes,
 * weights as opt_weights.h gives them (gaps, cached allows, denials,
 * argument-checked runs).  For each line the plan is walked as
 * optimize.c places it, and:
 *
 *  1. every run is reached inside its interval (a chain's JEQs test numbers
 *     of the runs they lead to, every other run is the background's), at most `depth` compares
 *     deep, and an argument-checked run ("keep") no deeper than the greedy
 *     tree the backend used before puts it (that tree is rebuilt here);
 *  2. the cost the plan claims is the cost of the tree it describes
 *     (instructions + mu x sum of weight x compares);
 *  3. that cost is no more than the greedy tree's under the same model:
 *     the planner is exact, and the greedy tree is one of its candidates.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_rng.h"
#include "opt_tree.h"

#define LINES 3000
#define MU 0.0125 /* the backend's (optimize.c) */
#define KEEP_NODE 3 /* the node standing for an argument test */

static unsigned failures;

struct walk {
	const struct se_line *line;
	unsigned *depth_of; /* per run */
	double cost;
};

static void fail(unsigned line_no, const char *what)
{
	if (failures++ < 20)
		printf("FAIL line %u: %s\n", line_no, what);
}

/* Depths within a chain: exceptions heaviest first (ties by position), the
 * background after all of them, as optimize.c's place_chain orders them. */
static void chain_depths(const struct se_line *l, size_t lo, size_t hi, unsigned depth,
			 unsigned *at, double *cost)
{
	uint32_t background;
	size_t k;
	se_chain_background(l, lo, hi, &background, &k);
	for (size_t i = lo; i < hi; i++) {
		size_t heavier = 0;
		for (size_t j = lo; j < hi; j++)
			heavier += j != i && l->runs[j].node != background &&
				   (l->runs[j].weight > l->runs[i].weight ||
				    (l->runs[j].weight == l->runs[i].weight && j < i));
		unsigned compares = l->runs[i].node == background ? (unsigned)k : (unsigned)heavier + 1;
		at[i] = depth + compares;
		*cost += MU * l->runs[i].weight * compares;
	}
	*cost += (double)k;
}

/* A planned chain: one JEQ per number singled out, in the chain's order; a
 * run is as deep as its last number, the background after every JEQ. */
static bool walk_chain(struct walk *w, size_t lo, size_t hi, uint32_t background, unsigned depth)
{
	struct se_chain c;
	bool seen[SE_TREE_MAX_RUNS] = {false};
	if (!se_chain_layout(w->line, lo, hi, background, &c))
		return false;
	w->cost += (double)c.n;
	for (size_t j = 0; j < c.n; j++) {
		const struct se_run *r = &w->line->runs[c.run[j]];
		if (c.run[j] < lo || c.run[j] >= hi || c.nr[j] < r->lo || c.nr[j] > r->hi ||
		    r->node == c.background)
			return false;
		w->cost += MU * r->weight / (double)(r->hi - r->lo + 1) * (double)(j + 1);
		w->depth_of[c.run[j]] = depth + (unsigned)j + 1;
		seen[c.run[j]] = true;
	}
	for (size_t i = lo; i < hi; i++) {
		if (w->line->runs[i].node == c.background) {
			w->cost += MU * w->line->runs[i].weight * (double)c.n;
			w->depth_of[i] = depth + (unsigned)c.n;
		} else if (!seen[i]) {
			return false; /* a run neither singled out nor the background's */
		}
	}
	return true;
}

static bool walk_plan(struct walk *w, const struct se_tree *t, size_t lo, size_t hi, unsigned d,
		      unsigned depth)
{
	size_t s;
	double weight = 0;
	switch (se_tree_step_at(t, lo, hi, d, &s)) {
	case SE_TREE_LEAF:
		w->depth_of[lo] = depth;
		return hi - lo == 1;
	case SE_TREE_CHAIN:
		return s >= lo && s < hi && walk_chain(w, lo, hi, w->line->runs[s].node, depth);
	default:
		if (s <= lo || s >= hi || d == 0)
			return false;
		for (size_t i = lo; i < hi; i++)
			weight += w->line->runs[i].weight;
		w->cost += 1 + MU * weight;
		return walk_plan(w, t, lo, s, d - 1, depth + 1) && walk_plan(w, t, s, hi, d - 1, depth + 1);
	}
}

/* The backend's former tree, written again from its description; the
 * weights summed as it sums them, so that ties split alike. */
static void greedy(const struct se_line *l, const double *prefix, size_t lo, size_t hi,
		   unsigned depth, unsigned *at, double *cost)
{
	uint32_t background;
	size_t k, best = lo + 1;
	double gap = INFINITY;
	if (hi - lo == 1) {
		at[lo] = depth;
		return;
	}
	if (hi - lo <= 7 && se_chain_background(l, lo, hi, &background, &k) && k <= 3) {
		chain_depths(l, lo, hi, depth, at, cost);
		return;
	}
	for (size_t s = lo + 1; s < hi; s++) {
		double left = prefix[s] - prefix[lo], right = prefix[hi] - prefix[s];
		if (fabs(left - right) < gap) {
			gap = fabs(left - right);
			best = s;
		}
	}
	*cost += 1 + MU * (prefix[hi] - prefix[lo]);
	greedy(l, prefix, lo, best, depth + 1, at, cost);
	greedy(l, prefix, best, hi, depth + 1, at, cost);
}

static void random_line(struct fuzz_rng *r, struct se_line *l, size_t n)
{
	static const double weights[] = {0.01, 0.05, 0.06, 1.0, 1.05, 32.0};
	uint32_t nr = 0;
	l->n = n;
	for (size_t i = 0; i < n; i++) {
		struct se_run *run = &l->runs[i];
		run->lo = nr;
		run->hi = nr + (fuzz_chance(r, 60) ? 0 : (uint32_t)fuzz_below(r, 3));
		nr = run->hi + 1;
		do
			run->node = (uint32_t)fuzz_below(r, 4);
		while (i > 0 && run->node == l->runs[i - 1].node);
		run->weight = run->node == KEEP_NODE ? 32.0 : weights[fuzz_below(r, 6)];
	}
}

static void check_line(unsigned line_no, const struct se_line *l)
{
	bool keep[SE_TREE_MAX_RUNS];
	unsigned planned[SE_TREE_MAX_RUNS], former[SE_TREE_MAX_RUNS], deepest = 0;
	double greedy_cost = 0;
	struct se_tree t;
	for (size_t i = 0; i < l->n; i++)
		keep[i] = l->runs[i].node == KEEP_NODE;
	if (se_tree_plan(l, MU, keep, &t) != 0) {
		fail(line_no, "not planned");
		return;
	}
	struct walk w = {l, planned, 0};
	if (!walk_plan(&w, &t, 0, l->n, t.depth, 0))
		fail(line_no, "the plan does not describe a tree over the runs");
	double prefix[SE_TREE_MAX_RUNS + 1] = {0};
	for (size_t i = 0; i < l->n; i++)
		prefix[i + 1] = prefix[i] + l->runs[i].weight;
	greedy(l, prefix, 0, l->n, 0, former, &greedy_cost);
	for (size_t i = 0; i < l->n; i++) {
		deepest = former[i] > deepest ? former[i] : deepest;
		if (planned[i] > t.depth)
			fail(line_no, "a run deeper than the bound");
		if (keep[i] && planned[i] > former[i])
			fail(line_no, "an argument-checked run deeper than in the greedy tree");
	}
	if (t.depth != (l->n > 1 ? deepest + SE_TREE_SLACK : 0))
		fail(line_no, "the bound is not the greedy tree's depth and the slack");
	if (fabs(w.cost - t.cost) > 1e-6 * (1 + t.cost))
		fail(line_no, "the claimed cost is not the tree's");
	if (t.cost > greedy_cost + 1e-6 * (1 + greedy_cost))
		fail(line_no, "costlier than the greedy tree");
	se_tree_free(&t);
}

int main(void)
{
	struct se_run runs[SE_TREE_MAX_RUNS];
	struct se_line line = {0, runs, 0};
	for (unsigned i = 0; i < LINES; i++) {
		struct fuzz_rng r = fuzz_fork(15, i);
		size_t n = 1 + (size_t)fuzz_below(&r, i % 10 == 0 ? 200 : 24);
		random_line(&r, &line, n);
		check_line(i, &line);
	}
	struct se_tree t;
	runs[0] = (struct se_run){0, 0, 0, 1};
	line.n = 1;
	if (se_tree_plan(&line, MU, NULL, &t) != 0 || t.depth != 0)
		fail(LINES, "a line of one run");
	se_tree_free(&t);
	printf("%u lines, %u failures\n", LINES, failures);
	return failures ? 1 : 0;
}
