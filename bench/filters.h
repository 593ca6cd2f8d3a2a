/*
 * The filter bench (seccomp_embed_bench_filters, README.md here): the
 * programs it attaches, built in the parent before any child is forked with
 * the generator library, as `seccomp-embed stats PROFILE --arch <this
 * machine> --kernel <running kernel>` builds them: ours, libseccomp's at
 * optimize levels 1 and 2 (each with runc's ENOSYS stub), docker run's
 * default capabilities; plus a one-instruction filter and no filter.
 */
#ifndef BENCH_FILTERS_H
#define BENCH_FILTERS_H

#include <cjson/cJSON.h>
#include <linux/filter.h>
#include <stdbool.h>
#include <stdint.h>

#include "profile.h"
#include "stats_build.h"
#include "verify.h"

enum { BF_OURS, BF_LEVEL1, BF_LEVEL2, BF_ONE, BF_NONE, BF_COUNT };

struct bench_filter {
	const char *label;
	const struct sock_filter *insns; /* NULL: no filter */
	size_t len;
	bool docker; /* the profile's program: it must deny the probe (verify.h) */
	/* instructions each timed call executes in the program (bpf_eval.h) */
	uint32_t keyctl_steps, personality_steps;
};

struct bench_filters {
	cJSON *root;
	struct se_profile profile;
	struct se_stats_programs programs;
	struct bench_filter f[BF_COUNT];
	char what[512]; /* the profile, arches and kernel, in words */
};

/* 0, or -1 after saying why on stderr. */
int bench_filters_build(const char *profile, struct bench_filters *out);
void bench_filters_free(struct bench_filters *b);

/* The calls timed: keyctl(KEYCTL_GET_KEYRING_ID, 0, 0), which the Docker
 * default denies with EPERM, and personality(0xffffffff), which it allows
 * after checking the argument. */
#define BENCH_PERSONALITY_QUERY 0xffffffffUL

/* Attach time of `f` in a fresh child (checked as verify.h says): 0 with
 * *ns set, or -1 after saying why. */
int bench_filter_attach(const struct bench_filter *f, const struct bench_seccomp_state *before,
			int64_t *ns);

/* In a fresh child with `f` attached (none if f->insns is NULL): the time
 * `calls` keyctl probes take, then `calls` personality queries.  0, or -1
 * after saying why. */
int bench_filter_calls(const struct bench_filter *f, long calls,
		       const struct bench_seccomp_state *before, int64_t *keyctl_ns,
		       int64_t *personality_ns);

#endif
