/*
 * validate_inputs.h - the inputs validate.h tries, worked out once per
 * pair of programs: the syscall numbers, the arch values and, per 64-bit
 * field of seccomp_data that either program reads, the values it takes.
 */
#ifndef SE_VALIDATE_INPUTS_H
#define SE_VALIDATE_INPUTS_H

#include "bpf_consts.h"
#include "program.h"
#include "resolve.h"

#define SE_PROBE_SLOTS 7 /* instruction_pointer, then args[0..5] */

struct se_probe_plan {
	struct se_u64_set nrs;    /* tried on every arch value, ascending */
	struct se_u64_set arches; /* the filter's audit arches first, then foreign values */
	size_t n_filter_arches;
	/* values of each slot; empty where neither program reads the field */
	struct se_u64_set slot[SE_PROBE_SLOTS];
};

/* Returns 0, or -1 on allocation failure. */
int se_probe_plan_make(const struct se_program *ref, const struct se_program *cand,
		       const struct se_arch_set *arches, struct se_probe_plan *out);
/* The same for any number of programs: the layers of two filters. */
int se_probe_plan_make_all(const struct se_program *const *progs, size_t n,
			   const struct se_arch_set *arches, struct se_probe_plan *out);
void se_probe_plan_free(struct se_probe_plan *p);

#endif
