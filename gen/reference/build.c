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
#include "trap_log.h"

#define RUNC_TREE_THRESHOLD 32 /* runc asks for a binary tree above this many */

void se_build_report_free(struct se_build_report *rep)
{
	se_strings_free(&rep->notes);
	se_strings_free(&rep->unknown_names);
	se_strings_free(&rep->reporter_allowed);
	se_attribution_free(&rep->attribution);
	memset(rep, 0, sizeof *rep);
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

static scmp_filter_ctx new_context(struct se_diag *d, const struct se_profile *p,
				   const struct se_arch_set *arches, unsigned level)
{
	scmp_filter_ctx ctx = seccomp_init(default_value(p));
	if (!ctx) {
		se_error(d, "defaultAction", "libseccomp refused the default action");
		return NULL;
	}
	int rc = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
	for (size_t i = 0; rc == 0 && i < arches->n; i++)
		rc = seccomp_arch_add(ctx, arches->arches[i]->token);
	if (rc == 0 && level != 1) /* 1 is libseccomp's default */
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, level);
	if (rc) {
		se_error(d, NULL, "libseccomp: cannot set up the filter: %s", strerror(-rc));
		seccomp_release(ctx);
		return NULL;
	}
	return ctx;
}

static void to_conditions(const struct se_rule *r, struct scmp_arg_cmp *out)
{
	static const enum scmp_compare ops[] = {
		[SE_OP_NE] = SCMP_CMP_NE, [SE_OP_LT] = SCMP_CMP_LT, [SE_OP_LE] = SCMP_CMP_LE,
		[SE_OP_EQ] = SCMP_CMP_EQ, [SE_OP_GE] = SCMP_CMP_GE, [SE_OP_GT] = SCMP_CMP_GT,
		[SE_OP_MASKED_EQ] = SCMP_CMP_MASKED_EQ,
	};
	for (size_t i = 0; i < r->n_args; i++) {
		const struct se_arg *a = &r->args[i];
		out[i] = (struct scmp_arg_cmp){a->index, ops[a->op], a->value,
					       a->op == SE_OP_MASKED_EQ ? a->value_two : 0};
	}
}

/* runc: conditions on distinct arguments form one rule (AND); if any
 * argument index repeats, every condition becomes a rule of its own (OR). */
