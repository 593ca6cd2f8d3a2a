/*
 * analysis_programs.h - programs for the tests of the generator's analysis
 * (bpf_eval, validate, cache_check): the reference filter Docker would load
 * for a profile of ../shared/corpus and a target, with its arch set in the
 * generator's terms, built by reference_filter.c (not by the backend under
 * test).
 */
#ifndef ANALYSIS_PROGRAMS_H
#define ANALYSIS_PROGRAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "profile.h"
#include "program.h"
#include "resolve.h"

#define ANALYSIS_SKIP 77 /* CTest's SKIP_RETURN_CODE */
#define ANALYSIS_N_TARGETS 8

/* The eight test arches of the corpus tests. */
extern const char *const analysis_targets[ANALYSIS_N_TARGETS];

struct analysis_ref {
	struct se_profile profile;
	struct se_program prog;   /* the stub, then libseccomp's program */
	struct se_arch_set arches; /* the target first */
	bool big_endian;
};

/* The corpus directory; without it the project's profiles/ (saying so),
 * so that only comparisons with others' files are lost; NULL (after a
 * SKIP line) if neither is there. */
const char *analysis_corpus(void);
/* The name of Docker's default profile in that directory: Docker's own
 * file in the corpus, else profiles/docker-default.json. */
const char *analysis_docker_default(const char *corpus);

/* Build the reference for `file` (a name in the corpus directory) and the
 * target; minKernel profiles are decided for Linux 6.1.  Returns 0, 1 if
 * the generator or libseccomp (hence Docker) refuses it, -1 on any other
 * failure (printed). */
int analysis_reference(const char *corpus, const char *file, const char *target,
		       struct analysis_ref *out);
void analysis_ref_free(struct analysis_ref *r);

/* The *.json names in `dir`, sorted; free each and the array. */
size_t analysis_list_profiles(const char *dir, char ***names);

/* Call fn with the reference of every profile of the corpus directory on
 * every test target that the generator and libseccomp accept; `where` is
 * "FILE --arch TARGET".  Returns how many; a reference that could not be
 * built adds to *failures. */
typedef void (*analysis_fn)(const struct analysis_ref *r, const char *file, const char *target,
			    const char *where, void *ctx);
size_t analysis_each(const char *corpus, analysis_fn fn, void *ctx, unsigned *failures);

/* A copy of a program (exits on allocation failure: tests only). */
struct se_program analysis_copy(const struct se_program *p);

#endif
