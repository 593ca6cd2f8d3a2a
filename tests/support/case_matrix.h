/*
 * case_matrix.h - the capability sets and kernel versions a profile must be
 * compiled for before one can say it decides like another everywhere: the
 * inputs Docker takes from the host at container start.
 */
#ifndef CASE_MATRIX_H
#define CASE_MATRIX_H

#include <stdbool.h>
#include <stddef.h>

#include "caps.h"
#include "profile.h"

/* A capability set as `docker run --cap-add/--cap-drop` gives it. */
struct cap_set {
	char label[48];
	const char *add[1], *drop[1];
	size_t n_add, n_drop;
	int cap_index; /* the capability added to or removed from the default, or -1 */
};

/* A kernel choice: `--kernel X.Y`, or none (one program per kernel range). */
struct kernel_choice {
	bool given;
	struct se_kernel_version v;
};

/* Which capabilities the rules of `profiles` mention (includes/excludes). */
void caps_mentioned(const struct se_profile *const *profiles, size_t n, bool mentioned[SE_CAP_COUNT]);

/* docker run's default set, ALL, none (--cap-drop ALL), then for every
 * mentioned capability the default with it added (or, if the default has
 * it, removed).  Returns how many were written (at most `cap`). */
size_t cap_sets_plan(const bool mentioned[SE_CAP_COUNT], struct cap_set *out, size_t cap);

/* The set `cs` (plus `extra`, if not NULL) as the generator computes it. */
int cap_set_resolve(const struct cap_set *cs, const char *extra, struct se_caps *out);

/* For each minKernel threshold of `profiles`: the minor version below, the
 * threshold, the minor version above; then "no --kernel", always last.
 * Returns how many were written (at most `cap`). */
size_t kernels_plan(const struct se_profile *const *profiles, size_t n,
		    struct kernel_choice *out, size_t cap);

void kernel_choice_label(const struct kernel_choice *k, char *out, size_t len);

#endif
