/*
 * diff.h - `seccomp-embed diff A B`: do two filters decide alike?  Each
 * side is a running process (its filters, layered as the kernel runs
 * them), a raw .bpf file, or a profile compiled with compile's options.
 * They are run on the inputs translation validation uses (compare.h) and
 * the first differences are said in words.
 */
#ifndef SE_DIFF_H
#define SE_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"

struct se_diff_options {
	const char *a, *b;
	/* for profiles: what shapes the program; its arch (default this
	 * machine's) also gives a .bpf file's byte order */
	struct se_options compile;
	bool bare;   /* a profile's program alone, without the runtime's death filter */
	size_t max;  /* differences printed; 0: all */
	bool quiet;  /* the differences only, no header or summary */
};

/* 0 when both decide alike on every input, 1 when they differ (printed),
 * SE_EINPUT after reporting bad input, -1 on an internal failure. */
int se_diff_run(const struct se_diff_options *o);

#endif
