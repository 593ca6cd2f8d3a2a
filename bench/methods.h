/*
 * The three ways the bench sandboxes a freshly forked child.  Each returns
 * 0 once the filter is in force, or a negative errno.
 */
#ifndef BENCH_METHODS_H
#define BENCH_METHODS_H

#include <linux/filter.h>
#include <stddef.h>

struct bench_method {
	const char *name;  /* in messages and ratios */
	const char *label; /* in the table */
	int (*install)(const char *profile);
	/* nonzero if the filter must deny the probe syscall (verify.h) */
	int denies_probe;
};

/* seccomp_embed_install() of the table compiled at build time. */
int bench_install_embedded(const char *profile);
/* Read and parse the JSON profile, build the filter with libseccomp, load it. */
int bench_install_usual(const char *profile);
/* A one-instruction RET ALLOW filter: the least a seccomp install costs. */
int bench_install_floor(const char *profile);
extern const struct sock_filter bench_one_instruction[1]; /* its program */

/* Instructions in each method's program, for the table (0 if unknown). */
size_t bench_embedded_length(void);
size_t bench_usual_length(const char *profile);

#endif
