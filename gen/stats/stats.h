/*
 * stats.h - `seccomp-embed stats`: one filter as our backend writes it and
 * as libseccomp writes it at optimize levels 1 and 2, side by side, as a
 * Markdown table on standard output: program length, how many
 * constant-allow syscalls the kernel's cache lets skip the filter, and the
 * instructions the other syscalls execute (path_costs.h).
 */
#ifndef SE_STATS_H
#define SE_STATS_H

#include "diag.h"
#include "options.h"
#include "profile.h"

#define SE_STATS_INTERNAL (-1) /* an internal failure, already reported */

/* Returns 0, SE_EINPUT (bad input, reported) or SE_STATS_INTERNAL. */
int se_stats_run(struct se_diag *d, const struct se_profile *p, const struct se_options *o);

#endif
