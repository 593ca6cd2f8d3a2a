/*
 * profile_facts.h - what a profile asks dockerd and runc to do for one
 * target, capability set and kernel, as a sorted list of one-line facts:
 * the default action, the arch set, the flags, and for every syscall name
 * of every rule that applies, its action and conditions (one fact per
 * condition where runc would OR them).  Two profiles organised differently
 * but meaning the same give the same list.  Unlike verdicts, facts also
 * cover the names libseccomp does not know yet, which a newer libseccomp
 * would turn into rules.
 */
#ifndef PROFILE_FACTS_H
#define PROFILE_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "profile.h"
#include "resolve.h"

struct fact_list {
	char **v;
	size_t n, cap;
};

/* Leave out the facts of names for which this returns true (NULL: none). */
typedef bool (*fact_skip_fn)(const char *name);

/* Returns 0, or -1 when out of memory or the arch set cannot be resolved
 * (`out` is then empty). */
int facts_build(const struct se_profile *p, const struct se_target *t,
		struct se_kernel_version kernel, fact_skip_fn skip, struct fact_list *out);
void facts_free(struct fact_list *f);

/* 0 if equal; otherwise 1, and `why` names the first fact only one has. */
int facts_compare(const struct fact_list *a, const struct fact_list *b, char *why, size_t len);

#endif
