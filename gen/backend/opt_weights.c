#include "opt_weights.h"

#include <linux/seccomp.h>
#include <stdbool.h>
#include <string.h>

#include "syscall_span.h"
#include "syscall_table.h"

#define CACHED_WEIGHT 0.05 /* keeps allowed paths short for the attach-time emulation */
#define GAP_WEIGHT 0.01
/* A number below the arch's last syscall that no syscall has: what a
 * program probing for a syscall this kernel lacks calls, and what the
 * issue-15 measure of a filter ("denied": every number 0..469 on x86_64)
 * counts.  Half a syscall's weight: a real syscall is called more often,
 * yet the gap numbers are many (89 on x86_64) and a tree that ignores them
 * puts them 2 or 3 compares deeper.  Measured on the five bench policies
 * (bench/README.md): 0 leaves b-runc337's mean over every number at 9.2,
 * 0.3 to 1 give 7.7 to 8.0 at the same length. */
#define GAP_NUMBER_FACTOR 0.5
/* Attaching walks every number below the arch's last syscall once: every
 * one of them, gaps and denials included, is worth a little depth.  More
 * than this lengthens the argument-checked paths that run at each call. */
#define EMULATED_WEIGHT 0.05
#define HOT_FACTOR 100.0
#define OTHER_ABI_FACTOR 0.1 /* 32-bit and x32 calls are rare next to the target's */
/* Never cached, and its tests come on top; 64 keeps c-docker's deepest
 * argument-checked path at 14 once the gap numbers weigh (32 lets it reach
 * 15). */
#define ARGUMENT_FACTOR 64.0

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

/* Every number below `top` costs once at attach time; those from the
 * first syscall of `table` (sorted by nr) up that no syscall has also
 * weigh as gap numbers (MIPS numbers start at 4000: below is no gap). */
static void weigh_numbers(struct se_line *line, const struct se_dag *dag,
			  const struct se_syscall_entry *table, long n, uint32_t top, double factor,
			  const struct se_opt_hints *hints)
{
	long next = 0; /* the first table entry not below the run */
	for (size_t i = 0; i < line->n && line->runs[i].lo < top; i++) {
		struct se_run *r = &line->runs[i];
		uint32_t last = r->hi < top ? r->hi : top - 1, syscalls = 0;
		for (; next < n && table[next].nr <= last; next++)
			syscalls += table[next].nr >= r->lo;
		uint32_t numbers = last - r->lo + 1;
		uint32_t from = n > 0 && table[0].nr > r->lo ? table[0].nr : r->lo;
		r->weight += EMULATED_WEIGHT * numbers;
		if (from <= last)
			r->weight += GAP_NUMBER_FACTOR * factor * node_weight(dag, r->node, hints) *
				     (last - from + 1 - syscalls);
	}
}

static int weigh_arch(struct se_line *line, const struct se_dag *dag, const struct se_arch *a,
		      double factor, const struct se_opt_hints *hints)
{
	struct se_syscall_entry *table;
	uint32_t top; /* above the arch's main table (not x32's or ARM's private calls) */
	if (se_syscall_main_end(a, &top))
		return -1;
	long n = se_syscall_table(a, &table);
	if (n < 0)
		return -1;
	for (long i = 0; i < n; i++) {
		struct se_run *r = &line->runs[run_of(line, table[i].nr)];
		r->weight += factor * node_weight(dag, r->node, hints);
		if (!cached(dag, r->node, hints)) /* a hot call the cache skips costs nothing */
			r->weight += hint_weight(hints, table[i].name);
	}
	weigh_numbers(line, dag, table, n, top, factor, hints);
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
