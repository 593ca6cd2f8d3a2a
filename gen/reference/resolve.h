/*
 * resolve.h - what dockerd decides from a profile and the host: the filter's
 * arch set and which rules apply, for a given target, capability set and
 * kernel version.
 */
#ifndef SE_RESOLVE_H
#define SE_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "arch.h"
#include "caps.h"
#include "diag.h"
#include "profile.h"

#define SE_MAX_ARCHES 8

struct se_target {
	const struct se_arch *arch;
	struct se_caps caps;
};

struct se_arch_set {
	const struct se_arch *arches[SE_MAX_ARCHES]; /* the target first */
	size_t n;
};

/* `architectures`, or the archMap entry of the target, plus the target. */
int se_resolve_arches(struct se_diag *d, const struct se_profile *p,
		      const struct se_target *t, struct se_arch_set *out);

/* Does the rule apply for this target on this kernel?  If not, and `why` is
 * not NULL, a short reason is written there ("excludes.caps CAP_SYS_ADMIN"). */
bool se_rule_applies(const struct se_rule *r, const struct se_target *t,
		     struct se_kernel_version kernel, char *why, size_t why_len);

/* The distinct minKernel thresholds of the profile, ascending.  Returns
 * their number (SIZE_MAX when out of memory); `out` holds the first `cap`. */
size_t se_kernel_thresholds(const struct se_profile *p, struct se_kernel_version *out, size_t cap);

/* Is `name` allowed whatever its arguments: an ALLOW/LOG default, or an
 * applying ALLOW/LOG rule without argument conditions? */
bool se_always_allowed(const struct se_profile *p, const struct se_target *t,
		       struct se_kernel_version k, const char *name);

int se_kernel_cmp(struct se_kernel_version a, struct se_kernel_version b);

#endif
