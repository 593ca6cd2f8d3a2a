#include "build.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "enosys_stub.h"
#include "errno_names.h"
#include "libseccomp_build.h"
#include "name_set.h"
#include "newer_syscalls.h"
#include "syscall_table.h"

#define RUNC_TREE_THRESHOLD 32 /* runc asks for a binary tree above this many */

void se_build_report_free(struct se_build_report *rep)
{
	se_strings_free(&rep->notes);
	se_strings_free(&rep->unknown_names);
	se_strings_free(&rep->newer_names);
	se_attribution_free(&rep->attribution);
	memset(rep, 0, sizeof *rep);
}

static int copy_strings(const struct se_strings *from, struct se_strings *to)
{
	for (size_t i = 0; i < from->n; i++)
		if (se_strings_add(to, from->items[i]))
			return -1;
	return 0;
}

int se_build_report_copy(const struct se_build_report *from, struct se_build_report *to)
{
	memset(to, 0, sizeof *to);
	to->rules_kept = from->rules_kept;
	to->rules_dropped = from->rules_dropped;
	to->rules_same_as_default = from->rules_same_as_default;
	to->uses_trap = from->uses_trap;
	to->ret_fixes = from->ret_fixes;
	if (copy_strings(&from->notes, &to->notes) ||
	    copy_strings(&from->unknown_names, &to->unknown_names) ||
	    copy_strings(&from->newer_names, &to->newer_names) ||
	    se_attribution_copy(&from->attribution, &to->attribution)) {
		se_build_report_free(to);
		return -1;
	}
	return 0;
}

static int note(struct se_build_report *rep, const char *fmt, const struct se_rule *r,
		const char *detail)
{
	char line[512];
	snprintf(line, sizeof line, fmt, r->index, r->names.n ? r->names.items[0] : "",
		 r->names.n > 1 ? ", ..." : "", detail);
	return se_strings_add(&rep->notes, line);
}

static uint32_t default_value(const struct se_profile *p)
{
	return se_action_value(p->default_action, p->has_default_errno_ret, p->default_errno_ret);
}

static uint32_t rule_value(const struct se_rule *r)
{
	return se_action_value(r->action, r->has_errno_ret, r->errno_ret);
}

static size_t count_names(const struct se_profile *p, const bool *applies)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n_rules; i++)
		if (applies[i])
			n += p->rules[i].names.n;
	return n;
}

static unsigned optimize_level(const struct se_build_options *o, size_t n_names)
{
	if (o->optimize_level)
		return o->optimize_level;
	return n_names > RUNC_TREE_THRESHOLD ? 2 : 1;
}

/* Names given to libseccomp by a rule without argument conditions.  Once a
 * syscall has such a rule, libseccomp keeps it and drops every later rule
 * without conditions on that syscall, whatever its action (the first one
 * wins, as tests/bats/compile_limits.bats checks): adding them changes
 * nothing, but libseccomp's time per rule grows with the rules it holds
 * (60000 repeats of one name took 4 s; 106 rules of 426 names, 126 s).
 * Rules with conditions are only deduplicated within the rule. */
static int add_one(struct se_diag *d, scmp_filter_ctx ctx, int nr, uint32_t action,
		   const struct se_rule *r, const char *name)
{
	char path[64];
	int rc = se_libseccomp_add_rule(ctx, nr, action, r);
	if (rc == -ENOMEM)
		return se_internal("out of memory (libseccomp, adding the rule for \"%s\")", name);
	if (rc) {
		snprintf(path, sizeof path, "syscalls[%zu]", r->index);
		return se_error(d, path, "libseccomp refused the rule for \"%s\": %s", name,
				strerror(-rc));
	}
	return 0;
}

