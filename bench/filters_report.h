/* The filter bench's tables: attach time, then the cost per call. */
#ifndef BENCH_FILTERS_REPORT_H
#define BENCH_FILTERS_REPORT_H

#include "filters.h"
#include "stats.h"

struct bench_filter_results {
	size_t children;
	long calls; /* per child and syscall */
	/* attach: ns per attach; keyctl, personality: ns per `calls` calls */
	struct bench_stats attach[BF_COUNT], keyctl[BF_COUNT], personality[BF_COUNT];
};

void bench_filters_report(const struct bench_filters *b, const struct bench_filter_results *r);

#endif
