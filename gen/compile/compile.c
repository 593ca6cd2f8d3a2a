#include "compile.h"

#include <linux/seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "actions.h"
#include "profile_limits.h"
#include "lint.h"
#include "trap_log.h"
#include "name_check.h"

#ifndef SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
#define SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (1UL << 5)
#endif

static unsigned profile_flags(const struct se_profile *p)
{
	static const struct { const char *name; unsigned bit; } known[] = {
		{"SECCOMP_FILTER_FLAG_TSYNC", SECCOMP_FILTER_FLAG_TSYNC},
		{"SECCOMP_FILTER_FLAG_LOG", SECCOMP_FILTER_FLAG_LOG},
		{"SECCOMP_FILTER_FLAG_SPEC_ALLOW", SECCOMP_FILTER_FLAG_SPEC_ALLOW},
		{"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV},
	};
	unsigned flags = 0;
	if (!p->has_flags)
		return SECCOMP_FILTER_FLAG_SPEC_ALLOW; /* runc's default, copied from crun */
	for (size_t i = 0; i < p->flags.n; i++)
		for (size_t k = 0; k < sizeof known / sizeof *known; k++)
			if (strcmp(p->flags.items[i], known[k].name) == 0)
				flags |= known[k].bit;
	return flags;
}

static int make_target(const struct se_options *o, struct se_target *t)
{
	t->arch = se_arch_find(o->arch);
	if (!t->arch)
		return se_fail("--arch %s: unknown architecture; expected one of amd64, x86, x32, "
			       "arm64, arm, riscv64, ppc64le, ppc64, ppc, s390x, s390, mips, mipsel, "
			       "mips64, mips64n32, mipsel64, mipsel64n32, parisc, parisc64", o->arch);
	return se_caps_docker(o->cap_add, o->n_cap_add, o->cap_drop, o->n_cap_drop, &t->caps);
}

/* Without --kernel, one program per range between minKernel thresholds:
 * Docker decides minKernel on the machine that runs the container. */
static int plan_variants(struct se_diag *d, const struct se_profile *p, const struct se_options *o,
			 struct se_compiled *c)
{
	struct se_kernel_version th[SE_MAX_VARIANTS];
	size_t n = o->has_kernel ? 0 : se_kernel_thresholds(p, th, SE_MAX_VARIANTS);
	if (n == SIZE_MAX)
		return se_internal("out of memory");
	if (n >= SE_MAX_VARIANTS)
		return se_error(d, NULL, "the profile has %zu distinct minKernel values; at most %d "
				"are supported without --kernel", n, SE_MAX_VARIANTS - 1);
	if (n && (o->format == SE_FORMAT_BPF || o->format == SE_FORMAT_TEXT))
		return se_error(d, NULL, "the profile uses minKernel; --format %s holds one program, "
				"so give the target's kernel with --kernel X.Y",
				o->format == SE_FORMAT_BPF ? "bpf" : "text");
	c->n_variants = n + 1;
	c->variants[0].min_kernel = (struct se_kernel_version){0, 0};
	for (size_t i = 0; i < n; i++)
		c->variants[i + 1].min_kernel = th[i];
	return 0;
}

/* The development modes ship a rewritten program (trap_log.h) and the
 * enforcing one beside it for the supervisor, and trap-log the program
 * for a kernel without user notification: all optimised, each proven
 * against its own reference. */
static int develop(struct se_diag *d, const struct se_options *o, struct se_compiled *c,
		   struct se_variant *v)
{
	struct se_backend_report enforce_report, fallback_report;
	enum se_dev_mode mode = o->mode == SE_MODE_LEARN ? SE_DEV_LEARN : SE_DEV_TRAP_LOG;
	uint32_t audit = c->target.arch->audit_arch;
	if (se_program_concat(NULL, 0, &v->prog, &v->enforce) ||
	    (mode == SE_DEV_TRAP_LOG && (se_program_concat(NULL, 0, &v->prog, &v->fallback) ||
					 se_dev_mode_transform(&v->fallback, SE_DEV_TRAP_ONLY, audit))) ||
	    se_dev_mode_transform(&v->prog, mode, audit))
		return se_internal("out of memory");
	if (se_backend_apply(d, o, &c->target, &c->arches, &v->enforce, &enforce_report) ||
	    (v->fallback.len &&
	     se_backend_apply(d, o, &c->target, &c->arches, &v->fallback, &fallback_report)) ||
	    se_backend_apply(d, o, &c->target, &c->arches, &v->prog, &v->backend))
		return SE_EINPUT;
	c->uses_trap |= se_program_may_trap(&v->prog);
	return 0;
}

static int build_variants(struct se_diag *d, const struct se_profile *p, const struct se_options *o,
			  struct se_compiled *c)
{
	struct se_build_options bo = {.enosys_stub = o->enosys_stub, .syscalls = o->syscalls};
	for (size_t i = 0; i < c->n_variants; i++) {
		struct se_variant *v = &c->variants[i];
		struct se_kernel_version k = o->has_kernel ? o->kernel : v->min_kernel;
		if (se_build_program(d, p, &c->target, &c->arches, k, &bo, &v->prog, &v->report))
			return SE_EINPUT;
		if (o->mode != SE_MODE_ENFORCE) {
			if (develop(d, o, c, v))
				return SE_EINPUT;
		} else {
			if (se_backend_apply(d, o, &c->target, &c->arches, &v->prog, &v->backend))
				return SE_EINPUT;
			c->uses_trap |= v->report.uses_trap;
		}
		if (v->prog.len > SE_BPF_MAX_INSNS)
			return se_error(d, NULL, "the program has %zu instructions; the kernel takes at "
					"most %d", v->prog.len, SE_BPF_MAX_INSNS);
	}
	return 0;
}

int se_compile(struct se_diag *d, const struct se_profile *p, const struct se_options *o,
	       struct se_compiled *out)
{
	memset(out, 0, sizeof *out);
	out->options = o;
	if (se_check_names(d, p, o->syscalls) || se_check_limits(d, p) || d->strict_errors || make_target(o, &out->target) ||
	    se_resolve_arches(d, p, &out->target, &out->arches) ||
	    plan_variants(d, p, o, out) ||
	    se_check_program_work(d, p, out->n_variants * (o->mode == SE_MODE_ENFORCE ? 1 : 3)) ||
	    build_variants(d, p, o, out))
		return SE_EINPUT;
	out->flags = profile_flags(p);
	se_lint(d, p, out);
	return 0;
}
