/*
 * opt_hints.h - syscalls worth reaching in few compares: names from --hot
 * (hot.h), or weights read from an `strace -c` summary, and whether the
 * target kernel caches constant-allow syscalls.  The weights
 * (opt_weights.h) add them to what each run is worth.
 */
#ifndef SE_OPT_HINTS_H
#define SE_OPT_HINTS_H

#include <stdbool.h>
#include <stddef.h>

/* Names unknown on an arch are ignored. */
struct se_opt_hints {
	const char *const *names;
	const double *weights; /* NULL: all equal */
	size_t n;
	/* The target kernel keeps no cache of constant-allow syscalls (it is
	 * older than 5.11): every allowed call runs the filter. */
	bool uncached;
};

#endif
