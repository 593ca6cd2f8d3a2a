#include "opt_weights.h"

#include <linux/seccomp.h>
#include <stdbool.h>
#include <string.h>

#include "syscall_table.h"

#define CACHED_WEIGHT 0.05 /* keeps allowed paths short for the attach-time emulation */
#define GAP_WEIGHT 0.01
/* Attaching walks every number below the arch's last syscall once: every
 * one of them, gaps and denials included, is worth a little depth.  More
 * than this lengthens the argument-checked paths that run at each call. */
#define EMULATED_WEIGHT 0.05
#define HOT_FACTOR 100.0
#define OTHER_ABI_FACTOR 0.1 /* 32-bit and x32 calls are rare next to the target's */
#define ARGUMENT_FACTOR 32.0  /* never cached, and its tests come on top */

static double hint_weight(const struct se_opt_hints *hints, const char *name)
{
	for (size_t i = 0; hints && i < hints->n; i++)
		if (strcmp(hints->names[i], name) == 0)
			return HOT_FACTOR * (hints->weights ? hints->weights[i] : 1.0);
	return 0;
}

static size_t run_of(const struct se_line *line, uint32_t nr)
{
	size_t lo = 0, hi = line->n - 1;
	while (lo < hi) {
		size_t mid = (lo + hi + 1) / 2;
		if (line->runs[mid].lo <= nr)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* A constant ALLOW that the kernel's cache lets skip the filter: its calls
 * never run it, so only the walk at attach time counts. */
static bool cached(const struct se_dag *dag, uint32_t node, const struct se_opt_hints *hints)
{
	return !(hints && hints->uncached) && dag->nodes[node].kind != SE_NODE_TEST &&
	       dag->nodes[node].k == SECCOMP_RET_ALLOW;
}

static double node_weight(const struct se_dag *dag, uint32_t node, const struct se_opt_hints *hints)
{
	if (dag->nodes[node].kind == SE_NODE_TEST)
		return ARGUMENT_FACTOR;
	return cached(dag, node, hints) ? CACHED_WEIGHT : 1.0;
}

static int weigh_arch(struct se_line *line, const struct se_dag *dag, const struct se_arch *a,
		      double factor, const struct se_opt_hints *hints)
{
	struct se_syscall_entry *table;
	long n = se_syscall_table(a, &table);
	if (n < 0)
		return -1;
	uint32_t top = 0; /* above the last syscall of the arch itself (not x32's) */
	for (long i = 0; i < n; i++) {
		struct se_run *r = &line->runs[run_of(line, table[i].nr)];
		r->weight += factor * node_weight(dag, r->node, hints);
		if (!cached(dag, r->node, hints)) /* a hot call the cache skips costs nothing */
			r->weight += hint_weight(hints, table[i].name);
		if (table[i].nr < 0x40000000 && table[i].nr >= top)
			top = table[i].nr + 1;
	}
	for (size_t i = 0; i < line->n; i++) {
		struct se_run *r = &line->runs[i];
		if (r->lo < top)
			r->weight += EMULATED_WEIGHT * ((r->hi < top ? r->hi : top - 1) - r->lo + 1);
	}
	se_syscall_table_free(table, n);
	return 0;
}

int se_weigh_line(struct se_line *line, const struct se_dag *dag, const struct se_arch_set *arches,
		  const struct se_opt_hints *hints)
{
	for (size_t i = 0; i < line->n; i++)
		line->runs[i].weight = GAP_WEIGHT;
	for (size_t i = 0; i < arches->n; i++)
		if (arches->arches[i]->audit_arch == line->arch &&
		    weigh_arch(line, dag, arches->arches[i], i == 0 ? 1.0 : OTHER_ABI_FACTOR, hints))
			return -1;
	return 0;
}
