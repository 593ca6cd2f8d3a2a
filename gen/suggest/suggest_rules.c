#include "suggest_rules.h"

#include <stdio.h>
#include <string.h>

#include "coverage.h"
#include "diag.h"

/* "learn.log, strace.out (37 calls)": the inputs that showed `name` (all
 * of them when NULL) and the calls behind it. */
static void sources(const struct se_observed *obs, const struct se_strings *names,
		    const char *name, char *out, size_t len)
{
	const char *seen[8];
	size_t n_seen = 0, used = 0;
	unsigned long calls = 0;
	for (size_t i = 0; i < obs->n; i++) {
		const struct se_obs_call *c = &obs->v[i];
		if (name ? strcmp(c->name, name) != 0 : !se_strings_contains(names, c->name))
			continue;
		calls += c->count;
		size_t k = 0;
		while (k < n_seen && strcmp(seen[k], c->input) != 0)
			k++;
		if (k == n_seen && n_seen < sizeof seen / sizeof *seen)
			seen[n_seen++] = c->input;
	}
	out[0] = '\0';
	for (size_t k = 0; k < n_seen && used < len; k++)
		used += (size_t)snprintf(out + used, len - used, "%s%s", k ? ", " : "", seen[k]);
	if (used < len)
		snprintf(out + used, len - used, " (%lu call%s)", calls, calls == 1 ? "" : "s");
}

int se_suggest_rules_make(const struct se_needs *n, const struct se_observed *obs,
			  struct se_suggest_rules *out)
{
	char from[256];
	memset(out, 0, sizeof *out);
	if (n->names.n) {
		struct se_new_rule *r = &out->v[out->n++];
		r->names = (const char *const *)n->names.items;
		r->n_names = n->names.n;
		sources(obs, &n->names, NULL, from, sizeof from);
		snprintf(r->comment, sizeof r->comment,
			 "seccomp-embed suggest: called in %s", from);
	}
	for (size_t i = 0; i < n->n_arg_rules; i++) {
		const struct se_arg_rule *a = &n->arg_rules[i];
		struct se_new_rule *r = &out->v[out->n++];
		out->names[i][0] = a->name;
		r->names = out->names[i];
		r->n_names = 1;
		r->args = a->args;
		r->n_args = a->n_args;
		sources(obs, NULL, a->name, from, sizeof from);
		snprintf(r->comment, sizeof r->comment,
			 "seccomp-embed suggest%s: %s with the arguments seen in %s",
			 a->from_profile ? "" : " --args", a->name, from);
	}
	return 0;
}

void se_suggest_rules_free(struct se_suggest_rules *r)
{
	memset(r, 0, sizeof *r);
}

/* For an argument rule and a call without all six arguments: each value
 * of the argument it tests, the others 0. */
static bool allows_each_value(const struct se_compiled *after, const struct se_obs_call *c,
			      const struct se_arg_rule *a)
{
	unsigned i = a->args[0].index;
	for (unsigned k = 0; k < c->arg[i].n; k++) {
		uint64_t args[6] = {0};
		args[i] = c->arg[i].value[k];
		if (!se_coverage_allows(after, c->arch, c->name, args))
			return false;
	}
	return true;
}

static const struct se_arg_rule *arg_rule_for(const struct se_needs *n, const char *name)
{
	for (size_t i = 0; i < n->n_arg_rules; i++)
		if (strcmp(n->arg_rules[i].name, name) == 0)
			return &n->arg_rules[i];
	return NULL;
}

int se_suggest_verify(const struct se_compiled *after, const struct se_observed *obs,
		      const struct se_needs *n)
{
	for (size_t i = 0; i < obs->n; i++) {
		const struct se_obs_call *c = &obs->v[i];
		const struct se_arg_rule *a = arg_rule_for(n, c->name);
		enum se_coverage cov = se_coverage_of(after, c);
		bool ok = cov == SE_COVERED;
		if (a && cov == SE_ARGS_UNKNOWN)
			ok = allows_each_value(after, c, a);
		if ((!a && !se_strings_contains(&n->names, c->name)) || cov == SE_ARCH_MISSING ||
		    cov == SE_NOT_NUMBERED)
			continue; /* not added for this call: reported instead */
		if (!ok)
			return se_internal("the edited profile still denies %s (%s) as "
				       "%s called it", c->name, c->arch->uname, c->input);
	}
	return 0;
}
