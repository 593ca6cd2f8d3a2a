#include "apply_backend.h"

#include <stdlib.h>
#include <string.h>

#include "optimize.h"
#include "validate.h"
#include "hot.h"

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

int se_backend_apply(struct se_diag *d, const struct se_options *o, const struct se_target *t,
		     const struct se_arch_set *arches, struct se_program *prog,
		     struct se_backend_report *r)
{
	memset(r, 0, sizeof *r);
	r->reference_len = prog->len;
	if (o->backend == SE_BACKEND_LIBSECCOMP)
		return se_cache_check(prog, NULL, t->arch, &r->cache) < 0 ?
			       se_internal("out of memory checking the kernel's cache") : 0;
	struct se_hot hot;
	if (se_hot_parse(o->hot, &hot))
		return SE_EINPUT;
	/* the kernel's cache came in 5.11; without --kernel, assume it */
	hot.hints.uncached = o->has_kernel && (o->kernel.major < 5 ||
					       (o->kernel.major == 5 && o->kernel.minor < 11));
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
	if (ours.len > prog->len) { /* never behind libseccomp: its program ships */
		r->ours_len = ours.len;
		se_program_free(&ours);
		return 0;
	}
	se_program_free(prog);
	*prog = ours;
	r->optimized = true;
	return 0;
}
