/*
 * One measurement: fork a child, let it sandbox itself one way, and bring
 * back how long that took and the evidence that it worked.
 */
#ifndef BENCH_CHILD_H
#define BENCH_CHILD_H

#include <stddef.h>
#include <stdint.h>

#include "methods.h"
#include "verify.h"

struct bench_sample {
	int64_t ns; /* from fork() returning in the child to the filter in force */
	struct bench_evidence e;
};

/* Fork; the child runs body(arg, fd), which writes its result (`size`
 * bytes, one write) to fd and _exits.  The parent reads it into `out` and
 * reaps the child.  0, or -1 after printing why on stderr (fork failed,
 * the `name` child died or said nothing). */
int bench_fork(const char *name, void (*body)(const void *arg, int fd), const void *arg,
	       void *out, size_t size);

/* A child that times install(arg), then reads its seccomp state and the
 * probe: `out` filled, or -1 as bench_fork. */
int bench_time_install(const char *name, int (*install)(const void *arg), const void *arg,
		       struct bench_sample *out);

/* bench_time_install of m->install(profile). */
int bench_run_child(const struct bench_method *m, const char *profile,
		    struct bench_sample *out);

/* CLOCK_MONOTONIC in nanoseconds. */
int64_t bench_now_ns(void);

#endif
