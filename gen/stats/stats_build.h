/*
 * stats_build.h - the three programs `seccomp-embed stats` and the filter
 * bench compare, for one profile and set of options: ours (what compile
 * writes, validated), and libseccomp's at optimize levels 1 and 2, all with
 * runc's ENOSYS stub unless --no-enosys-stub.  One kernel is decided for
 * all three: --kernel's, or else the newest of the profile's minKernel
 * ranges (what the C output installs on a current kernel).
 */
#ifndef SE_STATS_BUILD_H
#define SE_STATS_BUILD_H

#include "compile.h"

enum { SE_STATS_OURS, SE_STATS_LEVEL1, SE_STATS_LEVEL2, SE_STATS_COLUMNS };

struct se_stats_programs {
	struct se_options options;   /* the caller's, the kernel decided */
	char kernel[160];            /* which kernel, in words */
	struct se_compiled compiled; /* ours, the target and the arch set */
	struct se_program ref;       /* runc's choice: what ours is validated against */
	struct se_program level[2];  /* libseccomp at optimize levels 1 and 2 */
	const struct se_program *column[SE_STATS_COLUMNS]; /* ours, level 1, level 2 */
};

/* "ours", "libseccomp level 1", "libseccomp level 2" */
extern const char *const se_stats_column_names[SE_STATS_COLUMNS];

/* Returns 0, or SE_EINPUT after reporting (the errors compile gives).  Free
 * `out` with se_stats_programs_free() either way. */
int se_stats_build(struct se_diag *d, const struct se_profile *p, const struct se_options *o,
		   struct se_stats_programs *out);
void se_stats_programs_free(struct se_stats_programs *s);

/* The column whose program is runc's choice, the reference, or -1. */
int se_stats_reference_column(const struct se_stats_programs *s);

#endif
