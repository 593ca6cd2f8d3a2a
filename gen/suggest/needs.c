#include "needs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"

/* Syscalls that change what the sandbox itself is, run other programs or
 * reach into the kernel or other processes: a run needing them deserves a
 * look, so they are listed, not added. */
static const char *const risky[] = {
	"execve", "execveat", "ptrace", "process_vm_readv", "process_vm_writev", "mount",
	"umount", "umount2", "mount_setattr", "move_mount", "open_tree", "fsopen", "fsconfig",
	"fsmount", "fspick", "pivot_root", "chroot", "setns", "unshare", "bpf", "init_module",
	"finit_module", "delete_module", "kexec_load", "kexec_file_load", "reboot", "swapon",
	"swapoff", "userfaultfd", "perf_event_open", "keyctl", "add_key", "request_key",
	"open_by_handle_at", "name_to_handle_at", "iopl", "ioperm", "acct", "settimeofday",
	"clock_settime", "clock_adjtime", "adjtimex", "stime", "quotactl", "quotactl_fd",
	"syslog", "vhangup", "lookup_dcookie", "pidfd_getfd", "seccomp", NULL,
};

bool se_needs_risky(const char *name)
{
	for (size_t i = 0; risky[i]; i++)
		if (strcmp(risky[i], name) == 0)
			return true;
	return false;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static struct se_kernel_version kernel_of(const struct se_compiled *c)
{
	if (c->options->has_kernel)
		return c->options->kernel;
	return (struct se_kernel_version){65535, 65535}; /* the newest range */
}

/* An applying rule that names `name` with an outcome other than allow:
 * the author decided, so suggest does not undo it. */
static const struct se_rule *denying_rule(const struct se_compiled *c,
					  const struct se_profile *p, const char *name)
{
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct se_rule *r = &p->rules[i];
		if (r->action != SE_ACT_ALLOW && r->action != SE_ACT_LOG &&
		    se_strings_contains(&r->names, name) &&
		    se_rule_applies(r, &c->target, kernel_of(c), NULL, 0))
			return r;
	}
	return NULL;
}

/* A rule that allows `name` under argument conditions, or NULL. */
static const struct se_rule *conditional_rule(const struct se_compiled *c,
					      const struct se_profile *p, const char *name)
{
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct se_rule *r = &p->rules[i];
		if ((r->action == SE_ACT_ALLOW || r->action == SE_ACT_LOG) && r->n_args &&
		    se_strings_contains(&r->names, name) &&
		    se_rule_applies(r, &c->target, kernel_of(c), NULL, 0))
			return r;
	}
	return NULL;
}

static int note(struct se_strings *list, const char *fmt, const char *name, const char *detail)
{
	char text[160];
	snprintf(text, sizeof text, fmt, name, detail);
	return se_strings_add_unique(list, text);
}

static bool has_rule_for(const struct se_needs *out, const char *name)
{
	for (size_t i = 0; i < out->n_arg_rules; i++)
		if (strcmp(out->arg_rules[i].name, name) == 0)
			return true;
	return se_strings_contains(&out->names, name);
}

/* A call the filter denies and that nothing keeps out: a rule for it. */
static int add_need(const struct se_compiled *c, const struct se_profile *p,
		    const struct se_obs_call *call, const struct se_observed *obs,
		    const struct se_needs_options *o, struct se_needs *out)
{
	const struct se_rule *r = conditional_rule(c, p, call->name);
	struct se_arg_rules rules = {out->arg_rules, out->n_arg_rules, SE_MAX_ARG_RULES};
	char where[32];
	int added;
	if (call->arch != c->target.arch &&
	    note(&out->compat, "%s (%s)", call->name, call->arch->uname))
		return -1;
	out->calls += call->count;
	if (has_rule_for(out, call->name))
		return 0;
	if (r) {
		added = se_propose_like_rule(r, obs, call->name, &rules);
		out->n_arg_rules = rules.n;
		snprintf(where, sizeof where, "syscalls[%zu]", r->index);
		return added < 0 ? -1 : added ? 0 : note(&out->unsure, "%s (%s)", call->name, where);
	}
	if (o->args && (added = se_propose_args(obs, call->name, &rules)) != 0) {
		out->n_arg_rules = rules.n;
		return added < 0 ? -1 : 0;
	}
	return se_strings_add_unique(&out->names, call->name);
}

static int classify(const struct se_compiled *c, const struct se_profile *p,
		    const struct se_obs_call *call, const struct se_observed *obs,
		    const struct se_needs_options *o, struct se_needs *out)
{
	const struct se_rule *r;
	char detail[64];
	switch (se_coverage_of(c, call)) {
	case SE_COVERED:
		out->covered += call->count;
		return 0;
	case SE_NOT_NUMBERED:
		return 0;
	case SE_ARCH_MISSING:
		return note(&out->arches, "%s (%s)", call->arch->uname, call->arch->scmp);
	case SE_ARGS_UNKNOWN:
		if (!(r = conditional_rule(c, p, call->name)))
			return note(&out->unsure, "%s%s", call->name, "");
		snprintf(detail, sizeof detail, "syscalls[%zu]", r->index);
		return note(&out->unsure, "%s (%s)", call->name, detail);
	case SE_NOT_COVERED:
		break;
	}
	if ((r = denying_rule(c, p, call->name))) {
		snprintf(detail, sizeof detail, "syscalls[%zu]: %s", r->index,
			 se_action_name(r->action));
		return note(&out->denied, "%s (%s)", call->name, detail);
	}
	if (se_needs_risky(call->name) && !o->allow_risky)
		return se_strings_add_unique(&out->risky, call->name);
	return add_need(c, p, call, obs, o, out);
}

int se_needs_find(const struct se_compiled *c, const struct se_profile *p,
		  const struct se_observed *obs, const struct se_needs_options *o,
		  struct se_needs *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < obs->n; i++)
		if (classify(c, p, &obs->v[i], obs, o, out))
			return -1;
	if (out->names.n)
		qsort(out->names.items, out->names.n, sizeof *out->names.items, compare_names);
	return 0;
}

void se_needs_free(struct se_needs *n)
{
	se_strings_free(&n->names);
	se_strings_free(&n->risky);
	se_strings_free(&n->denied);
	se_strings_free(&n->unsure);
	se_strings_free(&n->arches);
	se_strings_free(&n->compat);
}
