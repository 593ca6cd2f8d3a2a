/*
 * strace_summary.h - one row of an `strace -c` summary ("% time, seconds,
 * usecs/call, calls, [errors], syscall"), for --hot's weights and for
 * `suggest`, which both read such tables.
 */
#ifndef SE_STRACE_SUMMARY_H
#define SE_STRACE_SUMMARY_H

#include <stdbool.h>

/* True for a row (the header, the rulers and the total are not rows): then
 * *calls is its call count and *name points into `line`, which is cut into
 * words. */
bool se_strace_summary_row(char *line, unsigned long *calls, char **name);

#endif
