#include "stats_build.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cache_check.h"

#define KERNELS_MAX 256 /* minKernel values looked at for the newest one */

const char *const se_stats_column_names[SE_STATS_COLUMNS] = {"ours", "libseccomp level 1",
							     "libseccomp level 2"};

/* Without --kernel, the program of the newest kernel range: the one the
 * C output would install on a current kernel, which has the cache (from
 * 5.11, unless the arch keeps none). */
static int pick_kernel(struct se_diag *d, const struct se_profile *p, struct se_stats_programs *s)
{
	struct se_kernel_version th[KERNELS_MAX];
	struct se_options *o = &s->options;
	size_t n;
	if (o->has_kernel) {
		snprintf(s->kernel, sizeof s->kernel, "kernel %u.%u", o->kernel.major, o->kernel.minor);
		return 0;
	}
	n = se_kernel_thresholds(p, th, KERNELS_MAX);
	if (n == SIZE_MAX)
		return se_internal("out of memory");
	if (n > KERNELS_MAX)
		return se_error(d, NULL, "the profile has %zu distinct minKernel values; give the "
				"kernel to measure with --kernel X.Y", n);
	struct se_kernel_version newest = n ? th[n - 1] : (struct se_kernel_version){0, 0};
	const struct se_arch *arch = se_arch_find(o->arch); /* unknown: se_compile says so */
	bool to_cache = arch && se_cache_kernel_caches(arch) && se_kernel_cmp(newest, SE_CACHE_KERNEL) < 0;
	o->has_kernel = true;
	o->kernel = to_cache ? SE_CACHE_KERNEL : newest;
	if (to_cache && n)
		snprintf(s->kernel, sizeof s->kernel, "kernel 5.11 and later (the newest of %zu kernel "
			 "ranges starts at %u.%u; from 5.11 the kernel caches allowed syscalls; "
			 "--kernel X.Y picks another)", n + 1, newest.major, newest.minor);
	else if (to_cache)
		snprintf(s->kernel, sizeof s->kernel, "kernel 5.11 and later (the profile has no "
			 "minKernel; from 5.11 the kernel caches allowed syscalls; --kernel X.Y "
			 "picks another)");
	else if (n)
		snprintf(s->kernel, sizeof s->kernel, "kernel %u.%u and later (the newest of %zu "
			 "kernel ranges; --kernel X.Y picks another)", o->kernel.major,
			 o->kernel.minor, n + 1);
	else
		snprintf(s->kernel, sizeof s->kernel, "any kernel (the profile has no minKernel)");
	return 0;
}

/* libseccomp's program at an optimize level (0: runc's choice), with the stub. */
static int build_level(struct se_diag *d, const struct se_profile *p,
		       const struct se_stats_programs *s, unsigned level, struct se_program *out)
{
	const struct se_options *o = &s->options;
	struct se_build_options bo = {.enosys_stub = o->enosys_stub, .syscalls = o->syscalls,
				      .optimize_level = level};
	struct se_build_report rep = {0};
	int rc = se_build_program(d, p, &s->compiled.target, &s->compiled.arches, o->kernel, &bo,
				  out, &rep);
	se_build_report_free(&rep);
	return rc;
}

int se_stats_build(struct se_diag *d, const struct se_profile *p, const struct se_options *o,
		   struct se_stats_programs *out)
{
	memset(out, 0, sizeof *out);
	out->options = *o;
	out->options.command = SE_COMMAND_STATS;
	out->options.backend = SE_BACKEND_OURS;
	out->options.mode = SE_MODE_ENFORCE;
	if (pick_kernel(d, p, out) || se_compile(d, p, &out->options, &out->compiled) ||
	    build_level(d, p, out, 0, &out->ref) || build_level(d, p, out, 1, &out->level[0]) ||
	    build_level(d, p, out, 2, &out->level[1]))
		return SE_EINPUT;
	out->column[SE_STATS_OURS] = &out->compiled.variants[0].prog;
	out->column[SE_STATS_LEVEL1] = &out->level[0];
	out->column[SE_STATS_LEVEL2] = &out->level[1];
	return 0;
}

void se_stats_programs_free(struct se_stats_programs *s)
{
	se_compiled_free(&s->compiled);
	se_program_free(&s->ref);
	se_program_free(&s->level[0]);
	se_program_free(&s->level[1]);
}

static bool same_program(const struct se_program *a, const struct se_program *b)
{
	return a->len == b->len && memcmp(a->insns, b->insns, a->len * sizeof *a->insns) == 0;
}

int se_stats_reference_column(const struct se_stats_programs *s)
{
	if (same_program(&s->ref, &s->level[0]))
		return SE_STATS_LEVEL1;
	return same_program(&s->ref, &s->level[1]) ? SE_STATS_LEVEL2 : -1;
}