static int add_rule(scmp_filter_ctx ctx, int nr, uint32_t action, const struct se_rule *r)
{
	struct scmp_arg_cmp conds[64];
	if (r->n_args == 0)
		return seccomp_rule_add_array(ctx, action, nr, 0, NULL);
	if (r->n_args > sizeof conds / sizeof *conds)
		return -E2BIG;
	to_conditions(r, conds);
	if (!se_rule_args_ored(r))
		return seccomp_rule_add_array(ctx, action, nr, (unsigned)r->n_args, conds);
	for (size_t i = 0; i < r->n_args; i++) {
		int rc = seccomp_rule_add_array(ctx, action, nr, 1, &conds[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static int add_names(struct se_diag *d, scmp_filter_ctx ctx, const struct se_profile *p,
		     const struct se_rule *r, const struct se_build_options *o,
		     struct se_build_report *rep)
{
	uint32_t action = rule_value(r);
	char path[64];
	for (size_t n = 0; n < r->names.n; n++) {
		const char *name = r->names.items[n];
		int nr = seccomp_syscall_resolve_name(name);
		if (nr == __NR_SCMP_ERROR && o->strict) {
			/* the name itself: in a long `names` list the rule is not enough */
			if (r->single_name)
				snprintf(path, sizeof path, "syscalls[%zu].name", r->index);
			else
				snprintf(path, sizeof path, "syscalls[%zu].names[%zu]", r->index, n);
			return se_error(d, path, "unknown syscall \"%s\" (libseccomp %d.%d.%d "
					"does not know it; --strict makes this an error)",
					name, SCMP_VER_MAJOR, SCMP_VER_MINOR, SCMP_VER_MICRO);
		}
		if (nr == __NR_SCMP_ERROR) {
			if (se_strings_add_unique(&rep->unknown_names, name))
				return se_error(d, NULL, "out of memory");
			continue;
		}
		if (action == default_value(p))
			continue; /* runc skips it: libseccomp refuses a no-op rule */
		int rc = add_rule(ctx, nr, action, r);
		if (rc) {
			snprintf(path, sizeof path, "syscalls[%zu]", r->index);
			return se_error(d, path, "libseccomp refused the rule for \"%s\": %s", name,
					strerror(-rc));
		}
	}
	return 0;
}

static int add_rules(struct se_diag *d, scmp_filter_ctx ctx, const struct se_profile *p,
		     const bool *applies, const struct se_build_options *o,
		     struct se_build_report *rep)
{
	for (size_t i = 0; i < p->n_rules; i++) {
		if (!applies[i])
			continue;
		if (rule_value(&p->rules[i]) == SECCOMP_RET_TRAP)
			rep->uses_trap = true;
		if (add_names(d, ctx, p, &p->rules[i], o, rep))
			return SE_EINPUT;
	}
	return 0;
}

static int export_bytes(struct se_diag *d, scmp_filter_ctx ctx, unsigned char **buf, size_t *len)
{
	FILE *f = tmpfile();
	long size = 0;
	int rc;
	*buf = NULL;
	if (!f)
		return se_error(d, NULL, "cannot create a temporary file: %s", strerror(errno));
	rc = seccomp_export_bpf(ctx, fileno(f));
	if (rc == 0 && (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0))
		rc = -errno;
	if (rc == 0 && (*buf = malloc((size_t)size + 1)) != NULL) {
		rewind(f);
		*len = fread(*buf, 1, (size_t)size, f);
		if (*len != (size_t)size)
			rc = -EIO;
	}
	fclose(f);
	if (rc == 0 && !*buf)
		rc = -ENOMEM;
	if (rc)
		return se_error(d, NULL, "libseccomp could not export the filter: %s", strerror(-rc));
	return 0;
}

static uint32_t swap32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
}

static bool expected_ret(uint32_t k, const struct se_profile *p, const bool *applies)
{
	if (k == default_value(p) || k == SECCOMP_RET_KILL_THREAD /* bad arch */ ||
	    k == SECCOMP_RET_ALLOW /* trap-log's rules for the reporter */)
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
static int check_returns(struct se_diag *d, struct se_program *prog, const struct se_profile *p,
			 const bool *applies, struct se_build_report *rep)
{
	for (size_t i = 0; i < prog->len; i++) {
		struct sock_filter *f = &prog->insns[i];
		if (BPF_CLASS(f->code) != BPF_RET || BPF_RVAL(f->code) != BPF_K ||
		    expected_ret(f->k, p, applies))
			continue;
		if (!expected_ret(swap32(f->k), p, applies))
			return se_error(d, NULL, "internal error: libseccomp produced an unexpected "
					"return value 0x%08x at instruction %zu", (unsigned)f->k, i);
		f->k = swap32(f->k);
		rep->ret_fixes++;
	}
	return 0;
}

static int decode(struct se_diag *d, const unsigned char *buf, size_t len, bool big_endian,
		  struct se_program *out)
{
	out->len = len / 8;
	out->insns = calloc(out->len ? out->len : 1, sizeof *out->insns);
	if (!out->insns)
		return se_error(d, NULL, "out of memory");
	for (size_t i = 0; i < out->len; i++)
		se_insn_from_bytes(buf + 8 * i, big_endian, &out->insns[i]);
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

static int add_stub(struct se_diag *d, const struct se_profile *p, const bool *applies,
		    const struct se_target *t, const struct se_arch_set *arches,
		    struct se_program *out, long last[SE_MAX_ARCHES])
{
	se_stub_last_syscalls(p, applies, arches, last);
	if (se_stub_prepend(arches, last, SECCOMP_RET_ERRNO | se_enosys(t->arch->errno_family), out))
		return se_error(d, NULL, "out of memory");
	return 0;
}

/* In trap-log mode every denial traps into the reporter, so the reporter's
 * own syscalls must stay allowed or it could not report.  Added before the
 * profile's rules: libseccomp keeps the first unconditional rule. */
static int allow_all(struct se_diag *d, scmp_filter_ctx ctx, const struct se_profile *p,
		     const struct se_target *t, struct se_kernel_version kernel,
		     const char *const *names, struct se_build_report *rep)
{
	for (size_t i = 0; names[i]; i++) {
		int nr = seccomp_syscall_resolve_name(names[i]);
		if (nr == __NR_SCMP_ERROR || se_always_allowed(p, t, kernel, names[i]))
			continue;
		int rc = seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, 0, NULL);
		if (rc || se_strings_add(&rep->reporter_allowed, names[i]))
			return se_error(d, NULL, "cannot allow %s for the reporter: %s", names[i],
					strerror(rc ? -rc : ENOMEM));
	}
	return 0;
}

static int allow_reporter(struct se_diag *d, scmp_filter_ctx ctx, const struct se_profile *p,
			  const struct se_target *t, struct se_kernel_version kernel,
			  struct se_build_report *rep)
{
	return allow_all(d, ctx, p, t, kernel, se_reporter_syscalls, rep) ||
	       allow_all(d, ctx, p, t, kernel, se_trap_log_syscalls, rep);
}

int se_build_program(struct se_diag *d, const struct se_profile *p, const struct se_target *t,
		     const struct se_arch_set *arches, struct se_kernel_version kernel,
		     const struct se_build_options *o, struct se_program *out,
		     struct se_build_report *rep)
{
	bool *applies = calloc(p->n_rules ? p->n_rules : 1, sizeof *applies);
	long stub_last[SE_MAX_ARCHES];
	bool stub = o->enosys_stub && stub_wanted(p, t);
	unsigned char *bytes = NULL;
	size_t n_bytes = 0;
	scmp_filter_ctx ctx = NULL;
	int rc = SE_EINPUT;
	memset(out, 0, sizeof *out);
	if (!applies || decide_rules(p, t, kernel, applies, rep)) {
		se_error(d, NULL, "out of memory");
		goto done;
	}
	if (default_value(p) == SECCOMP_RET_TRAP)
		rep->uses_trap = true;
	if (!(ctx = new_context(d, p, arches, optimize_level(o, count_names(p, applies)))) ||
	    (o->trap_log && allow_reporter(d, ctx, p, t, kernel, rep)) ||
	    add_rules(d, ctx, p, applies, o, rep) || export_bytes(d, ctx, &bytes, &n_bytes) ||
	    decode(d, bytes, n_bytes, t->arch->big_endian, out) ||
	    check_returns(d, out, p, applies, rep) ||
	    (stub && add_stub(d, p, applies, t, arches, out, stub_last)))
		goto done;
	if (se_attribution_build(p, applies, arches, stub ? stub_last : NULL, &rep->attribution)) {
		se_error(d, NULL, "out of memory");
		goto done;
	}
	if (o->trap_log) {
		se_trap_log_transform(out);
		rep->uses_trap = true;
	}
	rc = 0;
done:
	if (rc)
		se_program_free(out);
	seccomp_release(ctx);
	free(bytes);
	free(applies);
	return rc;
}
