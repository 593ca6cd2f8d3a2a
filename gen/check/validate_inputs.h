/*
 * validate_inputs.h - the inputs validate.h tries, worked out once per
 * pair of programs: the syscall numbers, the arch values and, per 64-bit
 * field of seccomp_data that either program reads, the values it takes.
 */
#ifndef SE_VALIDATE_INPUTS_H
#define SE_VALIDATE_INPUTS_H

#include "bpf_consts.h"
#include "bpf_eval.h"
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

/* Sets slot `s` of `d` (0 instruction_pointer, 1-6 args[0..5]). */
void se_probe_set_slot(struct se_bpf_data *d, unsigned s, uint64_t v);

/* The argument values tried first where a path reads arguments, from `d`
 * (its nr and arch): each slot over its values with the others at 0, then
 * with the others at all ones, then every slot at once, the i-th value of
 * each (wrapping round).  Calls `visit` on each; stops at and returns its
 * first non-zero result, else 0. */
int se_probe_walk(const struct se_probe_plan *plan, struct se_bpf_data d,
		  int (*visit)(void *ctx, const struct se_bpf_data *d), void *ctx);

#endif
