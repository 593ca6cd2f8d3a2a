/*
 * libseccomp_build.h - the calls to libseccomp that every reference program
 * is built from, in runc's way: a context for a default action and an arch
 * set, rules from the profile's rules, and the exported program.
 */
#ifndef SE_LIBSECCOMP_BUILD_H
#define SE_LIBSECCOMP_BUILD_H

#include <seccomp.h>

#include "diag.h"
#include "program.h"
#include "resolve.h"

/* A context answering `default_action`, for exactly `arches` (the host's
 * own arch is removed unless listed), at SCMP_FLTATR_CTL_OPTIMIZE `level`.
 * NULL after an error. */
scmp_filter_ctx se_libseccomp_context(struct se_diag *d, uint32_t default_action,
				      const struct se_arch *const *arches, size_t n_arches,
				      unsigned level);

/* runc: conditions on distinct arguments form one rule (AND); if any
 * argument index repeats, every condition becomes a rule of its own (OR).
 * `nr` is in the host's numbering, as libseccomp takes it.  Returns 0 or
 * libseccomp's negative errno. */
int se_libseccomp_add_rule(scmp_filter_ctx ctx, int nr, uint32_t action, const struct se_rule *r);

/* The program libseccomp generates, in host order (`big_endian`: the
 * target's byte order, which libseccomp writes it in). */
int se_libseccomp_export(struct se_diag *d, scmp_filter_ctx ctx, bool big_endian,
			 struct se_program *out);

#endif
