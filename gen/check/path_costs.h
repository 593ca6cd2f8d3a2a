/*
 * path_costs.h - what one program costs at run time, found by running
 * it as the kernel would (bpf_eval.h) on every syscall libseccomp knows for
 * each arch of the filter: how many constant-allow syscalls the kernel's
 * cache lets skip it (cache_check.h), and how many instructions every other
 * syscall executes.
 */
#ifndef SE_PATH_COSTS_H
#define SE_PATH_COSTS_H

#include <stdbool.h>
#include <stdint.h>

#include "cache_check.h"
#include "program.h"
#include "resolve.h"
#include "validate_inputs.h"

/* The syscalls that still run the filter, by what decides them. */
enum se_cost_group {
	SE_COST_ARGS,     /* the path reads arguments: the most over the probe values */
	SE_COST_DENIED,   /* one non-ALLOW outcome whatever the arguments */
	SE_COST_UNCACHED, /* ALLOW whatever the arguments, yet not cached (x32, MIPS) */
	SE_COST_GROUPS
};

struct se_cost {
	size_t n;     /* syscalls in the group */
	uint64_t sum; /* instructions they execute, summed */
	uint32_t max;
};

struct se_costs {
	/* per arch the kernel caches: allowed (M) = numbers the program allows
	 * without reading arguments, kept (N) = those on a path the kernel's
	 * cache accepts; n_arches 0 when the kernel keeps no cache */
	struct se_cache_report cache;
	struct se_cost target[SE_COST_GROUPS]; /* the syscalls of the target arch */
	struct se_cost all[SE_COST_GROUPS];    /* those of every arch of the filter */
	/* Every number of the target arch from its first syscall to its last,
	 * gaps included, that runs the filter and is denied whatever the
	 * arguments (se_costs_measure only): the gaps are what a program probing
	 * for a syscall this kernel lacks calls, and where a tree that weighs
	 * only known syscalls is deepest. */
	struct se_cost numbers_denied;
	uint32_t numbers_first, numbers_last;
};

/* Does (arch, nr) skip `prog` altogether, the kernel's cache as `cache`
 * reports it (its arches and the size of each bitmap)? */
bool se_costs_skips_filter(const struct se_program *prog, const struct se_cache_report *cache,
			   uint32_t arch, uint32_t nr);

/* Measure `prog`, a filter for `arches` (the target first), trying the
 * argument values of `plan` where a path reads arguments, on a kernel that
 * keeps the cache of constant-allow syscalls (5.11 and later) if
 * `kernel_caches`, else on one where every call runs the filter (no cache
 * arches then).  Returns 0, 1 if the program faults on some input (not a
 * loadable filter), -1 on allocation failure. */
int se_costs_measure(const struct se_program *prog, const struct se_arch_set *arches,
		     const struct se_probe_plan *plan, bool kernel_caches, struct se_costs *out);

/* Only the groups (target[] and all[]), the kernel's cache taken from
 * `cache` (its arches and sizes; se_cache_check's) rather than worked out
 * again: for comparing two programs whose cache reports are known. */
int se_costs_classes(const struct se_program *prog, const struct se_arch_set *arches,
		     const struct se_probe_plan *plan, const struct se_cache_report *cache,
		     struct se_costs *out);

#endif
