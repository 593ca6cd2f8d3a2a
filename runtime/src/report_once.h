/*
 * report_once.h - SECCOMP_EMBED_REPORT_ONCE: each (call, deciding rule)
 * reported once, counted every time, and summed up when the program ends.
 * Lock-free (one compare-and-swap claims a slot), so the SIGSYS handler
 * may use it from any thread; the table may live in memory shared with the
 * process that writes the summary after the program is gone.
 */
#ifndef SECCOMP_EMBED_REPORT_ONCE_H
#define SECCOMP_EMBED_REPORT_ONCE_H

#include <stdint.h>

#include "report_line.h"

#define SE_ONCE_SLOTS 1024

struct se_once_slot {
	uint64_t key; /* 0: free */
	uint32_t count;
	struct se_report first; /* the report written for it */
};

struct se_once_table {
	struct se_once_slot slot[SE_ONCE_SLOTS];
};

/* True if this (call, rule) was seen before in `t`; counts it either way.
 * A full table says no, rather than lose a denial. */
int se_once_seen(struct se_once_table *t, const struct se_report *r);
/* One summary line per (call, rule) seen, in table order. */
void se_once_summary(const struct se_once_table *t, enum se_report_format format, int fd);

#endif
