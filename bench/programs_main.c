/*
 * seccomp_embed_bench_programs: the attach time of raw BPF programs against
 * a one-instruction filter, in one run (programs.h, README.md here).
 *
 *   seccomp_embed_bench_programs [-n ROUNDS] LABEL=FILE.bpf...
 *
 * Each round forks one child per program and one for the floor, starting
 * one further along the list each round, so that drift and the order of
 * the children hit every program alike.  Prints the machine, then one row
 * per program: median, p10, p90, the median over the floor's and the
 * median above the floor's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "methods.h"
#include "programs.h"
#include "report.h"
#include "stats.h"

#define MAX_PROGRAMS 64
#define DEFAULT_ROUNDS 101

static int usage(const char *argv0)
{
	fprintf(stderr, "usage: %s [-n ROUNDS] LABEL=FILE.bpf...   (default %d rounds; FILE is a "
		"raw classic-BPF program in this machine's byte order)\n", argv0, DEFAULT_ROUNDS);
	return 2;
}

/* The floor first, then each LABEL=FILE; the count, or -1. */
static int read_programs(int argc, char **argv, int first, struct bench_program *p)
{
	int n = 1;
	snprintf(p[0].label, sizeof p[0].label, "one instruction (RET ALLOW)");
	p[0].insns = bench_one_instruction;
	p[0].len = 1;
	for (int i = first; i < argc; i++, n++) {
		char *eq = strchr(argv[i], '=');
		if (!eq || eq == argv[i] || n == MAX_PROGRAMS)
			return fprintf(stderr, "%s: %s: expected LABEL=FILE.bpf (at most %d)\n",
				       program_invocation_short_name, argv[i], MAX_PROGRAMS - 1), -1;
		*eq = '\0';
		if (bench_program_read(argv[i], eq + 1, &p[n]) != 0)
			return -1;
	}
	return n > 1 ? n : (usage(argv[0]), -1);
}

static int measure(const struct bench_program *p, int n, size_t rounds, int64_t **ns)
{
	struct bench_seccomp_state before;
	if (bench_check_parent(&before) != 0)
		return -1;
	for (size_t r = 0; r < rounds; r++)
		for (int k = 0; k < n; k++) {
			int i = (int)((r + (size_t)k) % (size_t)n);
			if (bench_program_attach(&p[i], &before, &ns[i][r]) != 0)
				return -1;
		}
	return 0;
}

static void report(const struct bench_program *p, int n, size_t rounds, int64_t **ns)
{
	struct bench_stats s[MAX_PROGRAMS];
	for (int i = 0; i < n; i++)
		bench_stats_of(ns[i], rounds, &s[i]);
	printf("seccomp-embed programs bench: %zu rounds, one child per program each round, "
	       "attach timed in the child from fork() to seccomp(2) returning\n", rounds);
	bench_report_machine();
	printf("\n| program | instructions | median (us) | p10 (us) | p90 (us) | x floor | above "
	       "the floor (us) |\n|---|---:|---:|---:|---:|---:|---:|\n");
	for (int i = 0; i < n; i++)
		printf("| %s | %zu | %.1f | %.1f | %.1f | %.2f | %.1f |\n", p[i].label, p[i].len,
		       s[i].median / 1e3, s[i].p10 / 1e3, s[i].p90 / 1e3, s[i].median / s[0].median,
		       (s[i].median - s[0].median) / 1e3);
}

int main(int argc, char **argv)
{
	static struct bench_program programs[MAX_PROGRAMS];
	int64_t *ns[MAX_PROGRAMS] = {0};
	long rounds = DEFAULT_ROUNDS;
	int first = 1, rc = 1;
	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		char *end;
		rounds = strtol(argv[2], &end, 10);
		if (*end || rounds < 1 || rounds > 100000)
			return usage(argv[0]);
		first = 3;
	}
	if (argc > first && argv[first][0] == '-')
		return usage(argv[0]);
	int n = read_programs(argc, argv, first, programs);
	if (n < 0)
		return 2;
	for (int i = 0; i < n; i++)
		if (!(ns[i] = calloc((size_t)rounds, sizeof *ns[i])))
			goto out;
	if (measure(programs, n, (size_t)rounds, ns) == 0) {
		report(programs, n, (size_t)rounds, ns);
		rc = 0;
	}
out:
	for (int i = 0; i < n; i++) {
		free(ns[i]);
		free(programs[i].owned);
	}
	return rc;
}
