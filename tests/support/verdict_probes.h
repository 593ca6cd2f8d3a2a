/*
 * verdict_probes.h - the seccomp_data values on which two filters must
 * decide alike, so a test can say "these filters are equivalent" after
 * running both on every value that could tell them apart.
 *
 * For each arch of a filter's arch set: every syscall number 0..1100, the
 * same with the x32 bit, the MIPS numbering bases, ARM's private calls, the
 * numbers next to every name the profiles use, and 32-bit extremes (-1
 * included); then argument vectors for every syscall an argument condition
 * names, built from the edges of each constant (c-1, c, c+1, each 32-bit
 * half alone, each mask bit).  Two arches outside the set are swept too.
 */
#ifndef VERDICT_PROBES_H
#define VERDICT_PROBES_H

#include <stddef.h>
#include <stdint.h>

#include "bpf_sim.h"
#include "profile.h"
#include "resolve.h"

struct probe_set {
	struct bpf_sim_data *v;
	size_t n, cap;
	size_t n_with_args; /* how many of them carry argument values */
};

/* Probes for a filter with arch set `arches`, covering the names and
 * argument constants of every profile in `profiles`.  Returns 0, or -1 when
 * out of memory (the set is then freed). */
int probe_set_build(struct probe_set *s, const struct se_arch_set *arches,
		    const struct se_profile *const *profiles, size_t n_profiles);
void probe_set_free(struct probe_set *s);

#endif
