/*
 * compile.h - profile + options -> everything an emitter writes: the arch
 * set, the seccomp(2) flags, and one program per kernel range.
 */
#ifndef SE_COMPILE_H
#define SE_COMPILE_H

#include "backend.h"
#include "build.h"
#include "options.h"

#define SE_MAX_VARIANTS 16

struct se_variant {
	struct se_kernel_version min_kernel; /* applies from this kernel on */
	struct se_program prog;
	struct se_build_report report;
	struct se_backend_report backend;
};

struct se_compiled {
	const struct se_options *options;
	struct se_target target;
	struct se_arch_set arches;
	unsigned flags; /* SECCOMP_FILTER_FLAG_* */
	bool uses_trap;
	struct se_variant variants[SE_MAX_VARIANTS];
	size_t n_variants;
};

/* Returns 0 or SE_EINPUT (already reported). */
int se_compile(struct se_diag *d, const struct se_profile *p, const struct se_options *o,
	       struct se_compiled *out);
void se_compiled_free(struct se_compiled *c);

#endif
