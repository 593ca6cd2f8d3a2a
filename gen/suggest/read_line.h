/*
 * read_line.h - the line readers behind read_run.h, one per format.  Each
 * returns 1 when the line was its format (and is recorded), 0 when not,
 * -1 when out of memory.
 */
#ifndef SE_READ_LINE_H
#define SE_READ_LINE_H

#include <stdbool.h>
#include <sys/types.h>

#include "arch.h"
#include "observed.h"

struct se_read_stats; /* read_run.h */

#define SE_MAX_32BIT_PIDS 64

struct se_reader {
	struct se_observed *out;
	struct se_read_stats *stats;
	const struct se_arch *arch;   /* of lines that do not say */
	const struct se_arch *compat; /* strace's "runs in 32 bit mode": the compat arch */
	pid_t pids32[SE_MAX_32BIT_PIDS];
	bool in_summary;              /* inside an `strace -c` table */
};

int se_read_report_line(struct se_reader *r, const char *line);
int se_read_audit_line(struct se_reader *r, const char *line);
int se_read_strace_line(struct se_reader *r, const char *line);

/* The name of syscall `nr` on `arch`, into `buf`; NULL if it has none. */
const char *se_reader_name(const struct se_arch *arch, uint32_t nr, char buf[64]);
/* The arch a report or an audit line names: its uname spelling, or its
 * AUDIT_ARCH in hex (x86_64's, with bit 30 of nr: x32). */
const struct se_arch *se_reader_arch(const char *name, uint32_t nr);

#endif
