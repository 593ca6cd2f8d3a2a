#include "apply_backend.h"

#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "optimize.h"
#include "path_costs.h"
#include "validate.h"
#include "hot.h"
#include "usual_mix.h"

/* Ours ships only if it decides like the reference on every input of
 * validate.h and keeps every syscall the reference lets the kernel's cache
 * skip; anything else is a bug in the backend, reported as such. */
static int check(const struct se_target *t, const struct se_arch_set *arches,
		 const struct se_program *ref, const struct se_program *ours,
		 struct se_backend_report *r)
{
	struct se_validate_failure f;
	char line[512];
	int rc = se_validate(ref, ours, arches, &f);
	r->validated = f.inputs;
	if (rc < 0)
		return se_internal("out of memory validating the program");
	if (rc > 0) {
		se_validate_format(&f, line, sizeof line);
		return se_internal("in the optimizing backend, %s "
				"(--backend libseccomp avoids it; please report)", line);
	}
	rc = se_cache_check(ref, ours, t->arch, &r->cache);
	if (rc < 0)
		return se_internal("out of memory checking the kernel's cache");
	if (rc > 0) {
		se_cache_format_lost(&r->cache, line, sizeof line);
		return se_internal("in the optimizing backend: %s "
				"(--backend libseccomp avoids it; please report)", line);
	}
	return 0;
}

static double mean(const struct se_cost *c)
{
	return c->n ? (double)c->sum / (double)c->n : 0;
}

/* 1 (and why in words) if ours is longer than libseccomp's, or runs more
 * instructions on average for some class of syscall of some arch; 0 if
 * not; -1 when out of memory. */
static int behind(const struct se_program *ref, const struct se_program *ours,
		  const struct se_arch_set *arches, const struct se_cache_report *cache, char *why,
		  size_t len)
{
	static const char *const class_name[SE_COST_GROUPS] = {
		[SE_COST_ARGS] = "argument-checked", [SE_COST_DENIED] = "denied",
		[SE_COST_UNCACHED] = "allowed uncached"};
	struct se_probe_plan plan;
	struct se_costs theirs, mine;
	if (ours->len > ref->len) {
		snprintf(why, len, "longer (%zu instructions)", ours->len);
		return 1;
	}
	if (se_probe_plan_make(ref, ours, arches, &plan))
		return -1;
	int rc = se_costs_classes(ref, arches, &plan, cache, &theirs) ||
		 se_costs_classes(ours, arches, &plan, cache, &mine) ? -1 : 0;
	se_probe_plan_free(&plan);
	for (int g = 0; rc == 0 && g < SE_COST_GROUPS; g++)
		if (mine.all[g].n && theirs.all[g].n && mean(&mine.all[g]) > mean(&theirs.all[g])) {
			snprintf(why, len, "slower on %s syscalls (%.2f instructions on average, "
				 "libseccomp's %.2f)", class_name[g], mean(&mine.all[g]),
				 mean(&theirs.all[g]));
			rc = 1;
		}
	return rc;
}

int se_backend_apply(struct se_diag *d, const struct se_options *o, bool uncached,
		     const struct se_target *t, const struct se_arch_set *arches,
		     struct se_program *prog, struct se_backend_report *r)
{
	memset(r, 0, sizeof *r);
	r->reference_len = prog->len;
	if (o->backend == SE_BACKEND_LIBSECCOMP)
		return se_cache_check(prog, NULL, t->arch, &r->cache) < 0 ?
			       se_internal("out of memory checking the kernel's cache") : 0;
	struct se_hot hot;
	if (se_hot_parse(o->hot, &hot))
		return SE_EINPUT;
	/* MIPS kernels keep no cache at all */
	uncached = uncached || !se_options_kernel_caches(o) || !se_cache_kernel_caches(t->arch);
	hot.hints.uncached = uncached;
	if (hot.hints.uncached && !o->hot)
		hot.hints = se_usual_mix(); /* every allowed call runs it: the busiest first */
	struct se_program ours;
	int rc = se_optimize(prog, arches, &hot.hints, &ours);
	se_hot_free(&hot);
	if (rc == SE_ETOOLONG)
		return 0; /* the length check that follows says so */
	if (rc == SE_EUNSUPPORTED) {
		se_warn(d, NULL, "the reference program uses what our backend does not model; "
			"keeping libseccomp's program");
		return 0;
	}
	if (rc)
		return se_internal("out of memory optimizing the program");
	if (check(t, arches, prog, &ours, r)) {
		se_program_free(&ours);
		return SE_EINPUT;
	}
	/* on a kernel without the cache every allowed call runs the filter */
	struct se_cache_report none = {0};
	rc = behind(prog, &ours, arches, uncached ? &none : &r->cache,
		    r->kept_why, sizeof r->kept_why);
	if (rc) { /* never behind libseccomp: its program ships */
		se_program_free(&ours);
		return rc < 0 ? se_internal("out of memory measuring the programs") : 0;
	}
	se_program_free(prog);
	*prog = ours;
	r->optimized = true;
	return 0;
}
