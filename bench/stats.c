/* See stats.h. */
#include <stdlib.h>

#include "stats.h"

static int by_value(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The p-th percentile of sorted ns, linear between the closest ranks. */
static double percentile(const int64_t *ns, size_t n, double p)
{
	double rank = p / 100.0 * (double)(n - 1);
	size_t lo = (size_t)rank;
	size_t hi = lo + 1 < n ? lo + 1 : lo;
	return (double)ns[lo] + (rank - (double)lo) * (double)(ns[hi] - ns[lo]);
}

void bench_stats_of(int64_t *ns, size_t n, struct bench_stats *s)
{
	qsort(ns, n, sizeof ns[0], by_value);
	s->p10 = percentile(ns, n, 10);
	s->median = percentile(ns, n, 50);
	s->p90 = percentile(ns, n, 90);
}
