/*
 * fuzz_driver.h - the loop shared by the backend fuzz tests: random cases
 * (fuzz_profile.h) from a printed seed, each written to a temporary file,
 * parsed and compiled by se_compile for the eight test arches with both
 * backends, then handed to the test; a failing case's profile is kept
 * with a command line that reproduces it.
 *
 * Environment: SECCOMP_EMBED_FUZZ_CASES (how many), SECCOMP_EMBED_FUZZ_SEED,
 * SECCOMP_EMBED_FUZZ_CASE=N (case N alone).
 */
#ifndef FUZZ_DRIVER_H
#define FUZZ_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include "compile.h"
#include "fuzz_profile.h"
#include "fuzz_rng.h"

/* One case compiled for one test arch by both backends. */
struct fuzz_target {
	unsigned index;
	const char *path, *target;
	const struct se_arch *arch;
	const struct fuzz_case *fc;
	struct fuzz_rng *r;
	unsigned *failures;
	struct se_profile profile;
	struct se_options ours_opts, lib_opts; /* the compiled results point here */
	struct se_compiled ours, lib;
	int ours_rc, lib_rc; /* se_compile's */
};

typedef void (*fuzz_target_fn)(struct fuzz_target *t, void *ctx);

struct fuzz_run {
	uint64_t seed;
	unsigned long long cases, only;
	char dir[4096];
	unsigned cases_run, failures;
	double seconds; /* set by fuzz_run_finish */
};

/* Reads the environment, makes the temporary directory, prints the seed
 * (stdout line-buffered from here on).  Returns 0, or -1 (printed). */
int fuzz_run_init(struct fuzz_run *run, unsigned long long default_cases, uint64_t default_seed);
/* Calls `fn` for every case and test arch the profile parses for. */
void fuzz_run_cases(struct fuzz_run *run, fuzz_target_fn fn, void *ctx);
/* Removes the directory unless a failing profile is kept in it. */
void fuzz_run_finish(struct fuzz_run *run);

/* "FAIL case N --arch A: what" and the command reproducing it. */
void fuzz_target_fail(struct fuzz_target *t, const char *what);

#endif
