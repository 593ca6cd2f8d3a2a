/*
 * compile.h - profile + options -> everything an emitter writes: the arch
 * set, the seccomp(2) flags, and one program per kernel range.
 */
#ifndef SE_COMPILE_H
#define SE_COMPILE_H

#include "compiled.h"

/* Returns 0 or SE_EINPUT (already reported). */
int se_compile(struct se_diag *d, const struct se_profile *p, const struct se_options *o,
	       struct se_compiled *out);

#endif
