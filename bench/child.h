/*
 * One measurement: fork a child, let it sandbox itself one way, and bring
 * back how long that took and the evidence that it worked.
 */
#ifndef BENCH_CHILD_H
#define BENCH_CHILD_H

#include <stdint.h>

#include "methods.h"
#include "verify.h"

struct bench_sample {
	int64_t ns;       /* from fork() returning in the child to the filter in force */
	int rc;           /* what the install returned: 0 or a negative errno */
	struct bench_seccomp_state after;
	int probe_errno;  /* bench_probe_errno() once sandboxed */
};

/* 0 with `out` filled, or -1 after printing why on stderr (fork failed,
 * the child died or said nothing). */
int bench_run_child(const struct bench_method *m, const char *profile,
		    struct bench_sample *out);

#endif
