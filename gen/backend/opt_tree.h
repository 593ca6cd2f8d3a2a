/*
 * opt_tree.h - the comparison tree over the runs of one arch's number line,
 * chosen by an exact interval dynamic program rather than a greedy split.
 *
 * For runs [lo, hi) the tree is one of: the run itself (one run left); a
 * JEQ chain (every run but a few short ones leads to one "background"
 * node, any of the interval's; each number of the others is one JEQ, the
 * heaviest first); or a JGE at a run boundary s with a tree for [lo, s)
 * and one for [s, hi).  The program minimises
 *
 *     cost = instructions + mu * sum over runs of weight x compares on its path
 *
 * (weights: opt_weights.h), under a bound on the compares of any path: the
 * depth of the greedy weight-balanced tree the backend used before, plus
 * SE_TREE_SLACK, so no path is more than that longer than it was; runs
 * marked `keep` (argument-checked ones, whose tests come on top) are no
 * deeper than they were there.  The plan is first made without the bound;
 * that tree, when it keeps within the bound (most lines), is the answer,
 * and otherwise the plan is made again level by level, one level per number
 * of compares left.  Lines of more runs than SE_TREE_MAX_RUNS keep the
 * greedy tree (the program is cubic in the runs).
 */
#ifndef SE_OPT_TREE_H
#define SE_OPT_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "opt_line.h"

#define SE_TREE_MAX_RUNS 400
#define SE_TREE_MAX_CHAIN 6 /* exceptions one chain may single out */
/* Compares a path may take beyond the greedy tree's deepest.  On the bench
 * policies: with none b-runc337 stays at 53 instructions; one gives 52 at
 * 7.70 on the denied mean over every number, two 7.63; three gains nothing
 * more. */
#define SE_TREE_SLACK 2

enum se_tree_step { SE_TREE_LEAF, SE_TREE_CHAIN, SE_TREE_SPLIT };

struct se_tree {
	size_t n;        /* runs of the line */
	unsigned depth;  /* the bound: compares on the longest path (0 for one run) */
	uint16_t *step;  /* per (depth left, lo, hi): 0 leaf, s + 2 a split at s, 1000 + b
			    a chain whose background is run lo + b's node */
	bool flat;       /* the best tree without the bound keeps within it: one
			    step per (lo, hi), whatever the depth left */
	double cost;     /* of the whole line's tree */
};

/* A JEQ chain as the planner costs and places it: the numbers of every run
 * not leading to the background (runs of at most SE_TREE_CHAIN_RUN numbers,
 * each number one JEQ), heaviest per number first; every run leading to
 * `background` is reached after the last JEQ. */
#define SE_TREE_CHAIN_RUN 3
struct se_chain {
	uint32_t background;
	size_t n;                       /* JEQs */
	uint32_t nr[SE_TREE_MAX_CHAIN]; /* tested in this order */
	size_t run[SE_TREE_MAX_CHAIN];  /* the run each leads to */
};

/* False when [lo, hi) has no such chain (a run too long outside the
 * background, or more than SE_TREE_MAX_CHAIN numbers to single out). */
bool se_chain_layout(const struct se_line *line, size_t lo, size_t hi, uint32_t background,
		      struct se_chain *out);

/* The greedy tree's chain: the background node of a chain over [lo, hi)
 * and its exceptions' count; false when two runs longer than one number
 * lead to different nodes. */
bool se_chain_background(const struct se_line *line, size_t lo, size_t hi, uint32_t *node,
			 size_t *exceptions);

/* Plans the tree of `line` (weights filled); `keep` (NULL: none) marks the
 * runs whose depth may not grow.  Returns 0, 1 when the line is too long to
 * plan (use the greedy tree), -1 when out of memory. */
int se_tree_plan(const struct se_line *line, double mu, const bool *keep, struct se_tree *out);

/* The step at [lo, hi) with `depth` compares left; for a split, *at is s;
 * for a chain, the run whose node is its background. */
enum se_tree_step se_tree_step_at(const struct se_tree *t, size_t lo, size_t hi, unsigned depth,
				  size_t *at);

void se_tree_free(struct se_tree *t);

#endif
