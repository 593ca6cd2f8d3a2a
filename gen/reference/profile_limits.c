#include "profile_limits.h"

#include <stdio.h>
#include <string.h>

#include "attribution.h"
#include "name_check.h"
#include "name_set.h"

/* A syscall named by a rule with conditions, and the rules it has so far.
 * There are at most SE_MAX_CONDITIONS of them before the count stops. */
struct per_syscall {
	const char *name;
	size_t rules;
};

struct tally {
	struct per_syscall v[SE_MAX_CONDITIONS];
	size_t n, conditions;
};

static size_t *rules_of(struct tally *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0)
			return &t->v[i].rules;
	t->v[t->n] = (struct per_syscall){name, 0};
	return &t->v[t->n++].rules;
}

/* Counts one rule naming `name`; an error once a bound is passed. */
static int count(struct se_diag *d, const struct se_rule *r, size_t n, struct tally *t)
{
	bool ored = se_rule_args_ored(r);
	char path[64];
	se_rule_name_path(r, n, path, sizeof path);
	t->conditions += r->n_args;
	if (t->conditions > SE_MAX_CONDITIONS)
		return se_error(d, path, "more than %d argument conditions in the profile (a rule's "
				"count once for each syscall it names); at most %d are supported, "
				"as libseccomp's build time grows with the square of them",
				SE_MAX_CONDITIONS, SE_MAX_CONDITIONS);
	size_t *rules = rules_of(t, r->names.items[n]);
	*rules += ored ? r->n_args : 1;
	if (*rules > SE_MAX_CONDITION_RULES_PER_SYSCALL)
		return se_error(d, path, "more than %d rules with argument conditions on \"%s\" "
				"(conditions on one argument index are OR'ed: each counts as a "
				"rule, as runc adds it); at most %d on one syscall are supported, "
				"as libseccomp's build time grows with the square of them",
				SE_MAX_CONDITION_RULES_PER_SYSCALL, r->names.items[n],
				SE_MAX_CONDITION_RULES_PER_SYSCALL);
	return 0;
}

static int count_rule(struct se_diag *d, const struct se_rule *r, struct tally *t)
{
	struct se_name_set seen = {NULL, 0, 0}; /* a name given twice is one rule */
	int rc = 0;
	for (size_t n = 0; rc == 0 && n < r->names.n; n++) {
		int fresh = se_name_set_add(&seen, r->names.items[n]);
		if (fresh < 0)
			rc = se_internal("out of memory");
		else if (fresh)
			rc = count(d, r, n, t);
	}
	se_name_set_free(&seen);
	return rc;
}

int se_check_limits(struct se_diag *d, const struct se_profile *p)
{
	struct tally t = {.n = 0, .conditions = 0};
	for (size_t i = 0; i < p->n_rules; i++)
		if (p->rules[i].n_args && count_rule(d, &p->rules[i], &t))
			return SE_EINPUT;
	return 0;
}

int se_check_program_work(struct se_diag *d, const struct se_profile *p, size_t programs)
{
	size_t names = 0;
	for (size_t i = 0; i < p->n_rules; i++)
		names += p->rules[i].names.n;
	if (names * programs <= SE_MAX_NAME_PROGRAMS)
		return 0;
	return se_error(d, NULL, "the rules name syscalls %zu times and need %zu programs (one per "
			"kernel range between minKernel values and 5.11, and per development-mode "
			"program); at most %d names times programs are supported: give the "
			"target's kernel with --kernel X.Y to build one program", names, programs,
			SE_MAX_NAME_PROGRAMS);
}
