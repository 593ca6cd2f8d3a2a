/*
 * suggest_rules.h - the rules `suggest` adds (needs.h) as the profile
 * edit takes them (edit_profile.h), each with a comment naming the input it
 * came from; and the proof, after the edit, that they allow what they were
 * added for.
 */
#ifndef SE_SUGGEST_RULES_H
#define SE_SUGGEST_RULES_H

#include "compiled.h"
#include "edit_profile.h"
#include "needs.h"

struct se_suggest_rules {
	struct se_new_rule v[SE_MAX_ARG_RULES + 1];
	size_t n;
	const char *names[SE_MAX_ARG_RULES][1]; /* the name of each argument rule */
};

/* Returns 0 (or SE_EINPUT never: nothing here can fail but memory). */
int se_suggest_rules_make(const struct se_needs *n, const struct se_observed *obs,
			  struct se_suggest_rules *out);
void se_suggest_rules_free(struct se_suggest_rules *r);

/* Every call that made an addition is now allowed by `after` as observed;
 * returns 0, or -1 after naming the first that is not (a bug here). */
int se_suggest_verify(const struct se_compiled *after, const struct se_observed *obs,
		      const struct se_needs *n);

#endif
