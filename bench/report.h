/* Printing the results: machine facts, then a Markdown table. */
#ifndef BENCH_REPORT_H
#define BENCH_REPORT_H

#include <stddef.h>

#include "stats.h"

/* One line: CPU, usable CPUs, kernel, how fast a syscall is (and a note
 * if the build is sanitized). */
void bench_report_machine(void);

/* The header: what was measured, how often, and on which machine. */
void bench_report_header(const char *profile, size_t children);

/* One row of the table (the first call prints the table's head). */
void bench_report_row(const char *method, size_t instructions, const struct bench_stats *s);

/* "a / b: 12.3x", from the medians. */
void bench_report_ratio(const char *a, const char *b, double a_ns, double b_ns);

#endif
