/*
 * seccomp_embed_bench: what embedding buys at start-up.  Forks children in
 * rounds (one per method each round, so drift hits all methods alike), lets
 * each sandbox itself one way, checks that a filter really is in force, and
 * prints the medians, p10 and p90 and the ratios.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "child.h"
#include "methods.h"
#include "report.h"

#ifndef BENCH_PROFILE
#error "BENCH_PROFILE must name the JSON profile the embedded table was compiled from"
#endif

enum { EMBEDDED, USUAL, FLOOR, N_METHODS };

static const struct bench_method methods[N_METHODS] = {
	[EMBEDDED] = {"embedded", "embedded: seccomp_embed_install()", bench_install_embedded, 1},
	[USUAL] = {"usual", "usual: read JSON, cJSON, libseccomp, seccomp_load()",
		   bench_install_usual, 1},
	[FLOOR] = {"floor", "floor: one RET ALLOW instruction", bench_install_floor, 0},
};

static int usage(const char *argv0)
{
	fprintf(stderr, "usage: %s [-n CHILDREN]   (default 200 per method)\n", argv0);
	return 2;
}

static int measure(size_t n, int64_t *ns[N_METHODS])
{
	struct bench_seccomp_state before;
	if (bench_check_parent(&before) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		for (int m = 0; m < N_METHODS; m++) {
			struct bench_sample s;
			if (bench_run_child(&methods[m], BENCH_PROFILE, &s) != 0 ||
			    bench_check_child(methods[m].name, &s.e, 1, methods[m].denies_probe,
					      &before) != 0)
				return -1;
			ns[m][i] = s.ns;
		}
	}
	return 0;
}

static void report(size_t n, int64_t *ns[N_METHODS])
{
	struct bench_stats st[N_METHODS];
	const size_t length[N_METHODS] = {
		[EMBEDDED] = bench_embedded_length(),
		[USUAL] = bench_usual_length(BENCH_PROFILE),
		[FLOOR] = 1,
	};
	bench_report_header(BENCH_PROFILE, n);
	for (int m = 0; m < N_METHODS; m++) {
		bench_stats_of(ns[m], n, &st[m]);
		bench_report_row(methods[m].label, length[m], &st[m]);
	}
	printf("\n");
	bench_report_ratio("usual", "embedded", st[USUAL].median, st[EMBEDDED].median);
	bench_report_ratio("embedded", "floor", st[EMBEDDED].median, st[FLOOR].median);
	printf("every child was checked: Seccomp filter mode, one more filter, and keyctl "
	       "denied (EPERM) by the two Docker filters, allowed by the floor\n");
}

int main(int argc, char **argv)
{
	long n = 200;
	int opt;
	while ((opt = getopt(argc, argv, "n:h")) != -1) {
		char *end = NULL;
		if (opt == 'n')
			n = strtol(optarg, &end, 10);
		if (opt != 'n' || *end != '\0' || n < 1 || n > 1000000)
			return usage(argv[0]);
	}
	if (optind != argc)
		return usage(argv[0]);
	int64_t *ns[N_METHODS];
	int rc = 0;
	for (int m = 0; m < N_METHODS; m++) {
		ns[m] = calloc((size_t)n, sizeof ns[m][0]);
		if (!ns[m])
			rc = -1;
	}
	if (rc != 0)
		fprintf(stderr, "seccomp_embed_bench: out of memory\n");
	if (rc == 0 && (rc = measure((size_t)n, ns)) == 0)
		report((size_t)n, ns);
	for (int m = 0; m < N_METHODS; m++)
		free(ns[m]);
	return rc == 0 ? 0 : 1;
}
