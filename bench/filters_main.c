/*
 * seccomp_embed_bench_filters: what our backend's program costs against
 * libseccomp's two layouts, in one run (README.md here): attach time against
 * a one-instruction filter, and the cost per call of a denied and of an
 * argument-checked syscall against no filter.  Children are forked in
 * rounds, one per program and measurement each round, so that drift on
 * the machine hits all alike.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "filters.h"
#include "filters_report.h"

#ifndef BENCH_PROFILE
#error "BENCH_PROFILE must name the Docker default profile"
#endif

enum { KIND_ATTACH, KIND_KEYCTL, KIND_PERSONALITY, KINDS };

struct samples {
	int64_t *ns[KINDS][BF_COUNT]; /* [kind][filter][child] */
};

static int usage(const char *argv0)
{
	fprintf(stderr, "usage: %s [-n CHILDREN] [-c CALLS]   (defaults 200 children per "
		"program and measurement, 1000 calls per child)\n", argv0);
	return 2;
}

static int round_of(const struct bench_filters *b, long calls, size_t i,
		    const struct bench_seccomp_state *before, struct samples *s)
{
	for (int f = 0; f < BF_COUNT; f++) {
		if (f != BF_NONE &&
		    bench_filter_attach(&b->f[f], before, &s->ns[KIND_ATTACH][f][i]) != 0)
			return -1;
		if (f != BF_ONE &&
		    bench_filter_calls(&b->f[f], calls, before, &s->ns[KIND_KEYCTL][f][i],
				       &s->ns[KIND_PERSONALITY][f][i]) != 0)
			return -1;
	}
	return 0;
}

static int measure(const struct bench_filters *b, size_t n, long calls, struct samples *s,
		   struct bench_filter_results *r)
{
	struct bench_seccomp_state before;
	if (bench_check_parent(&before) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (round_of(b, calls, i, &before, s) != 0)
			return -1;
	*r = (struct bench_filter_results){.children = n, .calls = calls};
	for (int f = 0; f < BF_COUNT; f++) {
		bench_stats_of(s->ns[KIND_ATTACH][f], n, &r->attach[f]);
		bench_stats_of(s->ns[KIND_KEYCTL][f], n, &r->keyctl[f]);
		bench_stats_of(s->ns[KIND_PERSONALITY][f], n, &r->personality[f]);
	}
	return 0;
}

static int run(size_t n, long calls)
{
	struct bench_filters b;
	struct bench_filter_results r;
	struct samples s = {0};
	int rc = bench_filters_build(BENCH_PROFILE, &b);
	for (int k = 0; rc == 0 && k < KINDS; k++)
		for (int f = 0; rc == 0 && f < BF_COUNT; f++)
			if (!(s.ns[k][f] = calloc(n, sizeof *s.ns[k][f]))) {
				fprintf(stderr, "%s: out of memory\n", program_invocation_short_name);
				rc = -1;
			}
	if (rc == 0 && (rc = measure(&b, n, calls, &s, &r)) == 0)
		bench_filters_report(&b, &r);
	for (int k = 0; k < KINDS; k++)
		for (int f = 0; f < BF_COUNT; f++)
			free(s.ns[k][f]);
	bench_filters_free(&b);
	return rc == 0 ? 0 : 1;
}

static int number(const char *s, long max, long *out)
{
	char *end;
	*out = strtol(s, &end, 10);
	return *end == '\0' && *out >= 1 && *out <= max ? 0 : -1;
}

int main(int argc, char **argv)
{
	long n = 200, calls = 1000;
	int opt;
	while ((opt = getopt(argc, argv, "n:c:h")) != -1)
		if ((opt != 'n' && opt != 'c') ||
		    number(optarg, opt == 'n' ? 1000000 : 100000000, opt == 'n' ? &n : &calls) != 0)
			return usage(argv[0]);
	if (optind != argc)
		return usage(argv[0]);
	return run((size_t)n, calls);
}
