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

/* Without --kernel, a C file or header holds a program for kernels before
 * 5.11 beside the one for 5.11 and later, each weighed for its kernel (the
 * runtime picks by the running kernel); --format bpf and text hold one
 * program, MIPS kernels keep no cache, and libseccomp's program does not
 * depend on it. */
static bool split_at_cache(const struct se_options *o, const struct se_target *t)
{
	return !o->has_kernel && (o->format == SE_FORMAT_C || o->format == SE_FORMAT_H) &&
	       o->backend == SE_BACKEND_OURS && se_cache_kernel_caches(t->arch);
}

/* Adds 5.11 to the sorted thresholds th[0..n) unless there; the new count. */
static size_t add_cache_threshold(struct se_kernel_version *th, size_t n)
{
	size_t at = 0;
	while (at < n && se_kernel_cmp(th[at], SE_CACHE_KERNEL) < 0)
		at++;
	if (at < n && se_kernel_cmp(th[at], SE_CACHE_KERNEL) == 0)
		return n;
	memmove(&th[at + 1], &th[at], (n - at) * sizeof *th);
	th[at] = SE_CACHE_KERNEL;
	return n + 1;
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
	/* (with all 16 programs taken by minKernel, the one below 5.11 is weighed as
	 * for the cache) */
	bool split = split_at_cache(o, &c->target) && n + 1 < SE_MAX_VARIANTS;
	size_t had = n;
	if (split)
		n = add_cache_threshold(th, n);
	for (size_t i = 0; n > had && i < n; i++)
		if (se_kernel_cmp(th[i], SE_CACHE_KERNEL) == 0)
			c->added_variant = i + 1;
	c->n_variants = n + 1;
	c->variants[0].min_kernel = (struct se_kernel_version){0, 0};
	for (size_t i = 0; i < n; i++)
		c->variants[i + 1].min_kernel = th[i];
	for (size_t i = 0; split && i < c->n_variants; i++)
		c->variants[i].uncached = se_kernel_cmp(c->variants[i].min_kernel, SE_CACHE_KERNEL) < 0;
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
	if (se_backend_apply(d, o, v->uncached, &c->target, &c->arches, &v->enforce,
			     &enforce_report) ||
	    (v->fallback.len && se_backend_apply(d, o, v->uncached, &c->target, &c->arches,
						 &v->fallback, &fallback_report)) ||
	    se_backend_apply(d, o, v->uncached, &c->target, &c->arches, &v->prog, &v->backend))
		return SE_EINPUT;
	c->uses_trap |= se_program_may_trap(&v->prog);
	return 0;
}

/* The copy of a reference program that the 5.11 variant plan_variants
 * added takes from the variant before it. */
struct reference_copy {
	struct se_program prog;
	struct se_build_report report;
};

/* The reference program of variant i: built, or, for the added 5.11
 * variant, the copy of the one before it (the same rules: no minKernel
 * threshold lies between them), which saves a libseccomp run. */
static int reference_of(struct se_diag *d, const struct se_profile *p, const struct se_options *o,
			struct se_compiled *c, size_t i, struct reference_copy *copy)
{
	struct se_build_options bo = {.enosys_stub = o->enosys_stub, .syscalls = o->syscalls};
	struct se_variant *v = &c->variants[i];
	struct se_kernel_version k = o->has_kernel ? o->kernel : v->min_kernel;
	if (i == 0 || i != c->added_variant) {
		if (se_build_program(d, p, &c->target, &c->arches, k, &bo, &v->prog, &v->report))
			return SE_EINPUT;
	} else if (se_program_concat(NULL, 0, &copy->prog, &v->prog) ||
		   se_build_report_copy(&copy->report, &v->report)) {
		return se_internal("out of memory");
	}
	if (i + 1 == c->added_variant &&
	    (se_program_concat(NULL, 0, &v->prog, &copy->prog) ||
	     se_build_report_copy(&v->report, &copy->report)))
		return se_internal("out of memory");
	return 0;
}

/* The program variant v ships, from its reference: ours (or libseccomp's),
 * or in a development mode the rewritten one and the enforcing one. */
static int ship(struct se_diag *d, const struct se_options *o, struct se_compiled *c,
		struct se_variant *v)
{
	if (o->mode != SE_MODE_ENFORCE)
		return develop(d, o, c, v) ? SE_EINPUT : 0;
	if (se_backend_apply(d, o, v->uncached, &c->target, &c->arches, &v->prog, &v->backend))
		return SE_EINPUT;
	c->uses_trap |= v->report.uses_trap;
	return 0;
}

static int build_variants(struct se_diag *d, const struct se_profile *p, const struct se_options *o,
			  struct se_compiled *c)
{
	struct reference_copy copy = {{0}, {0}};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < c->n_variants; i++) {
		struct se_variant *v = &c->variants[i];
		rc = reference_of(d, p, o, c, i, &copy);
		if (rc == 0)
			rc = ship(d, o, c, v);
		if (rc == 0 && v->prog.len > SE_BPF_MAX_INSNS)
			rc = se_error(d, NULL, "the program has %zu instructions; the kernel takes at "
				      "most %d", v->prog.len, SE_BPF_MAX_INSNS);
	}
	se_program_free(&copy.prog);
	se_build_report_free(&copy.report);
	return rc;
}

static bool same_program(const struct se_program *a, const struct se_program *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->insns, b->insns,
							  a->len * sizeof *a->insns) == 0);
}

/* Where the programs before and from 5.11 came out the same, one serves
 * both: the 5.11 split was ours (plan_variants), not the profile's, or the
 * profile's minKernel made no difference there either. */
static void merge_cache_split(struct se_compiled *c)
{
	for (size_t i = 1; i < c->n_variants; i++) {
		struct se_variant *before = &c->variants[i - 1], *from = &c->variants[i];
		if (!before->uncached || from->uncached || !same_program(&before->prog, &from->prog) ||
		    !same_program(&before->enforce, &from->enforce) ||
		    !same_program(&before->fallback, &from->fallback))
			continue;
		from->min_kernel = before->min_kernel;
		se_program_free(&before->prog);
		se_program_free(&before->enforce);
		se_program_free(&before->fallback);
		se_build_report_free(&before->report);
		memmove(before, from, (c->n_variants - i) * sizeof *before);
		c->n_variants--;
		return;
	}
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
	merge_cache_split(out);
	out->added_variant = 0; /* merged or not, the variants are final */
	out->flags = profile_flags(p);
	se_lint(d, p, out);
	return 0;
}
