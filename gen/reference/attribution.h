/*
 * attribution.h - what a violation report needs to name the profile rule
 * that decided a trapped call: the rules in effect in one program, where
 * each names which syscall on which arch, and where runc's ENOSYS stub
 * takes over.
 */
#ifndef SE_ATTRIBUTION_H
#define SE_ATTRIBUTION_H

#include "resolve.h"
#include "syscall_table.h"

#define SE_NO_STUB 0xffffffffu

struct se_attr_rule {
	const struct se_rule *rule; /* in the profile */
	uint32_t action;            /* the outcome it asks for (enforce mode) */
	bool any;                   /* conditions OR'ed: an argument index repeats */
};

struct se_attr_site {
	uint32_t nr;
	unsigned arch; /* index into the arch set */
	unsigned rule; /* index into rules */
};

struct se_attribution {
	uint32_t default_action;
	struct se_attr_rule *rules;
	size_t n_rules;
	struct se_attr_site *sites;
	size_t n_sites;
	uint32_t enosys_above[SE_MAX_ARCHES];
};

/* `applies[i]`: rule i is in effect.  `stub_last` (NULL without the stub):
 * the stub's highest number per arch, -1 where it has no section.
 * Returns 0, or -1 on allocation failure. */
int se_attribution_build(const struct se_profile *p, const bool *applies,
			 const struct se_arch_set *arches, enum se_syscall_source src,
			 const long *stub_last, struct se_attribution *out);
void se_attribution_free(struct se_attribution *a);
/* A deep copy; -1 when out of memory (then `to` is empty). */
int se_attribution_copy(const struct se_attribution *from, struct se_attribution *to);

/* runc: any argument index given twice turns the rule into OR'ed rules. */
bool se_rule_args_ored(const struct se_rule *r);

#endif