static int add_names(struct se_diag *d, scmp_filter_ctx ctx, const struct se_profile *p,
		     const struct se_rule *r, const struct se_build_options *o,
		     struct se_build_report *rep, struct se_name_set *unconditional)
{
	uint32_t action = rule_value(r);
	struct se_name_set in_rule = {NULL, 0, 0};
	int rc = 0;
	for (size_t n = 0; rc == 0 && n < r->names.n; n++) {
		const char *name = r->names.items[n];
		int fresh = r->n_args ? se_name_set_add(&in_rule, name)
				      : !se_name_set_has(unconditional, name);
		if (fresh <= 0) {
			rc = fresh < 0 ? se_internal("out of memory") : 0;
			continue;
		}
		int nr = seccomp_syscall_resolve_name(name);
		if (o->as_newer && se_strings_contains(o->as_newer, name))
			continue; /* newer_syscalls.h builds it */
		if (nr == __NR_SCMP_ERROR) {
			/* newer_syscalls.h builds it where the kernel's tables have it;
			 * the report is the dry pass's (no ctx), not libseccomp's child's */
			if (!ctx && !se_syscall_known(name, o->syscalls) &&
			    se_strings_add_unique(&rep->unknown_names, name))
				rc = se_internal("out of memory");
			continue;
		}
		if (action == default_value(p) || !ctx)
			continue; /* runc skips it: libseccomp refuses a no-op rule */
		rc = add_one(d, ctx, nr, action, r, name);
		if (rc == 0 && !r->n_args && se_name_set_add(unconditional, name) < 0)
			rc = se_internal("out of memory");
	}
	se_name_set_free(&in_rule);
	return rc;
}

static int add_rules(struct se_diag *d, scmp_filter_ctx ctx, const struct se_profile *p,
		     const bool *applies, const struct se_build_options *o,
		     struct se_build_report *rep)
{
	struct se_name_set unconditional = {NULL, 0, 0};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < p->n_rules; i++) {
		if (!applies[i])
			continue;
		if (rule_value(&p->rules[i]) == SECCOMP_RET_TRAP)
			rep->uses_trap = true;
		if (add_names(d, ctx, p, &p->rules[i], o, rep, &unconditional))
			rc = SE_EINPUT;
	}
	se_name_set_free(&unconditional);
	return rc;
}

static uint32_t swap32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
}

static bool expected_ret(uint32_t k, const struct se_profile *p, const bool *applies)
{
	if (k == default_value(p) || k == SECCOMP_RET_KILL_THREAD /* bad arch */)
		return true;
	for (size_t i = 0; i < p->n_rules; i++)
		if (applies[i] && rule_value(&p->rules[i]) == k)
			return true;
	return false;
}

/* libseccomp 2.5.4 is known to write some RET constants of big-endian
 * targets in the build host's byte order.  Every RET must be an outcome the
 * profile can produce; one that is so only byte-swapped is put back, and
 * anything else stops the build rather than ship a wrong filter. */
static int check_returns(struct se_program *prog, const struct se_profile *p,
			 const bool *applies, struct se_build_report *rep)
{
	for (size_t i = 0; i < prog->len; i++) {
		struct sock_filter *f = &prog->insns[i];
		if (BPF_CLASS(f->code) != BPF_RET || BPF_RVAL(f->code) != BPF_K ||
		    expected_ret(f->k, p, applies))
			continue;
		if (!expected_ret(swap32(f->k), p, applies))
			return se_internal("libseccomp produced an unexpected "
					"return value 0x%08x at instruction %zu", (unsigned)f->k, i);
		f->k = swap32(f->k);
		rep->ret_fixes++;
	}
	return 0;
}

static int decide_rules(const struct se_profile *p, const struct se_target *t,
			struct se_kernel_version kernel, bool *applies,
			struct se_build_report *rep)
{
	char why[160];
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct se_rule *r = &p->rules[i];
		applies[i] = se_rule_applies(r, t, kernel, why, sizeof why);
		if (!applies[i]) {
			rep->rules_dropped++;
			if (note(rep, "syscalls[%zu] (%s%s): dropped, %s", r, why))
				return -1;
		} else if (rule_value(r) == default_value(p)) {
			rep->rules_same_as_default++;
			if (note(rep, "syscalls[%zu] (%s%s): skipped, %s", r,
				 "same outcome as defaultAction"))
				return -1;
		} else {
			rep->rules_kept++;
			if (note(rep, "syscalls[%zu] (%s%s): kept%s", r, ""))
				return -1;
		}
	}
	return 0;
}

static bool stub_wanted(const struct se_profile *p, const struct se_target *t)
{
	enum se_action a = p->default_action;
	if (a == SE_ACT_ALLOW || a == SE_ACT_LOG || a == SE_ACT_TRACE)
		return false;
	return !(p->has_default_errno_ret &&
		 p->default_errno_ret == se_enosys(t->arch->errno_family));
}

