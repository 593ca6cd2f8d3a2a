/*
 * coverage.h - does the profile, as compiled, already allow what a run
 * called?  Each observed call is run through every program the filter
 * ships (one per kernel range) in the kernel's model, with the arguments
 * the run showed.
 */
#ifndef SE_COVERAGE_H
#define SE_COVERAGE_H

#include "compiled.h"
#include "observed.h"

enum se_coverage {
	SE_COVERED,        /* every program allows it, as observed */
	SE_NOT_COVERED,    /* some program denies it */
	SE_ARCH_MISSING,   /* made on an arch the filter does not list */
	SE_ARGS_UNKNOWN,   /* allowed for some arguments only, and the run did not give them */
	SE_NOT_NUMBERED,   /* the call's arch has no such syscall in our tables */
};

enum se_coverage se_coverage_of(const struct se_compiled *c, const struct se_obs_call *call);

/* Does every program allow `name` on `arch` with these arguments? */
bool se_coverage_allows(const struct se_compiled *c, const struct se_arch *arch,
			const char *name, const uint64_t args[6]);

#endif
