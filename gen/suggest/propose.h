/*
 * propose.h - argument conditions for a rule `suggest` adds, from the
 * values a run showed (the sets are listed in needs.h).  Each returns 1
 * when it added rules to `out`, 0 when the run does not support any (the
 * caller decides what then), -1 when out of memory.
 */
#ifndef SE_PROPOSE_H
#define SE_PROPOSE_H

#include "observed.h"
#include "profile.h"

/* One proposed rule: conditions on distinct arguments are AND'ed, several
 * on one argument OR'ed (runc's reading of `args`). */
struct se_arg_rule {
	char name[64];
	struct se_arg args[SE_OBS_VALUES];
	size_t n_args;
	bool from_profile; /* copies the arguments an existing rule tests */
};

/* Where proposals go: `v[0..n)`, room for `cap`. */
struct se_arg_rules {
	struct se_arg_rule *v;
	size_t n, cap;
};

/* --args: conditions for the documented set. */
int se_propose_args(const struct se_observed *obs, const char *name, struct se_arg_rules *out);

/* The profile allows `name` under rule `r`'s conditions: the same
 * arguments, equal to what each denied call had. */
int se_propose_like_rule(const struct se_rule *r, const struct se_observed *obs,
			 const char *name, struct se_arg_rules *out);

#endif