static int add_stub(const struct se_profile *p, const bool *applies,
		    const struct se_target *t, const struct se_arch_set *arches,
		    enum se_syscall_source src, struct se_program *out, long last[SE_MAX_ARCHES])
{
	se_stub_last_syscalls(p, applies, arches, src, last);
	if (se_stub_prepend(arches, last, SECCOMP_RET_ERRNO | se_enosys(t->arch->errno_family), out))
		return se_internal("out of memory");
	return 0;
}

static scmp_filter_ctx new_context(struct se_diag *d, const struct se_profile *p,
				   const struct se_arch_set *arches, unsigned level)
{
	return se_libseccomp_context(d, default_value(p), arches->arches, arches->n, level);
}

/* Under --syscalls kernel, the rules for what the host's libseccomp cannot
 * number go around its program (newer_syscalls.h). */
static int add_newer(struct se_diag *d, const struct se_profile *p, const bool *applies,
		     const struct se_arch_set *arches, const struct se_build_options *o,
		     struct se_program *out, struct se_build_report *rep)
{
	if (o->syscalls != SE_SYSCALLS_KERNEL)
		return 0;
	uint32_t *value = malloc((p->n_rules ? p->n_rules : 1) * sizeof *value);
	if (!value)
		return se_internal("out of memory");
	for (size_t i = 0; i < p->n_rules; i++)
		value[i] = rule_value(&p->rules[i]);
	struct se_newer_rules rules = {p, applies, value, default_value(p), o->as_newer};
	int rc = se_newer_syscalls_add(d, &rules, arches, out, &rep->newer_names);
	free(value);
	return rc;
}

/* libseccomp's part of a build, run in a child (se_libseccomp_run): the
 * context, the rules in runc's order, the export.  The parent has filled
 * the report from the same rules without libseccomp. */
struct session {
	struct se_diag *d;
	const struct se_profile *p;
	const bool *applies;
	const struct se_arch_set *arches;
	const struct se_build_options *o;
	unsigned level;
};

static int session_work(void *arg, int fd)
{
	struct session *s = arg;
	struct se_build_report scratch;
	memset(&scratch, 0, sizeof scratch);
	scmp_filter_ctx ctx = new_context(s->d, s->p, s->arches, s->level);
	int rc = ctx ? add_rules(s->d, ctx, s->p, s->applies, s->o, &scratch) : SE_EINPUT;
	if (rc == 0)
		rc = se_libseccomp_export_to(ctx, fd);
	seccomp_release(ctx);
	se_build_report_free(&scratch);
	return rc;
}

int se_build_program(struct se_diag *d, const struct se_profile *p, const struct se_target *t,
		     const struct se_arch_set *arches, struct se_kernel_version kernel,
		     const struct se_build_options *o, struct se_program *out,
		     struct se_build_report *rep)
{
	bool *applies = calloc(p->n_rules ? p->n_rules : 1, sizeof *applies);
	long stub_last[SE_MAX_ARCHES];
	bool stub = o->enosys_stub && stub_wanted(p, t);
	int rc = SE_EINPUT;
	memset(out, 0, sizeof *out);
	if (!applies || decide_rules(p, t, kernel, applies, rep)) {
		se_internal("out of memory");
		goto done;
	}
	if (default_value(p) == SECCOMP_RET_TRAP)
		rep->uses_trap = true;
	struct session session = {d, p, applies, arches, o,
				  optimize_level(o, count_names(p, applies))};
	if (add_rules(d, NULL, p, applies, o, rep) || /* the report's part, here */
	    se_libseccomp_run(d, session_work, &session, t->arch->big_endian, out) ||
	    add_newer(d, p, applies, arches, o, out, rep) ||
	    check_returns(out, p, applies, rep) ||
	    (stub && add_stub(p, applies, t, arches, o->syscalls, out, stub_last)))
		goto done;
	if (se_attribution_build(p, applies, arches, o->syscalls, stub ? stub_last : NULL,
				 &rep->attribution)) {
		se_internal("out of memory");
		goto done;
	}
	rc = 0;
done:
	if (rc)
		se_program_free(out);
	free(applies);
	return rc;
}
