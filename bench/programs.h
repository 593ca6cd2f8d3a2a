/*
 * The programs bench (seccomp_embed_bench_programs, README.md here): the
 * attach time of any raw classic-BPF programs, each in fresh children,
 * interleaved round by round with a one-instruction filter so that the
 * machine's drift hits all alike.  A child may be confined by a filter
 * that denies everything it could report with, so the parent checks the
 * kernel's count of its filters itself (/proc/PID/status, the child
 * stopped) rather than trusting the child to read it.
 */
#ifndef BENCH_PROGRAMS_H
#define BENCH_PROGRAMS_H

#include <linux/filter.h>
#include <stddef.h>
#include <stdint.h>

#include "verify.h"

struct bench_program {
	char label[128];
	const struct sock_filter *insns;
	size_t len;
	struct sock_filter *owned; /* insns when read from a file (free it), or NULL */
};

/* Reads FILE (raw, this machine's byte order) as `label`; 0, or -1 after
 * saying why on stderr. */
int bench_program_read(const char *label, const char *file, struct bench_program *out);

/* One fresh child attaches `p`, timed from fork() returning in it to
 * seccomp(2) returning; the parent then checks that the child runs one
 * filter more than `before`.  0 with *ns set, or -1 after saying why. */
int bench_program_attach(const struct bench_program *p, const struct bench_seccomp_state *before,
			 int64_t *ns);

#endif
