/*
 * report_line.h - one report of a denied call, as a line of text or of
 * JSON (SECCOMP_EMBED_REPORT_FORMAT=json).  Written by the SIGSYS reporter
 * (report.c) and by the trap-log supervisor (supervisor.c) alike: no
 * malloc, no stdio, one write(2) per line.
 */
#ifndef SECCOMP_EMBED_REPORT_LINE_H
#define SECCOMP_EMBED_REPORT_LINE_H

#include <stdint.h>

#include "attribute.h"

/* What the program experiences once the report is written. */
enum se_fate { SE_FATE_ERRNO, SE_FATE_KILL_THREAD, SE_FATE_KILL_PROCESS, SE_FATE_CRASH };

struct se_verdict {
	enum se_fate fate;
	int err;         /* for SE_FATE_ERRNO */
	uint32_t action; /* the enforcing filter's SECCOMP_RET_* value */
};

struct se_decision {
	const struct seccomp_embed_filter *filter; /* NULL: no filter knows the arch */
	enum se_decider decider;
	unsigned profile_index;
};

enum se_report_format { SE_REPORT_TEXT, SE_REPORT_JSON };

struct se_report {
	uint64_t pid, tid, pc;
	struct se_call call;
	struct se_decision decision;
	struct se_verdict verdict;
	int learn;           /* learn mode: the call was let through */
	int name_filter;     /* several filters are installed: say which */
	struct se_near_miss miss; /* an allow rule whose condition failed */
};

/* The verdict of an enforcing SECCOMP_RET_* value (the CRASH switch aside). */
struct se_verdict se_verdict_of_action(uint32_t action);

void se_report_write(const struct se_report *r, enum se_report_format format, int fd);
/* "seccomp-embed: summary: ... N time(s)" for one (call, rule). */
void se_report_write_summary(const struct se_report *r, uint32_t count,
			     enum se_report_format format, int fd);

#endif
