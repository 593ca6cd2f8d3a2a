/*
 * opt_search.h - a chain of equality tests on one argument word that all
 * lead to the same place (libseccomp's way of allowing personality(0),
 * personality(8), ...) becomes a search: compares that halve the set of
 * values, so the longest path is about log2 of the chain, not its length.
 */
#ifndef SE_OPT_SEARCH_H
#define SE_OPT_SEARCH_H

#include "opt_dag.h"

/* Rewrites the DAG below each root; roots[i] is replaced by its rewrite.
 * Returns 0, or -1 when out of memory. */
int se_search_chains(struct se_dag *g, uint32_t *roots, size_t n_roots);

#endif
