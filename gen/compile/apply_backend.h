/*
 * apply_backend.h - the program a variant ships: libseccomp's reference as is
 * (--backend libseccomp), or ours (optimize.h), accepted only once
 * translation validation proves it decides exactly like the reference and
 * every syscall the reference lets the kernel's cache skip is still skipped.
 */
#ifndef SE_APPLY_BACKEND_H
#define SE_APPLY_BACKEND_H

#include "cache_check.h"
#include "diag.h"
#include "options.h"
#include "program.h"
#include "resolve.h"

struct se_backend_report {
	size_t reference_len;        /* libseccomp's program with the stub */
	bool optimized;              /* ours replaced it */
	char kept_why[160];          /* why libseccomp's shipped although ours was proven
					equal ("longer: 14 instructions"); "" otherwise */
	struct se_cache_report cache; /* what the kernel's cache skips, ours vs reference */
	unsigned long long validated; /* inputs both programs were run on */
};

/* Replaces *prog by ours unless --backend libseccomp, or ours is longer or
 * slower on some class of syscall (path_costs.h): then libseccomp's ships,
 * and the report says why.  `uncached`: the program is for kernels before
 * 5.11 only (as --kernel below 5.11 says too), where every allowed call
 * runs it.  Returns 0, or SE_EINPUT after an error naming the first input
 * the programs disagree on (a bug in the backend: nothing is written). */
int se_backend_apply(struct se_diag *d, const struct se_options *o, bool uncached,
		     const struct se_target *t, const struct se_arch_set *arches,
		     struct se_program *prog, struct se_backend_report *r);

#endif
