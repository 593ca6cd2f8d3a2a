/* Order statistics of the timings. */
#ifndef BENCH_STATS_H
#define BENCH_STATS_H

#include <stddef.h>
#include <stdint.h>

struct bench_stats {
	double p10, median, p90; /* nanoseconds */
};

/* Sorts ns[0..n) (n >= 1) and fills `s`, interpolating between ranks. */
void bench_stats_of(int64_t *ns, size_t n, struct bench_stats *s);

#endif
