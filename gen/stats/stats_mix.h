/*
 * stats_mix.h - `stats --mix FILE`: what a real workload's calls cost, from
 * an `strace -c` summary of it.  Each row's calls are run through a program
 * on the target arch (arguments 0) and, where the program allows them,
 * weighed by their count: a call the kernel's cache lets skip the filter
 * costs nothing, every other allowed call the instructions it runs.  On a
 * kernel before 5.11 (--kernel 4.18) there is no cache, and this is what
 * every allowed call of that workload pays.
 */
#ifndef SE_STATS_MIX_H
#define SE_STATS_MIX_H

#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "path_costs.h"
#include "program.h"
#include "syscall_table.h"

struct se_mix {
	size_t n;
	uint32_t *nr;          /* the target arch's number of each row's syscall */
	unsigned long *calls;
	unsigned long unknown; /* calls of names the arch has no number for, left out */
};

/* Reads FILE for `arch`.  Returns 0, or SE_EINPUT after reporting. */
int se_mix_read(const char *path, const struct se_arch *arch, enum se_syscall_source src,
		struct se_mix *out);
void se_mix_free(struct se_mix *m);

struct se_mix_cost {
	unsigned long calls;        /* allowed by the program */
	unsigned long long steps;   /* instructions they run, the cached ones 0 */
};

/* The mix through `prog`, the kernel's cache as `cache` reports it;
 * -1 if the program faults. */
int se_mix_measure(const struct se_mix *m, const struct se_program *prog,
		   const struct se_arch *arch, const struct se_cache_report *cache,
		   struct se_mix_cost *out);

#endif
