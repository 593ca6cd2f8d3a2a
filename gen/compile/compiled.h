/*
 * compiled.h - what compiling one profile for one target gives: the arch
 * set, the seccomp(2) flags, and one program per kernel range, each with
 * what the reference build and the backend did.  Written by compile.h,
 * read by the lints, the emitters and stats.
 */
#ifndef SE_COMPILED_H
#define SE_COMPILED_H

#include "apply_backend.h"
#include "build.h"
#include "options.h"

#define SE_MAX_VARIANTS 16

struct se_variant {
	struct se_kernel_version min_kernel; /* applies from this kernel on */
	bool uncached;                       /* for kernels before 5.11 only, which keep no
						cache: every allowed call runs it, and the
						backend weighs them so */
	struct se_program prog;              /* the program installed */
	struct se_program enforce;           /* trap-log and learn: the enforcing one, which
						the supervisor runs; empty in enforce mode */
	struct se_program fallback;          /* trap-log: for a kernel without user
						notification (trap_log.h: SE_DEV_TRAP_ONLY) */
	struct se_build_report report;
	struct se_backend_report backend;    /* of `prog` */
};

struct se_compiled {
	const struct se_options *options;
	struct se_target target;
	struct se_arch_set arches;
	unsigned flags; /* SECCOMP_FILTER_FLAG_* */
	bool uses_trap;
	struct se_variant variants[SE_MAX_VARIANTS];
	size_t n_variants;
	size_t added_variant; /* the variant from 5.11 that compile added beside the
				 profile's minKernel ranges (compile.c), or 0 */
};

void se_compiled_free(struct se_compiled *c);

/* The program the runtime installs on kernel `k`: the last variant that
 * starts at or before it (NULL if none does). */
const struct se_variant *se_compiled_variant_for(const struct se_compiled *c,
						 struct se_kernel_version k);

#endif
