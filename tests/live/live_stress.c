/*
 * The reporter under load: 8 threads each trap getpgrp 10,000 times
 * (tests/profiles/reports.json, getpgrp TRAP as syscalls[2]) with reports
 * going to a pipe the parent drains while they run.  Expected: no crash,
 * every call returned -1/ENOSYS, exactly 80,000 complete lines, each one a
 * full, well-formed report (so none was interleaved with another), 10,000
 * from each of 8 distinct threads.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <seccomp_embed.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "live_common.h"

#ifndef __x86_64__
int main(void)
{
	live_skip("live_stress", "the expected report lines are x86_64's (getpgrp(111))");
	return live_finish();
}
#else

extern const struct seccomp_embed_filter reports;

#define THREADS 8
#define CALLS 10000

static pthread_barrier_t go;
static int wrong[THREADS]; /* calls that did not return -1/ENOSYS */

static void *hammer(void *arg)
{
	int *bad = arg;
	pthread_barrier_wait(&go);
	for (int i = 0; i < CALLS; i++) {
		errno = 0;
		if (!(syscall(SYS_getpgrp) == -1 && errno == ENOSYS))
			++*bad;
	}
	return NULL;
}

static int stress_body(void *arg)
{
	(void)arg;
	pthread_t t[THREADS];
	if (seccomp_embed_install(&reports, 0))
		return 100;
	pthread_barrier_init(&go, NULL, THREADS);
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, hammer, &wrong[i]) != 0)
			return 101;
	int bad = 0;
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		bad += wrong[i];
	}
	live_result(bad, 0);
	return 0;
}

struct tally {
	long lines, malformed, other;
	pid_t pid;
	unsigned long tids[THREADS + 1];
	long per_tid[THREADS + 1];
	int n_tids;
	char first_bad[600];
};

static void tally_line(const char *line, void *ctx)
{
	struct tally *k = ctx;
	struct live_report r;
	char why[200];
	k->lines++;
	if (live_parse_report(line, &r, why, sizeof why) != 0) {
		if (!k->malformed++)
			snprintf(k->first_bad, sizeof k->first_bad, "malformed: %.200s (%s)", line, why);
		return;
	}
	if (r.kind != LIVE_VIOLATION || (long)r.pid != k->pid || strcmp(r.name, "getpgrp") ||
	    r.nr != 111 || strcmp(r.arch, "x86_64") || strcmp(r.rule, "syscalls[2]") ||
	    strcmp(r.outcome, "returning ENOSYS")) {
		if (!k->other++ && !k->malformed)
			snprintf(k->first_bad, sizeof k->first_bad, "unexpected: %.300s", line);
		return;
	}
	int i = 0;
	while (i < k->n_tids && k->tids[i] != r.tid)
		i++;
	if (i == k->n_tids) {
		if (k->n_tids == THREADS + 1) {
			k->other++;
			return;
		}
		k->tids[k->n_tids++] = r.tid;
	}
	k->per_tid[i]++;
}

int main(void)
{
	const char *name = "8 threads x 10000 trapped getpgrp";
	struct timespec t0, t1;
	struct live_child c;
	struct tally k = {0};
	char got[200];
	clock_gettime(CLOCK_MONOTONIC, &t0);
	live_run(stress_body, NULL, 1, &c);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	k.pid = c.pid;
	live_check(c.signal == 0 && c.code == 0 && c.has_result, name,
		   "expected the child to exit 0, child %s", live_describe(&c, got, sizeof got));
	live_check(c.has_result && c.rc == 0, name,
		   "expected every call to return -1/ENOSYS, %ld did not", c.rc);
	long n = live_for_each_line(c.reports, c.reports_len, tally_line, &k);
	live_check(n >= 0, name, "the report text ends with a torn line");
	live_check(k.lines == THREADS * CALLS, name, "expected %d lines, got %ld", THREADS * CALLS,
		   k.lines);
	live_check(k.malformed == 0 && k.other == 0, name,
		   "%ld malformed (torn or interleaved) and %ld unexpected lines; first: %s",
		   k.malformed, k.other, k.first_bad);
	int per_ok = k.n_tids == THREADS;
	for (int i = 0; i < k.n_tids; i++)
		per_ok &= k.per_tid[i] == CALLS && k.tids[i] != (unsigned long)c.pid;
	live_check(per_ok, name,
		   "expected %d worker tids with %d lines each, got %d tids (first: %ld lines)",
		   THREADS, CALLS, k.n_tids, k.n_tids ? k.per_tid[0] : 0L);
	printf("stress: %ld lines, %zu bytes in %.2f s\n", k.lines, c.reports_len,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	live_child_free(&c);
	live_case_done(name);
	return live_finish();
}
#endif
