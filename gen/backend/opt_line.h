/*
 * opt_line.h - the number line of one arch cut into runs of equal outcome.
 * The cuts are every point where a compare in the reference can change its
 * answer, so one partial evaluation per interval stands for all of it;
 * adjacent intervals with the same node are one run (default gaps and x32
 * numbers included: they are just more of the line).
 */
#ifndef SE_OPT_LINE_H
#define SE_OPT_LINE_H

#include <linux/filter.h>
#include <stddef.h>
#include <stdint.h>

#include "opt_pe.h"
#include "u64_set.h"

struct se_cuts {
	struct se_u64_set at; /* ascending, at.v[0] == 0; interval i is [at.v[i], at.v[i+1]) */
	uint32_t jset_masks[32]; /* single high bits compared with JSET */
	size_t n_jset_masks;
};

struct se_run {
	uint32_t lo, hi; /* inclusive */
	uint32_t node;
	double weight;   /* how much a short path to this run is worth */
};

struct se_line {
	uint32_t arch; /* seccomp_data.arch value */
	struct se_run *runs;
	size_t n;
};

int se_cuts_collect(const struct sock_filter *insns, size_t len, struct se_cuts *out);
void se_cuts_free(struct se_cuts *c);

/* Returns 0; -1 out of memory; 1 an instruction the model lacks; 2 argument
 * tests nested too deep. */
int se_line_build(struct se_pe_context *pe, const struct se_cuts *cuts, uint32_t arch,
		  struct se_line *out);
void se_line_free(struct se_line *l);

#endif
