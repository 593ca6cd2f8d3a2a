/*
 * report.h - the SIGSYS reporter's internal interface.
 */
#ifndef SECCOMP_EMBED_REPORT_H
#define SECCOMP_EMBED_REPORT_H

#include <seccomp_embed.h>

/* Remember a filter (and the program of it that was loaded) so that reports
 * can name syscalls and rules.  Returns 0 or -ENOSPC. */
int se_report_register(const struct seccomp_embed_filter *filter,
		       const struct seccomp_embed_program *program);

/* Forget the filter registered last (its load failed). */
void se_report_unregister_last(void);

/* The filter registered last is trap-log without a supervisor (its
 * fallback program): its TRAPs are reported here, not handed over. */
void se_report_mark_in_process(void);

#endif
