/*
 * fuzz_profile.h - random Docker-style profiles and generator options, for
 * testing a compiler backend on rule sets nobody wrote by hand: random
 * default action, random rules over random syscall names of the eight test
 * arches and their compat arches (x32 included), random actions, random
 * argument conditions with every operator on random (and repeated)
 * indexes and 64-bit values near the boundaries where comparisons go
 * wrong, includes/excludes on arches, caps and minKernel, and an archMap
 * giving every test arch a random part of its Docker sub-arches.
 */
#ifndef FUZZ_PROFILE_H
#define FUZZ_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "fuzz_rng.h"
#include "profile.h"

/* One case: a profile as JSON text and the options it is compiled with
 * (besides --arch and --backend, which the test varies). */
struct fuzz_case {
	char *json;
	size_t json_len;
	const char *cap_add, *cap_drop; /* NULL: not given */
	bool has_kernel;
	struct se_kernel_version kernel;
	bool enosys_stub;
	bool trap_log;
	char hot[256]; /* --hot's value; "" when not given */
};

/* Fills `c` from `r`; exits on allocation failure (tests only). */
void fuzz_case_make(struct fuzz_rng *r, struct fuzz_case *c);
void fuzz_case_free(struct fuzz_case *c);

/* The options as a command line adds them after --arch, for a reproducer:
 * " --kernel 5.10 --cap-add CAP_BPF --no-enosys-stub". */
void fuzz_case_options(const struct fuzz_case *c, char *out, size_t len);

#endif
